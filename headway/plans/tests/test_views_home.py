"""Home: my actions needing an update, the plans I can see, and overdue milestones."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from headway.plans.choices import Status, UpdateState
from headway.testing.factories import (
    ActionFactory,
    MilestoneFactory,
    OutcomeAreaFactory,
    PlanFactory,
    ProgressUpdateFactory,
    ReviewRoundFactory,
)


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


def test_owner_sees_only_their_overdue_milestones_and_lead_sees_all(client, owner, lead, world):
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
