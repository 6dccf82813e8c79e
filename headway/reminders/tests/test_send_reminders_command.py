import datetime as dt
import json
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult

from headway.reminders.models import Outcome, ReminderSent
from headway.reminders.tasks import send_reminders

from .conftest import DEADLINE

pytestmark = pytest.mark.django_db

TODAY = DEADLINE - dt.timedelta(days=1)


def test_the_command_sends_the_reminders_due_on_the_given_day(round_, owner, owner_actions):
    out = StringIO()

    call_command("send_reminders", "--today", TODAY.isoformat(), stdout=out)

    assert json.loads(out.getvalue()) == {"today": "2013-02-25", "emails": 1, "sent": 3}
    assert [m.to for m in mail.outbox] == [[owner.email]]
    assert ReminderSent.objects.filter(outcome=Outcome.SENT).count() == 3


def test_the_command_refuses_a_date_it_cannot_read(round_, owner, owner_actions):
    with pytest.raises(CommandError, match="--today must be a date written YYYY-MM-DD"):
        call_command("send_reminders", "--today", "25/02/2013")

    assert mail.outbox == []
    assert not ReminderSent.objects.exists()


# The worker closes its database connections after each task, as a long-running process must.
@pytest.mark.django_db(transaction=True)
def test_enqueued_reminders_wait_for_the_database_worker_which_sends_them(
    round_, owner, owner_actions
):
    out = StringIO()
    call_command("send_reminders", "--today", TODAY.isoformat(), "--enqueue", stdout=out)

    assert "Queued the reminders for 25 February 2013" in out.getvalue()
    assert mail.outbox == []
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "headway.reminders.tasks.send_reminders"

    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO())

    assert [m.to for m in mail.outbox] == [[owner.email]]
    result = send_reminders.get_result(str(queued.id))
    assert result.return_value == {"emails": 1, "sent": 3}
    assert ReminderSent.objects.count() == 3


def test_administrators_can_read_what_was_sent_but_not_change_it(client, admin_user, round_):
    from headway.reminders.models import ReminderKind

    admin_user.is_superuser = True
    admin_user.save()
    action = round_.plan.actions.create(
        area=round_.plan.areas.create(number=1, title="Area"), reference="1.1", title="Audit"
    )
    record = ReminderSent.objects.create(
        action=action, round=round_, kind=ReminderKind.BEFORE_DEADLINE, outcome=Outcome.BOUNCED
    )
    client.force_login(admin_user)

    listing = client.get("/admin/reminders/remindersent/")
    add = client.get("/admin/reminders/remindersent/add/")
    change = client.post(
        f"/admin/reminders/remindersent/{record.pk}/change/", {"outcome": Outcome.SENT}
    )

    assert listing.status_code == 200
    assert "Refused by the mail server" in listing.content.decode()
    assert add.status_code == 403
    assert change.status_code == 403
    record.refresh_from_db()
    assert record.outcome == Outcome.BOUNCED
