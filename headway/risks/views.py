"""The plan's risk register (what is at risk, why, and to whom it was escalated) and editing a
risk, refusing a save over a newer version."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from headway.core.versioned_edit import versioned_edit
from headway.plans.models import Action, Plan
from headway.plans.permissions import can_approve_updates, can_edit_action, get_plan_for_user

from .forms import RiskForm, RiskOwnerForm, parse_references
from .models import Risk
from .selectors import ACTION_ORDER, risks_for_register
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
    next_url = reverse("risks:register", kwargs={"slug": slug})
    risk = get_object_or_404(Risk, pk=pk, plan=plan)
    actions = list(risk.actions.select_related("owner").order_by(*ACTION_ORDER))
    for action in actions:
        action.plan = plan
    is_lead = can_approve_updates(request.user, plan)  # the plan lead or an administrator
    if not is_lead and not any(can_edit_action(request.user, a) for a in actions):
        raise PermissionDenied("You cannot edit this risk.")
    return versioned_edit(
        request,
        instance=risk,
        form_class=RiskForm if is_lead else RiskOwnerForm,
        save=lambda **kw: _save(risk, plan, request.user, **kw),
        template="risks/risk_edit.html",
        context={
            "plan": plan,
            "risk": risk,
            "actions": actions,
            "back_url": actions[0].get_absolute_url() if actions else next_url,
        },
        done="Saved the changes to the risk.",
        next_url=next_url,
    )


def _save(risk: Risk, plan: Plan, by: Any, *, expected_version: int, changes: dict) -> Risk:
    """Save the form's changes; the lead's form also says which actions the risk holds back."""
    references = changes.pop("action_references", None)
    actions = None
    if references is not None:
        wanted = parse_references(references)
        found = {a.reference: a for a in Action.objects.filter(plan=plan, reference__in=wanted)}
        unknown = [ref for ref in wanted if ref not in found]
        if unknown:
            raise ValidationError(f"This plan has no action {', '.join(unknown)}.")
        actions = [found[ref] for ref in wanted]
    return risk_update(
        risk=risk, by=by, expected_version=expected_version, changes=changes, actions=actions
    )
