"""The "as at" date of a plan file's progress, found in its title rows, e.g. "Children's
Services Improvement Plan — Progress as at 30 September 2013", in the ways UK councils write
dates: 30 September 2013, 30th Sept 2013, 30 Sep 13, 30/09/2013, 30.09.13, 30-09-2013,
2013-09-30."""

import contextlib
import datetime as dt
import re

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WORDS = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?[\s\-]+({_MONTH})\.?,?[\s\-]+(\d{{4}}|\d{{2}})\b",
    re.IGNORECASE,
)
_NUMBERS = re.compile(r"\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_AS_AT = re.compile(r"\b(?:as\s+(?:at|of)|position\s+at|progress\s+at|at)\b", re.IGNORECASE)


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def dates_in(text: str) -> list[tuple[int, dt.date]]:
    """Every real date written in ``text``, with where it starts."""
    found: list[tuple[int, dt.date]] = []
    for match in _ISO.finditer(text):
        _add(found, match.start(), int(match[1]), int(match[2]), int(match[3]))
    for match in _WORDS.finditer(text):
        month = _MONTHS[match[2].lower()]
        _add(found, match.start(), _year(match[3]), month, int(match[1]))
    for match in _NUMBERS.finditer(text):
        if any(start <= match.start() < start + 10 for start, _ in found):
            continue  # part of an ISO date already read
        _add(found, match.start(), _year(match[3]), int(match[2]), int(match[1]))
    return sorted(found, key=lambda pair: pair[0])


def _add(found: list, start: int, year: int, month: int, day: int) -> None:
    with contextlib.suppress(ValueError):
        found.append((start, dt.date(year, month, day)))


def as_at_in(lines: list[str]) -> dt.date | None:
    """The date after "as at" (or "as of", "position at") in the title rows; failing that, the
    one date they give. None if they give none, or several without saying which."""
    anywhere: list[dt.date] = []
    for line in lines:
        dates = dates_in(line)
        anywhere.extend(date for _, date in dates)
        for marker in _AS_AT.finditer(line):
            after = [date for start, date in dates if start >= marker.end()]
            if after:
                return after[0]
    return anywhere[0] if len(set(anywhere)) == 1 else None


def parse_uk_date(text: str) -> dt.date | None:
    """A date written on its own in any of the forms above, else None."""
    dates = dates_in(text.strip())
    return dates[0][1] if len(dates) == 1 else None
