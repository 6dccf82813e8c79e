"""External inspections, their findings, and the actions that answer them."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from headway.core.models import TimeStampedModel
from headway.core.text import long_text


class Inspection(TimeStampedModel):
    inspectorate = models.CharField(max_length=200, help_text="e.g. Ofsted.")
    service = models.CharField(max_length=300, help_text="What was inspected.")
    framework = models.CharField(max_length=300, blank=True)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    judgement = models.CharField(
        max_length=200, blank=True, help_text="In the framework's own words, e.g. 'adequate'."
    )
    summary = long_text(blank=True)
    report_wording = long_text(
        blank=True,
        help_text=(
            "How a committee report puts it, in one sentence, e.g. 'Three Children's Centres "
            "were inspected throughout the year and all were deemed good'. Blank: the report "
            "drafts a sentence from the service, dates and judgement."
        ),
    )
    report_url = models.URLField(blank=True, max_length=1000)

    class Meta:
        ordering = ["-started_on", "service"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="inspection_ends_after_it_starts",
                violation_error_message="An inspection cannot end before it starts.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inspectorate}: {self.service} ({self.started_on:%B %Y})"

    def get_absolute_url(self) -> str:
        return reverse("inspections:inspection", kwargs={"pk": self.pk})


class FindingKind(models.TextChoices):
    RECOMMENDATION = "recommendation", "Recommendation"
    AREA_FOR_IMPROVEMENT = "area_for_improvement", "Area for improvement"
    STRENGTH = "strength", "Strength"
    FEEDBACK = "feedback", "Feedback"


class Finding(TimeStampedModel):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    reference = models.CharField(max_length=20, blank=True)
    kind = models.CharField(
        max_length=30, choices=FindingKind.choices, default=FindingKind.RECOMMENDATION
    )
    text = long_text()
    actions = models.ManyToManyField(
        "plans.Action",
        blank=True,
        related_name="findings",
        help_text="The actions that answer this finding.",
    )

    class Meta:
        ordering = ["inspection", "reference", "pk"]

    def __str__(self) -> str:
        return f"{self.reference} {self.text[:80]}".strip()
