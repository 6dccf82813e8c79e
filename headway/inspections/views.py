"""Inspections, their findings and the actions that answer them.

Inspections are not secret (their reports are public), so every signed-in user sees them; the
actions listed against a finding are only those of plans the user can see. A strength needs no
action, so it is never listed as unanswered.
"""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from headway.plans.models import Action
from headway.plans.permissions import visible_plans

from .models import Finding, FindingKind, Inspection


def _visible_actions(request: HttpRequest):
    return (
        Action.objects.filter(plan__in=visible_plans(request.user))
        .select_related("plan")
        .order_by("plan__title", "reference")
    )


def _findings_with_actions(request: HttpRequest):
    return Finding.objects.prefetch_related(
        Prefetch("actions", queryset=_visible_actions(request), to_attr="visible_actions")
    ).annotate(action_count=Count("actions"))


@require_safe
@login_required
def inspection_list(request: HttpRequest) -> HttpResponse:
    inspections = Inspection.objects.annotate(
        finding_count=Count("findings", distinct=True),
        unanswered_count=Count(
            "findings",
            filter=Q(findings__actions__isnull=True) & ~Q(findings__kind=FindingKind.STRENGTH),
            distinct=True,
        ),
    )
    unanswered = (
        Finding.objects.filter(actions__isnull=True)
        .exclude(kind=FindingKind.STRENGTH)
        .select_related("inspection")
        .order_by("-inspection__started_on", "reference", "pk")
    )
    return render(
        request,
        "inspections/inspection_list.html",
        {"inspections": list(inspections), "unanswered": list(unanswered)},
    )


@require_safe
@login_required
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_object_or_404(Inspection, pk=pk)
    findings = list(_findings_with_actions(request).filter(inspection=inspection))
    return render(
        request,
        "inspections/inspection_detail.html",
        {
            "inspection": inspection,
            "findings": findings,
            "unanswered": [
                f for f in findings if f.action_count == 0 and f.kind != FindingKind.STRENGTH
            ],
        },
    )
