"""Reads for the inspection pages: inspections with their counts, and findings with the actions
that answer them. A strength needs no action, so it is never counted as unanswered."""

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from headway.plans.models import Action
from headway.plans.permissions import visible_plans

from .models import Finding, FindingKind, Inspection


def inspections_for_list() -> QuerySet[Inspection]:
    """Every inspection with ``finding_count`` and ``unanswered_count`` (one query)."""
    return Inspection.objects.annotate(
        finding_count=Count("findings", distinct=True),
        unanswered_count=Count(
            "findings",
            filter=Q(findings__actions__isnull=True) & ~Q(findings__kind=FindingKind.STRENGTH),
            distinct=True,
        ),
    )


def findings_unanswered() -> QuerySet[Finding]:
    """Findings no action answers (strengths aside), the latest inspection's first."""
    return (
        Finding.objects.filter(actions__isnull=True)
        .exclude(kind=FindingKind.STRENGTH)
        .select_related("inspection")
        .order_by("-inspection__started_on", "reference", "pk")
    )


def findings_for_inspection(*, inspection: Inspection, user: Any) -> QuerySet[Finding]:
    """The inspection's findings, each with ``action_count`` (every answering action) and
    ``visible_actions`` (only those of plans the user can see)."""
    visible_actions = (
        Action.objects.filter(plan__in=visible_plans(user))
        .select_related("plan")
        .order_by("plan__title", "reference")
    )
    return (
        Finding.objects.prefetch_related(
            Prefetch("actions", queryset=visible_actions, to_attr="visible_actions")
        )
        .annotate(action_count=Count("actions"))
        .filter(inspection=inspection)
    )
