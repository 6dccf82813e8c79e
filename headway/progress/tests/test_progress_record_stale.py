"""Each page carries the draft's version: a save over a newer version is refused with both
shown, and nothing of the refused page is written."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from headway.plans.choices import PlanRole, Status, UpdateState
from headway.plans.models import ProgressUpdate
from headway.risks.models import Risk
from headway.testing.factories import (
    ActionFactory,
    MembershipFactory,
    OutcomeAreaFactory,
    ReviewRoundFactory,
    UserFactory,
)

from .flow import LIMITED, RISK, SIGNIFICANT, post_step, record, step_url


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


def _clients(*users):
    clients = []
    for user in users:
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients


def test_two_people_editing_one_draft_the_second_save_is_refused(action, round, owner, delegate):
    first, second = _clients(owner, delegate)
    post_step(first, action, "status", SIGNIFICANT)
    post_step(first, action, "narrative", {"narrative": "Started."})
    draft = ProgressUpdate.objects.get()
    assert draft.version == 2

    # Both open the narrative page at version 2; the owner saves first.
    mine = {"narrative": "Owner's words."}
    assert post_step(first, action, "narrative", mine, version=2).status_code == 302
    response = post_step(second, action, "narrative", {"narrative": "Delegate's words."}, version=2)

    assert response.status_code == 409
    body = response.content.decode()
    assert "Someone else saved a newer version" in body
    assert "Your version (not saved)" in body
    assert "Delegate&#x27;s words." in body or "Delegate&#39;s words." in body
    assert "Owner&#x27;s words." in body or "Owner&#39;s words." in body
    assert 'name="version" value="3"' in body  # saving again is now a deliberate choice
    draft.refresh_from_db()
    assert draft.narrative == "Owner's words."
    assert draft.version == 3

    # Saving again, having seen both, is a deliberate choice and is applied.
    again = post_step(second, action, "narrative", {"narrative": "Delegate's words."}, version=3)
    assert again.status_code == 302
    draft.refresh_from_db()
    assert draft.narrative == "Delegate's words."


def test_a_refused_save_writes_nothing_else_either(action, round, owner, delegate):
    owner_client, delegate_client = _clients(owner, delegate)
    post_step(owner_client, action, "status", LIMITED)
    post_step(owner_client, action, "narrative", {"narrative": "Owner's words."})
    stale = ProgressUpdate.objects.get().version
    post_step(owner_client, action, "narrative", {"narrative": "Owner's newer words."})

    risk = delegate_client.post(step_url(action, "risk"), {"version": stale, **RISK})
    assert risk.status_code == 409
    assert Risk.objects.count() == 0
    evidence = post_step(
        delegate_client,
        action,
        "narrative",
        {"narrative": "Delegate's.", "evidence_link_url": "https://example.org/x"},
        version=stale,
    )
    assert evidence.status_code == 409
    assert not ProgressUpdate.objects.get().evidence.exists()
    timescale = post_step(
        delegate_client,
        action,
        "milestones",
        {
            "action_version": action.version,
            "revised_timescale": "June 2013",
            "revision_reason": "Staffing",
        },
        version=stale,
    )
    assert timescale.status_code == 409
    action.refresh_from_db()
    assert action.revised_timescale == ""
    assert ProgressUpdate.objects.get().narrative == "Owner's newer words."


def test_a_timescale_changed_meanwhile_is_not_overwritten(action, round, owner, lead):
    (owner_client,) = _clients(owner)
    post_step(owner_client, action, "status", SIGNIFICANT)
    post_step(owner_client, action, "narrative", {"narrative": "Progress."})
    stale_version = action.version
    # The plan lead revises the timescale on the action's edit page meanwhile.
    (lead_client,) = _clients(lead)
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
    draft_version = ProgressUpdate.objects.get().version
    data = {
        "action_version": stale_version,
        "revised_timescale": "July 2013",
        "revision_reason": "Late",
    }
    response = post_step(owner_client, action, "milestones", data)
    assert response.status_code == 409
    body = response.content.decode()
    assert "July 2013" in body and "May 2013" in body
    action.refresh_from_db()
    assert action.revised_timescale == "May 2013"
    assert ProgressUpdate.objects.get().version == draft_version  # the draft was not saved


def test_a_draft_started_meanwhile_is_not_overwritten_by_a_page_opened_before_it(
    action, round, owner, delegate
):
    first, second = _clients(owner, delegate)
    # Both open the status page before any draft exists (no version); the owner saves first.
    assert post_step(first, action, "status", SIGNIFICANT, version="").status_code == 302
    post_step(first, action, "narrative", {"narrative": "Owner's start."})
    response = post_step(second, action, "status", {"status": Status.ACHIEVED.value}, version="")
    assert response.status_code == 409
    body = response.content.decode()
    assert "Owner&#x27;s start." in body or "Owner&#39;s start." in body
    assert "Significant progress" in body and "Achieved" in body
    draft = ProgressUpdate.objects.get()
    assert draft.narrative == "Owner's start."
    assert draft.share_significant_progress == 60
    assert draft.version == 2


def test_sending_answers_changed_since_they_were_checked_is_refused(action, round, owner, delegate):
    first, second = _clients(owner, delegate)
    record(first, action, submit=False)
    checked = ProgressUpdate.objects.get().version
    page = first.get(step_url(action, "check")).content.decode()
    assert f'name="version" value="{checked}"' in page
    post_step(second, action, "narrative", {"narrative": "The delegate's better account."})

    refused = first.post(step_url(action, "check"), {"version": checked})

    assert refused.status_code == 409
    body = refused.content.decode()
    assert "Someone else saved a newer version of this draft" in body
    assert "The delegate&#x27;s better account." in body or "delegate&#39;s better" in body
    draft = ProgressUpdate.objects.get()
    assert draft.state == UpdateState.DRAFT
    assert (
        f'name="version" value="{draft.version}"' in body
    )  # sending again is a choice made after seeing it
    sent = first.post(step_url(action, "check"), {"version": draft.version})
    assert sent.status_code == 302
    draft.refresh_from_db()
    assert draft.state == UpdateState.SUBMITTED
    assert draft.narrative == "The delegate's better account."
