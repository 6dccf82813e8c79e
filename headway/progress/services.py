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
from headway.risks.models import RiskLink
from headway.risks.services import RiskAnswer, risk_answer_for_update, risk_withdraw_for_draft


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
    risk: RiskAnswer | None = None,
    risk_version: int | None = None,
    revision: TimescaleRevision | None = None,
    action_version: int | None = None,
    submit: bool = False,
) -> ProgressUpdate:
    """Save an owner's update with everything that goes with it, in one transaction.

    Either all of it is written or none of it (a stale version anywhere raises
    StaleVersionError and rolls back the rest). ``submit`` sends it to the plan lead at once.
    ``risk`` is one of the three answers at Limited progress / risk: a new risk's details, a
    link to an open risk of the plan, or the reason no risk is raised.
    """
    if assessment.includes_limited_progress and risk is None:
        raise ValidationError(
            "An assessment that includes Limited progress / risk must raise a risk, link an "
            "open risk of the plan, or say why no risk is raised."
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
            risk_answer_for_update(update=update, by=by, answer=risk, expected_version=risk_version)
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


# --- The question pages: a draft saved one page at a time, submitted from "check your answers".


def progress_draft_save_step(
    *,
    action: Action,
    round: ReviewRound,
    by: User,
    draft: ProgressUpdate | None,
    expected_version: int | None,
    assessment: Assessment | None = None,
    narrative: str | None = None,
    narrative_exempt: bool | None = None,
    evidence: Sequence[EvidenceItem] = (),
    remove_evidence_ids: Sequence[int] = (),
    copy_from: ProgressUpdate | None = None,
    milestone_changes: dict[int, MilestoneChange] | None = None,
    risk: RiskAnswer | None = None,
    risk_version: int | None = None,
    revision: TimescaleRevision | None = None,
    action_version: int | None = None,
) -> ProgressUpdate:
    """Save one question page's answers into the owner's draft, in one transaction.

    The first page (the assessment) starts the draft when there is none; a draft started after
    an update was returned or approved (``copy_from``) takes over its narrative and evidence.
    Every page saves through ``progress_update_save_draft`` with the version it was read at, so
    a page read before someone else's save is refused (StaleVersionError) and nothing of it is
    written. An assessment without Limited progress / risk withdraws the draft's risk; one with
    it keeps the risk until the risk page has been answered (``progress_draft_missing`` says
    what is still to answer, and ``progress_draft_submit`` refuses until it is).
    """
    if draft is None and assessment is None:
        raise ValidationError("Choose the action's status first.")
    with transaction.atomic():
        if draft is None:
            narrative = (
                narrative if narrative is not None else (copy_from.narrative if copy_from else "")
            )
            if narrative_exempt is None:
                narrative_exempt = copy_from.narrative_exempt if copy_from else False
        else:
            narrative = draft.narrative if narrative is None else narrative
            narrative_exempt = (
                draft.narrative_exempt if narrative_exempt is None else narrative_exempt
            )
        update = progress_update_save_draft(
            action=action,
            round=round,
            by=by,
            assessment=assessment or draft.assessment,
            narrative=narrative,
            narrative_exempt=narrative_exempt,
            draft=draft,
            expected_version=expected_version,
        )
        _evidence_apply(update, evidence, remove_evidence_ids, copy_from if draft is None else None)
        _milestones_mark_done(action, milestone_changes or {}, by)
        if not update.assessment.includes_limited_progress:
            risk_withdraw_for_draft(update=update, by=by)
        elif risk is not None:
            risk_answer_for_update(update=update, by=by, answer=risk, expected_version=risk_version)
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
    return update


def progress_draft_missing(*, draft: ProgressUpdate) -> list[str]:
    """What a draft still lacks before it can be submitted: "narrative" and/or "risk"."""
    missing = []
    if not draft.narrative.strip():
        missing.append("narrative")
    if draft.assessment.includes_limited_progress and not (
        draft.no_risk_reason.strip()
        or draft.risks.exists()
        or RiskLink.objects.filter(update=draft).exists()
    ):
        missing.append("risk")
    return missing


MISSING_MESSAGES = {
    "narrative": "Say what progress has been made",
    "risk": (
        "Say what the risk is: the assessment includes Limited progress / risk (link an open "
        "risk, raise a new one, or say why none is raised)"
    ),
}


def progress_draft_submit(
    *, draft: ProgressUpdate, by: User, expected_version: int | None
) -> ProgressUpdate:
    """Send a draft to the plan lead, as it was when its answers were checked.

    ``expected_version`` is the version the "check your answers" page showed: a draft saved by
    someone else since is refused (StaleVersionError), so nobody submits answers they have not
    seen. A draft without a narrative, or without its risk when it needs one, is refused.
    """
    with transaction.atomic():
        current = ProgressUpdate.objects.select_for_update().get(pk=draft.pk)
        if expected_version is None or current.version != expected_version:
            raise StaleVersionError(current, expected_version or 0)
        missing = progress_draft_missing(draft=current)
        if missing:
            raise ValidationError([MISSING_MESSAGES[name] for name in missing])
        return progress_update_submit(update=current, by=by)
