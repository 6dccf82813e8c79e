"""Writes to the risk register. A risk is raised by a progress update, linked to by later ones
(which adds their action to it), or edited by its people."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from headway.core.concurrency import save_versioned
from headway.plans.choices import UpdateState

from .models import Risk, RiskLink, RiskStatus

RISK_EDITABLE_FIELDS = (
    "title",
    "cause",
    "impact",
    "mitigation",
    "external_dependency",
    "escalated_to",
    "escalated_on",
    "status",
    "exempt",
    "named_in_report",
)

NO_RISK_REASON_MAX = 300


@dataclass(frozen=True)
class RiskDetails:
    """What an owner says about a Limited progress / risk assessment."""

    cause: str
    impact: str
    mitigation: str
    external_dependency: str = ""
    escalated_to: str = ""
    escalated_on: Any = None

    @property
    def title(self) -> str:
        """The register's one-line title: the cause's first line, shortened."""
        first_line = self.cause.strip().splitlines()[0] if self.cause.strip() else "Risk"
        return first_line if len(first_line) <= 120 else first_line[:117].rstrip() + "…"


@dataclass(frozen=True)
class RiskLinkChoice:
    """The update's cause is a risk already in the plan's register."""

    risk_id: int


@dataclass(frozen=True)
class NoRiskReason:
    """No risk is raised for this Limited progress / risk, and why not (short, required)."""

    reason: str


# What an update at Limited progress / risk says about its risk: one of the three.
RiskAnswer = RiskDetails | RiskLinkChoice | NoRiskReason


def risk_update(
    *,
    risk: Risk,
    by: Any,
    expected_version: int,
    changes: dict[str, Any],
    actions: Sequence[Any] | None = None,
) -> Risk:
    """Change a risk, refusing a save over someone else's newer one (StaleVersionError).
    ``actions``, when given, replaces the linked actions (each must be in the risk's plan)."""
    unknown = set(changes) - set(RISK_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be changed here: {', '.join(sorted(unknown))}.")
    with transaction.atomic():
        risk._history_user = by
        risk = save_versioned(risk, expected_version=expected_version, changes=changes)
        if actions is not None:
            risk_actions_set(risk=risk, actions=actions, by=by)
    return risk


def risk_actions_set(*, risk: Risk, actions: Sequence[Any], by: Any) -> Risk:
    """Link the risk to exactly these actions, all of the risk's plan and at least one."""
    if not actions:
        raise ValidationError("A risk links to at least one action.")
    _check_same_plan(risk, actions)
    risk._history_user = by
    risk.actions.set(actions)
    return risk


def _check_same_plan(risk: Risk, actions: Sequence[Any]) -> None:
    outside = [a.reference for a in actions if a.plan_id != risk.plan_id]
    if outside:
        raise ValidationError(
            f"A risk links only to actions of its own plan; not in it: {', '.join(outside)}."
        )


def risk_record_for_update(
    *,
    update: Any,
    by: Any,
    details: RiskDetails,
    expected_version: int | None = None,
) -> Risk:
    """Create or change the risk a draft progress update raises.

    A draft that replaces a returned update takes over the returned update's risk rather than
    leaving a second copy of the same risk open in the register.
    """
    changes = {
        "title": details.title,
        "cause": details.cause,
        "impact": details.impact,
        "mitigation": details.mitigation,
        "external_dependency": details.external_dependency,
        "escalated_to": details.escalated_to,
        "escalated_on": details.escalated_on,
    }
    with transaction.atomic():
        _link_withdraw(update, by)
        _set_no_risk_reason(update, "")
        existing = _risk_raised_for(update)
        if existing is None:
            risk = Risk(plan_id=update.action.plan_id, raised_in=update, recorded_by=by, **changes)
            risk._history_user = by
            risk.full_clean()
            risk.save()
            risk.actions.add(update.action)
            return risk
        changes["raised_in"] = update
        existing._history_user = by
        risk = save_versioned(
            existing,
            expected_version=expected_version if expected_version is not None else existing.version,
            changes=changes,
        )
        if not risk.actions.filter(pk=update.action_id).exists():
            risk.actions.add(update.action)
        return risk


def risk_answer_for_update(
    *, update: Any, by: Any, answer: RiskAnswer, expected_version: int | None = None
) -> Risk | None:
    """Record what a draft at Limited progress / risk says about its risk: raise (or change)
    its own risk, link an open risk of the plan (adding the update's action to it), or give the
    reason no risk is raised. Changing the answer takes back what the earlier answer wrote."""
    if isinstance(answer, RiskDetails):
        return risk_record_for_update(
            update=update, by=by, details=answer, expected_version=expected_version
        )
    with transaction.atomic():
        risk_withdraw_for_draft(update=update, by=by)
        if isinstance(answer, NoRiskReason):
            reason = answer.reason.strip()
            if not reason:
                raise ValidationError("Say why no risk is raised")
            if len(reason) > NO_RISK_REASON_MAX:
                raise ValidationError(
                    f"Say why no risk is raised in {NO_RISK_REASON_MAX} characters or fewer"
                )
            _set_no_risk_reason(update, reason)
            return None
        return _link(update, answer.risk_id, by)


def _link(update: Any, risk_id: int, by: Any) -> Risk:
    risk = (
        Risk.objects.select_for_update()
        .filter(pk=risk_id, plan_id=update.action.plan_id, status=RiskStatus.OPEN)
        .first()
    )
    if risk is None:
        raise ValidationError("Choose an open risk of this plan to link to")
    added = not risk.actions.filter(pk=update.action_id).exists()
    if added:
        risk._history_user = by
        risk.actions.add(update.action)
    RiskLink.objects.create(update=update, risk=risk, added_action=added)
    return risk


def _link_withdraw(update: Any, by: Any) -> None:
    """Undo the draft's link: drop the link, and the action from the risk if linking is what
    put it there."""
    link = RiskLink.objects.filter(update=update).select_related("risk").first()
    if link is None:
        return
    if link.added_action:
        link.risk._history_user = by
        link.risk.actions.remove(update.action_id)
    link.delete()


def _set_no_risk_reason(update: Any, reason: str) -> None:
    """The draft's reason for raising no risk (the draft was just saved at its version)."""
    if update.no_risk_reason != reason:
        type(update).objects.filter(pk=update.pk).update(
            no_risk_reason=reason, updated_at=timezone.now()
        )
        update.no_risk_reason = reason


def risk_withdraw_for_draft(*, update: Any, by: Any) -> int:
    """A draft no longer at Limited progress / risk (or answering it otherwise) drops the risk
    it alone raised, its link to another risk, and its reason for raising none."""
    _link_withdraw(update, by)
    _set_no_risk_reason(update, "")
    risks = Risk.objects.filter(raised_in=update)
    deleted = 0
    for risk in risks:
        risk._history_user = by
        risk.delete()
        deleted += 1
    return deleted


def risk_answer_of_update(update: Any) -> RiskAnswer | Risk | None:
    """What an update said about its risk: the risk it raised, the ``RiskLinkChoice`` it made,
    the ``NoRiskReason`` it gave, or None (not answered)."""
    raised = Risk.objects.filter(raised_in=update).order_by("pk").first()
    if raised is not None:
        return raised
    link = RiskLink.objects.filter(update=update).first()
    if link is not None:
        return RiskLinkChoice(risk_id=link.risk_id)
    if update.no_risk_reason:
        return NoRiskReason(reason=update.no_risk_reason)
    return None


def _risk_raised_for(update: Any) -> Risk | None:
    own = Risk.objects.filter(raised_in=update).order_by("pk").first()
    if own is not None:
        return own
    return (
        Risk.objects.filter(
            raised_in__action_id=update.action_id,
            raised_in__round_id=update.round_id,
            raised_in__state=UpdateState.RETURNED,
        )
        .order_by("-pk")
        .first()
    )


def risks_carry_forward(*, carried: Sequence[Any], by: Any) -> list[Risk]:
    """Copy the open risks of the carried actions' predecessors into the new plan, each linked
    to the carried copies of its actions (a risk none of whose actions is carried stays behind).
    A fixed number of queries whatever the plan's size; each copy has its history row naming
    ``by``."""
    copies = {action.carried_from_id: action for action in carried}
    if not copies:
        return []
    Links = Risk.actions.through
    links = list(
        Links.objects.filter(action_id__in=list(copies), risk__status=RiskStatus.OPEN).values_list(
            "risk_id", "action_id"
        )
    )
    carried_actions: dict[int, list[Any]] = {}
    for risk_id, action_id in links:
        carried_actions.setdefault(risk_id, []).append(copies[action_id])
    open_risks = list(Risk.objects.filter(pk__in=list(carried_actions)).order_by("pk"))
    new_plan_id = next(iter(copies.values())).plan_id
    created = bulk_create_with_history(
        [
            Risk(
                plan_id=new_plan_id,
                title=r.title,
                cause=r.cause,
                impact=r.impact,
                mitigation=r.mitigation,
                external_dependency=r.external_dependency,
                escalated_to=r.escalated_to,
                escalated_on=r.escalated_on,
                exempt=r.exempt,
                named_in_report=r.named_in_report,
                recorded_by_id=r.recorded_by_id,
            )
            for r in open_risks
        ],
        Risk,
        default_user=by,
    )
    Links.objects.bulk_create(
        Links(risk_id=new.pk, action_id=action.pk)
        for old, new in zip(open_risks, created, strict=True)
        for action in carried_actions[old.pk]
    )
    return created
