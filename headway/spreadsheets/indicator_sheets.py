"""Indicators in and out of spreadsheets, in the wide layout councils keep: one row per
indicator and figure (its values, its targets, its tolerances), one column per month, quarter or
year.

The import reads the columns by their headings (or the headings the person names: the column
mapping), checks every cell against the plan (units, periods, tolerances, duplicates) and
either refuses the file with every problem found or writes it all in one transaction. Values
imported by the plan lead or an administrator count as approved by them.
"""

import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from openpyxl import Workbook

from headway.accounts.models import User
from headway.indicators.choices import Frequency, Polarity, Unit
from headway.indicators.models import Indicator, IndicatorValue, Target
from headway.indicators.periods import period_short_label
from headway.indicators.services import (
    check_period,
    check_tolerance,
    indicator_create,
    indicator_values_record_approved,
    target_set,
)
from headway.indicators.units import parse_value, quantum
from headway.plans.choices import UpdateState
from headway.plans.models import Plan

from .cells import column_letter, for_export, normalise_header, text_of
from .limits import plan_import_limits
from .problems import Problem, SpreadsheetRefused, shown_value
from .safety import read_sheets

SHEET = "Indicators"
ILLUSTRATIVE_NOTE = (
    "Illustrative figures: these indicators' values, targets and comparators demonstrate "
    "Headway and are not the council's published performance."
)
VALUE, TARGET, TOLERANCE = "Value", "Target", "Tolerance"
HEADER_ROWS_SEARCHED = 30

# field → the heading Headway writes, and the headings it reads as that field.
FIELDS = {
    "reference": ("Reference", {"reference", "ref", "pi", "pi reference", "code", "indicator ref"}),
    "title": ("Indicator", {"indicator", "title", "measure", "indicator title", "name"}),
    "unit": ("Unit", {"unit", "units"}),
    "polarity": ("Polarity", {"polarity", "good performance", "direction", "better"}),
    "frequency": ("Frequency", {"frequency", "collected", "collection frequency"}),
    "decimal_places": ("Decimal places", {"decimal places", "dp", "places"}),
    "owner": ("Owner", {"owner", "responsible officer", "indicator owner"}),
    "row": ("Row", {"row", "figure", "row type", "type", "line"}),
}
REQUIRED = ("reference", "row")
ROW_WORDS = {
    "value": VALUE,
    "values": VALUE,
    "actual": VALUE,
    "actuals": VALUE,
    "target": TARGET,
    "targets": TARGET,
    "tolerance": TOLERANCE,
}
UNIT_WORDS = {
    **{u.value: u for u in Unit},
    **{u.label.lower(): u for u in Unit},
    "%": Unit.PERCENTAGE,
    "percent": Unit.PERCENTAGE,
    "per cent": Unit.PERCENTAGE,
    "count": Unit.NUMBER,
    "rate": Unit.RATE_PER_10000,
    "per 10,000": Unit.RATE_PER_10000,
    "pounds": Unit.POUNDS,
    "day": Unit.DAYS,
}
POLARITY_WORDS = {
    **{p.label.lower(): p for p in Polarity},
    "higher": Polarity.HIGHER_IS_BETTER,
    "high": Polarity.HIGHER_IS_BETTER,
    "lower": Polarity.LOWER_IS_BETTER,
    "low": Polarity.LOWER_IS_BETTER,
}
FREQUENCY_WORDS = {
    **{f.value: f for f in Frequency},
    "annually": Frequency.ANNUAL,
    "yearly": Frequency.ANNUAL,
    "month": Frequency.MONTHLY,
    "quarter": Frequency.QUARTERLY,
}
MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (
        dt.date(2000, number, 1).strftime("%B").lower(),
        dt.date(2000, number, 1).strftime("%b").lower(),
    )
} | {"sept": 9}


def period_of_heading(value: object) -> tuple[Frequency, dt.date] | None:
    """A column heading as a period: "Apr 2012", "April 2012", "Apr-12", "2012-04", a date
    (its month), "Q1 2012/13" (April to June 2012) or "2012/13" (the financial year)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return Frequency.MONTHLY, dt.date(value.year, value.month, 1)
    text = normalise_header(value)
    if match := re.fullmatch(r"q([1-4])\s*(\d{4})\s*/\s*(\d{2}|\d{4})", text):
        quarter, year = int(match[1]), int(match[2])
        month = {1: 4, 2: 7, 3: 10, 4: 1}[quarter]
        return Frequency.QUARTERLY, dt.date(year + (quarter == 4), month, 1)
    if match := re.fullmatch(r"(\d{4})\s*/\s*(\d{2}|\d{4})", text):
        return Frequency.ANNUAL, dt.date(int(match[1]), 4, 1)
    if (match := re.fullmatch(r"(\d{4})-(\d{1,2})", text)) and 1 <= int(match[2]) <= 12:
        return Frequency.MONTHLY, dt.date(int(match[1]), int(match[2]), 1)
    if match := re.fullmatch(r"([a-z]+)[\s\-]+(\d{2}|\d{4})", text):
        month = MONTHS.get(match[1])
        if month:
            year = int(match[2]) + (2000 if len(match[2]) == 2 else 0)
            return Frequency.MONTHLY, dt.date(year, month, 1)
    return None


def heading_of(frequency: str, period: dt.date) -> str:
    return period_short_label(frequency, period)


# --- Export.


def indicators_export(*, plan: Plan) -> bytes:
    """The plan's indicators as one sheet: for each, a row of approved values, a row of targets
    and a row of tolerances, one column per period. Cells are made safe (``for_export``)."""
    indicators = list(
        Indicator.objects.filter(plan=plan)
        .select_related("owner")
        .order_by("position", "reference")
    )
    values: dict[tuple[int, dt.date], Decimal] = {
        (i, p): v
        for i, p, v in IndicatorValue.objects.filter(
            indicator__plan=plan, state=UpdateState.APPROVED
        ).values_list("indicator_id", "period", "value")
    }
    targets = {
        (i, p): (v, t)
        for i, p, v, t in Target.objects.filter(indicator__plan=plan).values_list(
            "indicator_id", "period", "value", "tolerance"
        )
    }
    by_pk = {i.pk: i for i in indicators}
    columns = sorted(
        {(p, by_pk[i].frequency) for i, p in [*values, *targets]},
        key=lambda c: (c[0], list(Frequency).index(Frequency(c[1]))),
    )
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET)
    if any(indicator.illustrative for indicator in indicators):
        # Above the heading row, which the import finds wherever it is in the first rows.
        sheet.append([ILLUSTRATIVE_NOTE])
    sheet.append(
        [heading for heading, _ in FIELDS.values()] + [heading_of(f, p) for p, f in columns]
    )
    for indicator in indicators:
        details = [
            indicator.reference,
            indicator.title,
            indicator.get_unit_display(),
            indicator.get_polarity_display(),
            indicator.get_frequency_display(),
            indicator.decimal_places,
        ]
        owner = indicator.owner.get_username() if indicator.owner else ""
        places = indicator.decimal_places
        for kind in (VALUE, TARGET, TOLERANCE):
            cells = []
            for period, frequency in columns:
                figure = None
                if frequency == indicator.frequency:
                    if kind == VALUE:
                        figure = values.get((indicator.pk, period))
                    elif (indicator.pk, period) in targets:
                        target, tolerance = targets[indicator.pk, period]
                        figure = target if kind == TARGET else tolerance
                # A Decimal, written as the number it is (openpyxl writes Decimals exactly).
                cells.append(figure.quantize(quantum(places)) if figure is not None else None)
            sheet.append([for_export(v) for v in [*details, owner, kind]] + cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- Import.


@dataclass
class IndicatorRow:
    sheet_row: int
    details: dict[str, str]
    kind: str
    cells: dict[int, object]  # column index → cell


@dataclass
class IndicatorImport:
    """What an import would write, or has written."""

    columns: dict[str, str] = field(default_factory=dict)  # field → heading read
    periods: list[str] = field(default_factory=list)  # the period headings read
    new_indicators: list[str] = field(default_factory=list)
    values: int = 0
    targets: int = 0
    unchanged: int = 0
    written: bool = False


@dataclass
class _Read:
    header_row: int
    columns: dict[str, int]
    periods: dict[int, tuple[Frequency, dt.date, str]]
    rows: list[IndicatorRow]


def indicators_import(
    *,
    plan: Plan,
    data: bytes,
    filename: str,
    by: User,
    mapping: dict[str, str] | None = None,
    dry_run: bool = False,
) -> IndicatorImport:
    """Check the whole file against the plan, then write it in one transaction (unless
    ``dry_run``). Any problem refuses the file (SpreadsheetRefused, with every problem found)
    and nothing is written. ``mapping`` names the heading of a field's column where Headway's
    guess from the headings would be wrong: ``{"reference": "PI code", "row": "Measure"}``."""
    sheets = read_sheets(data, filename, limits=plan_import_limits())
    sheet = next((s for s in sheets if s.name == SHEET), sheets[0])
    read = _read(sheet.name, sheet.rows, mapping or {})
    result = IndicatorImport(
        columns={name: FIELDS[name][0] for name in read.columns},
        periods=[heading for _f, _p, heading in read.periods.values()],
    )
    writes, problems = _check(plan, sheet.name, read, result)
    if problems:
        raise SpreadsheetRefused(problems)
    if dry_run:
        return result
    try:
        with transaction.atomic():
            _write(plan, by, writes)
    except ValidationError as exc:
        raise SpreadsheetRefused([Problem(message) for message in exc.messages]) from exc
    result.written = True
    return result


def _read(
    sheet: str, rows: Iterable[tuple[int, tuple[object, ...]]], mapping: dict[str, str]
) -> _Read:
    wanted = {name: normalise_header(heading) for name, heading in mapping.items() if heading}
    unknown = set(wanted) - set(FIELDS)
    if unknown:
        raise SpreadsheetRefused(f"Headway has no field called {', '.join(sorted(unknown))}.")
    header = None
    body: list[IndicatorRow] = []
    for number, row in rows:
        if header is None:
            if number > HEADER_ROWS_SEARCHED:
                break
            columns = _columns(row, wanted)
            if all(name in columns for name in REQUIRED):
                periods = {
                    index: (*found, text_of(cell))
                    for index, cell in enumerate(row)
                    if index not in columns.values() and (found := period_of_heading(cell))
                }
                header = _Read(number, columns, periods, body)
            continue
        if not any(cell not in (None, "") for cell in row):
            continue
        details = {
            name: text_of(row[index]) if index < len(row) else ""
            for name, index in header.columns.items()
        }
        body.append(
            IndicatorRow(
                number,
                details,
                details.get("row", ""),
                {i: row[i] for i in header.periods if i < len(row) and row[i] not in (None, "")},
            )
        )
    if header is None:
        missing = [FIELDS[name][0] for name in REQUIRED]
        raise SpreadsheetRefused(
            Problem(
                sheet=sheet,
                message=(
                    f"No heading row found in the first {HEADER_ROWS_SEARCHED} rows: Headway needs "
                    f"columns for {' and '.join(missing)} (or name their headings)."
                ),
            )
        )
    return header


def _columns(row: tuple[object, ...], wanted: dict[str, str]) -> dict[str, int]:
    headings = [normalise_header(cell) for cell in row]
    columns: dict[str, int] = {}
    for name, (_label, synonyms) in FIELDS.items():
        names = {wanted[name]} if name in wanted else synonyms
        for index, heading in enumerate(headings):
            if heading and heading in names and index not in columns.values():
                columns[name] = index
                break
    return columns


@dataclass
class _Writes:
    create: list[dict[str, Any]] = field(default_factory=list)
    values: dict[str, dict[dt.date, Decimal]] = field(default_factory=dict)
    targets: dict[str, dict[dt.date, tuple[Decimal, Decimal]]] = field(default_factory=dict)


def _check(
    plan: Plan, sheet: str, read: _Read, result: IndicatorImport
) -> tuple[_Writes, list[Problem]]:
    problems: list[Problem] = []
    existing = {i.reference: i for i in Indicator.objects.filter(plan=plan)}
    people = _people(row.details.get("owner", "") for row in read.rows)
    writes = _Writes()
    seen: dict[tuple[str, str], int] = {}
    by_reference: dict[str, Indicator] = dict(existing)
    column_name = {
        name: f"{column_letter(i)} ({FIELDS[name][0]})" for name, i in read.columns.items()
    }

    def problem(row: IndicatorRow, message: str, column: str = "", value: object = "") -> None:
        problems.append(
            Problem(
                message, sheet=sheet, row=row.sheet_row, column=column, value=shown_value(value)
            )
        )

    for row in read.rows:
        reference = row.details.get("reference", "").strip()
        if not reference:
            problem(row, "Give the indicator's reference.", column_name["reference"])
            continue
        kind = ROW_WORDS.get(row.kind.strip().lower())
        if kind is None:
            problem(
                row,
                "Say what the row holds: Value, Target or Tolerance.",
                column_name["row"],
                row.kind,
            )
            continue
        if (reference, kind) in seen:
            problem(
                row,
                f"{reference} has a second {kind} row (the first is row {seen[reference, kind]}).",
                column_name["row"],
                row.kind,
            )
            continue
        seen[reference, kind] = row.sheet_row
        indicator = by_reference.get(reference)
        if indicator is None:
            indicator = _new_indicator(plan, row, people, column_name, problem)
            if indicator is None:
                continue
            by_reference[reference] = indicator
            writes.create.append(indicator.__dict__["_import_fields"])
            result.new_indicators.append(reference)
        _check_cells(indicator, kind, row, read, writes, result, problem)
    _check_tolerances(by_reference, writes, read, problems, sheet)
    return writes, problems


def _check_cells(indicator, kind, row, read, writes, result, problem) -> None:
    approved = _approved(indicator) if indicator.pk else {}
    for index, cell in row.cells.items():
        frequency, period, heading = read.periods[index]
        column = f"{column_letter(index)} ({heading})"
        if frequency != indicator.frequency:
            problem(
                row,
                f"{indicator.reference} is collected {indicator.get_frequency_display().lower()}; "
                f"this column is a {Frequency(frequency).label.lower()} period.",
                column,
                cell,
            )
            continue
        try:
            check_period(indicator, period)
            figure = _figure(indicator, cell, kind)
        except ValidationError as exc:
            problem(row, " ".join(exc.messages), column, cell)
            continue
        if kind == VALUE:
            current = approved.get(period)
            if current is not None and current[1] == UpdateState.APPROVED and current[0] == figure:
                result.unchanged += 1
                continue
            if current is not None:
                problem(
                    row,
                    f"{indicator.reference} already has a value for {heading} "
                    f"({indicator.show(current[0])}, {UpdateState(current[1]).label.lower()}): "
                    "a second value for a period is a duplicate; correct it in Headway instead.",
                    column,
                    cell,
                )
                continue
            writes.values.setdefault(indicator.reference, {})[period] = figure
            result.values += 1
        else:
            targets = writes.targets.setdefault(indicator.reference, {})
            target, tolerance = targets.get(period, (None, Decimal(0)))
            targets[period] = (figure, tolerance) if kind == TARGET else (target, figure)


def _figure(indicator: Indicator, cell: object, kind: str) -> Decimal:
    """A cell as an exact Decimal in the indicator's unit (a number cell read from its
    shortest decimal form, so 12.5 is 12.5, never 12.4999…)."""
    if isinstance(cell, float):
        text = repr(cell)
    elif isinstance(cell, int | Decimal):
        text = str(cell)
    else:
        text = text_of(cell)
    if kind == TOLERANCE:
        try:
            return Decimal(text.replace(",", "").strip())
        except InvalidOperation as exc:
            raise ValidationError("A tolerance must be a number.") from exc
    return parse_value(indicator.unit, indicator.decimal_places, text)


def _check_tolerances(by_reference, writes, read, problems, sheet) -> None:
    for reference, periods in writes.targets.items():
        indicator = by_reference[reference]
        for period, (target, tolerance) in periods.items():
            label = heading_of(indicator.frequency, period)
            if target is None:
                problems.append(
                    Problem(f"{reference} has a tolerance for {label} but no target.", sheet=sheet)
                )
                continue
            try:
                check_tolerance(
                    unit=indicator.unit,
                    polarity=indicator.polarity,
                    places=indicator.decimal_places,
                    target=target,
                    tolerance=tolerance,
                )
            except ValidationError as exc:
                problems.append(
                    Problem(f"{reference}, {label}: {' '.join(exc.messages)}", sheet=sheet)
                )


def _approved(indicator: Indicator) -> dict[dt.date, tuple[Decimal, str]]:
    """The period's approved value, or one in progress, as (figure, state)."""
    found: dict[dt.date, tuple[Decimal, str]] = {}
    for period, value, state in indicator.values.filter(
        state__in=[UpdateState.DRAFT, UpdateState.SUBMITTED, UpdateState.APPROVED]
    ).values_list("period", "value", "state"):
        if period not in found or state != UpdateState.APPROVED:
            found[period] = (value, state)
    return found


def _people(names: Iterable[str]) -> dict[str, User]:
    wanted = {name.strip().lower() for name in names if name.strip()}
    if not wanted:
        return {}
    users = get_user_model().objects.filter(Q(username__in=wanted) | Q(email__in=wanted))
    return {
        key: user
        for user in users
        for key in (user.username.lower(), (user.email or "").lower())
        if key in wanted
    }


def _new_indicator(plan, row, people, column_name, problem) -> Indicator | None:
    """An indicator the file adds, built (not saved) from its row's details; None with the
    problems noted when they are missing or not understood."""
    details = row.details
    reference = details["reference"].strip()
    found = {}
    for name, words in (
        ("unit", UNIT_WORDS),
        ("polarity", POLARITY_WORDS),
        ("frequency", FREQUENCY_WORDS),
    ):
        text = details.get(name, "").strip().lower()
        found[name] = words.get(text)
        if found[name] is None:
            expected = {
                "unit": "Percentage, Number, Rate per 10,000, Days or £",
                "polarity": "Higher is better or Lower is better",
                "frequency": "Monthly, Quarterly or Annual",
            }[name]
            problem(
                row,
                f"{reference} is not an indicator of this plan yet: give its "
                f"{FIELDS[name][0].lower()} ({expected}) to add it.",
                column_name.get(name, FIELDS[name][0]),
                details.get(name, ""),
            )
    title = details.get("title", "").strip()
    if not title:
        problem(
            row,
            f"{reference} is not an indicator of this plan yet: give its title to add it.",
            column_name.get("title", "Indicator"),
        )
    places_text = details.get("decimal_places", "").strip() or "1"
    places = int(places_text) if places_text.isdigit() and int(places_text) <= 4 else None
    if places is None:
        problem(
            row,
            "Decimal places must be a whole number from 0 to 4.",
            column_name.get("decimal_places", "Decimal places"),
            places_text,
        )
    owner_text = details.get("owner", "").strip()
    owner = people.get(owner_text.lower()) if owner_text else None
    if owner_text and owner is None:
        problem(
            row,
            f"No one in Headway has the username or e-mail address {owner_text!r}.",
            column_name.get("owner", "Owner"),
            owner_text,
        )
    if None in found.values() or not title or places is None or (owner_text and owner is None):
        return None
    fields = {
        "reference": reference,
        "title": title,
        "unit": found["unit"],
        "polarity": found["polarity"],
        "frequency": found["frequency"],
        "decimal_places": places,
        "owner": owner,
    }
    indicator = Indicator(plan=plan, **fields)
    indicator.__dict__["_import_fields"] = fields
    return indicator


def _write(plan: Plan, by: User, writes: _Writes) -> None:
    position = (
        Indicator.objects.filter(plan=plan)
        .order_by("-position")
        .values_list("position", flat=True)
        .first()
        or 0
    )
    for offset, fields in enumerate(writes.create, start=1):
        indicator_create(plan=plan, by=by, position=position + offset, **fields)
    indicators = {
        i.reference: i for i in Indicator.objects.filter(plan=plan).select_related("plan")
    }
    for reference, figures in writes.values.items():
        indicator_values_record_approved(indicator=indicators[reference], figures=figures, by=by)
    for reference, periods in writes.targets.items():
        indicator = indicators[reference]
        versions = dict(indicator.targets.values_list("period", "version"))
        for period, (target, tolerance) in sorted(periods.items()):
            target_set(
                indicator=indicator,
                period=period,
                value=target,
                tolerance=tolerance,
                by=by,
                expected_version=versions.get(period),
            )
