"""A draft carries its version: a save over a newer version is refused with both shown."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from headway.plans.choices import PlanRole, Status
from headway.plans.models import ProgressUpdate
from headway.risks.models import Risk
from headway.testing.factories import (
    ActionFactory,
    MembershipFactory,
    OutcomeAreaFactory,
    ReviewRoundFactory,
    UserFactory,
)


@pytest.fixture
def action(plan, owner):
    return ActionFactory(area=OutcomeAreaFactory(plan=plan), owner=owner, reference="3.1")


@pytest.fixture
def delegate(plan, action):
    """A second person who may write the owner's draft (drafts are the writers' only)."""
    user = UserFactory(username="delegate", job_title="Team Manager")
    MembershipFactory(plan=plan, user=user, role=PlanRole.OWNER)
    action.delegates.add(user)
    return user


@pytest.fixture
def round(plan):
    return ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12))


def _url(action):
    return reverse("progress:record", kwargs={"slug": action.plan.slug, "pk": action.pk})


def _data(action, version, narrative, **extra):
    return {
        "version": version,
        "action_version": action.version,
        "mode": "single",
        "status": Status.SIGNIFICANT_PROGRESS.value,
        "narrative": narrative,
        "intent": "draft",
        **extra,
    }


def test_two_people_editing_one_draft_the_second_save_is_refused(action, round, owner, delegate):
    first, second = Client(), Client()
    first.force_login(owner)
    second.force_login(delegate)
    first.post(_url(action), _data(action, "", "Started."))
    draft = ProgressUpdate.objects.get()
    assert draft.version == 1

    # Both open the draft at version 1; the owner saves first.
    assert first.post(_url(action), _data(action, 1, "Owner's words.")).status_code == 302
    response = second.post(_url(action), _data(action, 1, "Delegate's words."))

    assert response.status_code == 409
    body = response.content.decode()
    assert "Someone else saved a newer version" in body
    assert "Your version (not saved)" in body
    assert "Delegate&#x27;s words." in body
    assert "Owner&#x27;s words." in body
    assert 'name="version" value="2"' in body  # saving again is now a deliberate choice
    draft.refresh_from_db()
    assert draft.narrative == "Owner's words."
    assert draft.version == 2


def test_a_refused_save_writes_nothing_else_either(action, round, owner, delegate):
    owner_client, delegate_client = Client(), Client()
    owner_client.force_login(owner)
    delegate_client.force_login(delegate)
    owner_client.post(_url(action), _data(action, "", "Started."))
    owner_client.post(_url(action), _data(action, 1, "Owner's words."))
    risky = {
        "status": Status.LIMITED_PROGRESS_RISK.value,
        "risk_cause": "No staff",
        "risk_impact": "Delay",
        "risk_mitigation": "Agency staff",
        "risk_escalated": "no",
        "evidence_link_url": "https://example.org/x",
        "revised_timescale": "June 2013",
        "revision_reason": "Staffing",
    }
    response = delegate_client.post(_url(action), _data(action, 1, "Delegate's words.", **risky))
    assert response.status_code == 409
    assert Risk.objects.count() == 0
    assert not ProgressUpdate.objects.get().evidence.exists()
    action.refresh_from_db()
    assert action.revised_timescale == ""


def test_a_timescale_changed_meanwhile_is_not_overwritten(action, round, owner, lead):
    owner_client = Client()
    owner_client.force_login(owner)
    stale_version = action.version
    # The plan lead revises the timescale on the action's edit page meanwhile.
    lead_client = Client()
    lead_client.force_login(lead)
    edit = reverse("plans:action_edit", kwargs={"slug": action.plan.slug, "pk": action.pk})
    lead_client.post(
        edit,
        {
            "version": action.version,
            "title": action.title,
            "timescale": action.timescale,
            "revised_timescale": "May 2013",
            "revision_reason": "Agreed at the board.",
        },
    )
    data = _data(action, "", "Progress.", revised_timescale="July 2013", revision_reason="Late")
    data["action_version"] = stale_version
    response = owner_client.post(_url(action), data)
    assert response.status_code == 409
    body = response.content.decode()
    assert "July 2013" in body and "May 2013" in body
    action.refresh_from_db()
    assert action.revised_timescale == "May 2013"
    assert ProgressUpdate.objects.count() == 0


def test_a_draft_started_meanwhile_is_not_overwritten_by_a_form_opened_before_it(
    action, round, owner, delegate
):
    first, second = Client(), Client()
    first.force_login(owner)
    second.force_login(delegate)
    # Both open the empty form (no version); the owner saves a draft first.
    assert first.post(_url(action), _data(action, "", "Owner's start.")).status_code == 302
    response = second.post(_url(action), _data(action, "", "Delegate's start."))
    assert response.status_code == 409
    assert "Owner&#x27;s start." in response.content.decode()
    draft = ProgressUpdate.objects.get()
    assert draft.narrative == "Owner's start."
    assert draft.version == 1
