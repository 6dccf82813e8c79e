"""Writes to the risk register. A risk is raised by a progress update or edited by its people."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from headway.core.concurrency import save_versioned
from headway.plans.choices import UpdateState

from .models import Risk, RiskStatus

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
)


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


def risk_update(*, risk: Risk, by: Any, expected_version: int, changes: dict[str, Any]) -> Risk:
    """Change a risk, refusing a save over someone else's newer one (StaleVersionError)."""
    unknown = set(changes) - set(RISK_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be changed here: {', '.join(sorted(unknown))}.")
    risk._history_user = by
    return save_versioned(risk, expected_version=expected_version, changes=changes)


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
        existing = _risk_raised_for(update)
        if existing is None:
            risk = Risk(action_id=update.action_id, raised_in=update, recorded_by=by, **changes)
            risk._history_user = by
            risk.full_clean()
            risk.save()
            return risk
        changes["raised_in"] = update
        existing._history_user = by
        return save_versioned(
            existing,
            expected_version=expected_version if expected_version is not None else existing.version,
            changes=changes,
        )


def risk_withdraw_for_draft(*, update: Any, by: Any) -> int:
    """A draft no longer at Limited progress / risk drops the risk it alone raised."""
    risks = Risk.objects.filter(raised_in=update)
    deleted = 0
    for risk in risks:
        risk._history_user = by
        risk.delete()
        deleted += 1
    return deleted


def _risk_raised_for(update: Any) -> Risk | None:
    own = Risk.objects.filter(raised_in=update).order_by("pk").first()
    if own is not None:
        return own
    return (
        Risk.objects.filter(
            action_id=update.action_id,
            raised_in__round_id=update.round_id,
            raised_in__state=UpdateState.RETURNED,
        )
        .order_by("-pk")
        .first()
    )


def risks_carry_forward(*, carried: Sequence[Any], by: Any) -> list[Risk]:
    """Copy the open risks of each carried action's predecessor onto the carried action (one
    read, one bulk write, each copy with its history row naming ``by``)."""
    copies = {action.carried_from_id: action for action in carried}
    open_risks = Risk.objects.filter(action_id__in=list(copies), status=RiskStatus.OPEN)
    return bulk_create_with_history(
        [
            Risk(
                action=copies[r.action_id],
                title=r.title,
                cause=r.cause,
                impact=r.impact,
                mitigation=r.mitigation,
                external_dependency=r.external_dependency,
                escalated_to=r.escalated_to,
                escalated_on=r.escalated_on,
                exempt=r.exempt,
                recorded_by_id=r.recorded_by_id,
            )
            for r in open_risks.order_by("action_id", "pk")
        ],
        Risk,
        default_user=by,
    )
