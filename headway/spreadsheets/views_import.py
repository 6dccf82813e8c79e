"""Importing a plan from a council's own workbook, into a plan or as a new one.

upload → columns (what each column is) → [the new plan's title and period] → [the date the
progress is as at, when the file gives statuses] → the check, in the background → [who the
owners' names that match no one are, and the check again] → check your answers (what it would
create, change and remove, or every problem) → confirm → the import, in the background → the
plan's page.

The file waits in storage (``pending.py``), bound to the plan (or to a new plan), the person and
the kind of upload; what they say about it on each page is kept with it, and the import is
applied only from the page it was started on. The upload request only stores the file:
opening it (the package's safety checks, the heading row and samples), checking every row and
importing it are background jobs, each with a page that moves on when it is done.
"""

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_http_methods, require_safe

from headway.jobs.choices import JobKind, JobState
from headway.jobs.models import Job
from headway.jobs.services import job_create
from headway.plans.models import Plan
from headway.plans.permissions import get_plan_for_user

from .forms import AsAtForm, ColumnsForm, OwnersForm, PlanDetailsForm, UploadForm
from .mapping import Headings, field_label, mapping_suggested
from .models import ColumnMapping
from .pending import (
    PLAN_IMPORT,
    PROBLEMS_SUFFIX,
    Binding,
    PendingRefused,
    pending_upload_claim,
    pending_upload_get,
    pending_upload_save,
    pending_upload_step,
)
from .permissions import can_import_plan
from .problems import TABLE_LIMIT, Problem, SpreadsheetRefused, problem_table
from .tasks import plan_import_apply, plan_import_check, plan_import_headings

_KIND_LABELS = {"create": "Create", "change": "Change", "remove": "Remove"}


def _posted(request: HttpRequest):
    """The form's data on a POST (even an empty one, so its errors show), else None."""
    return request.POST if request.method == "POST" else None


def _require_administrator(request: HttpRequest) -> None:
    if not can_import_plan(request.user):
        raise PermissionDenied("Only administrators import plans.")


# Starting: the upload page, for a plan or a new one; the same page confirms the import.


@require_http_methods(["GET", "POST"])
@login_required
def plan_upload(request: HttpRequest, slug: str) -> HttpResponse:
    plan = get_plan_for_user(request, slug)
    _require_administrator(request)
    return _start(request, plan)


@require_http_methods(["GET", "POST"])
@login_required
def plan_upload_new(request: HttpRequest) -> HttpResponse:
    _require_administrator(request)
    return _start(request, None)


def _binding(request: HttpRequest, plan: Plan | None) -> Binding:
    return Binding(
        kind=PLAN_IMPORT, plan=plan.pk if plan else None, round=None, user=request.user.pk
    )


def _start_url(plan: Plan | None) -> str:
    if plan is None:
        return reverse("spreadsheets:import_new")
    return reverse("spreadsheets:import", kwargs={"slug": plan.slug})


def _start(request: HttpRequest, plan: Plan | None) -> HttpResponse:
    binding = _binding(request, plan)
    context: dict[str, Any] = {
        "plan": plan,
        "title": f"Import into {plan.title}" if plan else "Import a plan from a spreadsheet",
        "back": reverse("spreadsheets:index", args=[plan.slug]) if plan else reverse("home"),
    }
    if request.method == "POST" and request.POST.get("token"):
        return _confirm(request, plan, binding, context)
    form = UploadForm(_posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        token = pending_upload_save(
            request=request, binding=binding, data=upload.read(), filename=upload.name
        )
        # Even opening the file safely (its package checked part by part) is the worker's.
        job = job_create(
            kind=JobKind.PLAN_IMPORT, title=f"Reading {upload.name}", user=request.user
        )
        entry = pending_upload_step(request=request, token=token, headings_job=str(job.pk))
        plan_import_headings.enqueue(
            str(job.pk),
            entry["path"],
            upload.name,
            reverse("spreadsheets:import_columns", kwargs={"token": token}),
            _start_url(plan),
        )
        return redirect("jobs:detail", pk=job.pk)
    context["form"] = form
    return render(request, "spreadsheets/import_upload.html", context)


def _confirm(
    request: HttpRequest, plan: Plan | None, binding: Binding, context: dict[str, Any]
) -> HttpResponse:
    """Apply the checked upload in the background; its job page shows progress and result."""
    token = request.POST["token"]
    entry = pending_upload_get(request=request, token=token)
    if entry is not None and entry.get("kind") == PLAN_IMPORT and entry.get("plan") == binding.plan:
        steps = entry.get("steps", {})
        if not steps.get("check") or steps.get("ready") != steps.get("check"):
            messages.error(request, "Check the file's changes before confirming them.")
            return redirect("spreadsheets:import_preview", token=token)
    try:
        pending = pending_upload_claim(request=request, binding=binding, token=token)
    except PendingRefused as refused:
        context["problems"] = problem_table(SpreadsheetRefused(str(refused)).problems)
        context["form"] = UploadForm()
        return render(request, "spreadsheets/import_upload.html", context, status=409)
    if pending is None:
        messages.error(request, "That upload has expired or was already applied; upload it again.")
        return redirect(request.path)
    job = job_create(
        kind=JobKind.PLAN_IMPORT,
        title=f"{context['title']}: {pending['filename']}",
        user=request.user,
    )
    plan_import_apply.enqueue(
        str(job.pk),
        request.user.pk,
        plan.pk if plan else None,
        pending["path"],
        pending["filename"],
        _job_steps(pending["steps"]),
        _start_url(plan),
    )
    return redirect("jobs:detail", pk=job.pk)


# The questions, each on its own page, about the waiting upload ``token``.


class _Upload:
    """The waiting upload a question page is about, and what has been said about it."""

    def __init__(self, request: HttpRequest, token: str) -> None:
        _require_administrator(request)
        entry = pending_upload_get(request=request, token=token)
        if entry is None or entry.get("kind") != PLAN_IMPORT:
            raise _Expired
        self.request, self.token, self.entry = request, token, entry
        self.steps: dict[str, Any] = entry.get("steps", {})
        self.plan = Plan.objects.filter(pk=entry["plan"]).first() if entry["plan"] else None
        if entry["plan"] and self.plan is None:
            raise _Expired
        if "headings" not in self.steps:
            # The heading row is read by a background job: wait for it (or see its refusal).
            job = Job.objects.filter(pk=self.steps.get("headings_job"), user=request.user).first()
            if job is None:
                raise _Expired
            if job.state != JobState.SUCCEEDED:
                raise _Waiting(job)
            self.entry = pending_upload_step(
                request=request, token=token, headings=job.result["headings"]
            )
            self.steps = self.entry["steps"]
        self.headings = Headings.from_json(self.steps["headings"])
        self.filename: str = entry["filename"]

    def answer(self, **answers: Any) -> None:
        """Keep answers; any earlier check is out of date."""
        self.entry = pending_upload_step(
            request=self.request, token=self.token, check=None, ready=None, **answers
        )
        self.steps = self.entry["steps"]

    @property
    def title(self) -> str:
        return f"Import into {self.plan.title}" if self.plan else "Import a plan"

    @property
    def period(self):
        if self.plan is not None:
            return self.plan.period_start, self.plan.period_end
        new = self.steps.get("new_plan") or {}
        if new.get("period_start"):
            return (
                dt.date.fromisoformat(new["period_start"]),
                dt.date.fromisoformat(new["period_end"]),
            )
        return None

    def context(self, **more: Any) -> dict[str, Any]:
        return {"plan": self.plan, "title": self.title, "filename": self.filename, **more}

    def next_page(self) -> HttpResponse:
        """The next question not yet answered, or the check."""
        steps = self.steps
        if not steps.get("mapping"):
            return redirect("spreadsheets:import_columns", token=self.token)
        if self.plan is None and not steps.get("new_plan"):
            return redirect("spreadsheets:import_plan", token=self.token)
        if self.asks_as_at and not steps.get("as_at"):
            return redirect("spreadsheets:import_as_at", token=self.token)
        return self.check()

    def check(self) -> HttpResponse:
        """The dry run, in the background; its job page leads to the preview."""
        job = job_create(
            kind=JobKind.PLAN_IMPORT, title=f"Checking {self.filename}", user=self.request.user
        )
        self.entry = pending_upload_step(
            request=self.request, token=self.token, check=str(job.pk), ready=None
        )
        self.steps = self.entry["steps"]
        plan_import_check.enqueue(
            str(job.pk),
            self.request.user.pk,
            self.plan.pk if self.plan else None,
            self.entry["path"],
            self.filename,
            _job_steps(self.steps),
            reverse("spreadsheets:import_preview", kwargs={"token": self.token}),
        )
        return redirect("jobs:detail", pk=job.pk)

    @property
    def asks_as_at(self) -> bool:
        """Whether the file gives statuses: a Status column with values in it."""
        status = (self.steps.get("mapping") or {}).get("status")
        return bool(status) and self.headings.has_values(status)

    def back_from(self, page: str) -> str:
        order = ["columns", "plan", "as_at", "owners"]
        asked = {
            "columns": True,
            "plan": self.plan is None,
            "as_at": self.asks_as_at,
            "owners": bool(self.steps.get("owners")),
        }
        earlier = [p for p in order[: order.index(page)] if asked[p]] if page in order else []
        earlier = earlier or ([p for p in order if asked[p]] if page not in order else [])
        if not earlier:
            return _start_url(self.plan)
        return reverse(f"spreadsheets:import_{earlier[-1]}", kwargs={"token": self.token})


class _Expired(Exception):
    pass


class _Waiting(Exception):
    def __init__(self, job: Job) -> None:
        self.job = job


def _question(view):
    """A question page: administrators only, about a waiting upload of their own session."""

    @login_required
    def wrapped(request: HttpRequest, token: str) -> HttpResponse:
        try:
            upload = _Upload(request, token)
        except _Waiting as waiting:
            return redirect("jobs:detail", pk=waiting.job.pk)
        except _Expired:
            messages.error(
                request, "That upload has expired or was already imported; upload it again."
            )
            return redirect("spreadsheets:import_new")
        return view(request, upload)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _job_steps(steps: dict[str, Any]) -> dict[str, Any]:
    """What the background check and import need of the answers (not the samples shown)."""
    headings = steps.get("headings") or {}
    return {
        "mapping": steps.get("mapping") or {},
        "as_at": steps.get("as_at"),
        "owners": steps.get("owners") or {},
        "new_plan": steps.get("new_plan"),
        "headings": {"sheet": headings.get("sheet", ""), "row": headings.get("row", 1)},
    }


@require_http_methods(["GET", "POST"])
@_question
def import_columns(request: HttpRequest, upload: _Upload) -> HttpResponse:
    """What each column of the file is, pre-filled from the headings or the plan's last import."""
    headings = upload.headings
    if upload.steps.get("mapping"):
        initial = {}
        for key, heading in upload.steps["mapping"].items():
            for column in headings.by_heading(heading):
                initial[column.index] = key
    else:
        saved = ColumnMapping.objects.filter(plan=upload.plan).first() if upload.plan else None
        initial = mapping_suggested(headings, saved.mapping if saved else None)
    form = ColumnsForm(_posted(request), headings=headings, initial_columns=initial)
    if request.method == "POST" and form.is_valid():
        upload.answer(mapping=form.mapping)
        return upload.next_page()
    fields = [form[ColumnsForm.name_of(c)] for c in headings.columns]
    return render(
        request,
        "spreadsheets/import_columns.html",
        upload.context(
            form=form,
            fields=fields,
            headings=headings,
            back=_start_url(upload.plan),
        ),
    )


@require_http_methods(["GET", "POST"])
@_question
def import_plan(request: HttpRequest, upload: _Upload) -> HttpResponse:
    """The new plan's title and period, from the file's Plan sheet or title rows if given."""
    if upload.plan is not None:
        raise Http404("This import is into a plan that exists")
    fields = upload.headings.plan_fields
    saved = upload.steps.get("new_plan") or {}
    initial = {
        "title": saved.get("title")
        or fields.get("title")
        or (upload.headings.title_lines[:1] or [""])[0].split(" — ")[0][:300],
        "period_start": saved.get("period_start") or fields.get("period_start"),
        "period_end": saved.get("period_end") or fields.get("period_end"),
    }
    form = PlanDetailsForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload.answer(
            new_plan={
                "title": data["title"],
                "slug": data["slug"],
                "period_start": data["period_start"].isoformat(),
                "period_end": data["period_end"].isoformat(),
            }
        )
        return upload.next_page()
    return render(
        request,
        "spreadsheets/import_question.html",
        upload.context(
            form=form,
            heading="About the new plan",
            back=upload.back_from("plan"),
            fields=[form["title"], form["period_start"], form["period_end"]],
        ),
    )


@require_http_methods(["GET", "POST"])
@_question
def import_as_at(request: HttpRequest, upload: _Upload) -> HttpResponse:
    """The date the file's statuses describe, pre-filled from an "as at" in its title rows."""
    saved = upload.steps.get("as_at")
    found = upload.headings.as_at
    initial = {"as_at": saved or found}
    form = AsAtForm(_posted(request), initial=initial, period=upload.period)
    if request.method == "POST" and form.is_valid():
        upload.answer(as_at=form.cleaned_data["as_at"].isoformat())
        return upload.next_page()
    hint = None
    if found and not saved:
        hint = f"The file's title says the progress is as at {found:%d %B %Y}."
    return render(
        request,
        "spreadsheets/import_question.html",
        upload.context(
            form=form,
            heading=None,
            found=hint,
            back=upload.back_from("as_at"),
            fields=[form["as_at"]],
            page_heading_field=True,
        ),
    )


def _check_job(request: HttpRequest, upload: _Upload) -> Job | None:
    pk = upload.steps.get("check")
    return Job.objects.filter(pk=pk, user=request.user).first() if pk else None


@require_http_methods(["GET", "POST"])
@_question
def import_owners(request: HttpRequest, upload: _Upload) -> HttpResponse:
    """Each owner's name matching no one: choose the person, invite them, or leave it."""
    job = _check_job(request, upload)
    decided = upload.steps.get("owners") or {}
    unmatched = list((job.result.get("unmatched") or {}) if job and job.is_finished else {})
    names = sorted(set(unmatched) | set(decided), key=str.lower)
    if not names:
        return redirect("spreadsheets:import_preview", token=upload.token)
    people = list(
        get_user_model().objects.filter(is_active=True).order_by("first_name", "username")
    )
    initial = {}
    for index, name in enumerate(names):
        choice = decided.get(name)
        if choice:
            value = str(choice["user"]) if choice["user"] else "invite" if choice["email"] else ""
            initial[f"owner_{index}"] = value or "unassigned"
            initial[f"email_{index}"] = choice["email"]
    form = OwnersForm(_posted(request), names=names, people=people, initial=initial)
    if request.method == "POST" and form.is_valid():
        upload.answer(owners=form.choices)
        return upload.check()
    rows = [(form[f"owner_{i}"], form[f"email_{i}"]) for i in range(len(names))]
    return render(
        request,
        "spreadsheets/import_owners.html",
        upload.context(form=form, rows=rows, back=upload.back_from("owners")),
    )


@require_safe
@_question
def import_preview(request: HttpRequest, upload: _Upload) -> HttpResponse:
    """Check your answers: what the import would do, or every problem with the file."""
    job = _check_job(request, upload)
    if job is None:
        return upload.next_page()
    if not job.is_finished:
        return redirect("jobs:detail", pk=job.pk)
    result = job.result
    decided = upload.steps.get("owners") or {}
    unmatched = set(result.get("unmatched") or {})
    others = [
        p
        for p in result.get("problems", [])
        if not (p["column"] == "Owner" and p["value"] in unmatched)
    ]
    if unmatched - set(decided) and not others:
        # Only names to match: ask about them. With other problems too, the file is to be
        # corrected first, and every problem is shown.
        return redirect("spreadsheets:import_owners", token=upload.token)
    context = upload.context(
        token=upload.token,
        answers=_answers(upload),
        start_url=_start_url(upload.plan),
        back=upload.back_from("preview"),
    )
    if "report" in result:
        pending_upload_step(request=request, token=upload.token, ready=str(job.pk))
        context.update(_preview_tables(result["report"]))
    elif result.get("problems"):
        problems = [Problem(**p) for p in result["problems"]]
        context["problems"] = problem_table(problems, total=result.get("problem_count"))
        context["problems_download"] = reverse(
            "spreadsheets:import_problems", kwargs={"token": upload.token}
        )
    else:
        context["failed"] = job.message
    return render(request, "spreadsheets/import_preview.html", context)


@require_safe
@_question
def import_problems(request: HttpRequest, upload: _Upload) -> HttpResponse:
    """The uploaded workbook with a Problems column (and sheet) written in."""
    path = f"{upload.entry['path']}{PROBLEMS_SUFFIX}"
    if not default_storage.exists(path):
        raise Http404("No problems found in this file")
    stem = upload.filename.rsplit(".", 1)[0]
    response = FileResponse(
        default_storage.open(path, "rb"), as_attachment=True, filename=f"{stem}-problems.xlsx"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _answers(upload: _Upload) -> list[dict[str, Any]]:
    """The check-your-answers rows, each with a link to change it."""
    steps = upload.steps

    def row(key: str, value: Any, url: str | None = None, what: str = "") -> dict[str, Any]:
        item: dict[str, Any] = {"key": {"text": key}, "value": value}
        if url:
            item["actions"] = {
                "items": [{"href": url, "text": "Change", "visuallyHiddenText": what or key}]
            }
        return item

    def url(name: str) -> str:
        return reverse(f"spreadsheets:import_{name}", kwargs={"token": upload.token})

    mapping = steps.get("mapping") or {}
    columns = format_html("<ul class='govuk-list'>{}</ul>", _mapping_items(mapping))
    rows = [row("File", {"text": upload.filename})]
    if upload.plan is None:
        new = steps.get("new_plan") or {}
        rows.append(
            row(
                "New plan",
                {"text": f"{new.get('title')} ({_period_text(upload.period)})"},
                url("plan"),
                "the new plan",
            )
        )
    else:
        rows.append(row("Plan", {"text": upload.plan.title}))
    rows.append(row("Columns", {"html": columns}, url("columns"), "the columns"))
    if steps.get("as_at"):
        as_at = dt.date.fromisoformat(steps["as_at"])
        rows.append(
            row("Progress as at", {"text": f"{as_at:%d %B %Y}"}, url("as_at"), "the as-at date")
        )
    owners = steps.get("owners") or {}
    if owners:
        people = {p.pk: p for p in get_user_model().objects.filter(
            pk__in=[c["user"] for c in owners.values() if c["user"]])}  # fmt: skip
        lines = []
        for name, choice in sorted(owners.items()):
            if choice["user"]:
                what = f"is {people[choice['user']]}" if choice["user"] in people else "is chosen"
            elif choice["email"]:
                what = f"is invited ({choice['email']})"
            else:
                what = "is left unassigned"
            lines.append(format_html("<li>{} {}</li>", name, what))
        rows.append(
            row(
                "Owners' names",
                {"html": format_html("<ul class='govuk-list'>{}</ul>", _joined(lines))},
                url("owners"),
                "the owners",
            )
        )
    return rows


def _mapping_items(mapping: dict[str, str]):
    return _joined(
        [
            format_html("<li>{}: the column headed {}</li>", field_label(key), repr(heading))
            for key, heading in mapping.items()
        ]
    )


def _joined(parts: list) -> Any:
    return format_html_join("", "{}", ((part,) for part in parts))


def _period_text(period) -> str:
    if not period:
        return ""
    return f"{period[0]:%d/%m/%Y} to {period[1]:%d/%m/%Y}"


def _preview_tables(report: dict[str, Any]) -> dict[str, Any]:
    counts = report["counts"]
    summary = {
        "caption": "What the import will do",
        "captionClasses": "govuk-table__caption--m",
        "firstCellIsHeader": True,
        "head": [{"text": "Change"}, {"text": "Number", "format": "numeric"}],
        "rows": [
            [{"text": label}, {"text": f"{counts[key]:,}", "format": "numeric"}]
            for key, label in (
                ("create", "Created"),
                ("change", "Changed"),
                ("remove", "Removed"),
                ("unchanged", "Actions unchanged"),
            )
        ],
    }
    changes = report["changes"]
    detail = {
        "caption": f"Each change ({len(changes):,} shown)"
        if sum(counts[k] for k in ("create", "change", "remove")) > len(changes)
        else "Each change",
        "captionClasses": "govuk-table__caption--m",
        "head": [{"text": "Change"}, {"text": "What"}, {"text": "Details"}],
        "rows": [
            [{"text": _KIND_LABELS.get(kind, kind)}, {"text": what}, {"text": details}]
            for kind, what, details in changes[:TABLE_LIMIT]
        ],
    }
    return {
        "report": report,
        "summary_table": summary,
        "changes_table": detail if changes else None,
        "has_changes": bool(changes),
    }
