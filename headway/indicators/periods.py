"""Periods of collection: a month, a financial quarter (April to June) or a financial year.

A period is named by the date of its first day; ``period_end`` and ``period_label`` derive the
rest, so nothing stores a period's end or its name twice.
"""

import datetime as dt
from collections.abc import Iterator
from functools import lru_cache

from .choices import Frequency

MONTHS_IN = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.ANNUAL: 12}


def add_months(day: dt.date, months: int) -> dt.date:
    """The first of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def is_period_start(frequency: str, day: dt.date) -> bool:
    if day.day != 1:
        return False
    if frequency == Frequency.MONTHLY:
        return True
    if frequency == Frequency.QUARTERLY:
        return day.month in (1, 4, 7, 10)
    return day.month == 4


def period_containing(frequency: str, day: dt.date) -> dt.date:
    """The first day of the period ``day`` falls in."""
    start = dt.date(day.year, day.month, 1)
    while not is_period_start(frequency, start):
        start = add_months(start, -1)
    return start


def period_end(frequency: str, start: dt.date) -> dt.date:
    return add_months(start, MONTHS_IN[Frequency(frequency)]) - dt.timedelta(days=1)


def previous_period(frequency: str, start: dt.date) -> dt.date:
    return add_months(start, -MONTHS_IN[Frequency(frequency)])


def same_period_last_year(start: dt.date) -> dt.date:
    return add_months(start, -12)


def periods_between(frequency: str, first: dt.date, last: dt.date) -> Iterator[dt.date]:
    """Every period that starts on or after ``first`` and ends on or before ``last``."""
    start = period_containing(frequency, first)
    if start < first:
        start = add_months(start, MONTHS_IN[Frequency(frequency)])
    while period_end(frequency, start) <= last:
        yield start
        start = add_months(start, MONTHS_IN[Frequency(frequency)])


@lru_cache(maxsize=4096)
def period_label(frequency: str, start: dt.date) -> str:
    """ "April 2012", "April to June 2012", "2012/13"."""
    if frequency == Frequency.MONTHLY:
        return f"{start:%B %Y}"
    if frequency == Frequency.QUARTERLY:
        end = period_end(frequency, start)
        return f"{start:%B} to {end:%B %Y}"
    return f"{start.year}/{(start.year + 1) % 100:02d}"


@lru_cache(maxsize=4096)
def period_short_label(frequency: str, start: dt.date) -> str:
    """ "Apr 2012", "Q1 2012/13", "2012/13": for table columns and chart axes."""
    if frequency == Frequency.MONTHLY:
        return f"{start:%b %Y}"
    if frequency == Frequency.QUARTERLY:
        year = start.year if start.month >= 4 else start.year - 1
        quarter = {4: 1, 7: 2, 10: 3, 1: 4}[start.month]
        return f"Q{quarter} {year}/{(year + 1) % 100:02d}"
    return period_label(frequency, start)


def baseline_start(plan_start: dt.date) -> dt.date:
    """The earliest period a plan's indicators record: the year before the plan starts.

    A plan's first periods need last year's figures for their direction of travel and trend
    (a plan starting in September still reports the financial year from April), so a value,
    target or comparator may fall in the twelve months before the plan as well as within it.
    """
    return add_months(dt.date(plan_start.year, plan_start.month, 1), -12)
