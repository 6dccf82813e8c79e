"""The plan page's sections (summary, movement, carried actions, risks, rounds) are cached under
the content stamp: served from the cache while nothing they show has changed, and rendered
afresh the moment it has."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from headway.api.tests.conftest import client_for
from headway.core.changes import content_stamp
from headway.plans.choices import Status, UpdateState
from headway.plans.models import ProgressUpdate
from headway.plans.services import progress_update_approve, progress_update_submit
from headway.risks.models import RiskStatus
from headway.testing.factories import (
    ActionFactory,
    OutcomeAreaFactory,
    PlanFactory,
    ProgressUpdateFactory,
    ReviewRoundFactory,
    RiskFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_with_updates(plan, owner):
    area = OutcomeAreaFactory(plan=plan, number=1, title="Strategic vision and leadership")
    first = ReviewRoundFactory(plan=plan, as_at=dt.date(2012, 12, 1), title="December update")
    second = ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12), title="March update")
    early = ActionFactory(plan=plan, area=area, reference="1.1", title="Strategy", owner=owner)
    late = ActionFactory(plan=plan, area=area, reference="1.2", title="Files", owner=owner)
    for action in (early, late):
        ProgressUpdateFactory(action=action, round=first, status=Status.NOT_STARTED)
    ProgressUpdateFactory(action=early, round=second, status=Status.LIMITED_PROGRESS_RISK)
    return {"area": area, "round": second, "early": early, "late": late}


def _get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(queries)


def _without_tokens(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def _summary_table(response) -> str:
    return response.content.decode().split('id="summary"')[1].split("</table>")[0]


def test_a_second_view_is_served_from_the_cache_with_fewer_queries(
    client, reader, plan_with_updates
):
    client.force_login(reader)
    url = reverse("plans:plan", kwargs={"slug": plan_with_updates["area"].plan.slug})

    cold, cold_queries = _get(client, url)
    # Another address for the same page: the whole-page cache misses, the sections do not.
    warm, warm_queries = _get(client, url + "?from=home")
    whole, whole_queries = _get(client, url)

    assert "summary" in cold.context and "summary" not in warm.context
    assert whole.context is None  # the whole page, as first served
    assert whole_queries < warm_queries < cold_queries
    assert _without_tokens(warm) == _without_tokens(cold) == _without_tokens(whole)


def test_the_page_follows_an_approval_made_after_it_was_cached(
    client, reader, lead, owner, plan_with_updates
):
    """The approved set changes without its newest id changing: a correction sent before the
    other action's update, and approved after it. Counting and dating every update sees it."""
    early, late, current = (plan_with_updates[k] for k in ("early", "late", "round"))
    correction = ProgressUpdateFactory(
        action=early, round=current, status=Status.ACHIEVED, state=UpdateState.DRAFT
    )
    progress_update_submit(update=correction, by=owner)
    later = ProgressUpdateFactory(
        action=late, round=current, status=Status.SIGNIFICANT_PROGRESS, state=UpdateState.DRAFT
    )
    later = progress_update_submit(update=later, by=owner)
    progress_update_approve(update=later, by=lead)
    assert correction.pk < later.pk

    client.force_login(reader)
    url = reverse("plans:plan", kwargs={"slug": early.plan.slug})
    api_url = f"/api/v1/plans/{early.plan.slug}/summary/"
    before = _summary_table(client.get(url))
    assert client_for(reader).get(api_url).json()["total"]["achieved"] == 0

    progress_update_approve(update=ProgressUpdate.objects.get(pk=correction.pk), by=lead)

    after = client.get(url)
    assert after.context["summary"].total[Status.ACHIEVED] == 1
    assert _summary_table(after) != before
    assert client_for(reader).get(api_url).json()["total"]["achieved"] == 1


def test_renaming_an_area_or_closing_a_round_shows_at_once(client, reader, plan_with_updates):
    area, current = plan_with_updates["area"], plan_with_updates["round"]
    client.force_login(reader)
    url = reverse("plans:plan", kwargs={"slug": area.plan.slug})
    assert "Strategic vision and leadership" in client.get(url).content.decode()

    area.title = "Leadership & vision <renamed>"
    area.save()
    html = client.get(url).content.decode()
    assert "Leadership &amp; vision &lt;renamed&gt;" in html
    assert "<renamed>" not in html

    current.closed_at = dt.datetime(2013, 3, 20, tzinfo=dt.UTC)
    current.save()
    rounds_table = client.get(url).content.decode().split('id="rounds"')[1]
    assert "Closed" in rounds_table.split("March update")[1].split("</tr>")[0]


def test_the_stamp_changes_with_each_kind_of_change(plan_with_updates, owner):
    area, early = plan_with_updates["area"], plan_with_updates["early"]
    plan = area.plan
    previous = content_stamp()
    changes = [
        lambda: ProgressUpdateFactory(
            action=early, round=plan_with_updates["round"], state=UpdateState.DRAFT
        ),
        lambda: ProgressUpdate.objects.filter(state=UpdateState.DRAFT).delete(),
        lambda: ActionFactory(plan=plan, area=area, reference="1.3"),
        lambda: setattr(early, "title", "Strategy, revised") or early.save(),
        lambda: OutcomeAreaFactory(plan=plan, number=2),
        lambda: ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 6, 1)),
        lambda: setattr(plan, "title", "Renamed plan") or plan.save(),
    ]
    for change in changes:
        change()
        now = content_stamp()
        assert now != previous, change
        assert content_stamp() == now  # stable while nothing changes
        previous = now


def test_a_new_or_closed_risk_shows_at_once(client, reader, plan_with_updates):
    early = plan_with_updates["early"]
    client.force_login(reader)
    url = reverse("plans:plan", kwargs={"slug": early.plan.slug})
    assert "No open risks are recorded" in client.get(url).content.decode()

    risk = RiskFactory(action=early, title="Caseloads <too> high")
    html = client.get(url).content.decode()
    assert "Caseloads &lt;too&gt; high" in html

    risk.status = RiskStatus.CLOSED
    risk.save()
    assert "No open risks are recorded" in client.get(url).content.decode()


def test_a_change_to_an_earlier_plan_shows_in_the_carried_actions(
    client, reader, plan_with_updates
):
    """How long a carried action has been open comes from earlier plans' records."""
    area, early = plan_with_updates["area"], plan_with_updates["early"]
    earlier = PlanFactory(
        slug="earlier", period_start=dt.date(2011, 9, 1), period_end=dt.date(2012, 8, 31)
    )
    first = ActionFactory(area=OutcomeAreaFactory(plan=earlier))
    ActionFactory(plan=area.plan, area=area, reference="1.9", carried_from=first)
    client.force_login(reader)
    url = reverse("plans:plan", kwargs={"slug": early.plan.slug})
    assert "September 2011" in client.get(url).content.decode().split('id="carried"')[1]

    earlier.period_start = dt.date(2011, 4, 1)
    earlier.save()
    carried = client.get(url).content.decode().split('id="carried"')[1].split("</table>")[0]
    assert "April 2011" in carried
    assert "September 2011" not in carried


def test_the_home_page_totals_follow_an_approval(client, reader, lead, owner, plan_with_updates):
    late, current = plan_with_updates["late"], plan_with_updates["round"]
    client.force_login(reader)

    views = iter(range(100))

    def achieved_on_home() -> str:
        # A new address each time, past the whole-page cache, to reach the cached totals.
        response = client.get(reverse("home") + f"?view={next(views)}")
        [position] = response.context["positions"]
        return str(position.counts[Status.ACHIEVED])

    assert achieved_on_home() == "0"
    assert achieved_on_home() == "0"  # from the cache this time
    update = ProgressUpdateFactory(
        action=late, round=current, status=Status.ACHIEVED, state=UpdateState.DRAFT
    )
    progress_update_approve(update=progress_update_submit(update=update, by=owner), by=lead)
    assert achieved_on_home() == "1"
