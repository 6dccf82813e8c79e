"""The risk register: why an action is at Limited progress / risk, and who it went to."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from headway.core.models import TimeStampedModel, VersionedModel
from headway.core.text import long_text


class RiskStatus(models.TextChoices):
    """OPEN → CLOSED when the cause is resolved; CLOSED → OPEN if it comes back."""

    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Risk(TimeStampedModel, VersionedModel):
    action = models.ForeignKey("plans.Action", on_delete=models.CASCADE, related_name="risks")
    raised_in = models.ForeignKey(
        "plans.ProgressUpdate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="risks",
        help_text="The progress update that raised it, if any.",
    )
    title = models.CharField(max_length=300)
    cause = long_text(help_text="Why progress is limited, e.g. a partner's resourcing.")
    impact = long_text(help_text="What happens to the outcome if nothing changes.")
    mitigation = long_text(help_text="What is being done about it.")
    external_dependency = models.CharField(
        max_length=300, blank=True, help_text="The organisation or supplier it depends on."
    )
    escalated_to = models.CharField(
        max_length=300, blank=True, help_text="e.g. the Local Safeguarding Children Board."
    )
    escalated_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=RiskStatus.choices, default=RiskStatus.OPEN)
    exempt = models.BooleanField(
        default=False, help_text="Exempt information: left out of the public report."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["action", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(escalated_on__isnull=True) | ~Q(escalated_to=""),
                name="risk_escalation_date_needs_recipient",
                violation_error_message="Say to whom the risk was escalated as well as when.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_escalated(self) -> bool:
        return bool(self.escalated_to)
