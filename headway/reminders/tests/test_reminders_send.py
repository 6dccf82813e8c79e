import datetime as dt

import pytest
from django.core import mail

from headway.plans.choices import UpdateState
from headway.reminders.models import LeadDigestSent, Outcome, ReminderKind, ReminderSent
from headway.reminders.services import reminders_send
from headway.testing.factories import ActionFactory, ProgressUpdateFactory

from .conftest import DEADLINE

pytestmark = pytest.mark.django_db

THREE_DAYS_BEFORE = DEADLINE - dt.timedelta(days=3)
DAY_AFTER = DEADLINE + dt.timedelta(days=1)


def test_owner_is_reminded_before_the_deadline_of_each_missing_update_with_its_link(
    settings, round_, owner, owner_actions, submitted
):
    settings.HEADWAY_BASE_URL = "https://headway.example.org"
    settings.HEADWAY_REMINDER_DAYS_BEFORE = 3
    missing, done = owner_actions

    run = reminders_send(today=THREE_DAYS_BEFORE)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [owner.email]
    assert message.subject.startswith("Reminder: progress updates for ")
    for action in missing:
        assert f"{action.reference} {action.title}" in message.body
        assert (
            f"https://headway.example.org/plans/{round_.plan.slug}/actions/{action.pk}/progress/"
            in message.body
        )
    assert f"{done.reference} {done.title}" not in message.body
    assert "26 February 2013" in message.body
    assert set(ReminderSent.objects.values_list("action_id", "kind", "outcome")) == {
        (a.pk, ReminderKind.BEFORE_DEADLINE, Outcome.SENT) for a in missing
    }
    assert run.as_json() == {"emails": 1, "sent": 2}


def test_a_draft_or_returned_update_is_still_missing(round_, owner, owner_actions, submitted):
    missing, _ = owner_actions
    ProgressUpdateFactory(action=missing[0], round=round_, state=UpdateState.DRAFT)
    ProgressUpdateFactory(action=missing[1], round=round_, state=UpdateState.RETURNED)

    reminders_send(today=THREE_DAYS_BEFORE)

    assert ReminderSent.objects.filter(outcome=Outcome.SENT).count() == 2
    assert "1.1" in mail.outbox[0].body and "1.2" in mail.outbox[0].body


def test_nothing_is_sent_twice_for_the_same_action_round_and_kind(
    round_, owner, owner_actions, submitted
):
    reminders_send(today=THREE_DAYS_BEFORE)
    again_same_day = reminders_send(today=THREE_DAYS_BEFORE)
    next_day = reminders_send(today=THREE_DAYS_BEFORE + dt.timedelta(days=1))

    assert len(mail.outbox) == 1
    assert again_same_day.as_json() == {"emails": 0}
    assert next_day.as_json() == {"emails": 0}
    assert ReminderSent.objects.count() == 2


def test_after_the_deadline_owner_is_reminded_again_and_lead_gets_the_list(
    round_, owner, lead, owner_actions, submitted
):
    reminders_send(today=THREE_DAYS_BEFORE)
    mail.outbox.clear()

    reminders_send(today=DAY_AFTER)

    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {owner.email, lead.email}
    assert by_recipient[owner.email].subject.startswith("Overdue: ")
    digest = by_recipient[lead.email]
    assert digest.subject == f"2 progress updates missing: {round_.title}"
    assert "1.1 " in digest.body and "1.2 " in digest.body and "1.3 " not in digest.body
    assert str(owner) in digest.body
    assert ReminderSent.objects.filter(kind=ReminderKind.AFTER_DEADLINE).count() == 2
    assert LeadDigestSent.objects.filter(
        recipient=lead, kind=ReminderKind.AFTER_DEADLINE, outcome=Outcome.SENT
    ).exists()


@pytest.mark.parametrize(
    "today",
    [
        DEADLINE - dt.timedelta(days=4),  # too early
        DEADLINE + dt.timedelta(days=30),  # long past: nobody is chased about an old round
    ],
)
def test_nothing_is_sent_outside_the_reminder_windows(today, round_, owner, owner_actions):
    run = reminders_send(today=today)

    assert mail.outbox == []
    assert run.as_json() == {"emails": 0}
    assert not ReminderSent.objects.exists()


def test_a_closed_round_sends_nothing(round_, owner, owner_actions, admin_user):
    round_.closed_at = dt.datetime(2013, 2, 20, tzinfo=dt.UTC)
    round_.save()

    reminders_send(today=THREE_DAYS_BEFORE)

    assert mail.outbox == []
    assert not ReminderSent.objects.exists()


def test_the_days_before_come_from_the_setting(settings, round_, owner, owner_actions):
    settings.HEADWAY_REMINDER_DAYS_BEFORE = 7

    reminders_send(today=DEADLINE - dt.timedelta(days=7))

    assert [m.to for m in mail.outbox] == [[owner.email]]


def test_finding_who_to_remind_takes_the_same_queries_whatever_the_plan_size(
    django_assert_num_queries, round_, area, plan
):
    from headway.reminders.selectors import actions_missing_update, reminder_occasions

    def queries_for(extra_actions: int) -> int:
        ActionFactory.create_batch(extra_actions, plan=plan, area=area)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            for occasion_round, _ in reminder_occasions(today=THREE_DAYS_BEFORE):
                rows = list(actions_missing_update(round=occasion_round))
                [a.owner.email for a in rows]
        return len(ctx.captured_queries), len(rows)

    small, small_rows = queries_for(2)
    large, large_rows = queries_for(40)
    assert (small_rows, large_rows) == (2, 42)
    assert small == large == 3
