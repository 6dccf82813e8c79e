"""The Django admin refuses bad input with a clear message and writes nothing."""

import datetime as dt

import pytest
from django.urls import reverse

from headway.plans.choices import Status, UpdateState
from headway.plans.models import Action, Milestone, ProgressUpdate
from headway.testing.factories import (
    ActionFactory,
    ProgressUpdateFactory,
    ReviewRoundFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(username="superadmin", is_staff=True, is_superuser=True))
    return client


def _update_form(action, round, **shares) -> dict:
    data = {
        "action": action.pk,
        "round": round.pk,
        "narrative": "From the admin.",
        "author": action.owner.pk,
        "evidence-TOTAL_FORMS": 0,
        "evidence-INITIAL_FORMS": 0,
    }
    for status in Status:
        data[f"share_{status.value}"] = shares.get(status.value, 0)
    return data


def test_admin_refuses_a_split_that_does_not_add_to_one(staff_client):
    action = ActionFactory()
    round = ReviewRoundFactory(plan=action.plan)
    response = staff_client.post(
        reverse("admin:plans_progressupdate_add"),
        _update_form(action, round, achieved=30, significant_progress=20),
    )
    assert response.status_code == 200
    assert "must add up to one whole" in response.content.decode()
    assert ProgressUpdate.objects.count() == 0


def test_admin_refuses_an_update_for_another_plans_round(staff_client):
    action = ActionFactory()
    elsewhere = ReviewRoundFactory()
    response = staff_client.post(
        reverse("admin:plans_progressupdate_add"), _update_form(action, elsewhere, achieved=60)
    )
    assert "This round belongs to another plan than the action." in response.content.decode()
    assert ProgressUpdate.objects.count() == 0


def test_admin_refuses_a_second_current_update(staff_client):
    existing = ProgressUpdateFactory(state=UpdateState.DRAFT)
    response = staff_client.post(
        reverse("admin:plans_progressupdate_add"),
        _update_form(existing.action, existing.round, achieved=60),
    )
    assert "already has an update in progress for this round" in response.content.decode()
    assert ProgressUpdate.objects.count() == 1


def test_admin_refuses_a_milestone_after_the_plan_without_a_reason(staff_client):
    action = ActionFactory()
    data = {
        "plan": action.plan.pk,
        "area": action.area.pk,
        "reference": action.reference,
        "position": 0,
        "title": action.title,
        "owner": action.owner.pk,
        "timescale": "March 2013",
        "milestones-TOTAL_FORMS": 1,
        "milestones-INITIAL_FORMS": 0,
        "milestones-0-title": "Evaluate",
        "milestones-0-position": 1,
        "milestones-0-due_date": "2014-01-31",
    }
    response = staff_client.post(reverse("admin:plans_action_change", args=[action.pk]), data)
    assert response.status_code == 200
    assert "after the plan ends" in response.content.decode()
    assert Milestone.objects.count() == 0
    action.refresh_from_db()
    assert action.title == Action.objects.get(pk=action.pk).title


def test_submitted_updates_are_read_only_in_the_admin(staff_client):
    update = ProgressUpdateFactory(state=UpdateState.APPROVED)
    page = staff_client.get(reverse("admin:plans_progressupdate_change", args=[update.pk]))
    assert page.status_code == 200
    assert 'name="narrative"' not in page.content.decode()
    delete = staff_client.get(reverse("admin:plans_progressupdate_delete", args=[update.pk]))
    assert delete.status_code == 403


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:plans_plan_changelist",
        "admin:plans_action_changelist",
        "admin:plans_progressupdate_changelist",
        "admin:plans_milestone_changelist",
        "admin:plans_reviewround_changelist",
        "admin:plans_outcomearea_changelist",
        "admin:risks_risk_changelist",
        "admin:inspections_inspection_changelist",
        "admin:inspections_finding_changelist",
    ],
)
def test_every_admin_list_filters_and_searches(staff_client, url_name):
    ProgressUpdateFactory(status=Status.LIMITED_PROGRESS_RISK)
    response = staff_client.get(reverse(url_name), {"q": "2.4"})
    assert response.status_code == 200


def test_actions_filter_by_status_in_their_latest_round(staff_client):
    limited = ProgressUpdateFactory(
        status=Status.LIMITED_PROGRESS_RISK, round__as_at=dt.date(2013, 3, 12)
    )
    ActionFactory(area=limited.action.area, reference="9.9", title="Never reported")
    url = reverse("admin:plans_action_changelist")
    page = staff_client.get(url, {"status": Status.LIMITED_PROGRESS_RISK.value}).content.decode()
    assert limited.action.title in page and "Never reported" not in page
    page = staff_client.get(url, {"status": "none"}).content.decode()
    assert "Never reported" in page and limited.action.title not in page
