import datetime as dt
import logging

import pytest
from django.core import mail

from headway.reminders.models import MAX_ATTEMPTS, Outcome, ReminderSent
from headway.reminders.services import reminders_send
from headway.testing.factories import ActionFactory

from .conftest import DEADLINE, make_owner

pytestmark = pytest.mark.django_db

TODAY = DEADLINE - dt.timedelta(days=2)


def test_an_owner_without_an_address_is_logged_recorded_and_skipped_for_good(
    caplog, plan, area, round_, owner
):
    no_email = make_owner(plan, "no-email", "")
    silent = ActionFactory(plan=plan, area=area, owner=no_email, reference="1.1")
    unowned = ActionFactory(plan=plan, area=area, owner=None, reference="1.2")
    reachable = ActionFactory(plan=plan, area=area, owner=owner, reference="1.3")

    with caplog.at_level(logging.WARNING, logger="headway.reminders"):
        reminders_send(today=TODAY)
        reminders_send(today=TODAY)

    assert [m.to for m in mail.outbox] == [[owner.email]]
    outcomes = dict(ReminderSent.objects.values_list("action_id", "outcome"))
    assert outcomes == {
        silent.pk: Outcome.NO_ADDRESS,
        unowned.pk: Outcome.NO_ADDRESS,
        reachable.pk: Outcome.SENT,
    }
    assert ReminderSent.objects.get(action=unowned).detail == "The action has no owner."
    assert ReminderSent.objects.get(action=silent).attempts == 1
    assert len([r for r in caplog.records if "not sent" in r.getMessage()]) == 2


def test_a_deactivated_owner_is_not_written_to(plan, area, round_):
    leaver = make_owner(plan, "leaver", "leaver@example.org")
    leaver.is_active = False
    leaver.save()
    action = ActionFactory(plan=plan, area=area, owner=leaver)

    reminders_send(today=TODAY)

    assert mail.outbox == []
    assert ReminderSent.objects.get(action=action).outcome == Outcome.NO_ADDRESS


def test_an_address_the_server_refuses_is_recorded_and_never_retried(
    settings, caplog, plan, area, round_, owner
):
    settings.EMAIL_BACKEND = "headway.reminders.tests.mail_backends.RefusesBounceAddresses"
    bouncing = make_owner(plan, "bouncing", "gone@bounce.example.org")
    refused = ActionFactory(plan=plan, area=area, owner=bouncing, reference="1.1")
    ActionFactory(plan=plan, area=area, owner=owner, reference="1.2")

    with caplog.at_level(logging.WARNING, logger="headway.reminders"):
        first = reminders_send(today=TODAY)
        second = reminders_send(today=TODAY + dt.timedelta(days=1))

    assert [m.to for m in mail.outbox] == [[owner.email]]
    record = ReminderSent.objects.get(action=refused)
    assert record.outcome == Outcome.BOUNCED
    assert "No such mailbox" in record.detail
    assert record.attempts == 1
    assert first.as_json() == {"emails": 1, "bounced": 1, "sent": 1}
    assert second.as_json() == {"emails": 0}
    assert any("Refused by the mail server" in r.getMessage() for r in caplog.records)


def test_an_unreachable_server_is_retried_a_few_times_then_given_up(
    settings, plan, area, round_, owner
):
    settings.EMAIL_BACKEND = "headway.reminders.tests.mail_backends.ServerDown"
    action = ActionFactory(plan=plan, area=area, owner=owner)

    runs = [reminders_send(today=TODAY).as_json() for _ in range(MAX_ATTEMPTS + 2)]

    record = ReminderSent.objects.get(action=action)
    assert record.outcome == Outcome.FAILED
    assert record.attempts == MAX_ATTEMPTS
    assert "Connection refused" in record.detail
    assert runs == [{"emails": 0, "failed": 1}] * MAX_ATTEMPTS + [{"emails": 0}] * 2


def test_after_the_server_comes_back_a_failed_reminder_goes_out_once(
    settings, plan, area, round_, owner
):
    action = ActionFactory(plan=plan, area=area, owner=owner)
    settings.EMAIL_BACKEND = "headway.reminders.tests.mail_backends.ServerDown"
    reminders_send(today=TODAY)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    reminders_send(today=TODAY)
    reminders_send(today=TODAY)

    assert len(mail.outbox) == 1
    record = ReminderSent.objects.get(action=action)
    assert (record.outcome, record.attempts) == (Outcome.SENT, 2)


def test_a_reminder_being_sent_by_another_run_is_left_to_it(plan, area, round_, owner):
    from headway.reminders.models import ReminderKind

    action = ActionFactory(plan=plan, area=area, owner=owner)
    ReminderSent.objects.create(
        action=action, round=round_, kind=ReminderKind.BEFORE_DEADLINE, outcome=Outcome.SENDING
    )

    run = reminders_send(today=TODAY)

    assert mail.outbox == []
    assert run.as_json() == {"emails": 0}
    assert ReminderSent.objects.get().outcome == Outcome.SENDING


def test_a_title_with_a_newline_cannot_inject_a_header_or_line(plan, area, round_, owner):
    ActionFactory(plan=plan, area=area, owner=owner, title="Audit\nBcc: attacker@example.com")
    plan.title = "Plan\r\nBcc: attacker@example.com"
    plan.save()

    reminders_send(today=TODAY)

    message = mail.outbox[0]
    assert message.bcc == []
    assert "\n" not in message.subject
    assert "Audit Bcc: attacker@example.com" in message.body
    assert "\nBcc:" not in message.body
