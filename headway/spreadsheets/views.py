"""Spreadsheet pages: downloads and update sheets (the plan import's pages are in
``views_import``).

An update sheet waits in storage (``pending.py``), bound to the plan, round, person and kind of
upload it was sent for, while a background job runs its dry run (``tasks.upload_check``); the job's
page forwards to the preview, and confirming starts a second job that checks the file again and
applies it. No web worker spends more than the time to store a file.
"""

import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_http_methods, require_safe

from headway.indicators.permissions import can_manage_indicators
from headway.jobs.choices import JobKind, JobState
from headway.jobs.models import Job
from headway.jobs.services import job_create
from headway.plans.models import Plan, ReviewRound
from headway.plans.permissions import get_plan_for_user
from headway.plans.selectors import round_current_open

from .forms import UploadForm
from .pending import (
    PLAN_IMPORT,
    UPDATE_SHEET,
    Binding,
    PendingRefused,
    pending_upload_claim,
    pending_upload_save,
    pending_upload_waiting,
)
from .permissions import (
    can_download_update_sheet_of,
    can_import_plan,
    can_return_update_sheet,
    can_send_update_sheets,
)
from .plan_export import CONTENT_TYPES, FORMATS, plan_export
from .problems import SpreadsheetRefused, problem_table
from .tasks import export_plan, upload_apply, upload_check
from .template import plan_template
from .update_sheets import update_sheet_build, update_sheet_filename, update_sheets_zip

XLSX_TYPE = CONTENT_TYPES["xlsx"]


def _download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _round_for(plan: Plan, round_pk: int) -> ReviewRound:
    return get_object_or_404(ReviewRound, plan=plan, pk=round_pk)


@require_safe
@login_required
def spreadsheet_index(request: HttpRequest, slug: str) -> HttpResponse:
    plan = get_plan_for_user(request, slug)
    user = request.user
    rounds = list(plan.rounds.order_by("-as_at"))
    current = round_current_open(plan=plan)
    senders, recorder = can_send_update_sheets(user, plan), can_return_update_sheet(user, plan)
    return render(
        request,
        "spreadsheets/index.html",
        {
            "plan": plan,
            "formats": FORMATS,
            "rounds": rounds,
            "rounds_table": _rounds_table(plan, rounds, current, senders, recorder),
            "can_import": can_import_plan(user),
            "can_import_indicators": can_manage_indicators(user, plan),
        },
    )


def _rounds_table(plan: Plan, rounds, current, senders: bool, recorder: bool) -> dict[str, Any]:
    """The update sheets of each round, as the GOV.UK table component takes them."""

    def link(url: str, text: str) -> str:
        return format_html('<a class="govuk-link" href="{}">{}</a>', url, text)

    rows = []
    for review_round in rounds:
        args = [plan.slug, review_round.pk]
        links = []
        if senders:
            links.append(
                link(reverse("spreadsheets:update_sheet", args=args), "All actions (.xlsx)")
            )
            links.append(
                link(
                    reverse("spreadsheets:update_sheets", args=args),
                    "One sheet per owner (.zip)",
                )
            )
        elif recorder:
            links.append(
                link(reverse("spreadsheets:update_sheet", args=args), "Your update sheet (.xlsx)")
            )
        if recorder and review_round == current:
            links.append(
                link(reverse("spreadsheets:update_upload", args=args), "Send back a filled sheet")
            )
        title = format_html(
            "{}{}",
            review_round.title,
            format_html(' <strong class="govuk-tag">{}</strong>', "Open")
            if review_round == current
            else "",
        )
        rows.append(
            [{"html": title}, {"html": format_html_join(" · ", "{}", ((link,) for link in links))}]
        )
    return {
        "caption": "Review rounds",
        "captionClasses": "govuk-table__caption--s",
        "head": [{"text": "Round"}, {"text": "Sheets"}],
        "rows": rows,
    }


@require_safe
@login_required
def plan_download(request: HttpRequest, slug: str, format: str) -> HttpResponse:
    plan = get_plan_for_user(request, slug)
    if format not in FORMATS:
        raise Http404("No such format")
    if plan.actions.count() > settings.HEADWAY_EXPORT_IN_BACKGROUND_ACTIONS:
        # Seconds of work for a large plan: the worker writes it, the job page links to it.
        job = job_create(
            kind=JobKind.PLAN_EXPORT, title=f"Exporting {plan.title} ({format})", user=request.user
        )
        export_plan.enqueue(str(job.pk), plan.pk, format)
        return redirect("jobs:detail", pk=job.pk)
    return _download(
        plan_export(plan=plan, format=format), f"{plan.slug}.{format}", CONTENT_TYPES[format]
    )


@require_safe
@login_required
def template_download(request: HttpRequest, slug: str) -> HttpResponse:
    get_plan_for_user(request, slug)
    return _download(plan_template(), "headway-plan-template.xlsx", XLSX_TYPE)


@require_safe
@login_required
def update_sheet_download(request: HttpRequest, slug: str, round_pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, slug)
    review_round = _round_for(plan, round_pk)
    user = request.user
    wanted = request.GET.get("owner", "")
    if wanted:
        if not can_download_update_sheet_of(user, plan, wanted):
            raise PermissionDenied("You can download your own update sheet only.")
        owner = get_object_or_404(get_user_model(), username=wanted)
    elif can_send_update_sheets(user, plan):
        owner = None
    elif can_return_update_sheet(user, plan):
        owner = user
    else:
        raise PermissionDenied("Update sheets are for action owners and the plan lead.")
    return _download(
        update_sheet_build(review_round=review_round, owner=owner),
        update_sheet_filename(review_round, owner),
        XLSX_TYPE,
    )


@require_safe
@login_required
def update_sheets_download(request: HttpRequest, slug: str, round_pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, slug)
    review_round = _round_for(plan, round_pk)
    if not can_send_update_sheets(request.user, plan):
        raise PermissionDenied("Only the plan lead and administrators send out update sheets.")
    return _download(
        update_sheets_zip(review_round=review_round),
        f"{plan.slug}-update-sheets-{review_round.as_at:%Y-%m-%d}.zip",
        "application/zip",
    )


@require_http_methods(["GET", "POST"])
@login_required
def update_sheet_upload(request: HttpRequest, slug: str, round_pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, slug)
    review_round = _round_for(plan, round_pk)
    if not can_return_update_sheet(request.user, plan):
        raise PermissionDenied("Only action owners and the plan lead send back update sheets.")

    binding = Binding(kind=UPDATE_SHEET, plan=plan.pk, round=review_round.pk, user=request.user.pk)
    return _upload_flow(request, plan, binding, title=f"Send back updates for {review_round.title}")


def _upload_flow(request: HttpRequest, plan: Plan, binding: Binding, *, title: str) -> HttpResponse:
    """GET: the form, or (``?checked=<job>``) the preview its check made. POST a file: store
    it and check it in the background. POST a token: confirm, and the upload is applied in the
    background (``tasks.upload_apply``); both jobs have a page for their progress."""
    context: dict[str, Any] = {"plan": plan, "title": title, "kind": binding.kind}
    if request.method == "POST" and request.POST.get("token"):
        return _confirm(request, binding, context)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        token = pending_upload_save(
            request=request, binding=binding, data=upload.read(), filename=upload.name
        )
        waiting = pending_upload_waiting(request=request, binding=binding, token=token)
        job = job_create(
            kind=_job_kind(binding), title=f"Checking {upload.name}", user=request.user
        )
        upload_check.enqueue(
            str(job.pk),
            binding.kind,
            binding.plan,
            binding.round,
            binding.user,
            waiting["path"],
            waiting["filename"],
            token,
        )
        return redirect("jobs:detail", pk=job.pk)
    if request.method == "GET" and request.GET.get("checked"):
        context.update(_checked_preview(request, binding, request.GET["checked"]))
    context["form"] = form
    return render(request, "spreadsheets/upload.html", context)


def _job_kind(binding: Binding) -> JobKind:
    return JobKind.PLAN_IMPORT if binding.kind == PLAN_IMPORT else JobKind.UPDATE_SHEET_IMPORT


def _checked_preview(request: HttpRequest, binding: Binding, job_id: str) -> dict[str, Any]:
    """The preview a finished check of this person's upload made, with the token to confirm it
    while the upload still waits in their session."""
    try:
        job = Job.objects.get(pk=uuid.UUID(job_id), user=request.user, state=JobState.SUCCEEDED)
    except (ValueError, Job.DoesNotExist):
        messages.error(
            request, "That check is not yours or has not finished; upload the file again."
        )
        return {}
    preview = job.result.get("preview") or {}
    token = job.result.get("token", "")
    waiting = pending_upload_waiting(request=request, binding=binding, token=token)
    if not preview or waiting is None:
        messages.error(request, "That upload has expired or was already applied; upload it again.")
        return {}
    return {"report": preview, "token": token if preview["has_changes"] else ""}


def _confirm(request: HttpRequest, binding: Binding, context: dict[str, Any]) -> HttpResponse:
    """Apply the previewed upload in the background; its job page shows progress and result."""
    try:
        pending = pending_upload_claim(
            request=request, binding=binding, token=request.POST["token"]
        )
    except PendingRefused as refused:
        context["problems"] = problem_table(SpreadsheetRefused(str(refused)).problems)
        context["form"] = UploadForm()
        return render(request, "spreadsheets/upload.html", context, status=409)
    if pending is None:
        messages.error(request, "That upload has expired or was already applied; upload it again.")
        return redirect(request.path)
    job = job_create(
        kind=_job_kind(binding),
        title=f"{context['title']}: {pending['filename']}",
        user=request.user,
    )
    upload_apply.enqueue(
        str(job.pk),
        binding.kind,
        binding.plan,
        binding.round,
        binding.user,
        pending["path"],
        pending["filename"],
    )
    return redirect("jobs:detail", pk=job.pk)
