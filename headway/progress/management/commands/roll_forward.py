"""Create next year's plan from this one: `manage.py roll_forward SLUG --to NEW_SLUG`."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from headway.plans.models import Plan
from headway.progress.rollover import plan_roll_forward


def _day(date: dt.date) -> str:
    return f"{date.day} {date:%B %Y}"


class Command(BaseCommand):
    help = (
        "Create the next plan from this one: same outcome areas and people, unfinished actions "
        "carried forward (linked to their history), achieved and dropped ones left behind."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="The plan to continue.")
        parser.add_argument("--to", dest="new_slug", required=True, help="The new plan's slug.")
        parser.add_argument("--title", default="", help="The new plan's title.")
        parser.add_argument(
            "--start", help="The new plan's first day, YYYY-MM-DD (the day after this one ends)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        plan = Plan.objects.filter(slug=options["slug"]).first()
        if plan is None:
            raise CommandError(f"There is no plan with the slug {options['slug']!r}.")
        start = None
        if options["start"]:
            try:
                start = dt.date.fromisoformat(options["start"])
            except ValueError as exc:
                raise CommandError(
                    f"--start must be a date written YYYY-MM-DD, not {options['start']!r}."
                ) from exc
        try:
            result = plan_roll_forward(
                plan=plan, slug=options["new_slug"], title=options["title"], start=start
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        new = result.plan
        self.stdout.write(
            f"Created {new.title!r} ({new.slug}, {_day(new.period_start)} to "
            f"{_day(new.period_end)}): {len(result.carried)} action"
            f"{'s' if len(result.carried) != 1 else ''} carried forward, "
            f"{len(result.left_behind)} left behind as finished."
        )
