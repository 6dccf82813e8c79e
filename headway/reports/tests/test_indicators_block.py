"""The committee report's "Performance indicators" figure through the body services: added,
charted and removed; frozen when published; left out of the public version when exempt; and a
fixed number of queries whatever the number of indicators."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document

from headway.indicators.models import Indicator, IndicatorValue
from headway.reports import body as bodies
from headway.reports.models import CommitteeReport
from headway.reports.renderers import render
from headway.reports.selectors import for_audience, report_context
from headway.reports.services import report_body_save, report_create_draft, report_publish
from headway.testing.bulk import add_indicators, make_large_plan

from .bodies import block_of
from .readback import docx_text

pytestmark = pytest.mark.django_db


def _indicator_block(context):
    return next(
        block
        for section in context["sections"]
        for block in section["blocks"]
        if block["kind"] == "indicators"
    )


# The block through the body services, on the source's plan --------------------------------


@pytest.fixture
def with_indicators(draft, source):
    add_indicators(source.plan, count=3, last=dt.date(2013, 3, 1))
    return CommitteeReport.objects.get(pk=draft.pk)


def _save(report, body):
    return report_body_save(
        report=report, by=report.created_by, expected_version=report.version, body=body
    )


def test_the_block_is_offered_added_charted_and_removed(with_indicators):
    report = with_indicators
    assert ("placed", "indicators") in {(k, s) for k, s, _ in bodies.parts_missing(report.body)}

    added = _save(
        report,
        bodies.add_blocks(
            report.body,
            new=[bodies.block(bodies.PLACED_KIND, "indicators")],
            section_id=report.body[2]["id"],
        ),
    )
    block = _indicator_block(report_context(report=added))
    assert [c["reference"] for c in block["charts"]] == ["PI 1", "PI 2", "PI 3"]
    assert block["text"].startswith("The plan's 3 performance indicators as at")
    assert not block["illustrative"]  # the generated indicators are not flagged

    item = block_of(added, "placed", "indicators")
    charted = _save(
        added, bodies.choose_charts(added.body, block_id=item["id"], charts=["PI 3", "PI 1"])
    )
    block = _indicator_block(report_context(report=charted))
    assert [c["reference"] for c in block["charts"]] == ["PI 3", "PI 1"]
    assert block_of(charted, "placed", "indicators")["charts"] == ["PI 3", "PI 1"]
    docx = Document(io.BytesIO(render(report_context(report=charted), "docx")))
    titles = [shape._inline.docPr.get("title") for shape in docx.inline_shapes]
    assert [t for t in titles if t.startswith("PI")] == [
        "PI 3 Generated indicator 3",
        "PI 1 Generated indicator 1",
    ]

    removed = _save(charted, bodies.remove_block(charted.body, block_id=item["id"]))
    assert all(b["kind"] != "indicators" for b in _sections_blocks(removed))
    assert ("placed", "indicators") in {(k, s) for k, s, _ in bodies.parts_missing(removed.body)}


def _sections_blocks(report):
    return [b for s in report_context(report=report)["sections"] for b in s["blocks"]]


def test_bad_chart_choices_are_refused():
    body = bodies.validate(
        [{"heading": "COMMENTARY", "blocks": [bodies.block(bodies.PLACED_KIND, "indicators")]}]
    )
    item = body[0]["blocks"][0]
    many = [f"PI {n}" for n in range(1, bodies.MAX_INDICATOR_CHARTS + 2)]
    with pytest.raises(ValidationError, match="at most 8 indicators"):
        bodies.choose_charts(body, block_id=item["id"], charts=many)
    with pytest.raises(ValidationError, match="list of references"):
        bodies.validate(
            [{"heading": "C", "blocks": [{**item, "charts": "PI 1"}]}],
        )
    table = bodies.validate(
        [{"heading": "C", "blocks": [bodies.block(bodies.PLACED_KIND, "table")]}]
    )
    with pytest.raises(ValidationError, match="Only the performance indicators figure"):
        bodies.choose_charts(table, block_id=table[0]["blocks"][0]["id"], charts=["PI 1"])
    # Back to the default; a new report's layout keeps the choice.
    chosen = bodies.choose_charts(body, block_id=item["id"], charts=["PI 2", "PI 2"])
    assert chosen[0]["blocks"][0]["charts"] == ["PI 2"]
    assert bodies.template_of(chosen)[0]["blocks"][0]["charts"] == ["PI 2"]
    assert (
        "charts"
        not in bodies.choose_charts(chosen, block_id=item["id"], charts=None)[0]["blocks"][0]
    )


def test_a_published_report_keeps_its_indicator_figures_and_charts(with_indicators, source):
    report = with_indicators
    report = _save(
        report,
        bodies.add_blocks(
            report.body,
            new=[bodies.block(bodies.PLACED_KIND, "indicators")],
            section_id=report.body[2]["id"],
        ),
    )
    published = report_publish(report=report, by=source.lead, expected_version=report.version)
    before = report_context(report=published)
    first = before["indicators"][0]

    # The figure changes after publication (an approved value corrected in the database).
    value = IndicatorValue.objects.get(
        indicator__plan=source.plan, indicator__reference="PI 1", period=dt.date(2013, 3, 1)
    )
    IndicatorValue.objects.filter(pk=value.pk).update(value=value.value + 1)
    Indicator.objects.filter(plan=source.plan, reference="PI 1").update(title="Renamed")

    after = report_context(report=CommitteeReport.objects.get(pk=published.pk))
    assert after["indicators"] == before["indicators"]
    assert after["indicators"][0]["title"] == first["title"] == "Generated indicator 1"
    assert _indicator_block(after)["charts"] == _indicator_block(before)["charts"]
    # Its Word file is drawn from the snapshot: the charts as they were.
    text = docx_text(render(for_audience(after, "public"), "docx"))
    assert "PI 1 Generated indicator 1" in text and "Renamed" not in text


def test_an_exempt_indicator_block_leaves_the_public_version_and_its_names(with_indicators):
    report = with_indicators
    block = bodies.block(bodies.PLACED_KIND, "indicators", exempt=True)
    report = _save(
        report, bodies.add_blocks(report.body, new=[block], section_id=report.body[2]["id"])
    )
    context = report_context(report=report)

    public = for_audience(context, "public")
    restricted = for_audience(context, "restricted")

    assert public["indicators"] == [] and len(restricted["indicators"]) == 3
    exempt = next(b for s in public["sections"] for b in s["blocks"] if b["id"] == block["id"])
    assert exempt["kind"] == "exempt" and "charts" not in exempt
    assert "Generated indicator" not in docx_text(render(public, "docx"))


# Queries ------------------------------------------------------------------------------------


def _context_queries(plan, user) -> tuple[int, dict]:
    round = plan.rounds.order_by("-as_at").first()
    report = report_create_draft(plan=plan, round=round, by=user)
    report = _save(
        report,
        bodies.add_blocks(
            report.body,
            new=[bodies.block(bodies.PLACED_KIND, "indicators")],
            section_id=report.body[2]["id"],
        ),
    )
    report = type(report).objects.select_related("plan", "round").get(pk=report.pk)
    with CaptureQueriesContext(connection) as queries:
        context = report_context(report=report)
    return len(queries), context


def test_the_context_with_indicators_makes_the_same_queries_for_8_and_300(admin_user):
    small, large = (
        make_large_plan(slug="small-pi", actions=20, rounds=2),
        make_large_plan(slug="large-pi", actions=20, rounds=2),
    )
    add_indicators(small, count=8)
    add_indicators(large, count=300)
    without = make_large_plan(slug="no-pi", actions=20, rounds=2)

    small_count, small_context = _context_queries(small, admin_user)
    large_count, large_context = _context_queries(large, admin_user)
    none_count, none_context = _context_queries(without, admin_user)

    assert (len(small_context["indicators"]), len(large_context["indicators"])) == (8, 300)
    assert len(_indicator_block(large_context)["charts"]) == bodies.MAX_INDICATOR_CHARTS
    assert small_count == large_count
    # The scorecard's four queries and the trend's targets; a plan without indicators reads
    # only that it has none.
    assert large_count == none_count + 4
    assert _indicator_block(none_context)["text"] == "The plan has no performance indicators yet."


# The body page ------------------------------------------------------------------------------


def test_the_officer_puts_the_figure_back_and_ticks_its_charts_on_the_body_page(
    client, with_indicators, source
):
    from django.urls import reverse

    report = with_indicators
    client.force_login(source.lead)
    progress = block_of(report, "drafted", "progress")
    add = reverse("reports:body_add", kwargs={"pk": report.pk}) + f"?after={progress['id']}"
    assert "Performance indicators: the scorecard table" in client.get(add).content.decode()

    response = client.post(add, {"version": report.version, "kind": "placed:indicators"})
    assert response.status_code == 302
    report = CommitteeReport.objects.get(pk=report.pk)
    item = block_of(report, "placed", "indicators")
    blocks = report.body[2]["blocks"]
    assert blocks[blocks.index(progress) + 1]["id"] == item["id"]  # right after the paragraph

    url = reverse("reports:body_block", kwargs={"pk": report.pk, "block_id": item["id"]})
    page = client.get(url).content.decode()
    assert "Which indicators have a trend chart" in page
    for n in (1, 2, 3):
        assert f"PI {n} Generated indicator {n}" in page

    response = client.post(url, {"version": report.version, "charts": ["PI 2"]})
    assert response.status_code == 302
    report = CommitteeReport.objects.get(pk=report.pk)
    assert block_of(report, "placed", "indicators")["charts"] == ["PI 2"]
    assert [c["reference"] for c in _indicator_block(report_context(report=report))["charts"]] == [
        "PI 2"
    ]

    # None ticked: back to the default; a reference the plan does not have is refused.
    client.post(url, {"version": report.version, "charts": []})
    report = CommitteeReport.objects.get(pk=report.pk)
    assert "charts" not in block_of(report, "placed", "indicators")
    response = client.post(url, {"version": report.version, "charts": ["PI 99"]})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
