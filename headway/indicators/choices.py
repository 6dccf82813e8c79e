"""An indicator's unit, polarity and collection frequency, and what a comparator is.

A value's life (draft → submitted → approved/returned, approved → superseded) is a progress
update's: ``headway.plans.choices.UpdateState`` and its transitions are used as they stand, so
the two approvals cannot drift apart.
"""

from django.db import models


class Unit(models.TextChoices):
    PERCENTAGE = "percentage", "Percentage"
    NUMBER = "number", "Number"
    RATE_PER_10000 = "rate_per_10000", "Rate per 10,000"
    DAYS = "days", "Days"
    POUNDS = "pounds", "£"


class Polarity(models.TextChoices):
    """Which way is better. It decides the rating and the direction of travel."""

    HIGHER_IS_BETTER = "higher", "Higher is better"
    LOWER_IS_BETTER = "lower", "Lower is better"


class Frequency(models.TextChoices):
    """How often a value is collected. Quarters and years are financial (from April)."""

    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    ANNUAL = "annual", "Annual"


class ComparatorKind(models.TextChoices):
    ENGLAND = "england", "England average"
    STATISTICAL_NEIGHBOURS = "statistical_neighbours", "Statistical neighbours' average"
    NAMED = "named", "Named comparator"
