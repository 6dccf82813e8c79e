"""Import a plan from a spreadsheet: validate the whole file, then write it in one transaction.

``plan_import`` is the one service behind the ``import_plan`` command and the upload page. A dry
run returns exactly the changes a real run would make. Any problem refuses the whole file with
every problem listed and nothing written. Re-importing the same file changes nothing; an edited
file changes exactly what was edited, each change recorded in the history as the importing user.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, connection, models, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from headway.accounts.models import User
from headway.accounts.services import person_invite
from headway.plans.choices import UpdateState
from headway.plans.models import Action, Milestone, OutcomeArea, Plan, ProgressUpdate
from headway.plans.permissions import can_manage_plan
from headway.plans.services import progress_updates_supersede

from .assessments import SHARE_COLUMNS
from .limits import plan_import_limits
from .mapping import Mapping
from .models import ColumnMapping
from .plan_diff import OwnerChoice, PlanDiff
from .problems import Problem, SpreadsheetRefused
from .progress import ProgressReport, no_progress
from .reading import parse_plan_file
from .report import ImportReport
from .rows import ParsedFile
from .safety import read_sheets
from .writes import PlannedWrites

BATCH = 1000


def plan_import(
    *,
    data: bytes,
    filename: str,
    by: User,
    plan: Plan | None = None,
    plan_slug: str = "",
    dry_run: bool = False,
    progress: ProgressReport = no_progress,
    mapping: Mapping | None = None,
    as_at: dt.date | None = None,
    owners: dict[str, OwnerChoice] | None = None,
    new_plan: dict[str, Any] | None = None,
) -> ImportReport:
    """Import ``data`` (an .xlsx or .csv file) into ``plan``, or the plan the file describes.

    ``mapping`` ({field: heading}) says which column holds what (else the headings' names and
    synonyms do); it is remembered for the plan's next import. ``as_at`` is the date the plain
    Status column describes: its round is used, or created (else the plan's latest round).
    ``owners`` says what to do with owners' names that match no one (a person, an invitation,
    or unassigned). ``new_plan`` (title, slug, period_start, period_end) creates the plan.

    Raises SpreadsheetRefused, listing every problem, when anything is wrong; nothing is written.
    ``progress(done, total, stage=…)`` hears how far it has got, between steps (never inside
    the write transaction).
    """
    if not can_manage_plan(by):
        raise PermissionDenied("Only administrators import plans.")
    progress(0, None, stage="Reading the file")
    parsed = parse_plan_file(
        read_sheets(data, filename, limits=plan_import_limits()),
        mapping=mapping,
        keep_problems=True,
    )
    read_problems = parsed.problems
    if read_problems and not parsed.actions:
        raise SpreadsheetRefused(read_problems)
    progress(len(parsed.actions), len(parsed.actions), stage="Checking the rows")
    if new_plan:
        parsed.plan_fields.update(new_plan)
    plan = plan or _plan_for(parsed, plan_slug or str((new_plan or {}).get("slug", "")))

    def compare() -> tuple[ImportReport, PlannedWrites]:
        report = ImportReport(
            plan_slug=plan.slug,
            plan_title=plan.title,
            dry_run=dry_run,
            ignored_columns=parsed.ignored_columns,
            rows_read=len(parsed.actions),
        )
        diff = PlanDiff(plan=plan, parsed=parsed, by=by, report=report, as_at=as_at, owners=owners)
        writes = diff.run()
        if read_problems or diff.problems:
            refused = SpreadsheetRefused(_in_order(read_problems + diff.problems))
            refused.unmatched_owners = diff.unmatched_owners
            raise refused
        return report, writes

    report, writes = compare()
    if dry_run:
        return report
    progress(len(parsed.actions), len(parsed.actions), stage="Writing the changes")
    try:
        with transaction.atomic():
            if writes.invitations:
                # Invite the people named, then compare again with them as the owners.
                owners = dict(owners or {})
                for key, (name, email) in writes.invitations.items():
                    person = person_invite(email=email, full_name=name, invited_by=by)
                    owners[key] = OwnerChoice(user=person.pk)
                report, writes = compare()
            if report.has_changes:
                _apply(writes, by)
            if mapping:
                _remember(writes.plan, mapping, by)
    except (IntegrityError, DatabaseError, ValidationError) as exc:
        raise SpreadsheetRefused(
            f"The database refused the import, so nothing was written: {exc}"
        ) from exc
    return report


def _in_order(problems: list[Problem]) -> list[Problem]:
    """The file's own problems first, then row by row as the file reads."""
    return sorted(problems, key=lambda p: (p.row is not None, p.row or 0))


def _remember(plan: Plan, mapping: Mapping, by: User) -> None:
    """The plan's columns, as this import read them, for its next import."""
    ColumnMapping.objects.update_or_create(
        plan=plan, defaults={"mapping": mapping, "updated_by": by}
    )


def _plan_for(parsed: ParsedFile, slug: str) -> Plan:
    fields = parsed.plan_fields
    slug = slug or str(fields.get("slug") or "")
    if not slug:
        raise SpreadsheetRefused(
            "Say which plan to import into (--plan SLUG), or give the plan's slug on a "
            "'Plan' sheet."
        )
    existing = Plan.objects.filter(slug=slug).first()
    if existing is not None:
        return existing
    missing = [k for k in ("title", "period_start", "period_end") if not fields.get(k)]
    if missing:
        raise SpreadsheetRefused(
            Problem(
                sheet="Plan",
                message=(
                    f"There is no plan {slug!r} yet; to create it the file needs a 'Plan' sheet "
                    f"giving its {', '.join(m.replace('_', ' ') for m in missing)}."
                ),
            )
        )
    plan = Plan(
        slug=slug,
        title=fields["title"],
        division=fields.get("division", ""),
        description=fields.get("description", ""),
        period_start=fields["period_start"],
        period_end=fields["period_end"],
    )
    try:
        plan.full_clean()
    except ValidationError as exc:
        raise SpreadsheetRefused(
            [Problem(sheet="Plan", message=message) for message in exc.messages]
        ) from None
    return plan


def _apply(writes: PlannedWrites, by: User) -> None:
    """Write the planned changes, in dependency order, recording history as ``by``."""
    plan = writes.plan
    if plan.pk is None or writes.plan_changed:
        plan._history_user = by
        plan.full_clean()
        plan.save()
    if writes.new_areas:
        bulk_create_with_history(writes.new_areas, OutcomeArea, default_user=by)
    if writes.changed_areas:
        bulk_update_with_history(
            writes.changed_areas,
            OutcomeArea,
            ["title", "short_title", "description"],
            default_user=by,
        )
    if writes.new_memberships:
        type(writes.new_memberships[0]).objects.bulk_create(writes.new_memberships)
    if writes.new_actions:
        bulk_create_with_history(writes.new_actions, Action, batch_size=BATCH, default_user=by)
    if writes.changed_actions:
        changed = [action for action, _ in writes.changed_actions.values()]
        fields = set().union(*(fields for _, fields in writes.changed_actions.values()))
        for action in changed:
            # A form opened before the import is now stale, so it cannot overwrite the import.
            action.version += 1
            action.updated_at = timezone.now()
        bulk_update_with_history(
            changed,
            Action,
            sorted(fields | {"version", "updated_at"}),
            batch_size=BATCH,
            default_user=by,
        )
    _apply_milestones(writes, by)
    for review_round in writes.new_rounds:
        review_round._history_user = by
        review_round.full_clean(exclude=["plan"])
        review_round.save()
    _apply_updates(writes, by)


def _apply_milestones(writes: PlannedWrites, by: User) -> None:
    if writes.new_milestones:
        bulk_create_with_history(
            writes.new_milestones, Milestone, batch_size=BATCH, default_user=by
        )
    if writes.changed_milestones:
        bulk_update_with_history(
            writes.changed_milestones,
            Milestone,
            ["title", "due_date", "done_on", "position"],
            batch_size=BATCH,
            default_user=by,
        )
    for milestone in writes.removed_milestones:
        milestone._history_user = by
        milestone.delete()


def _apply_updates(writes: PlannedWrites, by: User) -> None:
    """Record the imported positions as approved updates.

    An import is the administrator recording the plan's position as they found it: there is no
    owner to submit it nor a lead to approve it, so it is written approved. A change to an
    approved position supersedes it, exactly as an approved correction does through the form.
    """
    if writes.superseded:
        progress_updates_supersede(
            updates=ProgressUpdate.objects.filter(pk__in=[u.pk for u in writes.superseded]),
            by=by,
        )
    now = timezone.now()
    fixed = {
        "state": UpdateState.APPROVED,
        "author_id": by.pk,
        "decided_by_id": by.pk,
        "decision_comment": "Recorded by spreadsheet import.",
        "created_at": now,
        "updated_at": now,
        "submitted_at": now,
        "decided_at": now,
    }
    insert_many(
        ProgressUpdate,
        [
            {
                **fixed,
                "action_id": new.action.pk,
                "round_id": new.round.pk,
                "narrative": new.narrative,
                "supersedes_id": new.supersedes_id,
                **dict(zip(SHARE_COLUMNS, new.shares, strict=True)),
            }
            for new in writes.new_updates
        ],
    )
    # Their history rows ("created"), as a form's save would leave, written the same fast way.
    if writes.new_updates:
        created = ProgressUpdate.objects.filter(
            author_id=by.pk, created_at=now, decision_comment=fixed["decision_comment"]
        ).values()
        insert_many(
            ProgressUpdate.history.model,
            [
                {**row, "history_date": now, "history_type": "+", "history_user_id": by.pk}
                for row in created
            ],
        )


def insert_many(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    """INSERT many rows with executemany, for rows that need no signal (history rows are
    written by the caller, as ``_apply_updates`` does).

    ``bulk_create`` builds and prepares every field of every row through the ORM, which for the
    tens of thousands of progress updates in a large plan costs more than the rest of the import
    put together; these values are already clean, so they only need the database's adaptation.
    Fields a row leaves out take their default.
    """
    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    ops = connection.ops
    adapters = {
        models.DateTimeField: ops.adapt_datetimefield_value,
        models.DateField: ops.adapt_datefield_value,
    }
    specs = []
    for field in fields:
        adapt = next((a for kind, a in adapters.items() if isinstance(field, kind)), None)
        specs.append((field.attname, field.get_default(), adapt))
    values = [
        [
            adapt(row[name]) if adapt and row.get(name) is not None else row.get(name, default)
            for name, default, adapt in specs
        ]
        for row in rows
    ]
    table = ops.quote_name(model._meta.db_table)
    columns = ", ".join(ops.quote_name(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        for start in range(0, len(values), BATCH * 5):
            cursor.executemany(
                # Names come from the model's own _meta, quoted by the backend; values are bound.
                f"INSERT INTO {table} ({columns}) VALUES ({placeholders})",  # noqa: S608  # nosec B608
                values[start : start + BATCH * 5],
            )
