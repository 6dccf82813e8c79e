"""The risk register: the causes of Limited progress / risk, the actions each holds back, and to
whom each went. A risk belongs to one plan and links to one or more of its actions."""

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
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="risks")
    actions = models.ManyToManyField(
        "plans.Action",
        related_name="risks",
        help_text="The actions this cause holds back, all in the risk's plan.",
    )
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
    named_in_report = models.BooleanField(
        default=False,
        help_text="Named and counted in the committee report's commentary (set by the plan lead).",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    # The linked actions are kept with each history row (simple-history's m2m_fields).
    history = HistoricalRecords(excluded_fields=["version"], m2m_fields=[actions])

    class Meta:
        ordering = ["plan", "pk"]
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

    @property
    def action_references(self) -> str:
        """The linked actions' references in the plan's order, "1.5, 2.3" (one query)."""
        ordered = self.actions.order_by("area__number", "position", "reference")
        return ", ".join(ordered.values_list("reference", flat=True))


class RiskLink(models.Model):
    """An update at Limited progress / risk that pointed to an existing risk rather than raising
    one. ``added_action`` says whether linking is what put the update's action on the risk, so a
    draft that changes its answer takes back only what it added."""

    update = models.OneToOneField(
        "plans.ProgressUpdate", on_delete=models.CASCADE, related_name="risk_link"
    )
    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="links")
    added_action = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.update_id} → {self.risk_id}"
