"""Performance indicators: a measured figure per period against a target, beside the actions.

An indicator belongs to a plan. Per period (named by its first day, ``periods``) it may have a
target with its tolerance, comparators, and values: entered by the owner and approved by the
plan lead exactly like progress updates (draft → submitted → approved/returned; a correction
supersedes the approved value). Every figure is a ``DecimalField``: no floats anywhere.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from headway.core.models import FrozenOnceOutOfDraft, TimeStampedModel, VersionedModel
from headway.core.text import long_text
from headway.plans.choices import UpdateState

from .choices import ComparatorKind, Frequency, Polarity, Unit
from .periods import period_label
from .units import MAX_PLACES, format_value


def figure(**kwargs) -> models.DecimalField:
    """A figure in an indicator's unit: exact, 10 digits before the point and 4 after."""
    return models.DecimalField(max_digits=14, decimal_places=MAX_PLACES, **kwargs)


class Indicator(TimeStampedModel, VersionedModel):
    """A measure the plan is judged by, e.g. re-referrals within 12 months.

    Versioned: an administrator and the plan lead may change its details at the same time.
    """

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="indicators")
    reference = models.CharField(max_length=20, help_text="As the plan numbers it, e.g. 'PI 3'.")
    position = models.PositiveIntegerField(default=0, help_text="Order in the scorecard.")
    title = models.CharField(max_length=300)
    definition = long_text(blank=True, help_text="How it is counted: numerator, denominator.")
    unit = models.CharField(max_length=20, choices=Unit.choices)
    decimal_places = models.PositiveSmallIntegerField(
        default=1, validators=[MaxValueValidator(MAX_PLACES)]
    )
    polarity = models.CharField(max_length=10, choices=Polarity.choices)
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_indicators",
        help_text="Enters its values each period.",
    )
    delegates = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="delegated_indicators",
        help_text="People the owner has asked to enter values for them.",
    )
    data_source = models.CharField(max_length=300, blank=True)
    areas = models.ManyToManyField(
        "plans.OutcomeArea", blank=True, related_name="indicators", help_text="Outcome areas."
    )
    actions = models.ManyToManyField(
        "plans.Action", blank=True, related_name="indicators", help_text="Actions meant to move it."
    )
    illustrative = models.BooleanField(
        default=False,
        help_text="Its figures are illustrative (a demonstration), and labelled so wherever shown.",
    )
    carried_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="carried_into",
        help_text="The same indicator in the previous plan, if it was carried forward.",
    )

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["plan", "position", "reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "reference"],
                name="indicator_reference_unique_in_plan",
                violation_error_message="Another indicator of this plan has this reference.",
            ),
            models.CheckConstraint(
                condition=Q(decimal_places__lte=MAX_PLACES),
                name="indicator_at_most_four_decimal_places",
                violation_error_message="An indicator records at most four decimal places.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("indicators:indicator", kwargs={"slug": self.plan.slug, "pk": self.pk})

    def show(self, value) -> str:
        return format_value(self.unit, self.decimal_places, value)

    def period_label(self, period) -> str:
        return period_label(self.frequency, period)


class Target(TimeStampedModel, VersionedModel):
    """An indicator's target for one period, with its tolerance: how far on the wrong side of
    the target (by the indicator's polarity) a value is still "Within tolerance"."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    period = models.DateField(help_text="The first day of the period.")
    value = figure()
    tolerance = figure(default=0)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["indicator", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period"],
                name="one_target_per_indicator_period",
                violation_error_message="This indicator already has a target for this period.",
            ),
            models.CheckConstraint(
                condition=Q(tolerance__gte=0),
                name="target_tolerance_not_negative",
                violation_error_message="A tolerance is a width: it cannot be negative.",
            ),
        ]
        indexes = [models.Index(fields=["indicator", "updated_at"])]

    def __str__(self) -> str:
        return f"{self.indicator.reference} target for {self.period:%B %Y}"


class Comparator(TimeStampedModel):
    """A figure to compare with for a period: England's average, statistical neighbours'
    average, or any named comparator (another council, a regional average)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="comparators")
    period = models.DateField(help_text="The first day of the period.")
    kind = models.CharField(max_length=30, choices=ComparatorKind.choices)
    name = models.CharField(max_length=100, help_text="As shown, e.g. 'England average'.")
    value = figure()

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "name"],
                name="one_comparator_per_name_per_period",
                violation_error_message="This comparator already has a figure for this period.",
            ),
        ]
        indexes = [models.Index(fields=["indicator", "updated_at"])]

    def __str__(self) -> str:
        return f"{self.name} for {self.indicator.reference}, {self.period:%B %Y}"


class IndicatorValue(FrozenOnceOutOfDraft, TimeStampedModel, VersionedModel):
    """A value for one period, with a note: entered by the owner, approved by the plan lead.

    Its life is a progress update's (``plans.choices.UpdateState``): only an approved value
    counts; a correction is a new value that supersedes the approved one when approved in turn.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    period = models.DateField(help_text="The first day of the period.")
    round = models.ForeignKey(
        "plans.ReviewRound",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicator_values",
        help_text="The review round it was entered in, if any.",
    )
    value = figure()
    note = long_text(blank=True)
    state = models.CharField(
        max_length=20, choices=UpdateState.choices, default=UpdateState.DRAFT, db_index=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="indicator_values"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_comment = long_text(blank=True)
    supersedes = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
        help_text="The approved value for the same period that this one corrects.",
    )

    history = HistoricalRecords(excluded_fields=["version"])

    FROZEN_FIELDS = ("indicator_id", "period", "value", "note", "author_id", "supersedes_id")
    FROZEN_CHANGE_MESSAGE = "A submitted value cannot be changed; record a correction instead"
    FROZEN_DELETE_MESSAGE = "A submitted value is never deleted."

    class Meta:
        ordering = ["indicator", "period", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period"],
                condition=Q(state__in=[UpdateState.DRAFT, UpdateState.SUBMITTED]),
                name="one_open_value_per_indicator_period",
                violation_error_message="This period already has a value in progress.",
            ),
            models.UniqueConstraint(
                fields=["indicator", "period"],
                condition=Q(state=UpdateState.APPROVED),
                name="one_approved_value_per_indicator_period",
                violation_error_message="This period already has an approved value.",
            ),
            models.CheckConstraint(
                condition=Q(supersedes__isnull=True) | ~Q(supersedes=F("id")),
                name="value_does_not_supersede_itself",
            ),
        ]
        indexes = [
            models.Index(fields=["indicator", "state", "period"]),
            # The plan page's fingerprint reads each indicator's newest change.
            models.Index(fields=["indicator", "updated_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.reference} for {self.period:%B %Y}: {self.value}"

    @property
    def is_draft(self) -> bool:
        return self.state == UpdateState.DRAFT

    def clean(self) -> None:
        if self.round_id and self.indicator_id and self.round.plan_id != self.indicator.plan_id:
            raise ValidationError({"round": "This round belongs to another plan."})

    def validate_constraints(self, exclude=None) -> None:
        # Services set ``state``; the one-value-per-period constraints depend on it.
        super().validate_constraints(exclude=set(exclude or ()) - {"state"})


class RoundCollection(TimeStampedModel):
    """Which periods a review round collects indicator values for: every period of every
    indicator of the plan that starts on or after ``period_start`` and ends by ``period_end``.

    Kept here rather than on the round, so that ``plans`` knows nothing of indicators.
    """

    round = models.OneToOneField(
        "plans.ReviewRound", on_delete=models.CASCADE, related_name="indicator_collection"
    )
    period_start = models.DateField()
    period_end = models.DateField()

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gt=F("period_start")),
                name="collection_ends_after_it_starts",
                violation_error_message="The periods collected must end after they start.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.period_start:%B %Y} to {self.period_end:%B %Y}"
