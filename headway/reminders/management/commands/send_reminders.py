"""Send the reminders due today: run it from cron once a day, or hand it to the worker."""

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from headway.reminders.services import reminders_send
from headway.reminders.tasks import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail owners whose progress update is missing (before and after a round's deadline) "
        "and plan leads the list of missing updates. Nothing is ever sent twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="Act as if today were this date, YYYY-MM-DD.")
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the work for the background worker (manage.py db_worker) instead.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["today"]:
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError(
                    f"--today must be a date written YYYY-MM-DD, not {options['today']!r}."
                ) from exc
        if options["enqueue"]:
            result = send_reminders.enqueue(today=today.isoformat())
            self.stdout.write(
                f"Queued the reminders for {today.day} {today:%B %Y} as task {result.id}."
            )
            return
        run = reminders_send(today=today)
        self.stdout.write(json.dumps({"today": today.isoformat(), **run.as_json()}))
