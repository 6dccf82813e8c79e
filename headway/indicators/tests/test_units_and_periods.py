import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from headway.indicators.choices import Frequency, Unit
from headway.indicators.periods import (
    baseline_start,
    period_containing,
    period_end,
    period_label,
    period_short_label,
    periods_between,
    previous_period,
)
from headway.indicators.units import format_value, parse_value


@pytest.mark.parametrize(
    ("unit", "places", "value", "written"),
    [
        (Unit.PERCENTAGE, 1, "9.75", "9.8%"),
        (Unit.NUMBER, 0, "1234", "1,234"),
        (Unit.RATE_PER_10000, 1, "45.2", "45.2 per 10,000"),
        (Unit.DAYS, 0, "1", "1 day"),
        (Unit.DAYS, 0, "23", "23 days"),
        (Unit.POUNDS, 2, "1200.5", "£1,200.50"),
        (Unit.POUNDS, 0, "-300", "-£300"),
    ],
)
def test_values_are_written_in_their_unit(unit, places, value, written):
    assert format_value(unit, places, Decimal(value)) == written


def test_typed_values_are_read_exactly_with_the_units_signs():
    assert parse_value(Unit.PERCENTAGE, 1, " 12.5% ") == Decimal("12.5")
    assert parse_value(Unit.POUNDS, 2, "£1,200.50") == Decimal("1200.50")
    assert parse_value(Unit.DAYS, 0, "18 days") == Decimal(18)


@pytest.mark.parametrize(
    ("unit", "places", "text", "message"),
    [
        (Unit.PERCENTAGE, 1, "twelve", "Enter the value as a number of per cent"),
        (Unit.PERCENTAGE, 1, "", "Enter the value as a number of per cent"),
        (Unit.NUMBER, 0, "NaN", "Enter the value as a number like 42"),
        (Unit.NUMBER, 0, "Infinity", "Enter the value as a number like 42"),
        (Unit.PERCENTAGE, 1, "100.1", "A percentage must be between 0 and 100; 100.1% is not."),
        (Unit.PERCENTAGE, 1, "-1", "A percentage must be between 0 and 100"),
        (Unit.DAYS, 0, "-3", "Days cannot be negative"),
        (Unit.PERCENTAGE, 1, "12.34", "12.34 has more decimal places than this indicator"),
        (Unit.NUMBER, 0, "1e20", "too large"),
    ],
)
def test_bad_values_are_refused_with_a_clear_message(unit, places, text, message):
    with pytest.raises(ValidationError) as refused:
        parse_value(unit, places, text)
    assert message in refused.value.messages[0]


def test_periods_by_frequency():
    april = dt.date(2012, 4, 1)
    assert period_end(Frequency.MONTHLY, dt.date(2013, 2, 1)) == dt.date(2013, 2, 28)
    assert period_end(Frequency.QUARTERLY, april) == dt.date(2012, 6, 30)
    assert period_end(Frequency.ANNUAL, april) == dt.date(2013, 3, 31)
    assert period_containing(Frequency.QUARTERLY, dt.date(2013, 3, 12)) == dt.date(2013, 1, 1)
    assert period_containing(Frequency.ANNUAL, dt.date(2013, 3, 12)) == april
    assert previous_period(Frequency.MONTHLY, dt.date(2013, 1, 1)) == dt.date(2012, 12, 1)
    assert period_label(Frequency.QUARTERLY, april) == "April to June 2012"
    assert period_label(Frequency.ANNUAL, april) == "2012/13"
    assert period_short_label(Frequency.QUARTERLY, dt.date(2013, 1, 1)) == "Q4 2012/13"
    months = list(periods_between(Frequency.MONTHLY, april, dt.date(2013, 3, 31)))
    assert len(months) == 12 and months[0] == april and months[-1] == dt.date(2013, 3, 1)
    quarters = list(periods_between(Frequency.QUARTERLY, dt.date(2012, 5, 1), dt.date(2013, 3, 31)))
    assert quarters == [dt.date(2012, 7, 1), dt.date(2012, 10, 1), dt.date(2013, 1, 1)]
    assert baseline_start(dt.date(2012, 9, 1)) == dt.date(2011, 9, 1)
