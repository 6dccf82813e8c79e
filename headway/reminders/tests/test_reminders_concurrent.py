"""Two reminder runs at once (cron and the worker, say) still send each reminder once."""

import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import connections

from headway.reminders.models import LeadDigestSent, Outcome, ReminderSent
from headway.reminders.services import reminders_send
from headway.testing.factories import ActionFactory

from .conftest import DEADLINE, make_owner

# SQLite serialises writers, so this runs in the PostgreSQL run of the suite.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgresql]

RUNS = 8


def test_simultaneous_runs_send_every_reminder_exactly_once(settings, plan, area, round_, lead):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    owners = [make_owner(plan, f"owner{n}", f"owner{n}@example.org") for n in range(5)]
    for n, owner in enumerate(owners):
        ActionFactory(plan=plan, area=area, owner=owner, reference=f"1.{n + 1}")
    barrier = threading.Barrier(RUNS, timeout=30)
    errors = []

    def run() -> None:
        try:
            barrier.wait()
            reminders_send(today=DEADLINE - dt.timedelta(days=1))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(RUNS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert not errors
    assert sorted(m.to[0] for m in mail.outbox) == sorted([o.email for o in owners] + [lead.email])
    assert ReminderSent.objects.filter(outcome=Outcome.SENT).count() == len(owners)
    assert LeadDigestSent.objects.get().outcome == Outcome.SENT
