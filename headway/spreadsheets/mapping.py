"""Which column of a plan file holds which field: suggested from the headings, chosen on the
mapping page (or ``import_plan --map``), checked, and remembered per plan.

A mapping is ``{field: heading}``, e.g. ``{"owner": "Lead officer"}``: the field's key (see
``columns.ACTION_COLUMNS``, or ``status@2013-03-12`` for a round's column) and the heading of the
column that holds it, as the file writes it. Nothing here touches the database.
"""

import datetime as dt
from dataclasses import dataclass, field

from .as_at import as_at_in
from .cells import column_letter, is_blank, normalise_header, text_of
from .columns import (
    ACTION_COLUMNS,
    ACTIONS_SHEET,
    AUXILIARY_SHEETS,
    COLUMNS_BY_KEY,
    KEYS_BY_NAME,
    PLAN_FIELDS,
    PLAN_SHEET,
    round_column,
)
from .problems import Problem, SpreadsheetRefused, shown_value
from .safety import SheetRows

HEADER_SEARCH_ROWS = 30
SAMPLES = 3
SAMPLE_ROWS = 200  # rows read below the headings for the samples, at most
IGNORE = ""

Mapping = dict[str, str]  # field key → the heading of its column


def field_label(key: str) -> str:
    """A field's name as a person reads it: "Owner", "Status at 12/03/2013"."""
    if key in COLUMNS_BY_KEY:
        return COLUMNS_BY_KEY[key].header
    kind, _, day = key.partition("@")
    if day:
        return f"{kind.capitalize()} at {dt.date.fromisoformat(day):%d/%m/%Y}"
    return key


def field_choices() -> list[tuple[str, str]]:
    """What a column may be, for the mapping page and ``--map``: every field, then Ignore."""
    choices = [(c.key, f"{c.header}{' (needed)' if c.required else ''}") for c in ACTION_COLUMNS]
    return [*choices, (IGNORE, "Ignore this column")]


@dataclass
class Heading:
    index: int
    text: str
    samples: list[str] = field(default_factory=list)

    @property
    def letter(self) -> str:
        return column_letter(self.index)

    @property
    def round_key(self) -> str:
        """``status@…``/``narrative@…`` for a round's own column, else ""."""
        found = round_column(normalise_header(self.text))
        return f"{found[0]}@{found[1].isoformat()}" if found else ""


@dataclass
class Headings:
    """What the mapping page shows: the heading row of the actions sheet and a few values of
    each column, the title rows above it, and the plan's details if the file gives them."""

    sheet: str
    row: int
    columns: list[Heading]
    title_lines: list[str] = field(default_factory=list)
    plan_fields: dict[str, object] = field(default_factory=dict)

    @property
    def as_at(self) -> dt.date | None:
        """The "as at" date in the title rows, e.g. "Progress as at 30 September 2013"."""
        return as_at_in(self.title_lines)

    def has_values(self, heading: str) -> bool:
        """Whether the column so headed has values in the rows read for the samples."""
        return any(c.samples for c in self.by_heading(heading))

    def by_heading(self, text: str) -> list[Heading]:
        wanted = normalise_header(text)
        return [c for c in self.columns if normalise_header(c.text) == wanted]

    def as_json(self) -> dict[str, object]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "columns": [[c.index, c.text, c.samples] for c in self.columns],
            "title_lines": self.title_lines,
            "plan_fields": {
                k: (v.isoformat() if isinstance(v, dt.date) else v)
                for k, v in self.plan_fields.items()
            },
        }

    @classmethod
    def from_json(cls, data: dict) -> "Headings":
        fields = {
            k: (dt.date.fromisoformat(v) if k.startswith("period_") and v else v)
            for k, v in data.get("plan_fields", {}).items()
        }
        return cls(
            sheet=data["sheet"],
            row=data["row"],
            columns=[Heading(i, t, s) for i, t, s in data["columns"]],
            title_lines=data.get("title_lines", []),
            plan_fields=fields,
        )


def actions_sheet_of(sheets: list[SheetRows]) -> SheetRows:
    by_name = {sheet.name.lower(): sheet for sheet in sheets}
    found = by_name.get(ACTIONS_SHEET.lower()) or next(
        (s for s in sheets if s.name.lower() not in AUXILIARY_SHEETS), None
    )
    if found is None:
        raise SpreadsheetRefused("The workbook has no sheet of actions.")
    return found


def suggest(row: tuple[object, ...]) -> tuple[dict[int, str], list[tuple[int, int]]]:
    """Each column's field as its heading suggests (index → key), and the columns whose
    heading means a field another column already holds (index, that column's index).

    A heading that is a field's only name is taken first; one with several meanings ("Lead
    officer": the plan's wording of who leads, or the owner) goes to the first of them still
    free, a needed field before an optional one.
    """
    result: dict[int, str] = {}
    taken: dict[str, int] = {}
    doubles: list[tuple[int, int]] = []
    several: list[tuple[int, tuple[str, ...]]] = []
    for index, value in enumerate(row):
        name = normalise_header(value)
        if not name:
            continue
        found = round_column(name)
        keys = (f"{found[0]}@{found[1].isoformat()}",) if found else KEYS_BY_NAME.get(name, ())
        if len(keys) == 1:
            if keys[0] in taken:
                doubles.append((index, taken[keys[0]]))
                continue
            result[index], taken[keys[0]] = keys[0], index
        elif keys:
            several.append((index, keys))
    for index, keys in several:
        free = [k for k in keys if k not in taken]
        needed = [k for k in free if k in COLUMNS_BY_KEY and COLUMNS_BY_KEY[k].required]
        if needed or free:
            key = (needed or free)[0]
            result[index], taken[key] = key, index
        else:
            doubles.append((index, taken[keys[0]]))
    return result, doubles


def looks_like_headings(row: tuple[object, ...]) -> bool:
    """A heading row for reading without a mapping: a reference and two more known fields."""
    keys = set(suggest(row)[0].values())
    return "reference" in keys and len(keys) >= 3


def headings_read(sheets: list[SheetRows]) -> Headings:
    """The heading row of the actions sheet with a few values of each column, for the mapping
    page: the first row with a reference and two more known headings, else the first with three
    known headings, else the first with three filled cells (the person says what they are)."""
    plan_fields = _plan_sheet_fields(sheets)
    sheet = actions_sheet_of(sheets)
    rows: list[tuple[int, tuple[object, ...]]] = []
    for number, row in sheet.rows:
        rows.append((number, row))
        if number >= HEADER_SEARCH_ROWS:
            break
    found = (
        next((r for r in rows if looks_like_headings(r[1])), None)
        or next((r for r in rows if len(suggest(r[1])[0]) >= 3), None)
        or next((r for r in rows if sum(not is_blank((v,)) for v in r[1]) >= 3), None)
    )
    if found is None:
        raise SpreadsheetRefused(
            Problem(
                sheet=sheet.name,
                message=(
                    f"No heading row found in the first {HEADER_SEARCH_ROWS} rows: Headway "
                    "needs a row of column headings (Reference, Action, Owner, Timescale …) "
                    "above the actions."
                ),
            )
        )
    number, header = found
    columns = [
        Heading(index, text_of(value))
        for index, value in enumerate(header)
        if not is_blank((value,))
    ]
    title_lines = [
        " ".join(text_of(v) for v in row if not is_blank((v,)))
        for n, row in rows
        if n < number and not is_blank(row)
    ]
    below = iter([r for r in rows if r[0] > number])
    _fill_samples(columns, below, sheet.rows)
    return Headings(sheet.name, number, columns, title_lines, plan_fields)


def _fill_samples(columns: list[Heading], *sources) -> None:
    read = 0
    for source in sources:
        for _, row in source:
            read += 1
            if read > SAMPLE_ROWS:
                return
            for column in columns:
                if len(column.samples) < SAMPLES and column.index < len(row):
                    value = row[column.index]
                    if not is_blank((value,)):
                        column.samples.append(shown_value(text_of(value))[:60])
            if all(len(c.samples) >= SAMPLES for c in columns):
                return


def _plan_sheet_fields(sheets: list[SheetRows]) -> dict[str, object]:
    sheet = next((s for s in sheets if s.name.lower() == PLAN_SHEET.lower()), None)
    if sheet is None:
        return {}
    labels = {normalise_header(label): key for key, label in PLAN_FIELDS}
    fields: dict[str, object] = {}
    for _, row in sheet.rows:
        if len(row) >= 2 and (key := labels.get(normalise_header(row[0]))):
            value = row[1]
            if isinstance(value, dt.datetime):
                value = value.date()
            fields[key] = value if isinstance(value, dt.date) else text_of(value)
    return fields


def mapping_suggested(headings: Headings, saved: Mapping | None = None) -> dict[int, str]:
    """Each column's field to pre-fill the mapping page with: the plan's saved mapping where
    its headings are in the file, the headings' own meaning elsewhere. A column headed as
    Headway heads a field (an export's "Owner", "Lead officer") keeps that field: a mapping
    saved from a council's workbook, where "Lead officer" held the owners, does not turn an
    export's Lead officer column into the owner."""
    row = tuple(c.text for c in headings.columns)
    suggested, _ = suggest(row)
    result = {headings.columns[i].index: key for i, key in suggested.items()}
    own = {normalise_header(c.header): c.key for c in ACTION_COLUMNS}
    by_index = {c.index: c for c in headings.columns}
    for key, heading in (saved or {}).items():
        matches = headings.by_heading(heading)
        if len(matches) != 1 or key not in _known_keys(headings):
            continue
        # Headway's own headings (its export's) mean their own field, whatever was saved.
        own_key = own.get(normalise_header(heading))
        if own_key and own_key == result.get(matches[0].index) and own_key != key:
            continue
        if any(own.get(normalise_header(by_index[i].text)) == key == k for i, k in result.items()):
            continue
        for index, mapped in list(result.items()):
            if mapped == key:
                del result[index]
        result[matches[0].index] = key
    return result


def _known_keys(headings: Headings) -> set[str]:
    return set(COLUMNS_BY_KEY) | {c.round_key for c in headings.columns if c.round_key}


def mapping_from_columns(
    headings: Headings, chosen: dict[int, str]
) -> tuple[Mapping, list[Problem]]:
    """The mapping a person chose on the page (column index → field, "" to ignore), or the
    problems with it, each naming the field: two columns chosen for one field, a needed field
    without a column."""
    problems: list[Problem] = []
    by_key: dict[str, list[Heading]] = {}
    for column in headings.columns:
        key = chosen.get(column.index, IGNORE)
        if key:
            by_key.setdefault(key, []).append(column)
    mapping: Mapping = {}
    for key, columns in by_key.items():
        if len(columns) > 1:
            named = " and ".join(f"{c.letter} ({c.text})" for c in columns)
            problems.append(
                Problem(
                    sheet=headings.sheet,
                    row=headings.row,
                    column=columns[1].letter,
                    value=columns[1].text,
                    message=(
                        f"Columns {named} are both chosen as {field_label(key)}: choose one of "
                        "them, and Ignore the other or choose what it holds."
                    ),
                )
            )
            continue
        if len(headings.by_heading(columns[0].text)) > 1:
            problems.append(
                Problem(
                    sheet=headings.sheet,
                    row=headings.row,
                    column=columns[0].letter,
                    value=columns[0].text,
                    message=(
                        f"More than one column is headed {columns[0].text!r}, so Headway cannot "
                        f"tell which holds {field_label(key)}: rename one in the file."
                    ),
                )
            )
            continue
        mapping[key] = columns[0].text
    problems.extend(_missing(headings.sheet, headings.row, {**by_key, **mapping}))
    return mapping, problems


def _missing(sheet: str, row: int | None, mapping: dict[str, object]) -> list[Problem]:
    return [
        Problem(
            sheet=sheet,
            row=row,
            message=(
                f"No column is chosen for {column.header}, which every plan file needs: choose "
                f"the column that holds it (headings such as "
                f"{', '.join(repr(s.title()) for s in column.synonyms[:3])})."
            ),
        )
        for column in ACTION_COLUMNS
        if column.required and column.key not in mapping
    ]


def mapping_parse(pairs: list[str]) -> Mapping:
    """``--map "owner=Lead officer"`` options as a mapping; a field named twice is refused."""
    mapping: Mapping = {}
    problems = []
    names = {normalise_header(c.header): c.key for c in ACTION_COLUMNS}
    for pair in pairs:
        key, sep, heading = pair.partition("=")
        key = key.strip()
        key = names.get(normalise_header(key), key)
        if not sep or not heading.strip():
            problems.append(Problem(f"--map {pair!r}: write it as FIELD=Heading, e.g. owner=Lead"))
            continue
        if key not in COLUMNS_BY_KEY and round_column(normalise_header(key)) is None:
            fields = ", ".join(c.key for c in ACTION_COLUMNS)
            problems.append(Problem(f"--map {pair!r}: there is no field {key!r}; the fields: "
                                    f"{fields}."))  # fmt: skip
            continue
        if key in mapping:
            problems.append(
                Problem(
                    f"--map names {field_label(key)} twice ({mapping[key]!r} and "
                    f"{heading.strip()!r}): give one column for it."
                )
            )
            continue
        mapping[key] = heading.strip()
    if problems:
        raise SpreadsheetRefused(problems)
    return mapping


def columns_of(
    sheet: str, number: int, row: tuple[object, ...], mapping: Mapping
) -> tuple[dict[int, str], list[Problem]]:
    """The heading row's columns for ``mapping`` (index → field), or the problems: a mapped
    heading not in the row, or in it twice, or a needed field unmapped."""
    problems: list[Problem] = []
    result: dict[int, str] = {}
    names = [normalise_header(v) for v in row]
    for key, heading in mapping.items():
        at = [i for i, name in enumerate(names) if name and name == normalise_header(heading)]
        if not at:
            problems.append(
                Problem(
                    sheet=sheet,
                    row=number,
                    value=heading,
                    message=(
                        f"{field_label(key)} is to be read from a column headed {heading!r}, "
                        "but the file has no such column: choose another, or correct the "
                        "heading."
                    ),
                )
            )
        elif len(at) > 1:
            problems.append(
                Problem(
                    sheet=sheet,
                    row=number,
                    value=heading,
                    message=(
                        f"More than one column is headed {heading!r}, so Headway cannot tell "
                        f"which holds {field_label(key)}: rename one in the file."
                    ),
                )
            )
        else:
            result[at[0]] = key
    problems.extend(_missing(sheet, number, mapping))
    return result, problems


def heading_row_for(row: tuple[object, ...], mapping: Mapping) -> bool:
    """Whether ``row`` holds every heading of ``mapping``."""
    names = {normalise_header(v) for v in row}
    return all(normalise_header(h) in names for h in mapping.values())
