"""The indicators' spreadsheet pages: download them in the wide layout, and import a sheet of
them (upload, see every problem or what it would write, confirm). A sheet of indicators is a
few hundred rows, so its check and its import run in the request."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from headway.core.forms import text_field
from headway.indicators.permissions import can_manage_indicators
from headway.plans.models import Plan
from headway.plans.permissions import get_plan_for_user

from .forms import UploadForm
from .indicator_sheets import FIELDS, indicators_export, indicators_import
from .pending import (
    INDICATORS,
    Binding,
    PendingRefused,
    pending_upload_claim,
    pending_upload_read,
    pending_upload_save,
)
from .problems import SpreadsheetRefused, problem_table

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAPPED = ("reference", "title", "row")


class IndicatorUploadForm(UploadForm):
    """The file, and the headings of its columns where Headway's guess would be wrong."""

    reference_heading = text_field(
        "Heading of the column with the indicators' references (optional)",
        help_text="Left blank, Headway reads a column headed Reference, Ref, PI or Code.",
        max_length=100,
    )
    title_heading = text_field(
        "Heading of the column with the indicators' titles (optional)",
        help_text="Left blank: Indicator, Title, Measure or Name.",
        max_length=100,
    )
    row_heading = text_field(
        "Heading of the column that says what each row holds (optional)",
        help_text="Left blank: Row, Figure or Type. Its cells say Value, Target or Tolerance.",
        max_length=100,
    )

    def mapping(self) -> dict[str, str]:
        return {
            name: self.cleaned_data[f"{name}_heading"].strip()
            for name in MAPPED
            if self.cleaned_data.get(f"{name}_heading", "").strip()
        }


def _plan_for_importer(request: HttpRequest, slug: str) -> Plan:
    plan = get_plan_for_user(request, slug)
    if not can_manage_indicators(request.user, plan):
        raise PermissionDenied("Only the plan lead and administrators import indicators.")
    return plan


@require_safe
@login_required
def indicators_download(request: HttpRequest, slug: str) -> HttpResponse:
    plan = get_plan_for_user(request, slug)
    response = HttpResponse(indicators_export(plan=plan), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{plan.slug}-indicators.xlsx"'
    return response


@require_http_methods(["GET", "POST"])
@login_required
def indicators_upload(request: HttpRequest, slug: str) -> HttpResponse:
    """GET the form; POST a file to check it whole (nothing written) and preview it; POST the
    preview's token to import it, in one transaction."""
    plan = _plan_for_importer(request, slug)
    binding = Binding(kind=INDICATORS, plan=plan.pk, round=None, user=request.user.pk)
    context: dict[str, Any] = {"plan": plan, "fields": FIELDS}
    if request.method == "POST" and request.POST.get("token"):
        return _confirm(request, plan, binding, context)
    form = IndicatorUploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        mapping = form.mapping()
        try:
            preview = indicators_import(
                plan=plan,
                data=data,
                filename=upload.name,
                by=request.user,
                mapping=mapping,
                dry_run=True,
            )
        except SpreadsheetRefused as refused:
            context["problems"] = problem_table(refused.problems)
            status = 400
        else:
            context["preview"] = preview
            context["token"] = pending_upload_save(
                request=request,
                binding=binding,
                data=data,
                filename=upload.name,
                steps={"mapping": mapping},
            )
    context["form"] = form
    return render(request, "spreadsheets/indicators_upload.html", context, status=status)


def _confirm(
    request: HttpRequest, plan: Plan, binding: Binding, context: dict[str, Any]
) -> HttpResponse:
    try:
        pending = pending_upload_claim(
            request=request, binding=binding, token=request.POST["token"]
        )
    except PendingRefused as refused:
        context["problems"] = problem_table(SpreadsheetRefused(str(refused)).problems)
        context["form"] = IndicatorUploadForm()
        return render(request, "spreadsheets/indicators_upload.html", context, status=409)
    if pending is None:
        messages.error(request, "That upload has expired or was already applied; upload it again.")
        return redirect(request.path)
    data = pending_upload_read(pending["path"])
    try:
        result = indicators_import(
            plan=plan,
            data=data,
            filename=pending["filename"],
            by=request.user,
            mapping=pending["steps"].get("mapping") or {},
        )
    except SpreadsheetRefused as refused:
        # Something changed between the preview and the confirmation: nothing was written.
        context["problems"] = problem_table(refused.problems)
        context["form"] = IndicatorUploadForm()
        return render(request, "spreadsheets/indicators_upload.html", context, status=409)
    messages.success(
        request,
        f"Imported {pending['filename']}: {len(result.new_indicators)} indicator"
        f"{'' if len(result.new_indicators) == 1 else 's'} added, {result.values} value"
        f"{'' if result.values == 1 else 's'} and the targets recorded.",
    )
    return redirect(f"{plan.get_absolute_url()}#indicators")
