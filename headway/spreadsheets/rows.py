"""One action row of a plan spreadsheet read into plain values: its area, timescales, milestones
and progress per round, each problem named with its sheet, row and column. The rows a file
holds (``ActionRow``) and the whole file read (``ParsedFile``) are defined here too."""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from headway.plans.assessment import Assessment
from headway.plans.timescales import Timescale, TimescaleError, parse_timescale

from .assessments import parse_assessment
from .cells import column_letter, text_of
from .columns import COLUMNS_BY_KEY
from .problems import Problem, shown_value

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
    title_lines: list[str] = field(default_factory=list)  # the rows above the headings
    problems: list[Problem] = field(default_factory=list)


def split_area(text: str) -> tuple[int | None, str]:
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


def cell_problem(sheet, number, mapping, key, value, message) -> Problem:
    return Problem(
        sheet=sheet,
        row=number,
        column=_column_label(mapping, key),
        value=shown_value(value),
        message=message,
    )


def read_action(sheet, number, cells, mapping, area, parsed) -> ActionRow | None:
    problems: list[Problem] = []

    def refuse(key: str, value: object, message: str) -> None:
        problems.append(cell_problem(sheet, number, mapping, key, value, message))

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
