"""Reads of the risk register."""

from django.db.models import QuerySet

from headway.plans.models import Plan

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
