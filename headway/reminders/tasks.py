"""The reminder run as a background task, for the database worker (``manage.py db_worker``)."""

import datetime as dt
from typing import Any

from django.utils import timezone
from django_tasks import task

from .services import reminders_send


@task()
def send_reminders(today: str | None = None) -> dict[str, Any]:
    """Send the reminders due on ``today`` (ISO date; the local date when omitted)."""
    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    return reminders_send(today=day).as_json()
