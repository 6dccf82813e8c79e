"""The plan page: the summary table as in the source, chart, movement, risks and rounds."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from headway.plans.assessment import Assessment
from headway.plans.charts import PALETTE, status_chart_svg
from headway.plans.choices import Status, UpdateState
from headway.testing.factories import (
    ActionFactory,
    OutcomeAreaFactory,
    ProgressUpdateFactory,
    ReviewRoundFactory,
    RiskFactory,
)

from .chart_readback import legend_colours, svg_from_img_src


@pytest.fixture
def two_rounds(plan):
    area = OutcomeAreaFactory(plan=plan, number=1, title="Strategic Vision and Leadership")
    first = ReviewRoundFactory(plan=plan, as_at=dt.date(2012, 12, 1), title="December update")
    second = ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12), title="March update")
    moving = ActionFactory(plan=plan, area=area, reference="1.1", title="Strategy meetings")
    split = ActionFactory(plan=plan, area=area, reference="1.2", title="Family files")
    ProgressUpdateFactory(action=moving, round=first, status=Status.LIMITED_PROGRESS_RISK)
    ProgressUpdateFactory(action=moving, round=second, status=Status.ACHIEVED)
    ProgressUpdateFactory(
        action=split,
        round=second,
        **Assessment.from_shares(
            {Status.ACHIEVED: "1/2", Status.SIGNIFICANT_PROGRESS: "1/2"}
        ).as_sixtieths(),
    )
    return first, second, moving, split


def test_reader_sees_summary_with_fraction_glyphs_and_total(client, reader, plan, two_rounds):
    client.force_login(reader)
    response = client.get(reverse("plans:plan", kwargs={"slug": plan.slug}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Strategic Vision and Leadership" in html
    assert "1½" in html  # 1 + ½ achieved
    assert "TOTAL" in html
    assert "Not started" not in html.split('id="summary"')[1].split("</table>")[0]
    summary = response.context["summary"]
    assert summary.total.actions == 2
    assert str(summary.total[Status.ACHIEVED]) == "3/2"


def test_plan_page_shows_movement_with_before_and_after(client, reader, plan, two_rounds):
    client.force_login(reader)
    response = client.get(reverse("plans:plan", kwargs={"slug": plan.slug}))
    html = response.content.decode()
    assert "Moved up (1 action)" in html
    assert "Limited progress / risk" in html.split("Moved up (1 action)")[1]
    assert response.context["summary"].movement.newly_reported == 1


def test_round_selector_shows_a_past_round(client, reader, plan, two_rounds):
    client.force_login(reader)
    response = client.get(
        reverse("plans:plan", kwargs={"slug": plan.slug}), {"round": "2012-12-01"}
    )
    assert response.status_code == 200
    assert response.context["selected_round"] == two_rounds[0]
    assert response.context["summary"].total.no_update == 1
    assert "No update" in response.content.decode()


def test_unknown_round_date_is_not_found(client, reader, plan, two_rounds):
    client.force_login(reader)
    url = reverse("plans:plan", kwargs={"slug": plan.slug})
    assert client.get(url, {"round": "2001-01-01"}).status_code == 404
    assert client.get(url, {"round": "yesterday"}).status_code == 404


def test_round_completion_counts_sent_approved_and_missing(client, lead, plan, two_rounds):
    first, second, moving, split = two_rounds
    third = ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 6, 1))
    ProgressUpdateFactory(action=moving, round=third, state=UpdateState.SUBMITTED)
    ProgressUpdateFactory(action=split, round=third, state=UpdateState.DRAFT)
    client.force_login(lead)
    response = client.get(reverse("plans:plan", kwargs={"slug": plan.slug}))
    rows = {row.round.pk: row for row in response.context["completion"]}
    assert (rows[third.pk].updates_in, rows[third.pk].approved, rows[third.pk].missing) == (1, 0, 1)
    assert (rows[second.pk].updates_in, rows[second.pk].approved, rows[second.pk].missing) == (
        2,
        2,
        0,
    )
    assert (rows[first.pk].updates_in, rows[first.pk].missing) == (1, 1)


def test_open_risks_are_listed_with_escalation(client, reader, plan, two_rounds):
    RiskFactory(
        action=two_rounds[2],
        cause="Police resourcing",
        escalated_to="Local Safeguarding Children Board",
        escalated_on=dt.date(2013, 1, 10),
    )
    RiskFactory(action=two_rounds[3], cause="Closed cause", status="closed")
    client.force_login(reader)
    html = client.get(reverse("plans:plan", kwargs={"slug": plan.slug})).content.decode()
    assert "Police resourcing" in html
    assert "Local Safeguarding Children Board, 10 January 2013" in html
    assert "Closed cause" not in html


def test_chart_is_the_chart_modules_svg_as_an_image_with_alt_text(client, reader, plan, two_rounds):
    client.force_login(reader)
    response = client.get(reverse("plans:plan", kwargs={"slug": plan.slug}))
    html = response.content.decode()

    [src] = re.findall(r'<img class="app-chart__svg" src="([^"]+)"', html)
    svg = svg_from_img_src(src)
    assert svg == status_chart_svg(response.context["summary"])
    assert "<title" in svg and "Progress of actions by outcome area" in svg
    assert 'alt="Stacked bar chart, progress of actions by outcome area' in html
    assert "<svg" not in html  # no inline SVG: the page's CSP would strip its styles
    # The chart's data table is still on the page, with the same columns as the legend.
    table = html.split('id="summary"')[1].split("</table>")[0]
    assert list(legend_colours(svg)) == [
        "Achieved",
        "Significant progress",
        "Limited progress/risk",
    ]
    for label in legend_colours(svg):
        assert f">{label}</th>" in table


def test_a_dropped_half_adds_a_dropped_column_legend_entry_and_its_colour(
    client, reader, plan, two_rounds
):
    _first, second, moving, _split = two_rounds
    half_dropped = ActionFactory(plan=plan, area=moving.area, reference="1.3")
    ProgressUpdateFactory(
        action=half_dropped,
        round=second,
        **Assessment.from_shares({Status.ACHIEVED: "1/2", Status.DROPPED: "1/2"}).as_sixtieths(),
    )
    client.force_login(reader)

    html = client.get(reverse("plans:plan", kwargs={"slug": plan.slug})).content.decode()

    table = html.split('id="summary"')[1].split("</table>")[0]
    [src] = re.findall(r'<img class="app-chart__svg" src="([^"]+)"', html)
    legend = legend_colours(svg_from_img_src(src))
    assert ">Dropped</th>" in table and ">Not started</th>" not in table
    assert legend["Dropped"] == PALETTE[Status.DROPPED.value][0].lower()
    assert "Not started" not in legend and "No update" not in legend


def test_outsider_gets_not_found(client, outsider, plan, two_rounds):
    client.force_login(outsider)
    response = client.get(reverse("plans:plan", kwargs={"slug": plan.slug}))
    assert response.status_code == 404


def test_anonymous_is_sent_to_sign_in(client, plan):
    response = client.get(reverse("plans:plan", kwargs={"slug": plan.slug}))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_long_movement_lists_are_cut_with_a_link_to_all_of_them(client, reader, plan):
    from headway.plans.page_selectors import MOVES_SHOWN

    area = OutcomeAreaFactory(plan=plan, number=1)
    first = ReviewRoundFactory(plan=plan, as_at=dt.date(2012, 12, 1))
    second = ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12))
    for i in range(MOVES_SHOWN + 2):
        action = ActionFactory(plan=plan, area=area, reference=f"1.{i + 1}", position=i)
        ProgressUpdateFactory(action=action, round=first, status=Status.NOT_STARTED)
        ProgressUpdateFactory(action=action, round=second, status=Status.ACHIEVED)
    client.force_login(reader)
    url = reverse("plans:plan", kwargs={"slug": plan.slug})

    cut = client.get(url)
    full = client.get(url, {"round": "2013-03-12", "moves": "all"})

    assert len(cut.context["summary"].movement.up) == MOVES_SHOWN
    assert cut.context["summary"].movement.up_total == MOVES_SHOWN + 2
    assert "moves=all" in cut.content.decode()
    assert len(full.context["summary"].movement.up) == MOVES_SHOWN + 2
