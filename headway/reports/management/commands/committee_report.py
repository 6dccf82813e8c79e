"""Render a plan's committee report for a round to a file.

    python manage.py committee_report SLUG [--round YYYY-MM-DD] --format html|docx|pdf --output FILE
        [--template COUNCIL.docx]

The round's published report is rendered from its snapshot; without one, the draft (or, if the
round has no report yet, a draft built in memory and not saved) from the live data. The public
version unless --restricted.
"""

import datetime as dt
import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from headway.plans.models import Plan
from headway.reports.choices import Audience, ReportState
from headway.reports.council_template import TemplateRefused, council_template_check
from headway.reports.models import CommitteeReport
from headway.reports.renderers import render
from headway.reports.selectors import for_audience, report_context
from headway.reports.services import report_drafted
from headway.reports.word_templates import report_template_bytes


class Command(BaseCommand):
    help = "Render a plan's committee report (latest round by default) to a Word, PDF or HTML file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="The plan's slug.")
        parser.add_argument(
            "--round", dest="round_date", help="The round's as-at date, YYYY-MM-DD."
        )
        parser.add_argument("--format", required=True, choices=["html", "docx", "pdf"])
        parser.add_argument("--output", required=True, help="File to write.")
        parser.add_argument(
            "--template",
            help="A council Word template (.docx with tags, docs/reports.md) to fill in; without "
            "it, the Word file uses the plan's uploaded template, if any.",
        )
        parser.add_argument(
            "--restricted",
            action="store_true",
            help="Include exempt information (the restricted version).",
        )

    def handle(self, *args, **options) -> None:
        plan = Plan.objects.filter(slug=options["slug"]).first()
        if plan is None:
            known = ", ".join(Plan.objects.order_by("slug").values_list("slug", flat=True)[:20])
            raise CommandError(
                f"No plan has the slug {options['slug']!r}. Plans: {known or 'none yet'}."
            )
        round = self._round(plan, options["round_date"])
        report = self._report(plan, round)
        audience = Audience.RESTRICTED if options["restricted"] else Audience.PUBLIC
        word_template = self._word_template(plan, options["template"])
        content = render(
            for_audience(report_context(report=report), audience),
            options["format"],
            word_template=word_template if options["format"] == "docx" else None,
        )
        output = Path(options["output"])
        _write_whole(output, content)
        state = "unsaved draft" if report.pk is None else report.get_state_display().lower()
        self.stdout.write(
            f"Wrote {output} ({len(content):,} bytes): {audience} version of the {state} report "
            f"for {round}."
        )

    def _word_template(self, plan: Plan, path: str | None) -> bytes | None:
        if not path:
            return report_template_bytes(plan)
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read the template {path}: {exc.strerror}.") from exc
        try:
            council_template_check(data, filename=Path(path).name)
        except TemplateRefused as refused:
            raise CommandError(str(refused)) from refused
        return data

    def _round(self, plan: Plan, round_date: str | None):
        rounds = plan.rounds.order_by("-as_at")
        if round_date is None:
            round = rounds.first()
            if round is None:
                raise CommandError(f"{plan} has no review rounds yet.")
            return round
        try:
            as_at = dt.date.fromisoformat(round_date)
        except ValueError as exc:
            raise CommandError(
                f"--round must be a date as YYYY-MM-DD, not {round_date!r}."
            ) from exc
        round = rounds.filter(as_at=as_at).first()
        if round is None:
            dates = ", ".join(f"{r.as_at:%Y-%m-%d}" for r in rounds) or "none"
            raise CommandError(f"{plan} has no round as at {as_at:%Y-%m-%d}. Its rounds: {dates}.")
        return round

    def _report(self, plan: Plan, round) -> CommitteeReport:
        reports = CommitteeReport.objects.filter(round=round).select_related("plan", "round")
        report = (
            reports.filter(state=ReportState.PUBLISHED).first()
            or reports.filter(state=ReportState.DRAFT).first()
        )
        if report is not None:
            return report
        # Nothing drafted yet: draft in memory, exactly as "create draft" would, without saving.
        return report_drafted(plan=plan, round=round)


def _write_whole(path: Path, content: bytes) -> None:
    """Write to a temporary file beside the target, then rename: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
