"""manage.py import_plan FILE [--plan SLUG] [--dry-run]: import a plan from .xlsx or .csv."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

from headway.plans.models import Plan
from headway.spreadsheets.plan_import import plan_import
from headway.spreadsheets.problems import SpreadsheetRefused
from headway.spreadsheets.progress import ProgressReport, no_progress
from headway.spreadsheets.safety import MAX_BYTES


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
        try:
            with self._progress_display(options["verbosity"]) as progress:
                report = plan_import(
                    data=file.read_bytes(),
                    filename=file.name,
                    by=by,
                    plan=existing,
                    plan_slug=plan,
                    dry_run=dry_run,
                    progress=progress,
                )
        except SpreadsheetRefused as refused:
            for problem in refused.problems:
                self.stderr.write(f"  {problem}")
            raise CommandError(
                f"{file.name} was refused ({len(refused.problems)} problem(s)); nothing was "
                "written."
            ) from None
        self.stdout.write(report.as_text())

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
