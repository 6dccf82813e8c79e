"""Uploads are checked and applied in the background (``manage.py db_worker``), each as a job
whose page shows its progress and its result, so no web worker spends seconds of CPU on a file.

``upload_check`` is the dry run: its job page forwards to the preview when it is ready.
``upload_apply`` applies the confirmed upload: the file is checked again in full, and applied in
one transaction or not at all."""

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.urls import reverse
from django_tasks import task

from headway.jobs.services import JobFailed, Outcome, Progress, job_run, job_store_file
from headway.plans.models import Plan, ReviewRound

from .limits import plan_import_limits
from .mapping import headings_read
from .pending import (
    PLAN_IMPORT,
    PROBLEMS_SUFFIX,
    pending_upload_attach,
    pending_upload_read,
)
from .plan_diff import OwnerChoice
from .plan_export import plan_export
from .plan_import import plan_import
from .problems import SpreadsheetRefused
from .problems_workbook import problems_workbook
from .report import ImportReport
from .safety import read_sheets
from .update_sheet_import import update_sheet_import


@task()
def upload_check(
    job_id: str, kind: str, plan_id: int, round_id: int | None, user_id: int, path: str,
    filename: str, token: str,
) -> None:  # fmt: skip
    """The dry run of a waiting upload; its report is the job's result, for the preview."""

    def work(progress: Progress) -> Outcome:
        data = pending_upload_read(path, keep=True)
        user = get_user_model().objects.get(pk=user_id)
        plan = Plan.objects.get(pk=plan_id)
        try:
            report = _run(kind, data, filename, plan, round_id, user, progress, dry_run=True)
        except SpreadsheetRefused as refused:
            default_storage.delete(path)
            raise _refusal(refused, filename, kind, plan, round_id) from refused
        preview = report.as_preview()
        return Outcome(
            f"{filename} was checked: it would create {preview['counts']['created']}, change "
            f"{preview['counts']['changed']} and remove {preview['counts']['removed']}.",
            next_url=f"{_upload_page(kind, plan, round_id)}?checked={job_id}",
            result={"forward": True, "token": token, "preview": preview},
        )

    job_run(job_id=job_id, work=work, unit="rows")


def _run(kind, data, filename, plan, round_id, user, progress, *, dry_run=False) -> ImportReport:
    if kind == PLAN_IMPORT:
        return plan_import(
            data=data, filename=filename, plan=plan, by=user, progress=progress, dry_run=dry_run
        )
    return update_sheet_import(
        data=data,
        filename=filename,
        review_round=ReviewRound.objects.get(pk=round_id, plan=plan),
        by=user,
        progress=progress,
        dry_run=dry_run,
    )


def _refusal(refused: SpreadsheetRefused, filename, kind, plan, round_id) -> JobFailed:
    count = len(refused.problems)
    return JobFailed(
        f"{filename} was refused: {count} problem{'s' if count != 1 else ''}. Correct the file "
        "and upload it again.",
        result={"problems": [_problem(p) for p in refused.problems]},
        next_url=_upload_page(kind, plan, round_id),
    )


@task()
def upload_apply(
    job_id: str, kind: str, plan_id: int, round_id: int | None, user_id: int, path: str,
    filename: str,
) -> None:  # fmt: skip
    """Apply a previewed plan import or update sheet for the job ``job_id``."""

    def work(progress: Progress) -> Outcome:
        data = pending_upload_read(path)
        user = get_user_model().objects.get(pk=user_id)
        plan = Plan.objects.get(pk=plan_id)
        try:
            report = _run(kind, data, filename, plan, round_id, user, progress)
        except SpreadsheetRefused as refused:
            raise _refusal(refused, filename, kind, plan, round_id) from refused
        return Outcome(
            _summary(filename, report),
            next_url=reverse("plans:plan", kwargs={"slug": plan.slug}),
            result={
                "created": len(report.created),
                "changed": len(report.changed),
                "removed": len(report.removed),
            },
        )

    job_run(job_id=job_id, work=work, unit="rows")


def _upload_page(kind: str, plan: Plan, round_id: int | None) -> str:
    if kind == PLAN_IMPORT:
        return reverse("spreadsheets:import", kwargs={"slug": plan.slug})
    return reverse("spreadsheets:update_upload", kwargs={"slug": plan.slug, "round_pk": round_id})


def _summary(filename: str, report: ImportReport) -> str:
    return (
        f"{filename}: created {len(report.created)}, changed {len(report.changed)}, removed "
        f"{len(report.removed)}."
    )


def _problem(problem: Any) -> dict[str, str]:
    return {
        "where": problem.where[:1].upper() + problem.where[1:] if problem.where else "The file",
        "value": problem.value,
        "message": problem.message,
    }


@task()
def export_plan(job_id: str, plan_id: int, format: str) -> None:
    """Export a large plan in the background; the job's page links to the file."""

    def work(progress: Progress) -> Outcome:
        plan = Plan.objects.get(pk=plan_id)
        progress(0, None, stage=f"Writing the {format} file")
        data = plan_export(plan=plan, format=format)
        url = job_store_file(job_id=job_id, filename=f"{plan.slug}.{format}", data=data)
        return Outcome(f"{plan.slug}.{format} is ready ({len(data):,} bytes).", next_url=url)

    job_run(job_id=job_id, work=work)


# Rows of a preview or problems kept on the job for its page (the counts are always whole; the
# problems workbook holds every problem).
PREVIEW_ROWS = 1000


def import_options(steps: dict[str, Any]) -> dict[str, Any]:
    """``plan_import``'s keyword arguments from what the person said on the import's pages
    (JSON, as the session and the task queue keep them)."""
    new_plan = dict(steps.get("new_plan") or {})
    for key in ("period_start", "period_end"):
        if new_plan.get(key):
            new_plan[key] = dt.date.fromisoformat(new_plan[key])
    return {
        "mapping": steps.get("mapping") or None,
        "as_at": dt.date.fromisoformat(steps["as_at"]) if steps.get("as_at") else None,
        "owners": {
            name: OwnerChoice(user=choice.get("user"), email=choice.get("email", ""))
            for name, choice in (steps.get("owners") or {}).items()
        },
        "new_plan": new_plan or None,
    }


@task()
def plan_import_headings(
    job_id: str, path: str, filename: str, columns_url: str, upload_url: str
) -> None:
    """Open an uploaded plan file safely and read its heading row, a few values of each column
    and its title rows, for the page that asks what each column holds."""

    def work(progress: Progress) -> Outcome:
        progress(0, None, stage="Opening the file")
        data = pending_upload_read(path, keep=True)
        try:
            headings = headings_read(read_sheets(data, filename, limits=plan_import_limits()))
        except SpreadsheetRefused as refused:
            raise JobFailed(
                f"{filename} was refused: {len(refused.problems)} "
                f"problem{'s' if len(refused.problems) != 1 else ''}. Correct the file and "
                "upload it again.",
                result={"problems": [_problem(p) for p in refused.problems]},
                next_url=upload_url,
            ) from refused
        return Outcome(
            f"{filename} is open: say what each column holds.",
            next_url=columns_url,
            result={"forward": True, "headings": headings.as_json()},
        )

    job_run(job_id=job_id, work=work)


@task()
def plan_import_check(
    job_id: str, user_id: int, plan_id: int | None, path: str, filename: str, steps: dict,
    preview_url: str,
) -> None:  # fmt: skip
    """The dry run of a plan import, in the background: what it would create, change and
    remove, or every problem (with the workbook given back with them written in). The preview
    page reads the result from the job."""

    def work(progress: Progress) -> Outcome:
        data = pending_upload_read(path, keep=True)
        user = get_user_model().objects.get(pk=user_id)
        plan = Plan.objects.get(pk=plan_id) if plan_id else None
        try:
            report = plan_import(
                data=data,
                filename=filename,
                plan=plan,
                by=user,
                dry_run=True,
                progress=progress,
                **import_options(steps),
            )
        except SpreadsheetRefused as refused:
            problems = refused.problems
            heading_rows = {steps["headings"]["sheet"]: steps["headings"]["row"]}
            pending_upload_attach(
                path,
                PROBLEMS_SUFFIX,
                problems_workbook(data, filename, problems, heading_rows=heading_rows),
            )
            return Outcome(
                f"{filename} is checked: {len(problems)} problem"
                f"{'s' if len(problems) != 1 else ''} to put right.",
                next_url=preview_url,
                result={
                    "forward": True,  # the job page goes straight on to the preview
                    "problems": [p.as_json() for p in problems[:PREVIEW_ROWS]],
                    "problem_count": len(problems),
                    "unmatched": refused.unmatched_owners,
                },
            )
        return Outcome(
            f"{filename} is checked: see what it would do.",
            next_url=preview_url,
            result={"forward": True, "report": _preview(report)},
        )

    job_run(job_id=job_id, work=work, unit="rows")


def _preview(report: ImportReport) -> dict[str, Any]:
    return {
        "plan": report.plan_slug,
        "plan_title": report.plan_title,
        "rows_read": report.rows_read,
        "counts": {
            "create": len(report.created),
            "change": len(report.changed),
            "remove": len(report.removed),
            "unchanged": report.unchanged,
        },
        "changes": [[c.kind, c.what, "; ".join(c.details)] for c in report.changes[:PREVIEW_ROWS]],
        "ignored_columns": report.ignored_columns,
    }


@task()
def plan_import_apply(
    job_id: str, user_id: int, plan_id: int | None, path: str, filename: str, steps: dict,
    upload_url: str,
) -> None:  # fmt: skip
    """Apply a checked and confirmed plan import: the plan's page follows."""

    def work(progress: Progress) -> Outcome:
        data = pending_upload_read(path)
        user = get_user_model().objects.get(pk=user_id)
        plan = Plan.objects.get(pk=plan_id) if plan_id else None
        try:
            report = plan_import(
                data=data,
                filename=filename,
                plan=plan,
                by=user,
                progress=progress,
                **import_options(steps),
            )
        except SpreadsheetRefused as refused:
            raise JobFailed(
                f"{filename} was refused: {len(refused.problems)} "
                f"problem{'s' if len(refused.problems) != 1 else ''}. Correct the file and "
                "upload it again.",
                result={"problems": [_problem(p) for p in refused.problems]},
                next_url=upload_url,
            ) from refused
        return Outcome(
            _summary(filename, report),
            next_url=reverse("plans:plan", kwargs={"slug": report.plan_slug}),
            result={
                "created": len(report.created),
                "changed": len(report.changed),
                "removed": len(report.removed),
            },
        )

    job_run(job_id=job_id, work=work, unit="rows")
