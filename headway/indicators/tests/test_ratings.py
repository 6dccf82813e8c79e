"""The rating and direction rules, at and around every boundary, for both polarities."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from headway.indicators.choices import Polarity, Unit
from headway.indicators.ratings import Direction, Rating, direction, rate, travel

HIGHER, LOWER = Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER
D = Decimal


def rating(value: str, target: str | None, tolerance: str | None, polarity: str) -> Rating:
    return rate(
        value=D(value),
        target=D(target) if target is not None else None,
        tolerance=D(tolerance) if tolerance is not None else None,
        polarity=polarity,
        unit=Unit.PERCENTAGE,
        places=1,
    ).rating


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("80.1", Rating.ON_TARGET),
        ("80.0", Rating.ON_TARGET),  # at the target
        ("79.9", Rating.WITHIN_TOLERANCE),  # just short
        ("75.0", Rating.WITHIN_TOLERANCE),  # at the edge of the band
        ("74.9", Rating.OFF_TARGET),  # just beyond it
        ("0.0", Rating.OFF_TARGET),
    ],
)
def test_higher_is_better_boundaries(value, expected):
    assert rating(value, "80.0", "5.0", HIGHER) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("9.9", Rating.ON_TARGET),
        ("10.0", Rating.ON_TARGET),  # at the target
        ("10.1", Rating.WITHIN_TOLERANCE),
        ("12.0", Rating.WITHIN_TOLERANCE),  # at the edge of the band
        ("12.1", Rating.OFF_TARGET),
        ("100.0", Rating.OFF_TARGET),
    ],
)
def test_lower_is_better_boundaries(value, expected):
    assert rating(value, "10.0", "2.0", LOWER) is expected


@pytest.mark.parametrize("polarity", [HIGHER, LOWER])
def test_without_tolerance_anything_short_of_the_target_is_off_target(polarity):
    worse = "9.9" if polarity == HIGHER else "10.1"
    assert rating("10.0", "10.0", "0", polarity) is Rating.ON_TARGET
    assert rating(worse, "10.0", "0", polarity) is Rating.OFF_TARGET
    assert rating(worse, "10.0", None, polarity) is Rating.OFF_TARGET


@pytest.mark.parametrize("polarity", [HIGHER, LOWER])
def test_a_value_without_a_target_is_no_target_never_green(polarity):
    rated = rate(
        value=D("50"), target=None, tolerance=None, polarity=polarity, unit=Unit.NUMBER, places=0
    )
    assert rated.rating is Rating.NO_TARGET
    assert rated.rule == "No target is set for this period: 50 is not rated."


def test_the_rule_is_written_out_in_the_unit():
    def rule(value, polarity, target="10.0"):
        return rate(
            value=D(value),
            target=D(target),
            tolerance=D("2.0"),
            polarity=polarity,
            unit=Unit.PERCENTAGE,
            places=1,
        ).rule

    assert rule("9.8", LOWER) == "Lower is better: 9.8% is at or below the target of 10.0%."
    assert rule("11.0", LOWER) == (
        "Lower is better: 11.0% is above the target of 10.0% but within its tolerance of "
        "2.0 percentage points (up to 12.0%)."
    )
    assert rule("12.5", LOWER) == (
        "Lower is better: 12.5% is above 12.0%, the target of 10.0% plus its tolerance of "
        "2.0 percentage points."
    )
    assert rule("7.5", HIGHER) == (
        "Higher is better: 7.5% is below 8.0%, the target of 10.0% less its tolerance of "
        "2.0 percentage points."
    )
    days = rate(
        value=D("30"), target=D("25"), tolerance=D("5"), polarity=LOWER, unit=Unit.DAYS, places=0
    )
    assert days.rule == (
        "Lower is better: 30 days is above the target of 25 days but within its tolerance of "
        "5 days (up to 30 days)."
    )


@pytest.mark.parametrize(
    ("polarity", "earlier", "value", "expected"),
    [
        (HIGHER, "50.0", "50.1", Direction.IMPROVING),
        (HIGHER, "50.0", "50.0", Direction.NO_CHANGE),
        (HIGHER, "50.0", "49.9", Direction.WORSENING),
        (LOWER, "50.0", "49.9", Direction.IMPROVING),
        (LOWER, "50.0", "50.0", Direction.NO_CHANGE),
        (LOWER, "50.0", "50.1", Direction.WORSENING),
    ],
)
def test_direction_of_travel_by_polarity(polarity, earlier, value, expected):
    assert direction(value=D(value), earlier=D(earlier), polarity=polarity) is expected


def test_direction_without_an_earlier_value_says_so():
    moved = travel(
        value=D("5"),
        earlier=None,
        earlier_label="March 2012",
        polarity=HIGHER,
        unit=Unit.NUMBER,
        places=0,
    )
    assert moved.direction is None
    assert moved.text == "No approved value for March 2012 to compare with."
    moved = travel(
        value=D("9.8"),
        earlier=D("10.4"),
        earlier_label="March 2012",
        polarity=LOWER,
        unit=Unit.PERCENTAGE,
        places=1,
    )
    assert moved.text == "Improving: 9.8% from 10.4% in March 2012."


# --- Property-based: the rules hold for any figures, exactly.

figures = st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False)
polarities = st.sampled_from([HIGHER, LOWER])


def _rate(value, target, tolerance, polarity):
    return rate(
        value=value,
        target=target,
        tolerance=tolerance,
        polarity=polarity,
        unit=Unit.NUMBER,
        places=2,
    ).rating


@given(value=figures, target=figures, tolerance=figures, polarity=polarities)
def test_the_rating_is_the_band_the_value_falls_in(value, target, tolerance, polarity):
    sign = 1 if polarity == HIGHER else -1
    # How far the value is on the better side of the target (negative: the worse side).
    ahead = (value - target) * sign
    expected = (
        Rating.ON_TARGET
        if ahead >= 0
        else Rating.WITHIN_TOLERANCE
        if -ahead <= tolerance
        else Rating.OFF_TARGET
    )
    assert _rate(value, target, tolerance, polarity) is expected


@given(value=figures, target=figures, tolerance=figures, polarity=polarities, step=figures)
def test_a_better_value_never_rates_worse(value, target, tolerance, polarity, step):
    order = [Rating.OFF_TARGET, Rating.WITHIN_TOLERANCE, Rating.ON_TARGET]
    better = value + step if polarity == HIGHER else max(value - step, D(0))
    assert order.index(_rate(better, target, tolerance, polarity)) >= order.index(
        _rate(value, target, tolerance, polarity)
    )


@given(a=figures, b=figures, polarity=polarities)
def test_direction_is_antisymmetric_and_flips_with_polarity(a, b, polarity):
    there = direction(value=b, earlier=a, polarity=polarity)
    back = direction(value=a, earlier=b, polarity=polarity)
    other = LOWER if polarity == HIGHER else HIGHER
    flipped = direction(value=b, earlier=a, polarity=other)
    if a == b:
        assert there is back is flipped is Direction.NO_CHANGE
    else:
        assert {there, back} == {Direction.IMPROVING, Direction.WORSENING}
        assert flipped is back
