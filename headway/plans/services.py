"""Writes that change the state of a plan's progress, and that set a plan up (its details, areas,
rounds and people). Each checks the transition it makes."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from headway.accounts.models import User
from headway.core.concurrency import StaleVersionError, save_versioned

from .assessment import Assessment
from .choices import UPDATE_TRANSITIONS, PlanRole, UpdateState
from .models import Action, OutcomeArea, Plan, PlanMembership, ProgressUpdate, ReviewRound
from .permissions import can_see_draft, is_administrator
from .selectors import round_current_open

__all__ = [
    "StaleVersionError",
    "action_update",
    "membership_add",
    "membership_change_role",
    "membership_remove",
    "outcome_area_add",
    "outcome_area_change",
    "plan_create",
    "plan_update",
    "progress_update_approve",
    "progress_update_return",
    "progress_update_save_draft",
    "progress_update_submit",
    "progress_updates_supersede",
    "review_round_check_as_at",
    "review_round_open",
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
        decision_record(locked, UpdateState.APPROVED, by, comment="")
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
        decision_record(locked, UpdateState.RETURNED, by, comment=comment.strip())
    return locked


def decision_record(record: Any, state: UpdateState, by: User, *, comment: str) -> None:
    """The plan lead's decision on a submitted record (a progress update, an indicator's
    value): its new state, who decided, when and why, a new version and a history row. The
    caller holds the record's row lock and has checked the transition."""
    record._history_user = by
    record.state = state
    record.decided_at = timezone.now()
    record.decided_by = by
    record.decision_comment = comment
    record.version += 1
    record.save(
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


# --- Setting a plan up: its details, outcome areas, review rounds and people.

PLAN_EDITABLE_FIELDS = ("title", "slug", "division", "period_start", "period_end")


def plan_create(
    *,
    by: User,
    title: str,
    slug: str,
    division: str = "",
    period_start: Any,
    period_end: Any,
) -> Plan:
    """A new plan, with nothing in it yet. Refused with the reason when the address is taken
    or the period ends before it starts."""
    plan = Plan(
        title=title.strip(),
        slug=slug,
        division=division.strip(),
        period_start=period_start,
        period_end=period_end,
    )
    plan._history_user = by
    plan.full_clean()
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError as exc:
        # Someone took the same address between our check and our save.
        raise ValidationError({"slug": "Another plan has this web address."}) from exc
    return plan


def plan_update(*, plan: Plan, by: User, expected_version: int, changes: dict[str, Any]) -> Plan:
    """Change a plan's details, refusing a save over someone else's newer one
    (``StaleVersionError``). A period that would leave a round outside it is refused."""
    unknown = set(changes) - set(PLAN_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be changed here: {', '.join(sorted(unknown))}.")
    start = changes.get("period_start", plan.period_start)
    end = changes.get("period_end", plan.period_end)
    outside = plan.rounds.exclude(as_at__range=(start, end)).order_by("as_at").first()
    if outside is not None:
        raise ValidationError(
            f"{outside} is as at {outside.as_at:%-d %B %Y}, outside the period "
            f"{start:%-d %B %Y} to {end:%-d %B %Y}: the period must include every round."
        )
    plan._history_user = by
    try:
        return save_versioned(plan, expected_version=expected_version, changes=changes)
    except IntegrityError as exc:
        raise ValidationError({"slug": "Another plan has this web address."}) from exc


def outcome_area_add(*, plan: Plan, by: User, title: str, short_title: str = "") -> OutcomeArea:
    """A new outcome area, numbered after the plan's last."""
    with transaction.atomic():
        Plan.objects.select_for_update().filter(pk=plan.pk).first()  # one numberer at a time
        last = plan.areas.order_by("-number").values_list("number", flat=True).first() or 0
        area = OutcomeArea(
            plan=plan, number=last + 1, title=title.strip(), short_title=short_title.strip()
        )
        area._history_user = by
        area.full_clean()
        area.save()
    return area


def outcome_area_change(
    *, area: OutcomeArea, by: User, title: str, short_title: str, number: int, read_at: Any
) -> OutcomeArea:
    """Rename an area and move it to place ``number`` (the others close up or make room; the
    areas are numbered 1, 2, 3 … afterwards). ``read_at`` is the ``updated_at`` the form was
    read at: a change saved by someone else meanwhile is never overwritten unseen. The actions'
    references ("2.4") are the plan's own wording and do not change."""
    with transaction.atomic():
        areas = list(
            OutcomeArea.objects.select_for_update().filter(plan_id=area.plan_id).order_by("number")
        )
        locked = next((a for a in areas if a.pk == area.pk), None)
        if locked is None or locked.updated_at != read_at:
            raise ValidationError(
                "Someone else changed this area meanwhile: nothing of yours was saved. "
                "Check it as it stands now, then make your change again."
            )
        if not 1 <= number <= len(areas):
            raise ValidationError({"number": f"Choose a place from 1 to {len(areas)}."})
        locked.title, locked.short_title = title.strip(), short_title.strip()
        locked.full_clean(exclude=["number"])
        areas.remove(locked)
        areas.insert(number - 1, locked)
        # Through free numbers, so (plan, number) stays unique at every step.
        free = max(a.number for a in areas) + 1
        moved = [a for place, a in enumerate(areas, start=1) if a.number != place]
        for offset, each in enumerate(moved):
            OutcomeArea.objects.filter(pk=each.pk).update(number=free + offset)
        for place, each in enumerate(areas, start=1):
            if each is locked or each.number != place:
                each.number = place
                each._history_user = by
                each.save()
    return locked


def review_round_check_as_at(*, plan: Plan, as_at: Any) -> None:
    """A new round's as-at date falls within the plan's period and after its latest round
    (``ValidationError`` on ``as_at`` otherwise, giving the dates). The question page asks
    this before "check your answers"; ``review_round_open`` asks it again."""
    if not plan.period_start <= as_at <= plan.period_end:
        raise ValidationError(
            {
                "as_at": (
                    f"The as-at date, {as_at:%-d %B %Y}, must fall within the plan's period: "
                    f"{plan.period_start:%-d %B %Y} to {plan.period_end:%-d %B %Y}."
                )
            }
        )
    latest = plan.rounds.order_by("-as_at").first()
    if latest is not None and as_at <= latest.as_at:
        raise ValidationError(
            {
                "as_at": (
                    f"The as-at date must be after {latest.as_at:%-d %B %Y}, the date of "
                    f"the plan's latest round ({latest})."
                )
            }
        )


def review_round_open(
    *,
    plan: Plan,
    title: str,
    as_at: Any,
    deadline: Any,
    by: User,
    close_previous: bool = False,
) -> ReviewRound:
    """Open a review round: owners record progress in it until it is closed.

    A plan has at most one open round (the database's ``one_open_round_per_plan`` says so too).
    If one is open, it is closed first when ``close_previous`` (``round_close``, which refuses
    while submitted updates await approval); otherwise the round is refused. The as-at date
    falls within the plan's period and after every round the plan already has.
    """
    title = title.strip()
    if not title:
        raise ValidationError({"title": "Enter the round's title"})
    with transaction.atomic():
        # Whoever opens a round for this plan waits for anyone else doing the same.
        Plan.objects.select_for_update().filter(pk=plan.pk).first()
        review_round_check_as_at(plan=plan, as_at=as_at)
        for open_round in plan.rounds.filter(closed_at__isnull=True):
            if not close_previous:
                raise ValidationError(
                    f"{open_round} is still open: close it before opening another round."
                )
            round_close(round=open_round, by=by)
        new = ReviewRound(plan=plan, title=title, as_at=as_at, deadline=deadline)
        new._history_user = by
        new.full_clean()
        try:
            with transaction.atomic():
                new.save()
        except IntegrityError as exc:
            raise ValidationError(
                "Another round of this plan was opened meanwhile: close it before opening another."
            ) from exc
    return new


def membership_add(*, plan: Plan, user: User, role: str, by: User) -> PlanMembership:
    """Give a person a role on a plan: they see it at once."""
    membership = PlanMembership(plan=plan, user=user, role=PlanRole(role))
    membership.full_clean()
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError as exc:
        raise ValidationError(f"{user} already has a role on this plan.") from exc
    return membership


def _check_not_own(membership: PlanMembership, by: User) -> None:
    # A plan lead who demoted or removed themselves would lose the page they did it from.
    if membership.user_id == by.pk and not is_administrator(by):
        raise ValidationError("You cannot change your own role: ask an administrator.")


def membership_change_role(*, membership: PlanMembership, role: str, by: User) -> PlanMembership:
    _check_not_own(membership, by)
    membership.role = PlanRole(role)
    membership.full_clean()
    membership.save(update_fields=["role", "updated_at"])
    return membership


def membership_remove(*, membership: PlanMembership, by: User) -> None:
    """Take a person's role away. Refused while they own actions of the plan: those actions
    need another owner first, or nobody could record their progress."""
    _check_not_own(membership, by)
    owned = list(
        membership.plan.actions.filter(owner_id=membership.user_id)
        .order_by("reference")
        .values_list("reference", flat=True)
    )
    if owned:
        noun = "action" if len(owned) == 1 else "actions"
        raise ValidationError(
            f"{membership.user} owns {noun} {', '.join(owned)} of this plan: give "
            f"{'it' if len(owned) == 1 else 'them'} another owner first."
        )
    membership.delete()
