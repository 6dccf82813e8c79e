"""Timescales as plans write them: a date, a month, a UK financial quarter, or "Ongoing".

``parse_timescale`` turns what a spreadsheet cell holds into the wording to keep (the label) and
the last day it allows (the due date), or refuses it with a message that says what was expected.
UK financial quarters run from April: Q1 is April to June, Q4 is January to March of the next.
"""

import calendar
import datetime as dt
import math
import re
from dataclasses import dataclass

EXPECTED = (
    "a date (31/03/2013), a month (March 2013 or Mar-13), a financial quarter (Q4 2012/13) "
    "or 'Ongoing'"
)

_ONGOING_WORDS = {"ongoing", "on-going", "on going", "continuous", "continuing", "throughout"}

_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
_MONTHS["sept"] = 9

# Excel counts days from 30 December 1899 (its 1900 leap-year bug folded in).
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_EXCEL_SERIAL_RANGE = (20000, 80000)  # 1954 to 2119: anything else is not a plausible date


class TimescaleError(ValueError):
    """The value is not a timescale; the message says what was expected."""


@dataclass(frozen=True)
class Timescale:
    label: str
    due_date: dt.date | None

    @property
    def is_ongoing(self) -> bool:
        return self.due_date is None


def parse_timescale(value: object) -> Timescale:
    """Read a cell: text, an Excel date or datetime, or an Excel date serial number."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return Timescale(f"{value:%d/%m/%Y}", value)
    if isinstance(value, bool):
        raise TimescaleError(f"{value!r} is not a timescale; expected {EXPECTED}.")
    if isinstance(value, int | float):
        return _from_excel_serial(value)
    text = re.sub(r"\s+", " ", str(value or "")).strip()
    if not text:
        raise TimescaleError(f"No timescale was given; expected {EXPECTED}.")
    return Timescale(text, parse_due_date(text))


def parse_due_date(text: str) -> dt.date | None:
    """The last day a timescale allows, or None for an ongoing action."""
    key = text.strip().lower().rstrip(".")
    if key in _ONGOING_WORDS:
        return None
    for reader in (_read_day, _read_quarter, _read_month):
        result = reader(key)
        if result is not None:
            return result
    raise TimescaleError(f"{text!r} is not a timescale Headway can read; expected {EXPECTED}.")


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _checked_date(year: int, month: int, day: int, original: str) -> dt.date:
    if not 1 <= month <= 12:
        raise TimescaleError(f"{original!r} has no month {month}; expected {EXPECTED}.")
    try:
        return dt.date(year, month, day)
    except ValueError:
        last = calendar.monthrange(year, month)[1]
        raise TimescaleError(
            f"{original!r} is not a real date: {calendar.month_name[month]} {year} has {last} days."
        ) from None


def _read_day(key: str) -> dt.date | None:
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]00:00(?::00)?)?", key)
    if iso:
        return _checked_date(int(iso[1]), int(iso[2]), int(iso[3]), key)
    uk = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})", key)
    if uk:
        return _checked_date(_year(uk[3]), int(uk[2]), int(uk[1]), key)
    named = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)? ([a-z]+),? (\d{2}|\d{4})", key)
    if named and named[2] in _MONTHS:
        return _checked_date(_year(named[3]), _MONTHS[named[2]], int(named[1]), key)
    return None


def _read_month(key: str) -> dt.date | None:
    match = re.fullmatch(r"(?:end(?: of)? )?([a-z]+)[ \-/']?(\d{2}|\d{4})", key)
    if not match or match[1] not in _MONTHS:
        return None
    year, month = _year(match[2]), _MONTHS[match[1]]
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _read_quarter(key: str) -> dt.date | None:
    match = re.fullmatch(r"(?:q|quarter )([1-4]),? (?:fy ?)?(\d{4})\s*[/\-]\s*(\d{2}|\d{4})", key)
    if not match:
        return None
    quarter, start_year = int(match[1]), int(match[2])
    end_text = match[3]
    end_year = int(end_text) if len(end_text) == 4 else start_year // 100 * 100 + int(end_text)
    if end_year != start_year + 1:
        raise TimescaleError(
            f"{key!r} is not a financial year: it must run from one year into the next, "
            f"e.g. Q4 {start_year}/{(start_year + 1) % 100:02d}."
        )
    # Q1 ends 30 June of the first year … Q4 ends 31 March of the second.
    ends = {1: (start_year, 6, 30), 2: (start_year, 9, 30), 3: (start_year, 12, 31)}
    year, month, day = ends.get(quarter, (end_year, 3, 31))
    return dt.date(year, month, day)


def _from_excel_serial(number: float) -> Timescale:
    low, high = _EXCEL_SERIAL_RANGE
    # Infinity and NaN (a cell can hold them) are no day at all; test them before int().
    if not math.isfinite(number) or number != int(number) or not low <= number <= high:
        raise TimescaleError(f"{number!r} is not a timescale; expected {EXPECTED}.")
    day = _EXCEL_EPOCH + dt.timedelta(days=int(number))
    return Timescale(f"{day:%d/%m/%Y}", day)
