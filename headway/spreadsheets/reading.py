"""Reading a plan spreadsheet into plain rows, tolerant of how real plans are laid out.

Title rows above the heading row, headings in any order under common synonyms, an outcome area
written once beside its actions (or merged across them), spacer rows, area heading rows: all read.
Every problem is collected, with its sheet, row and column, rather than stopping at the first.
Nothing here touches the database.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from headway.plans.assessment import Assessment
from headway.plans.timescales import Timescale, TimescaleError, parse_due_date, parse_timescale

from .assessments import parse_assessment
from .cells import column_letter, is_blank, normalise_header, text_of
from .columns import (
    ACTION_COLUMNS,
    ACTIONS_SHEET,
    AREAS_SHEET,
    AUXILIARY_SHEETS,
    COLUMNS_BY_KEY,
    HEADER_NAMES,
    PLAN_FIELDS,
    PLAN_SHEET,
    ROUNDS_SHEET,
    round_column,
)
from .problems import Problem, SpreadsheetRefused, shown_value
from .safety import SheetRows

HEADER_SEARCH_ROWS = 30
LATEST_ROUND = None  # the key of the plain "Status" column: the plan's latest round


@dataclass(frozen=True)
class MilestoneRow:
    title: str
    due_date: dt.date | None
    done_on: dt.date | None


@dataclass
class ActionRow:
    row: int
    area_number: int | None
    area_title: str
    values: dict[str, object] = field(default_factory=dict)
    milestones: list[MilestoneRow] | None = None
    # round as-at date (or LATEST_ROUND) → (assessment, narrative)
    progress: dict[dt.date | None, tuple[Assessment, str]] = field(default_factory=dict)


@dataclass
class ParsedFile:
    sheet: str = ""
    plan_fields: dict[str, object] = field(default_factory=dict)
    rounds: dict[dt.date, dict[str, object]] = field(default_factory=dict)
    areas: dict[int, dict[str, str]] = field(default_factory=dict)  # from an 'Areas' sheet
    actions: list[ActionRow] = field(default_factory=list)
    columns: set[str] = field(default_factory=set)
    round_dates: list[dt.date | None] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def parse_plan_file(sheets: list[SheetRows]) -> ParsedFile:
    """Read every sheet; raise SpreadsheetRefused with all problems found if any."""
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
    _read_actions_sheet(actions_sheet, parsed)
    if parsed.problems:
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


def _find_header(sheet: SheetRows, parsed: ParsedFile) -> tuple[int, dict[int, str]] | None:
    """The heading row: the first with a reference column and two more known headings."""
    for number, row in sheet.rows:
        mapping = {}
        for index, value in enumerate(row):
            name = normalise_header(value)
            if name in HEADER_NAMES:
                mapping[index] = HEADER_NAMES[name]
            elif (found := round_column(name)) is not None:
                mapping[index] = f"{found[0]}@{found[1].isoformat()}"
        keys = set(mapping.values())
        if "reference" in keys and len(keys) >= 3:
            return number, _checked_mapping(sheet.name, number, row, mapping, parsed)
        if number >= HEADER_SEARCH_ROWS:
            break
    return None


def _checked_mapping(sheet, number, row, mapping, parsed) -> dict[int, str]:
    seen: dict[str, int] = {}
    for index, key in mapping.items():
        if key in seen:
            parsed.problems.append(
                Problem(
                    sheet=sheet,
                    row=number,
                    column=column_letter(index),
                    value=shown_value(row[index]),
                    message=(
                        f"This heading means the same as column {column_letter(seen[key])} "
                        f"({row[seen[key]]!s}); keep one of them."
                    ),
                )
            )
        seen.setdefault(key, index)
    for index, value in enumerate(row):
        if index not in mapping and not is_blank((value,)):
            parsed.ignored_columns.append(f"{column_letter(index)} ({text_of(value)})")
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


def _read_actions_sheet(sheet: SheetRows, parsed: ParsedFile) -> None:
    parsed.sheet = sheet.name
    found = _find_header(sheet, parsed)
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
            area = _split_area(filled[0])
            continue
        if area_text:
            area = _split_area(area_text)
        action = _read_action(sheet.name, number, cells, mapping, area, parsed)
        if action is None:
            continue
        previous = seen_refs.get(action.values["reference"])
        if previous is not None:
            parsed.problems.append(
                _problem(
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


def _split_area(text: str) -> tuple[int | None, str]:
    match = re.match(r"^(?:outcome\s+area\s+)?(\d{1,3})[.):]?\s+(.+)$", text, re.IGNORECASE)
    if match:
        return int(match[1]), match[2].strip()
    return None, text.strip()


def _column_label(mapping: dict[int, str], key: str) -> str:
    for index, mapped in mapping.items():
        if mapped == key:
            header = COLUMNS_BY_KEY[key].header if key in COLUMNS_BY_KEY else key.split("@")[0]
            return f"{column_letter(index)} ({header})"
    return key


def _problem(sheet, number, mapping, key, value, message) -> Problem:
    return Problem(
        sheet=sheet,
        row=number,
        column=_column_label(mapping, key),
        value=shown_value(value),
        message=message,
    )


def _read_action(sheet, number, cells, mapping, area, parsed) -> ActionRow | None:
    problems: list[Problem] = []

    def refuse(key: str, value: object, message: str) -> None:
        problems.append(_problem(sheet, number, mapping, key, value, message))

    if area is None:
        refuse("area", "", "No outcome area for this action, nor any above it.")
        area = (None, "")
    action = ActionRow(row=number, area_number=area[0], area_title=area[1])
    text = {key: text_of(value) for key, value in cells.items()}
    if not text.get("reference"):
        refuse("reference", "", "Every action needs a reference, e.g. 2.4.")
    if not text.get("title"):
        refuse("title", "", "Every action needs a title: what will be done.")
    for key in ("reference", "title", "objective", "desired_outcome", "owner", "lead_officer"):
        if key in text:
            action.values[key] = text[key]
    for key in ("revision_reason", "external_dependencies"):
        if key in text:
            action.values[key] = text[key]
    _read_timescales(cells, action, refuse)
    if "milestones" in cells:
        action.milestones = _read_milestones(text["milestones"], refuse)
    _read_progress(cells, text, action, refuse)
    if problems:
        parsed.problems.extend(problems)
        return None
    return action


def _read_timescales(cells, action: ActionRow, refuse) -> None:
    try:
        timescale = parse_timescale(cells.get("timescale"))
        action.values["timescale"], action.values["due_date"] = timescale.label, timescale.due_date
    except TimescaleError as exc:
        refuse("timescale", cells.get("timescale"), str(exc))
    if "revised_timescale" not in cells:
        return
    revised = cells.get("revised_timescale")
    if revised in (None, ""):
        action.values["revised_timescale"], action.values["revised_due_date"] = "", None
        return
    try:
        parsed = parse_timescale(revised)
    except TimescaleError as exc:
        refuse("revised_timescale", revised, str(exc))
        return
    action.values["revised_timescale"], action.values["revised_due_date"] = (
        parsed.label,
        parsed.due_date,
    )
    if not text_of(cells.get("revision_reason")):
        refuse("revised_timescale", revised, "A revised timescale needs the reason for it.")


_MILESTONE_SPLIT = re.compile(r"\s+[\u2013\u2014-]\s+")


def _read_milestones(text: str, refuse) -> list[MilestoneRow]:
    milestones = []
    for line in re.split(r"[\n;]", text):
        line = re.sub(r"^[•·*▪]\s*|^-\s+", "", line.strip()).strip()
        if not line:
            continue
        parts = _MILESTONE_SPLIT.split(line)
        done_on = due = None
        done = re.fullmatch(r"done(?: on)?\s+(.+)", parts[-1], re.IGNORECASE)
        if done and len(parts) > 1:
            done_on = _milestone_date(done[1], line, refuse)
            parts = parts[:-1]
        if len(parts) > 1:
            try:
                due = parse_timescale(parts[-1]).due_date
                parts = parts[:-1]
            except TimescaleError:
                due = None  # the dash belongs to the title
        milestones.append(MilestoneRow(" \N{EN DASH} ".join(parts).strip(), due, done_on))
    return milestones


def _milestone_date(text: str, line: str, refuse) -> dt.date | None:
    try:
        parsed: Timescale = parse_timescale(text)
    except TimescaleError as exc:
        refuse("milestones", line, f"The milestone's done date cannot be read: {exc}")
        return None
    return parsed.due_date


def _read_progress(cells, text, action: ActionRow, refuse) -> None:
    pairs = {LATEST_ROUND: ("status", "narrative")}
    for key in cells:
        if key.startswith("status@"):
            day = dt.date.fromisoformat(key.split("@")[1])
            pairs[day] = (key, f"narrative@{day.isoformat()}")
    for round_key, (status_key, narrative_key) in pairs.items():
        status, narrative = text.get(status_key, ""), text.get(narrative_key, "")
        if not status:
            if narrative:
                refuse(status_key, narrative, "A progress narrative needs a status beside it.")
            continue
        try:
            assessment = parse_assessment(status)
        except ValidationError as exc:
            refuse(status_key, status, " ".join(exc.messages))
            continue
        action.progress[round_key] = (assessment, narrative)
