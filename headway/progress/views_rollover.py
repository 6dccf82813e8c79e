"""Next year's plan: the roll-forward form, and each area's progress across successive plans."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from headway.plans.permissions import get_plan_for_user
from headway.plans.rollover import lineage_progress, rollover_split, suggested_next

from .forms_rollover import RollForwardForm
from .rollover import plan_roll_forward


@require_http_methods(["GET", "POST"])
@login_required
def plan_roll_forward_form(request: HttpRequest, slug: str) -> HttpResponse:
    """Administrators start next year's plan; everyone else who can see the plan is refused."""
    plan = get_plan_for_user(request, slug)
    if not request.user.has_perm("plans.manage_plan", plan):
        raise PermissionDenied("Only administrators start a new plan.")
    form = RollForwardForm(request.POST or None, initial=suggested_next(plan=plan))
    if request.method == "POST" and form.is_valid():
        try:
            result = plan_roll_forward(plan=plan, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error("slug" if "slug" in " ".join(exc.messages) else "start", exc)
        else:
            messages.success(
                request,
                f"{result.plan.title} was created with {len(result.carried)} actions carried "
                f"forward; {len(result.left_behind)} finished actions stay in {plan.title}.",
            )
            return redirect(result.plan)
    carried, left_behind = rollover_split(plan=plan)
    return render(
        request,
        "progress/roll_forward.html",
        {"plan": plan, "form": form, "carried": carried, "left_behind": left_behind},
    )


@require_safe
@login_required
def plan_years(request: HttpRequest, slug: str) -> HttpResponse:
    """Each outcome area's position at the last round of every plan in this plan's line."""
    plan = get_plan_for_user(request, slug)
    progress = lineage_progress(plan=plan, user=request.user)
    return render(
        request,
        "plans/plan_years.html",
        {
            "plan": plan,
            "years": progress.years,
            "areas": progress.areas,
            "totals": progress.totals,
        },
    )
