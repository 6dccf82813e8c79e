"""Reads of the risk register."""

from django.db.models import Exists, OuterRef, QuerySet

from headway.plans.choices import UpdateState
from headway.plans.models import Action, Plan, ProgressUpdate, ReviewRound

from .models import Risk, RiskStatus


def risks_open_on_plan(*, plan: Plan) -> list[Risk]:
    """The plan's open risks in the plan's order of areas and actions (one query)."""
    return list(
        Risk.objects.filter(action__plan=plan, status=RiskStatus.OPEN)
        .select_related("action")
        .order_by("action__area__number", "action__position", "action__reference", "pk")
    )


def risks_for_register(*, plan: Plan, show_all: bool) -> QuerySet[Risk]:
    """The register page's risks: the open ones, or every one with ``show_all`` (one query)."""
    risks = Risk.objects.filter(action__plan=plan).select_related("action", "recorded_by")
    if not show_all:
        risks = risks.filter(status=RiskStatus.OPEN)
    return risks.order_by(
        "status", "action__area__number", "action__position", "action__reference", "pk"
    )


def limited_actions_without_risk(*, plan: Plan, round: ReviewRound | None) -> list[Action]:
    """Actions at Limited progress / risk (wholly or in part) at ``round`` that no open risk
    explains: a reader of the plan page still needs to see that the "why" is missing (one
    query)."""
    if round is None:
        return []
    limited = ProgressUpdate.objects.filter(
        action=OuterRef("pk"),
        round=round,
        state=UpdateState.APPROVED,
        share_limited_progress_risk__gt=0,
    )
    explained = Risk.objects.filter(action=OuterRef("pk"), status=RiskStatus.OPEN)
    return list(
        Action.objects.filter(plan=plan)
        .filter(Exists(limited))
        .exclude(Exists(explained))
        .select_related("owner")
        .order_by("area__number", "position", "reference")
    )
