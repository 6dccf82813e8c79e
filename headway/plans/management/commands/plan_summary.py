"""Print a plan's summary at a round: the committee report's progress table, from the data."""

import csv
import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from headway.core.fractions import format_count, to_json_number
from headway.plans.counts import StatusCounts, status_columns
from headway.plans.models import Plan
from headway.plans.selectors import PlanSummary, plan_summary, round_latest


class Command(BaseCommand):
    help = "Print the summary of a plan at a review round (latest by default)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="The plan's slug, e.g. childrens-social-care-2012-13.")
        parser.add_argument("--round", dest="as_at", help="The round's date, YYYY-MM-DD.")
        parser.add_argument("--format", choices=["table", "csv", "json"], default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        plan = Plan.objects.filter(slug=options["slug"]).first()
        if plan is None:
            raise CommandError(f"No plan has the slug {options['slug']!r}.")
        round = self._round(plan, options["as_at"])
        summary = plan_summary(plan=plan, round=round)
        {"table": self._table, "csv": self._csv, "json": self._json}[options["format"]](summary)

    def _round(self, plan: Plan, as_at: str | None):
        if as_at is None:
            round = round_latest(plan=plan)
            if round is None:
                raise CommandError(f"{plan} has no review rounds yet.")
            return round
        try:
            date = dt.date.fromisoformat(as_at)
        except ValueError as exc:
            raise CommandError(f"--round must be a date as YYYY-MM-DD, not {as_at!r}.") from exc
        round = plan.rounds.filter(as_at=date).first()
        if round is None:
            known = ", ".join(r.as_at.isoformat() for r in plan.rounds.all()) or "none"
            raise CommandError(f"{plan} has no round as at {date}; its rounds: {known}.")
        return round

    def _rows(self, summary: PlanSummary, fmt) -> list[list[Any]]:
        columns = status_columns(summary.total)

        def row(label: str, counts: StatusCounts) -> list[Any]:
            return [label, counts.actions, *(fmt(counts[c.key]) for c in columns)]

        header = ["", "Actions", *(c.label for c in columns)]
        body = [row(a.area.table_title, a.counts) for a in summary.areas]
        return [header, *body, row("TOTAL", summary.total)]

    def _table(self, summary: PlanSummary) -> None:
        rows = [[str(cell) for cell in row] for row in self._rows(summary, format_count)]
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        self.stdout.write(
            f"{summary.plan.title}\n{summary.round.title} (as at {summary.round.as_at:%d %B %Y})\n"
        )
        for row in rows:
            cells = [row[0].ljust(widths[0])]
            cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
            self.stdout.write("  ".join(cells).rstrip())

    def _csv(self, summary: PlanSummary) -> None:
        writer = csv.writer(self.stdout, lineterminator="\n")
        for row in self._rows(summary, to_json_number):
            writer.writerow(row)

    def _json(self, summary: PlanSummary) -> None:
        self.stdout.write(json.dumps(summary.as_json(), indent=2, ensure_ascii=False))
