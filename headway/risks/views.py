"""The plan's risk register, read-only: what is at risk, why, and to whom it was escalated."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from headway.plans.permissions import get_plan_for_user

from .models import Risk, RiskStatus


@require_safe
@login_required
def risk_register(request: HttpRequest, slug: str) -> HttpResponse:
    plan = get_plan_for_user(request, slug)
    show = request.GET.get("show")
    risks = Risk.objects.filter(action__plan=plan).select_related("action", "recorded_by")
    if show != "all":
        risks = risks.filter(status=RiskStatus.OPEN)
    return render(
        request,
        "risks/register.html",
        {
            "plan": plan,
            "risks": list(
                risks.order_by("status", "action__area__number", "action__reference", "pk")
            ),
            "show_all": show == "all",
        },
    )
