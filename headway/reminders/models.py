"""What reminder went to whom, so that nothing is sent twice.

The unique constraints are the guarantee: a reminder is claimed by inserting its row before the
e-mail leaves, so two runs at once (cron and the worker) cannot both send it.
"""

from django.conf import settings
from django.db import models

from headway.plans.models import Action, ReviewRound


class ReminderKind(models.TextChoices):
    BEFORE_DEADLINE = "before_deadline", "Before the deadline"
    AFTER_DEADLINE = "after_deadline", "After the deadline"


class Outcome(models.TextChoices):
    """What became of a reminder. Only FAILED (the mail server could not be reached) is retried,
    and only a few times: an address that is missing or refused is recorded and left alone."""

    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    NO_ADDRESS = "no_address", "No e-mail address"
    BOUNCED = "bounced", "Refused by the mail server"
    FAILED = "failed", "Mail server unavailable"


MAX_ATTEMPTS = 3


class ReminderRecord(models.Model):
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    address = models.CharField(max_length=254, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.SENDING)
    detail = models.TextField(blank=True, help_text="Why it was not sent, when it was not.")
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def may_retry(self) -> bool:
        return self.outcome == Outcome.FAILED and self.attempts < MAX_ATTEMPTS


class ReminderSent(ReminderRecord):
    """An owner's reminder about one action's missing update in one round."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["round", "kind", "action"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "round", "kind"], name="one_reminder_per_action_round_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} reminder for {self.action_id} in {self.round_id}"


class LeadDigestSent(ReminderRecord):
    """A plan lead's list of the updates still missing in a round."""

    class Meta:
        ordering = ["round", "kind", "recipient"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "kind", "recipient"], name="one_lead_digest_per_round_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} digest for {self.recipient_id} in {self.round_id}"
