"""Committee report pages: list per plan, create a draft, edit, preview, publish, download.

Every plan is looked up through ``_get_plan`` (the plans' ``get_plan_for_user`` plus the drafting
rule) and every report through ``_get_report``, which apply ``permissions``: outsiders get 404 (a
plan's existence is not leaked), members without the right 403, anonymous visitors the sign-in
page — unless public reports are enabled, when they read published public versions.
"""

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from headway.jobs.choices import JobKind
from headway.jobs.services import job_create
from headway.plans.models import Plan
from headway.plans.permissions import can_view_plan, get_plan_for_user

from . import services
from .choices import CONTENT_TYPES, DocumentFormat
from .forms import PublishForm, ReportCreateForm, ReportEditForm, VersionForm
from .models import CommitteeReport
from .permissions import (
    audiences_for,
    can_download,
    can_draft_reports,
    downloadable_files,
    public_reports_enabled,
)
from .renderers import render as render_report
from .renderers.html import template_context
from .selectors import for_audience, report_context, reports_for_plan
from .tasks import publish
from .word_templates import report_template_bytes


class _SignInFirst(Exception):
    pass


def _reports_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Send anonymous visitors who may not read the page to sign in."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except _SignInFirst:
            return redirect_to_login(request.get_full_path())

    return wrapper


def _refuse(request: HttpRequest, plan: Plan, *, drafting: bool) -> None:
    if not request.user.is_authenticated:
        if drafting or not public_reports_enabled():
            raise _SignInFirst
        return
    if not can_view_plan(request.user, plan):
        if drafting or not public_reports_enabled():
            raise Http404("No plan found")
        return
    if drafting and not can_draft_reports(request.user, plan):
        raise PermissionDenied("Only the plan lead or an administrator drafts reports.")


def _get_plan(request: HttpRequest, slug: str, *, drafting: bool) -> Plan:
    """Members find the plan through the plans' lookup; where public reports are published,
    anyone may read its list of published reports."""
    if not drafting and public_reports_enabled():
        return get_object_or_404(Plan, slug=slug)
    if not request.user.is_authenticated:
        get_object_or_404(Plan, slug=slug)  # an unknown plan is 404 for everyone
        raise _SignInFirst
    plan = get_plan_for_user(request, slug)
    if drafting and not can_draft_reports(request.user, plan):
        raise PermissionDenied("Only the plan lead or an administrator drafts reports.")
    return plan


def _get_report(request: HttpRequest, pk: int, *, drafting: bool) -> CommitteeReport:
    report = get_object_or_404(CommitteeReport.objects.select_related("plan", "round"), pk=pk)
    _refuse(request, report.plan, drafting=drafting or report.is_draft)
    return report


@require_safe
@_reports_view
def report_list(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _get_plan(request, slug, drafting=False)
    drafter = can_draft_reports(request.user, plan)
    reports = reports_for_plan(plan=plan, published_only=not drafter)
    member = request.user.is_authenticated and can_view_plan(request.user, plan)
    rows = [(report, downloadable_files(request.user, report)) for report in reports]
    return render(
        request,
        "reports/report_list.html",
        {"plan": plan, "rows": rows, "can_draft": drafter, "member": member},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@_reports_view
def report_create(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _get_plan(request, slug, drafting=True)
    form = ReportCreateForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_create_draft(
                plan=plan, round=form.cleaned_data["round"], by=request.user
            )
        except ValidationError as exc:
            form.add_error("round", exc)
        else:
            messages.success(request, "Draft report created from the round's data.")
            return redirect("reports:edit", pk=report.pk)
    return render(request, "reports/report_create.html", {"plan": plan, "form": form})


@require_safe
@_reports_view
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _get_report(request, pk, drafting=False)
    audiences = audiences_for(request.user, report)
    audience = request.GET.get("audience", audiences[0])
    if audience not in audiences:
        raise Http404("No such version of this report")
    context = for_audience(report_context(report=report), audience)
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "plan": report.plan,
            "audience": audience,
            "audiences": audiences,
            "can_draft": can_draft_reports(request.user, report.plan),
            "files": downloadable_files(request.user, report),
            "formats": DocumentFormat,
            **template_context(context),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@_reports_view
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _get_report(request, pk, drafting=True)
    if not report.is_draft:
        messages.error(request, "A published report is never edited; start a new edition.")
        return redirect(report)
    form = ReportEditForm(request.POST or None, instance=report)
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            services.report_update(
                report=report,
                by=request.user,
                expected_version=form.cleaned_data["version"],
                changes=form.changes(),
            )
        except services.StaleVersionError as exc:
            stale = exc.current
            form.add_error(None, str(exc) + " Their version is shown below; yours is in the form.")
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Report saved.")
            return redirect(report)
    return render(
        request,
        "reports/report_edit.html",
        {
            "report": report,
            "plan": report.plan,
            "form": form,
            "stale": stale,
        },
    )


@require_POST
@_reports_view
def report_redraft_view(request: HttpRequest, pk: int) -> HttpResponse:
    """First what drafting again would change, paragraph by paragraph; only the drafted
    paragraphs the officer then ticks are replaced (officers' paragraphs are never touched)."""
    report = _get_report(request, pk, drafting=True)
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["version"][0])
        return redirect("reports:edit", pk=report.pk)
    if not request.POST.get("confirm"):
        changes = services.report_redraft_preview(report=report)
        for change in changes:
            change["checkbox"] = {
                "name": "blocks",
                "classes": "govuk-checkboxes--small",
                "formGroup": {"classes": "govuk-!-margin-bottom-6"},
                "items": [
                    {
                        "id": f"block-{change['id']}",
                        "value": change["id"],
                        "text": f"Replace \u201c{change['label']}\u201d with the drafted words",
                    }
                ],
            }
        return render(
            request,
            "reports/report_redraft.html",
            {
                "report": report,
                "plan": report.plan,
                "changes": changes,
                "version": form.cleaned_data["version"],
                "any_changed": any(change["changed"] for change in changes),
            },
        )
    blocks = [b for b in request.POST.getlist("blocks") if b]
    if not blocks:
        messages.info(request, "Nothing was drafted again: no paragraph was chosen.")
        return redirect("reports:body", pk=report.pk)
    try:
        services.report_redraft(
            report=report,
            by=request.user,
            expected_version=form.cleaned_data["version"],
            blocks=blocks,
        )
    except (ValidationError, services.StaleVersionError) as exc:
        messages.error(request, "; ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(
            request,
            f"{len(blocks)} paragraph{'s' if len(blocks) != 1 else ''} drafted again from "
            "today's data.",
        )
    return redirect("reports:body", pk=report.pk)


@require_http_methods(["GET", "HEAD", "POST"])
@_reports_view
def report_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = _get_report(request, pk, drafting=True)
    empty = services.report_empty_required(report)
    form = PublishForm(request.POST or None, initial={"version": report.version}, empty=empty)
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["version"]
        if version != report.version:  # said at once; the job checks again, under a lock
            error = services.StaleVersionError(report, version)
            form.add_error(None, f"{error} Read the report again before publishing it.")
        elif not report.is_draft:
            form.add_error(None, "Only a draft report can be published.")
        else:
            # Rendering the files takes a while: the worker publishes, the job page follows it.
            job = job_create(
                kind=JobKind.REPORT_PUBLISH, title=f"Publishing {report}", user=request.user
            )
            publish.enqueue(str(job.pk), report.pk, request.user.pk, version)
            return redirect("jobs:detail", pk=job.pk)
    return render(
        request,
        "reports/report_publish.html",
        {"report": report, "plan": report.plan, "form": form, "empty": empty},
    )


@require_POST
@_reports_view
def report_new_edition(request: HttpRequest, pk: int) -> HttpResponse:
    report = _get_report(request, pk, drafting=True)
    try:
        new = services.report_start_new_edition(report=report, by=request.user)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        return redirect(report)
    messages.success(request, f"Edition {new.edition} started as a draft.")
    return redirect("reports:edit", pk=new.pk)


@require_safe
@_reports_view
def report_download(request: HttpRequest, pk: int, audience: str, fmt: str) -> HttpResponse:
    """A published report's stored file; a draft is rendered now (for the lead to check)."""
    report = _get_report(request, pk, drafting=False)
    if not can_download(request.user, report, audience) or fmt not in DocumentFormat.values:
        raise Http404("No such file")
    filename = f"{report.plan.slug}-{report.round.as_at:%Y-%m-%d}-{audience}.{fmt}"
    if report.is_draft:
        content = render_report(
            for_audience(report_context(report=report), audience),
            fmt,
            word_template=report_template_bytes(report.plan) if fmt == "docx" else None,
        )
        response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="draft-{filename}"'
        return response
    stored = report.files.filter(audience=audience, format=fmt).first()
    if stored is None:
        raise Http404("No such file")
    response = FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type=CONTENT_TYPES[fmt],
    )
    response["X-Content-SHA256"] = stored.sha256
    return response
