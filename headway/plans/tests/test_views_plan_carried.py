"""The plan page shows, for carried actions, how long they have been open."""

import datetime as dt

import pytest
from django.urls import reverse

from headway.testing.factories import ActionFactory, OutcomeAreaFactory, PlanFactory

pytestmark = pytest.mark.django_db


def test_carried_actions_show_since_when_and_for_how_long(client, plan, reader):
    older = PlanFactory(
        slug="older", period_start=dt.date(2010, 9, 1), period_end=dt.date(2011, 8, 31)
    )
    last_year = PlanFactory(
        slug="last-year",
        previous_plan=older,
        period_start=dt.date(2011, 9, 1),
        period_end=dt.date(2012, 8, 31),
    )
    plan.previous_plan = last_year
    plan.save()
    first = ActionFactory(area=OutcomeAreaFactory(plan=older), title="Audit <b>supervision</b>")
    middle = ActionFactory(area=OutcomeAreaFactory(plan=last_year), carried_from=first)
    area = OutcomeAreaFactory(plan=plan, number=1)
    ActionFactory(area=area, reference="1.1", carried_from=middle, title=first.title)
    ActionFactory(area=area, reference="1.2", title="New this year")
    client.force_login(reader)

    response = client.get(reverse("plans:plan", kwargs={"slug": plan.slug}))

    assert response.status_code == 200
    assert response.context["carried_total"] == 1
    [(action, open_for)] = response.context["carried"]
    assert action.reference == "1.1"
    assert open_for.since == dt.date(2010, 9, 1)
    assert open_for.plans == 3
    page = response.content.decode()
    assert "Carried forward from earlier plans" in page
    assert "September 2010" in page
    assert "Audit &lt;b&gt;supervision&lt;/b&gt;" in page
    assert "New this year" not in page.split('id="carried"')[1].split("</table>")[0]


def test_a_plan_without_carried_actions_has_no_such_section(client, plan, reader):
    ActionFactory(area=OutcomeAreaFactory(plan=plan, number=1))
    client.force_login(reader)
    response = client.get(reverse("plans:plan", kwargs={"slug": plan.slug}))
    assert "Carried forward from earlier plans" not in response.content.decode()


def test_an_action_achieved_by_the_round_shown_is_no_longer_listed_as_open(client, plan, reader):
    from headway.plans.choices import Status
    from headway.testing.factories import ProgressUpdateFactory, ReviewRoundFactory

    last_year = PlanFactory(
        slug="last-year", period_start=dt.date(2011, 9, 1), period_end=dt.date(2012, 8, 31)
    )
    plan.previous_plan = last_year
    plan.save()
    before = OutcomeAreaFactory(plan=last_year)
    area = OutcomeAreaFactory(plan=plan, number=4)
    done = ActionFactory(area=area, reference="4.3", carried_from=ActionFactory(area=before))
    going = ActionFactory(area=area, reference="4.4", carried_from=ActionFactory(area=before))
    december = ReviewRoundFactory(plan=plan, as_at=dt.date(2012, 12, 4))
    march = ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12))
    for action in (done, going):
        ProgressUpdateFactory(action=action, round=december, status=Status.SIGNIFICANT_PROGRESS)
    ProgressUpdateFactory(action=done, round=march, status=Status.ACHIEVED)
    ProgressUpdateFactory(action=going, round=march, status=Status.SIGNIFICANT_PROGRESS)
    client.force_login(reader)
    url = reverse("plans:plan", kwargs={"slug": plan.slug})

    in_march = client.get(url, {"round": "2013-03-12"})
    in_december = client.get(url, {"round": "2012-12-04"})

    assert [a.reference for a, _ in in_march.context["carried"]] == ["4.4"]
    assert in_march.context["carried_total"] == 1
    assert [a.reference for a, _ in in_december.context["carried"]] == ["4.3", "4.4"]


def test_limited_progress_with_no_risk_described_is_listed_not_hidden(client, plan, reader):
    """An imported red row says "limited progress" without a why: the page says the why is
    missing instead of "no open risks" alone."""
    from headway.plans.choices import Status
    from headway.testing.factories import ProgressUpdateFactory, ReviewRoundFactory, RiskFactory

    area = OutcomeAreaFactory(plan=plan, number=2)
    silent = ActionFactory(area=area, reference="2.1", title="Recruit <social> workers")
    explained = ActionFactory(area=area, reference="2.2", title="Police strategy meetings")
    going = ActionFactory(area=area, reference="2.3", title="Going well")
    round = ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12))
    for action in (silent, explained):
        ProgressUpdateFactory(action=action, round=round, status=Status.LIMITED_PROGRESS_RISK)
    ProgressUpdateFactory(action=going, round=round, status=Status.ACHIEVED)
    RiskFactory(action=explained)
    client.force_login(reader)

    page = client.get(reverse("plans:plan", kwargs={"slug": plan.slug})).content.decode()

    section = page.split("Limited progress with no risk described")[1].split("</table>")[0]
    assert "2.1 Recruit &lt;social&gt; workers" in section
    assert "2.2" not in section and "2.3" not in section
    explained.risks.all().delete()
    page = client.get(reverse("plans:plan", kwargs={"slug": plan.slug})).content.decode()
    assert "No open risks are recorded on this plan, though 2 actions are at limited" in page
