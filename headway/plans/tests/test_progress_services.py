"""The life of a progress update: draft → submitted → approved / returned → superseded."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from headway.core.concurrency import StaleVersionError
from headway.plans.assessment import Assessment
from headway.plans.choices import Status, UpdateState
from headway.plans.models import ProgressUpdate
from headway.plans.services import (
    progress_update_approve,
    progress_update_return,
    progress_update_save_draft,
    progress_update_submit,
    round_close,
)
from headway.testing.factories import ActionFactory, ReviewRoundFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def action():
    return ActionFactory()


@pytest.fixture
def round(action):
    return ReviewRoundFactory(plan=action.plan)


@pytest.fixture
def approver():
    return UserFactory(username="approver", job_title="Assistant Director")


def _draft(action, round, status=Status.SIGNIFICANT_PROGRESS, narrative="Going well."):
    return progress_update_save_draft(
        action=action,
        round=round,
        by=action.owner,
        assessment=Assessment.single(status),
        narrative=narrative,
    )


def test_a_submitted_and_approved_update_counts(action, round, approver):
    update = progress_update_submit(update=_draft(action, round), by=action.owner)
    assert update.state == UpdateState.SUBMITTED and update.submitted_at is not None
    approved = progress_update_approve(update=update, by=approver)
    approved.refresh_from_db()
    assert approved.state == UpdateState.APPROVED
    assert approved.decided_by == approver
    assert approved.counts


def test_nobody_approves_their_own_update(action, round):
    update = progress_update_submit(update=_draft(action, round), by=action.owner)
    with pytest.raises(PermissionDenied):
        progress_update_approve(update=update, by=action.owner)
    update.refresh_from_db()
    assert update.state == UpdateState.SUBMITTED


def test_returning_needs_a_comment_and_keeps_the_update(action, round, approver):
    update = progress_update_submit(update=_draft(action, round), by=action.owner)
    with pytest.raises(ValidationError):
        progress_update_return(update=update, by=approver, comment="  ")
    returned = progress_update_return(update=update, by=approver, comment="Add the audit figures.")
    assert returned.state == UpdateState.RETURNED
    assert returned.decision_comment == "Add the audit figures."
    # the owner writes a new draft; the returned one stays as it was
    again = _draft(action, round, narrative="With the audit figures.")
    assert again.pk != returned.pk
    assert ProgressUpdate.objects.filter(action=action, round=round).count() == 2


def test_a_correction_supersedes_the_approved_update_when_approved(action, round, approver):
    first = progress_update_approve(
        update=progress_update_submit(update=_draft(action, round), by=action.owner), by=approver
    )
    correction = _draft(action, round, status=Status.ACHIEVED, narrative="Now complete.")
    assert correction.supersedes == first
    progress_update_approve(
        update=progress_update_submit(update=correction, by=action.owner), by=approver
    )
    first.refresh_from_db()
    assert first.state == UpdateState.SUPERSEDED
    assert first.narrative == "Going well."
    current = ProgressUpdate.objects.get(action=action, round=round, state=UpdateState.APPROVED)
    assert current.assessment == Assessment.single(Status.ACHIEVED)


def test_a_stale_draft_save_is_refused(action, round):
    draft = _draft(action, round)
    read_version = draft.version
    progress_update_save_draft(
        action=action,
        round=round,
        by=action.owner,
        draft=draft,
        expected_version=read_version,
        assessment=Assessment.single(Status.ACHIEVED),
        narrative="First editor.",
    )
    with pytest.raises(StaleVersionError) as error:
        progress_update_save_draft(
            action=action,
            round=round,
            by=action.owner,
            draft=draft,
            expected_version=read_version,
            assessment=Assessment.single(Status.NOT_STARTED),
            narrative="Second editor.",
        )
    assert error.value.current.narrative == "First editor."
    draft.refresh_from_db()
    assert draft.narrative == "First editor."


def test_a_closed_round_locks_its_updates(action, round, approver):
    round_close(round=round, by=approver)
    round.refresh_from_db()
    assert round.is_closed and round.closed_by == approver
    with pytest.raises(ValidationError, match="is closed"):
        _draft(action, round)
    assert not ProgressUpdate.objects.exists()


def test_a_round_with_updates_awaiting_approval_cannot_close(action, round, approver):
    progress_update_submit(update=_draft(action, round), by=action.owner)
    with pytest.raises(ValidationError, match="1 submitted update still awaits approval"):
        round_close(round=round, by=approver)
    round.refresh_from_db()
    assert not round.is_closed


def test_a_submitted_update_cannot_be_submitted_again(action, round):
    update = progress_update_submit(update=_draft(action, round), by=action.owner)
    with pytest.raises(ValidationError, match="cannot become submitted"):
        progress_update_submit(update=update, by=action.owner)


def test_an_action_changed_outside_a_request_records_who_changed_it(action, approver):
    from headway.plans.services import action_update

    action_update(
        action=action,
        by=approver,
        expected_version=action.version,
        changes={"revised_timescale": "June 2013", "revision_reason": "Supplier delay."},
    )
    latest = action.history.first()
    assert latest.history_user == approver
    assert latest.revised_timescale == "June 2013"


# --- Each rule has one home, the service: pages, API and sheets all meet it here.


def test_progress_goes_into_the_current_open_round_only(action, round):
    # A plan has one open round at most: the older one is closed, and takes no progress.
    older = ReviewRoundFactory(plan=action.plan, as_at=round.as_at.replace(day=1))
    older.refresh_from_db()
    assert older.closed_at is not None
    with pytest.raises(ValidationError, match="is closed"):
        _draft(action, older)
    # Nor does a round of another plan, open or not.
    elsewhere = ReviewRoundFactory(as_at=round.as_at)
    with pytest.raises(ValidationError, match="another plan"):
        _draft(action, elsewhere)
    assert not ProgressUpdate.objects.exists()


def test_changing_a_draft_needs_the_version_it_was_read_at(action, round):
    draft = _draft(action, round, narrative="First words.")
    with pytest.raises(StaleVersionError):
        progress_update_save_draft(
            action=action,
            round=round,
            by=action.owner,
            assessment=Assessment.single(Status.ACHIEVED),
            narrative="Written over unseen.",
            draft=draft,
        )
    draft.refresh_from_db()
    assert draft.narrative == "First words." and draft.version == 1


def test_nobody_but_its_writers_changes_a_draft(action, round, approver):
    draft = _draft(action, round, narrative="Owner's words.")
    with pytest.raises(PermissionDenied):
        progress_update_save_draft(
            action=action,
            round=round,
            by=approver,
            assessment=Assessment.single(Status.ACHIEVED),
            narrative="Someone else's words.",
            draft=draft,
            expected_version=draft.version,
        )
    draft.refresh_from_db()
    assert draft.narrative == "Owner's words."


def test_an_administrator_may_approve_their_own_update_a_superuser_flag_is_not_needed(round):
    staff = UserFactory(username="staff-officer", is_staff=True, is_superuser=False)
    action = ActionFactory(area__plan=round.plan, owner=staff)
    update = progress_update_submit(update=_draft(action, round), by=staff)
    assert progress_update_approve(update=update, by=staff).state == UpdateState.APPROVED


def test_every_state_change_leaves_a_history_row_superseding_included(action, round, approver):
    first = progress_update_submit(update=_draft(action, round), by=action.owner)
    progress_update_approve(update=first, by=approver)
    correction = progress_update_submit(
        update=_draft(action, round, status=Status.ACHIEVED), by=action.owner
    )
    progress_update_approve(update=correction, by=approver)

    first.refresh_from_db()
    assert first.state == UpdateState.SUPERSEDED
    states = list(first.history.order_by("history_date").values_list("state", "history_user"))
    assert states == [
        (UpdateState.DRAFT, action.owner.pk),
        (UpdateState.SUBMITTED, action.owner.pk),
        (UpdateState.APPROVED, approver.pk),
        (UpdateState.SUPERSEDED, approver.pk),
    ]
