"""Recording progress as one whole: the update, its evidence, milestones, risk and timescale.

The update's own life (draft, submit, approve, return, supersede) is ``plans.services``'; the
risk register's writes are ``risks.services``'. This composes them in one transaction.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from headway.accounts.models import User
from headway.core.concurrency import StaleVersionError
from headway.plans.assessment import Assessment
from headway.plans.models import Action, Evidence, Milestone, ProgressUpdate, ReviewRound
from headway.plans.services import action_update, progress_update_save_draft, progress_update_submit
from headway.risks.services import RiskDetails, risk_record_for_update, risk_withdraw_for_draft


@dataclass(frozen=True)
class EvidenceItem:
    """A link or an uploaded file to attach to an update (files already type-checked)."""

    title: str
    url: str = ""
    file: Any = None


@dataclass(frozen=True)
class MilestoneChange:
    """A milestone's new done date, and the date it had when the person read it."""

    was: Any
    done_on: Any


class MilestoneChangedError(StaleVersionError):
    """Someone else changed the milestone's date since it was read; nothing was saved."""

    def __init__(self, current: Milestone, expected: Any) -> None:
        self.current, self.expected = current, expected
        Exception.__init__(
            self,
            f"The milestone {current.title!r} was changed by someone else (its date done is now "
            f"{current.done_on or 'empty'}, your copy had {expected or 'empty'}).",
        )


@dataclass(frozen=True)
class TimescaleRevision:
    revised_timescale: str
    revised_due_date: Any
    revision_reason: str


def progress_update_record(
    *,
    action: Action,
    round: ReviewRound,
    by: User,
    assessment: Assessment,
    narrative: str,
    narrative_exempt: bool = False,
    draft: ProgressUpdate | None = None,
    expected_version: int | None = None,
    evidence: Sequence[EvidenceItem] = (),
    remove_evidence_ids: Sequence[int] = (),
    copy_evidence_from: ProgressUpdate | None = None,
    milestone_changes: dict[int, MilestoneChange] | None = None,
    risk: RiskDetails | None = None,
    risk_version: int | None = None,
    revision: TimescaleRevision | None = None,
    action_version: int | None = None,
    submit: bool = False,
) -> ProgressUpdate:
    """Save an owner's update with everything that goes with it, in one transaction.

    Either all of it is written or none of it (a stale version anywhere raises
    StaleVersionError and rolls back the rest). ``submit`` sends it to the plan lead at once.
    """
    if assessment.includes_limited_progress and risk is None:
        raise ValidationError(
            "An assessment that includes Limited progress / risk must describe the risk."
        )
    with transaction.atomic():
        update = progress_update_save_draft(
            action=action,
            round=round,
            by=by,
            assessment=assessment,
            narrative=narrative,
            narrative_exempt=narrative_exempt,
            draft=draft,
            expected_version=expected_version,
        )
        _evidence_apply(update, evidence, remove_evidence_ids, copy_evidence_from)
        _milestones_mark_done(action, milestone_changes or {}, by)
        if assessment.includes_limited_progress:
            risk_record_for_update(
                update=update, by=by, details=risk, expected_version=risk_version
            )
        else:
            risk_withdraw_for_draft(update=update, by=by)
        if revision is not None and _is_new_revision(action, revision):
            action_update(
                action=action,
                by=by,
                expected_version=action_version if action_version is not None else action.version,
                changes={
                    "revised_timescale": revision.revised_timescale,
                    "revised_due_date": revision.revised_due_date,
                    "revision_reason": revision.revision_reason,
                },
            )
        if submit:
            update = progress_update_submit(update=update, by=by)
    return update


def _evidence_apply(
    update: ProgressUpdate,
    items: Sequence[EvidenceItem],
    remove_ids: Sequence[int],
    copy_from: ProgressUpdate | None,
) -> None:
    if remove_ids:
        update.evidence.filter(pk__in=remove_ids).delete()
    if copy_from is not None and copy_from.pk != update.pk:
        # A draft rewritten after its update was returned keeps the evidence already given.
        Evidence.objects.bulk_create(
            Evidence(update=update, title=e.title, url=e.url, file=e.file.name)
            for e in copy_from.evidence.all()
        )
    for item in items:
        evidence = Evidence(update=update, title=item.title, url=item.url)
        if item.file is not None:
            evidence.file.save(item.file.name, item.file, save=False)
        evidence.full_clean()
        evidence.save()


def _milestones_mark_done(action: Action, changes: dict[int, MilestoneChange], by: User) -> None:
    """Apply each change only over the date it was read with: the row is locked, and a date
    someone else set meanwhile refuses the whole record (MilestoneChangedError rolls it back)."""
    if not changes:
        return
    locked = Milestone.objects.select_for_update().filter(action=action, pk__in=list(changes))
    for milestone in locked.order_by("pk"):
        change = changes[milestone.pk]
        if milestone.done_on == change.done_on:
            continue
        if milestone.done_on != change.was:
            raise MilestoneChangedError(milestone, change.was)
        milestone.done_on = change.done_on
        milestone._history_user = by
        milestone.save(update_fields=["done_on", "updated_at"])


def _is_new_revision(action: Action, revision: TimescaleRevision) -> bool:
    return (
        revision.revised_timescale != action.revised_timescale
        or revision.revised_due_date != action.revised_due_date
        or revision.revision_reason != action.revision_reason
    )
