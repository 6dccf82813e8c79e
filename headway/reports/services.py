"""Writes to committee reports: create a draft, edit it, redraft its commentary, publish, and
start a new edition of a published report. Each checks the state it changes.
"""

import hashlib
import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from headway.accounts.models import User
from headway.core.concurrency import StaleVersionError, save_versioned
from headway.plans.models import Plan, ReviewRound

from .body import DRAFTED, DRAFTED_KIND, fill_drafted, with_stable_ids
from .body import template_of as body_template_of
from .body import validate as validate_body
from .choices import REPORT_TRANSITIONS, Audience, DocumentFormat, ReportState
from .defaults import (
    BUILT_IN_DEFAULTS,
    COPIED_FROM_PREVIOUS,
    REQUIRED_FRONT_SHEET,
    built_in_body,
    fill_placeholders,
    report_defaults,
)
from .drafting import draft_commentary
from .models import (
    CONTENT_FIELDS,
    FRONT_SHEET_FIELDS,
    CommitteeReport,
    PublishedFile,
    ReportDefaults,
)
from .selectors import build_context, for_audience, report_data
from .text import clean_text
from .word_templates import report_template_bytes

__all__ = [
    "StaleVersionError",
    "report_body_save",
    "report_create_draft",
    "report_publish",
    "report_redraft",
    "report_start_new_edition",
    "report_update",
]

logger = logging.getLogger(__name__)


def _defaults_rows(plan: Plan) -> list[ReportDefaults | None]:
    """The stored defaults under a new report of ``plan``: the plan's, then the organisation's."""
    stored = {
        row.key: row
        for row in ReportDefaults.objects.filter(
            key__in=[ReportDefaults.key_for(plan), ReportDefaults.key_for(None)]
        )
    }
    return [stored.get(ReportDefaults.key_for(plan)), stored.get(ReportDefaults.key_for(None))]


def report_defaults_layers(plan: Plan) -> list[dict[str, str]]:
    """The stored front-sheet defaults under a new report of ``plan``: the plan's, then the
    organisation's."""
    return [row.values if row else {} for row in _defaults_rows(plan)]


def report_default_body(*, plan: Plan | None) -> list[dict[str, Any]]:
    """The body a layer of defaults gives a new report (the plan's, or with no plan the
    organisation's): its own, else the next layer's, else Headway's."""
    own, organisation = _defaults_rows(plan)  # with no plan, both are the organisation's
    if own is not None and own.body:
        return validate_body(own.body)
    below = organisation.body if plan is not None and organisation is not None else None
    # Derived afresh on each request until saved here: ids by position keep the page's links.
    return with_stable_ids(body_template_of(below) if below else built_in_body(plan=None))


_KEEP: Any = object()


def report_defaults_save(
    *,
    plan: Plan | None,
    values: dict[str, str] | None = None,
    expected_version: int | None,
    by: User,
    body: list[dict[str, Any]] | None = _KEEP,
) -> ReportDefaults:
    """Store the plan's (or, with no plan, the organisation's) defaults — the front-sheet
    ``values``, the ``body`` (sections and officer paragraphs in place; None: none at this
    layer), or both — refusing a save over someone else's newer one (``StaleVersionError``)."""
    changes: dict[str, Any] = {"updated_by": by}
    if values is not None:
        changes["values"] = {k: str(v) for k, v in values.items() if k in BUILT_IN_DEFAULTS}
    if body is not _KEEP:
        changes["body"] = body_template_of(validate_body(body)) if body is not None else None
    with transaction.atomic():
        row, created = ReportDefaults.objects.get_or_create(
            key=ReportDefaults.key_for(plan), defaults={"plan": plan, **changes}
        )
        if created:
            row.full_clean()
            return row
        return save_versioned(
            row,
            expected_version=expected_version if expected_version is not None else -1,
            changes=changes,
        )


def report_empty_required(report: CommitteeReport) -> list[str]:
    """The front-sheet fields a clerk expects filled that this report leaves empty (labels)."""
    labels = dict(FRONT_SHEET_FIELDS)
    return [
        labels[name]
        for name in REQUIRED_FRONT_SHEET
        if not str(getattr(report, name) or "").strip()
    ]


def _check_transition(report: CommitteeReport, target: ReportState) -> None:
    if target not in REPORT_TRANSITIONS[ReportState(report.state)]:
        raise ValidationError(
            f"A report that is {report.get_state_display().lower()} cannot become "
            f"{ReportState(target).label.lower()}."
        )


def _previous_report(plan: Plan, round: ReviewRound) -> CommitteeReport | None:
    """The plan's most recent report before this one: the source of the repetitive parts."""
    return (
        CommitteeReport.objects.filter(plan=plan)
        .exclude(round=round, state=ReportState.DRAFT)
        .order_by("-round__as_at", "-edition")
        .first()
    )


def report_create_draft(*, plan: Plan, round: ReviewRound, by: User) -> CommitteeReport:
    """Draft a report for a round: repetitive parts from the previous report (or the council's
    defaults), the commentary drafted from the data."""
    if round.plan_id != plan.pk:
        raise ValidationError("This round belongs to another plan.")
    if CommitteeReport.objects.filter(round=round).exclude(state=ReportState.DRAFT).exists():
        raise ValidationError(
            f"{round} already has a published report; start a new edition of it instead."
        )
    if CommitteeReport.objects.filter(round=round, state=ReportState.DRAFT).exists():
        raise ValidationError(f"{round} already has a draft report.")
    return _save_new(report_drafted(plan=plan, round=round, by=by))


def report_drafted(*, plan: Plan, round: ReviewRound, by: User | None = None) -> CommitteeReport:
    """A new, unsaved report for a round, its parts filled in as a new draft gets them: each
    front-sheet field and the body (every officer paragraph in place) from the plan's previous
    report, else the plan's defaults, else the organisation's, else Headway's; the drafted
    blocks drafted from this round's data."""
    rows = _defaults_rows(plan)
    values = report_defaults(plan=plan, layers=[row.values if row else {} for row in rows])
    previous = _previous_report(plan, round)
    layout = None
    if previous is not None:
        values.update(
            {
                name: getattr(previous, name)
                for name in COPIED_FROM_PREVIOUS
                if str(getattr(previous, name) or "").strip()
            }
        )
        layout = previous.body or None
    for row in rows:
        layout = layout or (row.body if row else None)
    body = (
        fill_placeholders(body_template_of(layout), plan=plan)
        if layout
        else built_in_body(plan=plan)
    )
    data = report_data(plan=plan, round=round, with_appendix=False)
    return CommitteeReport(
        plan=plan,
        round=round,
        edition=1,
        title=f"{plan.title} update",
        meeting_date=round.as_at,
        created_by=by,
        body=fill_drafted(body, draft_commentary(data=data)),
        **{k: v for k, v in values.items() if k in CONTENT_FIELDS},
    )


def _save_new(report: CommitteeReport) -> CommitteeReport:
    report.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as exc:
        raise ValidationError(
            "Someone else created a report for this round at the same time; open theirs."
        ) from exc
    return report


def report_update(
    *, report: CommitteeReport, by: User, expected_version: int, changes: dict[str, Any]
) -> CommitteeReport:
    """Change a draft's sections, refusing a save over someone else's newer one."""
    unknown = set(changes) - set(CONTENT_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be changed here: {', '.join(sorted(unknown))}.")
    if not report.is_draft:
        raise ValidationError("A published report is never edited; start a new edition instead.")
    # Stored clean: control characters no format can show (and PostgreSQL refuses NUL) go now.
    changes = {k: clean_text(v) if isinstance(v, str) else v for k, v in changes.items()}
    if "body" in changes:
        changes["body"] = validate_body(changes["body"])
    with transaction.atomic():
        current = CommitteeReport.objects.select_for_update().get(pk=report.pk)
        if not current.is_draft:
            raise ValidationError("This report was published meanwhile; it can no longer change.")
        return save_versioned(current, expected_version=expected_version, changes=changes)


def report_body_save(
    *, report: CommitteeReport, by: User, expected_version: int, body: list[dict[str, Any]]
) -> CommitteeReport:
    """Save a changed body (an edit made with ``headway.reports.body``'s functions) under the
    report's version: a save over someone else's newer one is refused."""
    return report_update(
        report=report, by=by, expected_version=expected_version, changes={"body": body}
    )


def report_redraft(
    *, report: CommitteeReport, by: User, expected_version: int, blocks: list[str]
) -> CommitteeReport:
    """Draft the chosen drafted blocks again from today's data (the officer's edits to those
    blocks are replaced; every other block, and every officer paragraph, is kept)."""
    body = validate_body(report.body)
    chosen = set(blocks)
    by_id = {item["id"]: item for section in body for item in section["blocks"]}
    if chosen - set(by_id):
        raise ValidationError(
            "A paragraph chosen is no longer in the report (someone may have removed it): "
            "nothing was drafted again."
        )
    not_drafted = [i for i in chosen if by_id[i]["kind"] != DRAFTED_KIND]
    if not_drafted:
        raise ValidationError(
            "Only paragraphs drafted from the data can be drafted again; officers' paragraphs "
            "and figures are never replaced."
        )
    drafted = draft_commentary(
        data=report_data(plan=report.plan, round=report.round, with_appendix=False)
    )
    for block_id in chosen:
        by_id[block_id]["text"] = drafted[by_id[block_id]["source"]]
    return report_body_save(report=report, by=by, expected_version=expected_version, body=body)


def report_redraft_preview(*, report: CommitteeReport) -> list[dict[str, Any]]:
    """What drafting the drafted blocks again would change, before anything is replaced: for
    each drafted block, its words now and as drafted from today's data."""
    drafted = draft_commentary(
        data=report_data(plan=report.plan, round=report.round, with_appendix=False)
    )
    return [
        {
            "id": item["id"],
            "source": item["source"],
            "label": DRAFTED[item["source"]],
            "now": item["text"],
            "drafted": drafted[item["source"]],
            "changed": item["text"] != drafted[item["source"]],
        }
        for section in report.body or []
        for item in section["blocks"]
        if item["kind"] == DRAFTED_KIND
    ]


def report_start_new_edition(*, report: CommitteeReport, by: User) -> CommitteeReport:
    """A new draft that will supersede a published report; the published one stays as it is."""
    if report.state != ReportState.PUBLISHED:
        raise ValidationError("Only the published report of a round can have a new edition.")
    if CommitteeReport.objects.filter(round=report.round, state=ReportState.DRAFT).exists():
        raise ValidationError(f"{report.round} already has a draft report.")
    edition = (
        CommitteeReport.objects.filter(round=report.round).aggregate(Max("edition"))["edition__max"]
        or 0
    ) + 1
    new = CommitteeReport(
        plan=report.plan,
        round=report.round,
        edition=edition,
        supersedes=report,
        created_by=by,
        **{name: getattr(report, name) for name in CONTENT_FIELDS},
    )
    return _save_new(new)


def _remove_orphan(name: str) -> None:
    """A file at this edition's name that no row refers to is left from a publication that was
    killed part way (files are not transactional): remove it so the real file keeps its name."""
    if default_storage.exists(name) and not PublishedFile.objects.filter(file=name).exists():
        logger.warning("Removing %s, left by an interrupted publication", name)
        default_storage.delete(name)


def report_publish(
    *,
    report: CommitteeReport,
    by: User,
    expected_version: int,
    progress: Callable[..., None] | None = None,
) -> CommitteeReport:
    """Freeze a draft: snapshot its context, store public and restricted Word and PDF files with
    their SHA-256, record who and when — all in one transaction.

    Everything is rendered before the transaction starts, so a rendering failure writes nothing;
    files written inside it are removed again if the transaction fails. ``progress(done, total,
    stage=…)`` hears of each file rendered (a background job's page shows it).
    """
    from .renderers import render

    _check_transition(report, ReportState.PUBLISHED)
    if report.version != expected_version:
        raise StaleVersionError(report, expected_version)
    now = timezone.now()
    report.published_at = now  # shown in the documents; saved below
    context = build_context(report=report, data=report_data(plan=report.plan, round=report.round))
    context["state"] = ReportState.PUBLISHED.value
    public = for_audience(context, Audience.PUBLIC)
    restricted = for_audience(context, Audience.RESTRICTED)
    word_template = report_template_bytes(report.plan)
    rendered = {}
    versions = [(Audience.PUBLIC, public)]
    if restricted["exempt_parts"]:  # otherwise the two say the same: render once, store both
        versions.append((Audience.RESTRICTED, restricted))
    total, done = len(DocumentFormat) * len(versions), 0
    for fmt in DocumentFormat:
        for audience, version in versions:
            if progress is not None:
                progress(done, total, stage=f"Rendering the {fmt.label} ({audience.value} version)")
            rendered[(audience, fmt)] = render(version, fmt, word_template=word_template)
            done += 1
        rendered.setdefault((Audience.RESTRICTED, fmt), rendered[(Audience.PUBLIC, fmt)])
    if progress is not None:
        progress(total, total, stage="Storing the files")
    written: list[str] = []
    try:
        with transaction.atomic():
            locked = CommitteeReport.objects.select_for_update().get(pk=report.pk)
            if locked.version != expected_version:
                raise StaleVersionError(locked, expected_version)
            _check_transition(locked, ReportState.PUBLISHED)
            superseded = locked.supersedes
            if superseded is not None and superseded.state == ReportState.PUBLISHED:
                CommitteeReport.objects.filter(pk=superseded.pk).update(
                    state=ReportState.SUPERSEDED, updated_at=now
                )
            for (audience, fmt), content in rendered.items():
                # Stored under the field's reports/<year>/ folder.
                name = (
                    f"{locked.plan.slug}-{locked.round.as_at:%Y-%m-%d}-"
                    f"edition-{locked.edition}-{audience}.{fmt}"
                )
                stored = PublishedFile(
                    report=locked,
                    audience=audience,
                    format=fmt,
                    sha256=hashlib.sha256(content).hexdigest(),
                    size=len(content),
                )
                _remove_orphan(stored.file.field.generate_filename(stored, name))
                stored.file.save(name, ContentFile(content), save=False)
                written.append(stored.file.name)
                stored.save()
            locked.state = ReportState.PUBLISHED
            locked.snapshot = context
            locked.published_at = now
            locked.published_by = by
            locked.version += 1
            locked.save()
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise
    logger.info("Published committee report %s (edition %s)", locked.pk, locked.edition)
    return locked
