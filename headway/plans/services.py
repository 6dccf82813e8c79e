"""Writes that change the state of a plan's progress. Each checks the transition it makes."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from headway.accounts.models import User
from headway.core.concurrency import StaleVersionError, save_versioned

from .assessment import Assessment
from .choices import UPDATE_TRANSITIONS, UpdateState
from .models import Action, ProgressUpdate, ReviewRound
from .permissions import can_see_draft, is_administrator
from .selectors import round_current_open

__all__ = [
    "StaleVersionError",
    "action_update",
    "progress_update_approve",
    "progress_update_return",
    "progress_update_save_draft",
    "progress_update_submit",
    "progress_updates_supersede",
    "round_close",
]


def _check_transition(update: ProgressUpdate, target: UpdateState) -> None:
    if target not in UPDATE_TRANSITIONS[UpdateState(update.state)]:
        raise ValidationError(
            f"An update that is {update.get_state_display().lower()} cannot become "
            f"{UpdateState(target).label.lower()}."
        )


def _check_round_open(round: ReviewRound) -> None:
    if round.is_closed:
        raise ValidationError(f"{round} is closed: its updates are locked.")


def _check_round_current(round: ReviewRound, action: Action) -> None:
    """Progress is recorded in the plan's current open round only (the newest that is open):
    an older round left open must not take updates meant for the current one."""
    if action.plan_id != round.plan_id:
        raise ValidationError("This round belongs to another plan than the action.")
    _check_round_open(round)
    current = round_current_open(plan=action.plan)
    if current is None or current.pk != round.pk:
        raise ValidationError(
            f"Progress is recorded in the plan's current open round only"
            f"{f' ({current})' if current else ''}, not in {round}."
        )


def progress_update_save_draft(
    *,
    action: Action,
    round: ReviewRound,
    by: User,
    assessment: Assessment,
    narrative: str,
    narrative_exempt: bool = False,
    draft: ProgressUpdate | None = None,
    expected_version: int | None = None,
) -> ProgressUpdate:
    """Create the owner's draft for an action in the current round, or change their draft.

    Changing a draft needs the version it was read at (``expected_version``): a draft someone
    else saved meanwhile is never overwritten unseen (StaleVersionError). Only those who may see
    the draft (``permissions.can_see_draft``) change it. A draft started after an update was
    approved is a correction: it supersedes the approved one when it is approved in turn.
    """
    _check_round_current(round, action)
    fields = {
        **assessment.as_sixtieths(),
        "narrative": narrative,
        "narrative_exempt": narrative_exempt,
    }
    if draft is not None:
        if not draft.is_draft:
            raise ValidationError("Only a draft can be changed; record a correction instead.")
        if not can_see_draft(by, draft):
            raise PermissionDenied("This draft is its writer's until it is submitted.")
        if expected_version is None:
            # Read before the draft existed: someone else started it meanwhile.
            raise StaleVersionError(draft, 0)
        draft._history_user = by
        return save_versioned(
            draft, expected_version=expected_version, changes={**fields, "author": by}
        )
    with transaction.atomic():
        approved = (
            ProgressUpdate.objects.select_for_update()
            .filter(action=action, round=round, state=UpdateState.APPROVED)
            .first()
        )
        update = ProgressUpdate(
            action=action, round=round, author=by, supersedes=approved, **fields
        )
        update._history_user = by
        update.full_clean()
        try:
            with transaction.atomic():
                update.save()
        except IntegrityError as exc:
            # Someone else started an update for this action between our check and our save.
            raise ValidationError(
                "This action already has an update in progress for this round."
            ) from exc
    return update


def progress_update_submit(*, update: ProgressUpdate, by: User) -> ProgressUpdate:
    """Send a draft to the plan lead. Its content is frozen from here on."""
    _check_round_open(update.round)
    _check_transition(update, UpdateState.SUBMITTED)
    with transaction.atomic():
        locked = ProgressUpdate.objects.select_for_update().get(pk=update.pk)
        if locked.state != UpdateState.DRAFT:
            raise ValidationError("This update has already been submitted.")
        locked._history_user = by
        locked.state = UpdateState.SUBMITTED
        locked.submitted_at = timezone.now()
        locked.version += 1
        locked.save(update_fields=["state", "submitted_at", "version", "updated_at"])
    return locked


def progress_update_approve(*, update: ProgressUpdate, by: User) -> ProgressUpdate:
    """Accept a submitted update; it now counts. The update it corrects becomes superseded.

    Nobody approves their own update, except an administrator (who manages every plan).
    """
    _check_round_open(update.round)
    _check_transition(update, UpdateState.APPROVED)
    if update.author_id == by.pk and not is_administrator(by):
        raise PermissionDenied("Nobody approves their own update.")
    with transaction.atomic():
        locked = ProgressUpdate.objects.select_for_update().get(pk=update.pk)
        if locked.state != UpdateState.SUBMITTED:
            raise ValidationError("This update is no longer waiting for approval.")
        progress_updates_supersede(
            updates=ProgressUpdate.objects.filter(
                action_id=locked.action_id, round_id=locked.round_id
            ),
            by=by,
        )
        _decide(locked, UpdateState.APPROVED, by, comment="")
    return locked


def progress_updates_supersede(*, updates: Any, by: User) -> int:
    """Mark the approved ones among ``updates`` superseded: a correction of the same action and
    round now counts instead. Each change is saved with its history row. Returns how many."""
    superseded = 0
    for old in updates.select_for_update().filter(state=UpdateState.APPROVED):
        _check_transition(old, UpdateState.SUPERSEDED)
        old.state = UpdateState.SUPERSEDED
        old.version += 1
        old._history_user = by
        old.save(update_fields=["state", "version", "updated_at"])
        superseded += 1
    return superseded


def progress_update_return(*, update: ProgressUpdate, by: User, comment: str) -> ProgressUpdate:
    """Send a submitted update back to its owner with the reason."""
    _check_round_open(update.round)
    _check_transition(update, UpdateState.RETURNED)
    if not comment.strip():
        raise ValidationError({"comment": "Say what the owner needs to change."})
    with transaction.atomic():
        locked = ProgressUpdate.objects.select_for_update().get(pk=update.pk)
        if locked.state != UpdateState.SUBMITTED:
            raise ValidationError("This update is no longer waiting for approval.")
        _decide(locked, UpdateState.RETURNED, by, comment=comment.strip())
    return locked


def _decide(update: ProgressUpdate, state: UpdateState, by: User, *, comment: str) -> None:
    update._history_user = by
    update.state = state
    update.decided_at = timezone.now()
    update.decided_by = by
    update.decision_comment = comment
    update.version += 1
    update.save(
        update_fields=[
            "state",
            "decided_at",
            "decided_by",
            "decision_comment",
            "version",
            "updated_at",
        ]
    )


def round_close(*, round: ReviewRound, by: User) -> ReviewRound:
    """Close a round: its updates are locked from now on. Refused while updates await a decision."""
    with transaction.atomic():
        locked = ReviewRound.objects.select_for_update().get(pk=round.pk)
        if locked.is_closed:
            raise ValidationError(f"{locked} is already closed.")
        waiting = locked.updates.filter(state=UpdateState.SUBMITTED).count()
        if waiting:
            noun, verb = ("update", "awaits") if waiting == 1 else ("updates", "await")
            raise ValidationError(f"{waiting} submitted {noun} still {verb} approval.")
        locked.closed_at = timezone.now()
        locked.closed_by = by
        locked.save(update_fields=["closed_at", "closed_by", "updated_at"])
    return locked


ACTION_EDITABLE_FIELDS = (
    "title",
    "objective",
    "desired_outcome",
    "lead_officer",
    "timescale",
    "due_date",
    "revised_timescale",
    "revised_due_date",
    "revision_reason",
    "external_dependencies",
)


def action_update(
    *, action: Action, by: User, expected_version: int, changes: dict[str, Any]
) -> Action:
    """Change an action's details, refusing a save over someone else's newer one."""
    unknown = set(changes) - set(ACTION_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be changed here: {', '.join(sorted(unknown))}.")
    action._history_user = by
    return save_versioned(action, expected_version=expected_version, changes=changes)
