"""manage.py import_plan FILE [--plan SLUG] [--map FIELD=Heading ...] [--as-at YYYY-MM-DD]
[--dry-run]: import a plan from .xlsx or .csv."""

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

from headway.plans.models import Plan
from headway.spreadsheets.cells import normalise_header
from headway.spreadsheets.columns import ACTION_COLUMNS
from headway.spreadsheets.limits import plan_import_limits
from headway.spreadsheets.mapping import Mapping, headings_read, mapping_parse, mapping_suggested
from headway.spreadsheets.models import ColumnMapping
from headway.spreadsheets.plan_import import plan_import
from headway.spreadsheets.problems import SpreadsheetRefused
from headway.spreadsheets.progress import ProgressReport, no_progress
from headway.spreadsheets.safety import MAX_BYTES, read_sheets


class Command(BaseCommand):
    help = (
        "Import a plan's areas, actions, milestones and statuses from an .xlsx or .csv file. "
        "The whole file is checked first; any problem means nothing is written."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--plan",
            default="",
            help="The plan's slug (else the slug on the file's 'Plan' sheet). A new slug "
            "creates the plan from the 'Plan' sheet.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would change; write nothing."
        )
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="FIELD=Heading",
            help="Which column holds a field, e.g. --map 'owner=Lead officer' (repeatable). "
            "Fields: " + ", ".join(c.key for c in ACTION_COLUMNS) + ". Without it, the plan's "
            "saved mapping (from its last import) is used, else the headings' names.",
        )
        parser.add_argument(
            "--as-at",
            default="",
            metavar="YYYY-MM-DD",
            help="The date the file's Status column describes: its review round is used, or "
            "created (default: the plan's latest round).",
        )
        parser.add_argument(
            "--user",
            default="",
            help="The administrator recorded as making the changes (default: the first "
            "active superuser).",
        )

    def handle(self, *args, file: Path, plan: str, dry_run: bool, user: str, **options) -> None:
        if not file.is_file():
            raise CommandError(f"There is no file {file}.")
        if file.stat().st_size > MAX_BYTES:
            raise CommandError(f"{file} is larger than the {MAX_BYTES // 1024 // 1024} MB limit.")
        by = self._user(user)
        existing = Plan.objects.filter(slug=plan).first() if plan else None
        as_at = None
        if options["as_at"]:
            try:
                as_at = dt.date.fromisoformat(options["as_at"])
            except ValueError:
                raise CommandError(
                    f"--as-at {options['as_at']!r} is not a date: write it as YYYY-MM-DD."
                ) from None
        try:
            mapping = self._mapping(file, options["map"], existing)
            with self._progress_display(options["verbosity"]) as progress:
                report = plan_import(
                    data=file.read_bytes(),
                    filename=file.name,
                    by=by,
                    plan=existing,
                    plan_slug=plan,
                    dry_run=dry_run,
                    progress=progress,
                    mapping=mapping,
                    as_at=as_at,
                )
        except SpreadsheetRefused as refused:
            for problem in refused.problems:
                self.stderr.write(f"  {problem}")
            raise CommandError(
                f"{file.name} was refused ({len(refused.problems)} problem(s)); nothing was "
                "written."
            ) from None
        self.stdout.write(report.as_text())

    def _mapping(self, file: Path, pairs: list[str], plan: Plan | None) -> Mapping | None:
        """The --map options over the plan's saved mapping (or the headings' own meaning)."""
        saved = ColumnMapping.objects.filter(plan=plan).first() if plan else None
        if not pairs and saved is None:
            return None
        # The saved mapping is laid over the headings' own meaning where its headings are in
        # this file (the plan's own export, say, is read by its headings).
        given = mapping_parse(pairs)
        data = file.read_bytes()
        headings = headings_read(read_sheets(data, file.name, limits=plan_import_limits()))
        columns = mapping_suggested(headings, saved.mapping if saved else None)
        by_index = {c.index: c for c in headings.columns}
        mapping = {key: by_index[index].text for index, key in columns.items()}
        for key in given:
            mapping.pop(key, None)
        taken = {normalise_header(h) for h in given.values()}
        mapping = {k: h for k, h in mapping.items() if normalise_header(h) not in taken}
        return {**mapping, **given}

    @contextmanager
    def _progress_display(self, verbosity: int) -> Iterator[ProgressReport]:
        """Where the import's steps are shown, on standard error (the report's text on standard
        output stays clean to pipe): a progress bar on a terminal, a line a step otherwise
        ('Checking the rows (1,234 rows)…'), nothing at verbosity 0."""
        if verbosity < 1:
            yield no_progress
            return
        if not self.stderr.isatty():
            yield self._progress_line
            return
        columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn())
        console = Console(file=self.stderr._out)
        with Progress(*columns, MofNCompleteColumn(), console=console) as bar:
            step = bar.add_task("Starting", total=None)

            def report(done: int, total: int | None = None, *, stage: str = "") -> None:
                bar.update(step, completed=done, total=total, description=stage or "Working")

            yield report

    def _progress_line(self, done: int, total: int | None = None, *, stage: str = "") -> None:
        counted = f" ({done:,} rows)" if total else ""
        self.stderr.write(f"{stage}{counted}…", style_func=lambda text: text)

    def _user(self, username: str):
        users = get_user_model().objects.filter(is_active=True)
        found = (
            users.filter(username=username).first()
            if username
            else users.filter(is_superuser=True).order_by("pk").first()
        )
        if found is None or not found.is_administrator:
            raise CommandError(
                "Give --user USERNAME of an administrator (staff) to record the import as."
            )
        return found
