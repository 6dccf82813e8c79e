"""Report defaults: what a new report of a plan starts from, for one plan or the organisation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from headway.core.concurrency import StaleVersionError
from headway.plans.permissions import get_plan_for_user, is_administrator

from .forms import ReportDefaultsForm
from .models import ReportDefaults
from .permissions import can_draft_reports
from .services import report_defaults_save


@require_http_methods(["GET", "POST"])
@login_required
def report_defaults_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    plan = get_plan_for_user(request, slug) if slug else None
    allowed = can_draft_reports(request.user, plan) if plan else is_administrator(request.user)
    if not allowed:
        raise PermissionDenied("Only administrators, and a plan's lead for it, set its defaults.")
    stored = ReportDefaults.objects.filter(key=ReportDefaults.key_for(plan)).first()
    initial = {**(stored.values if stored else {}), "version": stored.version if stored else None}
    form = ReportDefaultsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            report_defaults_save(
                plan=plan,
                values=form.values(),
                expected_version=form.cleaned_data["version"],
                by=request.user,
            )
        except StaleVersionError:
            form.add_error(
                None,
                "Someone else saved these defaults while you were editing them. Your changes "
                "are below; compare them with the page as it is now before saving again.",
            )
        else:
            messages.success(request, "The defaults are saved: new reports start from them.")
            return redirect(request.path)
    return render(
        request,
        "reports/report_defaults.html",
        {"plan": plan, "form": form},
        status=400 if form.errors else 200,
    )
