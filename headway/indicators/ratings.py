"""Ratings that explain themselves: pure functions on Decimals, no database, no floats.

A value is rated against its period's target and tolerance (the band beyond the target within
which it is still "close"), in the direction its polarity says is better:

- Higher is better: On target at or above the target; Within tolerance below the target but at
  or above the target less the tolerance; Off target below that.
- Lower is better: On target at or below the target; Within tolerance above the target but at
  or below the target plus the tolerance; Off target above that.
- No target when the period has none: never silently green.

Each rating comes with the written rule that gave it, in the indicator's own unit.
Direction of travel compares a value with an earlier one (the previous period, or the same
period last year): Improving or Worsening by polarity, No change when equal.
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from .choices import Polarity
from .units import format_amount, format_value


class Rating(Enum):
    ON_TARGET = "on_target", "On target"
    WITHIN_TOLERANCE = "within_tolerance", "Within tolerance"
    OFF_TARGET = "off_target", "Off target"
    NO_TARGET = "no_target", "No target"

    def __init__(self, code: str, label: str) -> None:
        self.code = code
        self.label = label


class Direction(Enum):
    IMPROVING = "improving", "Improving"
    WORSENING = "worsening", "Worsening"
    NO_CHANGE = "no_change", "No change"

    def __init__(self, code: str, label: str) -> None:
        self.code = code
        self.label = label


@dataclass(frozen=True)
class Rated:
    rating: Rating
    rule: str


@dataclass(frozen=True)
class Travel:
    direction: Direction | None  # None when there is nothing to compare with
    text: str


def rate(
    *,
    value: Decimal,
    target: Decimal | None,
    tolerance: Decimal | None,
    polarity: str,
    unit: str,
    places: int,
) -> Rated:
    """The value's rating against the target and tolerance, with the rule written out."""

    def show(number: Decimal) -> str:
        return format_value(unit, places, number)

    higher = Polarity(polarity) == Polarity.HIGHER_IS_BETTER
    lead = Polarity(polarity).label
    if target is None:
        return Rated(
            Rating.NO_TARGET, f"No target is set for this period: {show(value)} is not rated."
        )
    tolerance = tolerance or Decimal(0)
    edge = target - tolerance if higher else target + tolerance
    band = format_amount(unit, places, tolerance)
    if (value >= target) if higher else (value <= target):
        side = "at or above" if higher else "at or below"
        return Rated(
            Rating.ON_TARGET, f"{lead}: {show(value)} is {side} the target of {show(target)}."
        )
    beyond = "below" if higher else "above"
    if (value >= edge) if higher else (value <= edge):
        return Rated(
            Rating.WITHIN_TOLERANCE,
            f"{lead}: {show(value)} is {beyond} the target of {show(target)} but within its "
            f"tolerance of {band} ({'down' if higher else 'up'} to {show(edge)}).",
        )
    if tolerance:
        rule = (
            f"{lead}: {show(value)} is {beyond} {show(edge)}, the target of {show(target)} "
            f"{'less' if higher else 'plus'} its tolerance of {band}."
        )
    else:
        rule = (
            f"{lead}: {show(value)} is {beyond} the target of {show(target)}, "
            "which has no tolerance."
        )
    return Rated(Rating.OFF_TARGET, rule)


def direction(*, value: Decimal, earlier: Decimal | None, polarity: str) -> Direction | None:
    """Improving, Worsening or No change from ``earlier`` to ``value``; None without ``earlier``."""
    if earlier is None:
        return None
    if value == earlier:
        return Direction.NO_CHANGE
    better = value > earlier
    if Polarity(polarity) == Polarity.LOWER_IS_BETTER:
        better = not better
    return Direction.IMPROVING if better else Direction.WORSENING


def travel(
    *,
    value: Decimal,
    earlier: Decimal | None,
    earlier_label: str,
    polarity: str,
    unit: str,
    places: int,
) -> Travel:
    """The direction of travel with its reason: "Improving: 9.8% from 10.4% in March 2012"."""
    moved = direction(value=value, earlier=earlier, polarity=polarity)
    if moved is None:
        return Travel(None, f"No approved value for {earlier_label} to compare with.")
    was = format_value(unit, places, earlier)
    now = format_value(unit, places, value)
    if moved is Direction.NO_CHANGE:
        return Travel(moved, f"No change: {now}, the same as in {earlier_label}.")
    return Travel(moved, f"{moved.label}: {now} from {was} in {earlier_label}.")
