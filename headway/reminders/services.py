"""Send the reminders that are due: to owners whose update is missing, and to plan leads.

Each reminder is claimed (its row inserted, unique per action, round and kind) before its
e-mail leaves, so it is never sent twice, even by two runs at once. An address that is missing
or that the mail server refuses is recorded and skipped for good; an unreachable server is
tried again on the next run, a few times at most.
"""

import datetime as dt
import logging
import smtplib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.mail import EmailMessage
from django.db import models, transaction
from django.template.loader import render_to_string

from headway.plans.models import Action, ReviewRound

from .models import MAX_ATTEMPTS, LeadDigestSent, Outcome, ReminderKind, ReminderSent
from .selectors import (
    actions_missing_update,
    plan_leads,
    record_progress_url,
    reminder_occasions,
)

logger = logging.getLogger(__name__)

__all__ = ["ReminderRun", "reminders_send"]


@dataclass
class ReminderRun:
    """How many reminders of each outcome one run produced (for the command and the task)."""

    outcomes: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    emails: int = 0

    def count(self, outcome: Outcome, reminders: int = 1) -> None:
        self.outcomes[outcome.value] += reminders

    def as_json(self) -> dict[str, Any]:
        return {"emails": self.emails, **dict(sorted(self.outcomes.items()))}


def reminders_send(*, today: dt.date) -> ReminderRun:
    """Send every reminder due on ``today`` that has not been sent already."""
    run = ReminderRun()
    for round, kind in reminder_occasions(today=today):
        missing = list(actions_missing_update(round=round))
        if not missing:
            continue
        by_owner: dict[Any, list[Action]] = defaultdict(list)
        for action in missing:
            by_owner[action.owner].append(action)
        for owner, actions in by_owner.items():
            _remind_owner(run, round=round, kind=kind, owner=owner, actions=actions)
        for membership in plan_leads(round=round):
            _send_lead_digest(run, round=round, kind=kind, lead=membership.user, missing=missing)
    return run


def _remind_owner(
    run: ReminderRun, *, round: ReviewRound, kind: ReminderKind, owner: Any, actions: list[Action]
) -> None:
    address, reason = _address_of(owner, who="the action's owner")
    claimed = [
        record
        for action in actions
        if (
            record := _claim(
                ReminderSent,
                lookup={"action": action, "round": round, "kind": kind},
                recipient=owner,
                address=address,
            )
        )
    ]
    if not claimed:
        return
    if reason:
        _finish(run, claimed, Outcome.NO_ADDRESS, reason)
        return
    subject = f"{'Reminder' if kind == ReminderKind.BEFORE_DEADLINE else 'Overdue'}: progress "
    subject += f"update{'s' if len(claimed) != 1 else ''} for {round.plan.title}"
    body = render_to_string(
        "reminders/owner_reminder.txt",
        {
            "round": round,
            "kind": kind,
            "after_deadline": kind == ReminderKind.AFTER_DEADLINE,
            "items": [(r.action, record_progress_url(r.action)) for r in claimed],
        },
    )
    outcome, detail = _deliver(subject=subject, body=body, address=address)
    run.emails += outcome == Outcome.SENT
    _finish(run, claimed, outcome, detail)


def _send_lead_digest(
    run: ReminderRun, *, round: ReviewRound, kind: ReminderKind, lead: Any, missing: list[Action]
) -> None:
    address, reason = _address_of(lead, who="the plan lead")
    record = _claim(
        LeadDigestSent,
        lookup={"round": round, "kind": kind, "recipient": lead},
        recipient=lead,
        address=address,
    )
    if record is None:
        return
    if reason:
        _finish(run, [record], Outcome.NO_ADDRESS, reason)
        return
    body = render_to_string(
        "reminders/lead_digest.txt",
        {
            "round": round,
            "after_deadline": kind == ReminderKind.AFTER_DEADLINE,
            "missing": [(a, record_progress_url(a)) for a in missing],
        },
    )
    subject = f"{len(missing)} progress update{'s' if len(missing) != 1 else ''} missing: "
    subject += round.title
    outcome, detail = _deliver(subject=subject, body=body, address=address)
    run.emails += outcome == Outcome.SENT
    _finish(run, [record], outcome, detail)


def _address_of(user: Any, *, who: str) -> tuple[str, str]:
    """The user's address, or "" and the reason there is none to write to."""
    if user is None:
        return "", "The action has no owner."
    if not user.is_active:
        return "", f"The account of {who} is deactivated."
    if not user.email.strip():
        return "", f"{who.capitalize()} has no e-mail address."
    return user.email.strip(), ""


def _claim(
    model: type[models.Model], *, lookup: dict[str, Any], recipient: Any, address: str
) -> Any:
    """Insert (or take back, if a retry is allowed) the reminder's row; None if it is not ours."""
    with transaction.atomic():
        record, created = model.objects.select_for_update().get_or_create(
            **lookup, defaults={"recipient": recipient, "address": address}
        )
        if not created and not record.may_retry:
            return None
        record.outcome = Outcome.SENDING
        record.attempts += 1
        record.recipient = recipient
        record.address = address
        record.save()
    return record


def _deliver(*, subject: str, body: str, address: str) -> tuple[Outcome, str]:
    subject = " ".join(subject.split())  # a title's newline must not break the header
    try:
        EmailMessage(subject=subject, body=body, to=[address]).send()
    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as e:
        return Outcome.BOUNCED, f"The mail server refused it: {e}"
    except ValueError as e:  # e.g. an address Django cannot put in a header
        return Outcome.BOUNCED, f"The address cannot be used: {e}"
    except (smtplib.SMTPException, OSError) as e:
        return Outcome.FAILED, f"The mail server could not be reached: {e}"
    return Outcome.SENT, ""


def _finish(run: ReminderRun, records: list[Any], outcome: Outcome, detail: str) -> None:
    for record in records:
        record.outcome = outcome
        record.detail = detail
        record.save(update_fields=["outcome", "detail", "updated_at"])
    run.count(outcome, len(records))
    if outcome == Outcome.SENT:
        return
    first = records[0]
    gave_up = outcome != Outcome.FAILED or first.attempts >= MAX_ATTEMPTS
    logger.warning(
        "Reminder not sent (%s%s): %s",
        outcome.label,
        ", giving up" if gave_up and outcome == Outcome.FAILED else "",
        detail,
        extra={
            "round_id": first.round_id,
            "kind": first.kind,
            "recipient_id": first.recipient_id,
            "reminders": len(records),
        },
    )
