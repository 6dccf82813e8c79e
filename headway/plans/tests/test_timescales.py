"""Timescales read from the ways plans write them, and refused clearly when they cannot be."""

import datetime as dt

import pytest

from headway.plans.timescales import Timescale, TimescaleError, parse_timescale


@pytest.mark.parametrize(
    ("value", "label", "due"),
    [
        ("31/03/2013", "31/03/2013", dt.date(2013, 3, 31)),
        ("1/4/13", "1/4/13", dt.date(2013, 4, 1)),
        ("2013-03-31", "2013-03-31", dt.date(2013, 3, 31)),
        ("March 2013", "March 2013", dt.date(2013, 3, 31)),
        ("Mar-13", "Mar-13", dt.date(2013, 3, 31)),
        ("Sept 2012", "Sept 2012", dt.date(2012, 9, 30)),
        ("Feb 2012", "Feb 2012", dt.date(2012, 2, 29)),
        ("End of December 2012", "End of December 2012", dt.date(2012, 12, 31)),
        ("Q1 2012/13", "Q1 2012/13", dt.date(2012, 6, 30)),
        ("Q2 2012/13", "Q2 2012/13", dt.date(2012, 9, 30)),
        ("Q3 2012/13", "Q3 2012/13", dt.date(2012, 12, 31)),
        ("Q4 2012/13", "Q4 2012/13", dt.date(2013, 3, 31)),
        ("Quarter 4 2012-2013", "Quarter 4 2012-2013", dt.date(2013, 3, 31)),
        ("Ongoing", "Ongoing", None),
        ("  on-going ", "on-going", None),
        ("12th March 2013", "12th March 2013", dt.date(2013, 3, 12)),
    ],
)
def test_text_timescales_give_label_and_last_day(value, label, due):
    assert parse_timescale(value) == Timescale(label, due)


def test_excel_date_and_datetime_cells_give_the_date():
    assert parse_timescale(dt.datetime(2013, 3, 31, 0, 0)) == Timescale(
        "31/03/2013", dt.date(2013, 3, 31)
    )
    assert parse_timescale(dt.date(2012, 12, 1)).due_date == dt.date(2012, 12, 1)


def test_excel_serial_number_is_read_as_a_date():
    assert parse_timescale(41364).due_date == dt.date(2013, 3, 31)


def test_ongoing_is_not_overdue_ever():
    assert parse_timescale("Ongoing").is_ongoing


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("31/02/2013", "February 2013 has 28 days"),
        ("30/13/2013", "has no month 13"),
        ("Q5 2012/13", "is not a timescale Headway can read"),
        ("Q4 2012/14", "is not a financial year"),
        ("Smarch 2013", r"expected a date \(31/03/2013\)"),
        ("", "No timescale was given"),
        (None, "No timescale was given"),
        (3.5, "is not a timescale"),
        (True, "is not a timescale"),
    ],
)
def test_impossible_or_unknown_timescales_are_refused_with_what_was_expected(value, message):
    with pytest.raises(TimescaleError, match=message):
        parse_timescale(value)


@pytest.mark.parametrize("number", [float("inf"), float("-inf"), float("nan"), 1e308])
def test_a_number_that_is_no_day_is_refused_not_crashed_on(number):
    with pytest.raises(TimescaleError, match="is not a timescale"):
        parse_timescale(number)
