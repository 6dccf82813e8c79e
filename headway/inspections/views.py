"""Inspections, their findings and the actions that answer them.

Inspections are not secret (their reports are public), so every signed-in user sees them; the
actions listed against a finding are only those of plans the user can see. A strength needs no
action, so it is never listed as unanswered.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .models import FindingKind, Inspection
from .selectors import findings_for_inspection, findings_unanswered, inspections_for_list


@require_safe
@login_required
def inspection_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "inspections/inspection_list.html",
        {"inspections": list(inspections_for_list()), "unanswered": list(findings_unanswered())},
    )


@require_safe
@login_required
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_object_or_404(Inspection, pk=pk)
    findings = list(findings_for_inspection(inspection=inspection, user=request.user))
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
