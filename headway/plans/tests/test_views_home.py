"""Home: my actions needing an update, the plans I can see, and overdue milestones."""

import datetime as dt
from fractions import Fraction

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from headway.plans import views
from headway.plans.choices import SHARE_FIELDS, Status, UpdateState
from headway.plans.models import ProgressUpdate
from headway.plans.selectors import plan_summary
from headway.testing.factories import (
    ActionFactory,
    MilestoneFactory,
    OutcomeAreaFactory,
    PlanFactory,
    ProgressUpdateFactory,
    ReviewRoundFactory,
)

# The page's own queries, without reading the session (the session engine's; none with Redis).
HOME_QUERIES_WARM = 7


@pytest.fixture
def world(plan, owner, lead):
    area = OutcomeAreaFactory(plan=plan, number=1)
    closed = ReviewRoundFactory(
        plan=plan, as_at=dt.date(2012, 12, 1), closed_at=timezone.now(), title="December"
    )
    open_round = ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12), title="March")
    waiting = ActionFactory(plan=plan, area=area, owner=owner, reference="1.1", title="Waiting")
    drafted = ActionFactory(plan=plan, area=area, owner=owner, reference="1.2", title="Drafted")
    sent = ActionFactory(plan=plan, area=area, owner=owner, reference="1.3", title="Sent")
    someone_elses = ActionFactory(plan=plan, area=area, reference="1.4", title="Not mine")
    ProgressUpdateFactory(action=waiting, round=closed, status=Status.ACHIEVED)
    ProgressUpdateFactory(action=drafted, round=open_round, state=UpdateState.DRAFT)
    ProgressUpdateFactory(action=sent, round=open_round, state=UpdateState.SUBMITTED)
    ProgressUpdateFactory(action=someone_elses, round=open_round, status=Status.ACHIEVED)
    MilestoneFactory(action=waiting, title="My late step", due_date=dt.date(2013, 1, 1))
    MilestoneFactory(action=someone_elses, title="Their late step", due_date=dt.date(2013, 1, 1))
    return {"open_round": open_round}


def test_owner_sees_actions_needing_an_update_with_deadline_and_draft_state(client, owner, world):
    client.force_login(owner)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    due = response.context["due_actions"]
    assert [(a.reference, a.draft_state) for a in due] == [("1.1", None), ("1.2", "draft")]
    assert due[0].due_deadline == world["open_round"].deadline
    html = response.content.decode()
    assert "Draft saved" in html and "Not mine" not in html.split('id="plans"')[0]
    # "Not started" is a status an owner gives; an action with nothing yet says so plainly.
    assert "No update yet" in html and "Not started" not in html.split('id="plans"')[0]


def test_a_plan_that_has_ended_shows_no_overdue_milestones(client, owner, lead, world, monkeypatch):
    """The plan ran to 31 August 2013: its open milestones are history, not work overdue."""
    monkeypatch.setattr(views, "_today", lambda: dt.date(2013, 9, 1))
    for user in (owner, lead):
        client.force_login(user)
        response = client.get(reverse("home"))
        assert list(response.context["overdue_milestones"]) == []
        assert "My late step" not in response.content.decode()


def test_a_reader_who_owns_nothing_has_no_list_of_actions_to_update(client, reader, world):
    client.force_login(reader)
    html = client.get(reverse("home")).content.decode()
    assert "Your actions needing an update" not in html
    assert "You have no actions waiting" not in html


def test_owner_sees_only_their_overdue_milestones_and_lead_sees_all(
    client, owner, lead, world, monkeypatch
):
    monkeypatch.setattr(views, "_today", lambda: dt.date(2013, 3, 1))  # the plan is running
    client.force_login(owner)
    mine = [m.title for m in client.get(reverse("home")).context["overdue_milestones"]]
    client.force_login(lead)
    everyone = [m.title for m in client.get(reverse("home")).context["overdue_milestones"]]
    assert mine == ["My late step"]
    assert sorted(everyone) == ["My late step", "Their late step"]


def test_plans_are_listed_with_their_latest_totals_and_hidden_plans_are_not(
    client, reader, plan, world
):
    PlanFactory(title="A plan the reader has no role on")
    client.force_login(reader)
    response = client.get(reverse("home"))
    positions = response.context["positions"]
    assert [p.plan for p in positions] == [plan]
    assert positions[0].counts.actions == 4
    assert positions[0].counts[Status.ACHIEVED] == 1  # only the approved update counts
    assert "A plan the reader has no role on" not in response.content.decode()


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def _halves(one: Status, other: Status) -> dict[str, int]:
    """An update's shares, in sixtieths: half at each of two statuses."""
    return {SHARE_FIELDS[s]: 30 if s in (one, other) else 0 for s in Status}


@pytest.fixture
def split_plan(plan):
    """Two areas, halves in two statuses, a draft that must not count and an action unreported."""
    first = OutcomeAreaFactory(plan=plan, number=1)
    second = OutcomeAreaFactory(plan=plan, number=2)
    ReviewRoundFactory(plan=plan, as_at=dt.date(2012, 12, 1), title="December")
    march = ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12), title="March")
    halves = _halves(Status.ACHIEVED, Status.SIGNIFICANT_PROGRESS)
    for reference, area in (("1.1", first), ("1.2", first), ("2.1", second)):
        action = ActionFactory(plan=plan, area=area, reference=reference)
        ProgressUpdateFactory(action=action, round=march, **halves)
    halved_risk = ActionFactory(plan=plan, area=second, reference="2.2")
    ProgressUpdateFactory(
        action=halved_risk,
        round=march,
        **_halves(Status.LIMITED_PROGRESS_RISK, Status.DROPPED),
    )
    drafted = ActionFactory(plan=plan, area=second, reference="2.3")
    ProgressUpdateFactory(action=drafted, round=march, state=UpdateState.DRAFT)
    return march


def test_home_totals_are_plan_summarys_total_row_with_halves(client, reader, plan, split_plan):
    client.force_login(reader)

    [position] = client.get(reverse("home")).context["positions"]

    total = plan_summary(plan=plan, round=split_plan).total
    assert position.counts == total
    assert position.counts.actions == 5
    assert position.counts[Status.ACHIEVED] == Fraction(3, 2)
    assert position.counts[Status.SIGNIFICANT_PROGRESS] == Fraction(3, 2)
    assert position.counts[Status.DROPPED] == Fraction(1, 2)
    assert position.counts.no_update == 1  # the draft does not count
    assert ProgressUpdate.objects.filter(round=split_plan).count() == 5


def test_home_query_count_is_pinned_and_cached_totals_skip_the_sums(
    client, reader, plan, split_plan
):
    client.force_login(reader)
    cache.clear()

    with CaptureQueriesContext(connection) as cold:
        client.get(reverse("home"))
    # Another address for the same page, past the whole-page cache, to reach the cached totals.
    with CaptureQueriesContext(connection) as warm:
        client.get(reverse("home") + "?from=plan")
    with CaptureQueriesContext(connection) as whole:
        client.get(reverse("home"))

    cold_page, warm_page = _own(cold), _own(warm)
    # Warm, the totals come from the cache (seven queries of its own, as before home used the
    # summary's roll-up); cold, ``plan_totals`` adds its two for the plan whose totals are new.
    assert len(cold_page) == len(warm_page) + 2
    assert len(warm_page) == HOME_QUERIES_WARM
    assert not any("SUM(" in q["sql"].upper() for q in warm_page)
    assert len(_own(whole)) == 2  # the whole page: the user and the content stamp


def _own(captured) -> list[dict]:
    """The page's queries, without reading the session: that is the session engine's."""
    return [q for q in captured.captured_queries if "django_session" not in q["sql"]]


def test_a_lead_sees_the_updates_waiting_for_approval_across_the_plans_they_lead(
    client, lead, world, plan
):
    from headway.plans.choices import PlanRole
    from headway.testing.factories import MembershipFactory

    other = PlanFactory(slug="other-plan", title="Adult Social Care <Plan>")
    MembershipFactory(plan=other, user=lead, role=PlanRole.LEAD)
    round = ReviewRoundFactory(plan=other, as_at=dt.date(2013, 3, 12))
    area = OutcomeAreaFactory(plan=other, number=1)
    for number in range(2):
        ProgressUpdateFactory(
            action=ActionFactory(area=area, reference=f"1.{number + 1}"),
            round=round,
            state=UpdateState.SUBMITTED,
        )
    not_led = PlanFactory(slug="not-led")
    ProgressUpdateFactory(action=ActionFactory(area__plan=not_led), state=UpdateState.SUBMITTED)
    client.force_login(lead)

    html = client.get(reverse("home")).content.decode()

    section = html.split('id="approvals"')[1].split('id="plans"')[0]
    approvals = reverse("progress:approvals", kwargs={"slug": plan.slug})
    assert f'href="{approvals}">1 update submitted on {plan.title}' in section  # "Sent", 1.3
    assert "2 updates submitted on Adult Social Care &lt;Plan&gt;" in section
    assert "not-led" not in section


def test_nobody_else_sees_a_list_of_approvals(client, owner, reader, world):
    for user in (owner, reader):
        client.force_login(user)
        assert 'id="approvals"' not in client.get(reverse("home")).content.decode()
