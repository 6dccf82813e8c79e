"""The plan's risk register (what is at risk, why, and to whom it was escalated) and editing a
risk, refusing a save over a newer version."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from headway.core.versioned_edit import versioned_edit
from headway.plans.permissions import can_edit_action, get_plan_for_user

from .forms import RiskForm
from .models import Risk
from .selectors import risks_for_register
from .services import risk_update


@require_safe
@login_required
def risk_register(request: HttpRequest, slug: str) -> HttpResponse:
    plan = get_plan_for_user(request, slug)
    show_all = request.GET.get("show") == "all"
    return render(
        request,
        "risks/register.html",
        {
            "plan": plan,
            "risks": list(risks_for_register(plan=plan, show_all=show_all)),
            "show_all": show_all,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def risk_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, slug)
    risk = get_object_or_404(Risk.objects.select_related("action"), pk=pk, action__plan=plan)
    risk.action.plan = plan
    if not can_edit_action(request.user, risk.action):
        raise PermissionDenied("You cannot edit this risk.")
    return versioned_edit(
        request,
        instance=risk,
        form_class=RiskForm,
        save=lambda **kw: risk_update(risk=risk, by=request.user, **kw),
        template="risks/risk_edit.html",
        context={"plan": plan, "risk": risk, "action": risk.action},
        done="Saved the changes to the risk.",
        next_url=reverse("risks:register", kwargs={"slug": slug}),
    )
