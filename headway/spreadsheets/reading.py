"""Reading a plan spreadsheet into plain rows, tolerant of how real plans are laid out.

Title rows above the heading row, headings in any order under common synonyms, an outcome area
written once beside its actions (or merged across them), spacer rows, area heading rows: all read.
Every problem is collected, with its sheet, row and column, rather than stopping at the first.
Nothing here touches the database.
"""

import datetime as dt
import re

from headway.plans.timescales import TimescaleError, parse_due_date

from .cells import column_letter, is_blank, normalise_header, text_of
from .columns import (
    ACTION_COLUMNS,
    ACTIONS_SHEET,
    AREAS_SHEET,
    AUXILIARY_SHEETS,
    PLAN_FIELDS,
    PLAN_SHEET,
    ROUNDS_SHEET,
)
from .mapping import (
    HEADER_SEARCH_ROWS,
    Mapping,
    columns_of,
    heading_row_for,
    looks_like_headings,
    suggest,
)
from .problems import Problem, SpreadsheetRefused, shown_value
from .rows import LATEST_ROUND, ParsedFile, cell_problem, read_action, split_area
from .safety import SheetRows


def parse_plan_file(
    sheets: list[SheetRows], mapping: Mapping | None = None, *, keep_problems: bool = False
) -> ParsedFile:
    """Read every sheet; raise SpreadsheetRefused with all problems found if any (or, with
    ``keep_problems``, leave them in ``parsed.problems`` beside the rows read well, so the
    comparison with the database can add its own and every problem is told at once).

    ``mapping`` ({field: heading}) says which column holds what; without it the headings are
    read by their names and synonyms."""
    parsed = ParsedFile()
    by_name = {sheet.name.lower(): sheet for sheet in sheets}
    actions_sheet = by_name.get(ACTIONS_SHEET.lower()) or next(
        (s for s in sheets if s.name.lower() not in AUXILIARY_SHEETS), None
    )
    if actions_sheet is None:
        raise SpreadsheetRefused("The workbook has no sheet of actions.")
    if PLAN_SHEET.lower() in by_name:
        _read_plan_sheet(by_name[PLAN_SHEET.lower()], parsed)
    if ROUNDS_SHEET.lower() in by_name:
        _read_rounds_sheet(by_name[ROUNDS_SHEET.lower()], parsed)
    if AREAS_SHEET.lower() in by_name:
        _read_areas_sheet(by_name[AREAS_SHEET.lower()], parsed)
    _read_actions_sheet(actions_sheet, parsed, mapping)
    if parsed.problems and not keep_problems:
        raise SpreadsheetRefused(parsed.problems)
    return parsed


def _read_plan_sheet(sheet: SheetRows, parsed: ParsedFile) -> None:
    labels = {normalise_header(label): key for key, label in PLAN_FIELDS}
    for number, row in sheet.rows:
        if is_blank(row) or len(row) < 2:
            continue
        key = labels.get(normalise_header(row[0]))
        if key is None:
            continue
        value = row[1]
        if key in ("period_start", "period_end"):
            date = _exact_date(value)
            if date is None:
                parsed.problems.append(
                    Problem(
                        sheet=sheet.name,
                        row=number,
                        column="B",
                        value=shown_value(value),
                        message="Expected a date such as 01/09/2012.",
                    )
                )
                continue
            value = date
        else:
            value = text_of(value)
        parsed.plan_fields[key] = value


def _read_areas_sheet(sheet: SheetRows, parsed: ParsedFile) -> None:
    """Number, Title, Short title, Description: what an area is beyond its name."""
    for number, row in sheet.rows:
        if number == 1 or is_blank(row):
            continue
        padded = (*row, None, None, None, None)
        text = text_of(padded[0])
        if not text.isdigit() or not text_of(padded[1]):
            parsed.problems.append(
                Problem(
                    sheet=sheet.name,
                    row=number,
                    value=shown_value(padded[0]),
                    message="Expected the area's number (1, 2, 3 …) and its title.",
                )
            )
            continue
        parsed.areas[int(text)] = {
            "title": text_of(padded[1]),
            "short_title": text_of(padded[2]),
            "description": text_of(padded[3]),
        }


def _read_rounds_sheet(sheet: SheetRows, parsed: ParsedFile) -> None:
    header_seen = False
    for number, row in sheet.rows:
        if is_blank(row):
            continue
        if not header_seen:
            header_seen = normalise_header(row[0]) == "round"
            continue
        padded = (*row, None, None, None)
        title, as_at, deadline = text_of(padded[0]), _exact_date(padded[1]), padded[2]
        if as_at is None:
            parsed.problems.append(
                Problem(
                    sheet=sheet.name,
                    row=number,
                    column="B (As at)",
                    value=shown_value(padded[1]),
                    message="Expected the round's as-at date, e.g. 12/03/2013.",
                )
            )
            continue
        deadline_date = _exact_date(deadline) if deadline not in (None, "") else as_at
        if deadline_date is None:
            parsed.problems.append(
                Problem(
                    sheet=sheet.name,
                    row=number,
                    column="C (Deadline)",
                    value=shown_value(deadline),
                    message="Expected the deadline for owners' updates, e.g. 26/02/2013.",
                )
            )
            continue
        parsed.rounds[as_at] = {"title": title, "as_at": as_at, "deadline": deadline_date}


def _exact_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = text_of(value)
    if not re.fullmatch(r"\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{1,2}-\d{1,2}", text):
        return None
    try:
        return parse_due_date(text)
    except TimescaleError:
        return None


def _find_header(
    sheet: SheetRows, parsed: ParsedFile, mapping: Mapping | None
) -> tuple[int, dict[int, str]] | None:
    """The heading row: with a mapping, the first holding all its headings; without, the first
    with a reference column and two more known headings. Rows above it are title rows."""
    best: tuple[int, int, tuple[object, ...]] | None = None  # (headings found, row, cells)
    for number, row in sheet.rows:
        if mapping is not None and heading_row_for(row, mapping):
            columns, problems = columns_of(sheet.name, number, row, mapping)
            parsed.problems.extend(problems)
            _note_ignored(row, columns, parsed)
            return number, columns
        if mapping is None and looks_like_headings(row):
            return number, _checked_mapping(sheet.name, number, row, parsed)
        if mapping is not None:
            names = {normalise_header(v) for v in row}
            found = sum(normalise_header(h) in names for h in mapping.values())
            if found and (best is None or found > best[0]):
                best = (found, number, row)
        if not is_blank(row):
            parsed.title_lines.append(" ".join(text_of(v) for v in row if not is_blank((v,))))
        if number >= HEADER_SEARCH_ROWS:
            break
    if mapping is not None:
        # The row with most of the mapping's headings: say which of them it lacks.
        _, number, row = best or (0, None, ())
        _, problems = columns_of(sheet.name, number, row, mapping)
        raise SpreadsheetRefused(
            problems or [Problem(sheet=sheet.name, message="No heading row found.")]
        )
    return None


def _note_ignored(row, mapping: dict[int, str], parsed: ParsedFile) -> None:
    for index, value in enumerate(row):
        if index not in mapping and not is_blank((value,)):
            parsed.ignored_columns.append(f"{column_letter(index)} ({text_of(value)})")


def _checked_mapping(sheet, number, row, parsed) -> dict[int, str]:
    mapping, doubles = suggest(row)
    for index, earlier in doubles:
        parsed.problems.append(
            Problem(
                sheet=sheet,
                row=number,
                column=column_letter(index),
                value=shown_value(row[index]),
                message=(
                    f"This heading means the same as column {column_letter(earlier)} "
                    f"({row[earlier]!s}); keep one of them."
                ),
            )
        )
    _note_ignored(row, {**mapping, **dict(doubles)}, parsed)
    seen = set(mapping.values())
    missing = [c for c in ACTION_COLUMNS if c.required and c.key not in seen]
    for column in missing:
        also = ", ".join(sorted(s.title() for s in column.synonyms[:3]))
        parsed.problems.append(
            Problem(
                sheet=sheet,
                row=number,
                message=(
                    f"No column for {column.header.lower()}: expected a heading "
                    f"'{column.header}' (or {also})."
                ),
            )
        )
    return mapping


def _read_actions_sheet(sheet: SheetRows, parsed: ParsedFile, mapping: Mapping | None) -> None:
    parsed.sheet = sheet.name
    found = _find_header(sheet, parsed, mapping)
    if found is None:
        expected = ", ".join(c.header for c in ACTION_COLUMNS if c.required)
        raise SpreadsheetRefused(
            Problem(
                sheet=sheet.name,
                message=(
                    f"No heading row found in the first {HEADER_SEARCH_ROWS} rows; expected "
                    f"headings including {expected}."
                ),
            )
        )
    header_row, mapping = found
    keys = set(mapping.values())
    parsed.columns = {k for k in keys if "@" not in k}
    dates = sorted({dt.date.fromisoformat(k.split("@")[1]) for k in keys if "@" in k})
    parsed.round_dates = ([LATEST_ROUND] if {"status", "narrative"} & keys else []) + dates
    area: tuple[int | None, str] | None = None
    seen_refs: dict[str, int] = {}
    for number, row in sheet.rows:
        if is_blank(row):
            continue
        cells = {key: row[i] for i, key in mapping.items() if i < len(row)}
        reference, title = text_of(cells.get("reference")), text_of(cells.get("title"))
        area_text = text_of(cells.get("area"))
        filled = [text_of(v) for v in row if not is_blank((v,))]
        if len(filled) == 1 and not title and re.search(r"[^\W\d_]", filled[0]):
            # An area heading row, e.g. "2. Building a quality service", in whatever column.
            area = split_area(filled[0])
            continue
        if area_text:
            area = split_area(area_text)
        action = read_action(sheet.name, number, cells, mapping, area, parsed)
        if action is None:
            continue
        previous = seen_refs.get(action.values["reference"])
        if previous is not None:
            parsed.problems.append(
                cell_problem(
                    sheet.name,
                    number,
                    mapping,
                    "reference",
                    reference,
                    f"Reference {reference} is also used on row {previous}; each action needs "
                    "its own reference.",
                )
            )
        seen_refs.setdefault(action.values["reference"], number)
        parsed.actions.append(action)
    if not parsed.actions and not parsed.problems:
        parsed.problems.append(
            Problem(sheet=sheet.name, row=header_row, message="No actions below the heading row.")
        )
