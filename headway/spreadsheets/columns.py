"""The columns of a plan spreadsheet: the headings Headway writes and the synonyms it reads.

One list serves the template, the importer and the exporter, so what Headway writes it can read.
"""

import datetime as dt
import re
from dataclasses import dataclass

from .cells import normalise_header


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    note: str
    synonyms: tuple[str, ...] = ()
    required: bool = False

    @property
    def names(self) -> set[str]:
        return {normalise_header(self.header), *(normalise_header(s) for s in self.synonyms)}


ACTION_COLUMNS = (
    Column(
        "area",
        "Outcome area",
        "The outcome area, e.g. '1. Strategic vision and leadership'. Written once beside its "
        "actions (or merged) is fine: it carries down to the rows below. Without this column, "
        "a row holding only the area's name above its actions sets it.",
        (
            "area",
            "outcome",
            "theme",
            "themes",
            "priority",
            "priorities",
            "priority area",
            "outcome areas",
            "improvement area",
            "workstream",
            "area for improvement",
        ),
    ),
    Column(
        "reference",
        "Reference",
        "The action's reference as the plan numbers it, e.g. 2.4. Unique in the plan: "
        "re-importing matches actions by it.",
        (
            "ref",
            "ref.",
            "ref no",
            "no",
            "no.",
            "number",
            "action no",
            "action number",
            "action ref",
            "action reference",
            "reference number",
            "ref no.",
        ),
        required=True,
    ),
    Column(
        "title",
        "Action",
        "What will be done.",
        (
            "title",
            "action title",
            "actions",
            "action description",
            "what we will do",
            "action required",
            "actions required",
        ),
        required=True,
    ),
    Column("objective", "Objective", "Why it is done.", ("objectives", "aim", "aims")),
    Column(
        "desired_outcome",
        "Desired outcome",
        "What will be different when it is done.",
        ("desired outcomes", "outcome sought", "expected outcome", "success measure"),
    ),
    Column(
        "owner",
        "Owner",
        "The action owner: their e-mail address, username or full name. A name Headway does not "
        "know is matched to a person, invited, or left unassigned when the file is uploaded.",
        (
            "lead",
            "lead officer",
            "action owner",
            "responsible officer",
            "responsible",
            "responsibility",
            "officer",
            "accountable",
            "accountable officer",
            "by whom",
            "lead person",
            "owner email",
            "owner username",
            "lead email",
        ),
        required=True,
    ),
    Column(
        "lead_officer",
        "Lead officer",
        "Optional: the plan's own wording for who leads, e.g. 'Head of Service, CP'.",
        ("lead officer wording", "lead officer title", "lead officer (as worded)"),
    ),
    Column(
        "timescale",
        "Timescale",
        "When it is due: 31/03/2013, March 2013, Mar-13, Q4 2012/13 (financial quarter) "
        "or Ongoing.",
        (
            "timescales",
            "deadline",
            "due",
            "due date",
            "due by",
            "by when",
            "target date",
            "completion date",
        ),
        required=True,
    ),
    Column(
        "revised_timescale",
        "Revised timescale",
        "Optional: a new timescale agreed since, in the same forms.",
        ("revised date", "revised deadline"),
    ),
    Column(
        "revision_reason",
        "Reason for revision",
        "Needed with a revised timescale: why it changed.",
        ("revision reason", "reason for change", "reason for revised timescale"),
    ),
    Column(
        "milestones",
        "Milestones",
        "One per line (or separated by semicolons), each 'title \N{EN DASH} date', e.g. 'Audit "
        "complete \N{EN DASH} 31/01/2013'; add '\N{EN DASH} done 15/01/2013' once met.",
        ("milestone", "key milestones", "milestones and dates", "interim milestones"),
    ),
    Column(
        "external_dependencies",
        "External dependencies",
        "Optional: organisations or suppliers it relies on, one per line.",
        ("dependencies", "dependency", "external dependency"),
    ),
    Column(
        "status",
        "Status",
        "Optional: the current assessment, e.g. Achieved, Significant progress, Limited "
        "progress / risk (or Green, Amber, Red), or a split such as '½ Achieved, ½ Significant "
        "progress'. Recorded in the plan's latest review round.",
        (
            "rag",
            "rag status",
            "rag rating",
            "progress rating",
            "assessment",
            "current status",
            "rating",
            "status (rag)",
        ),
    ),
    Column(
        "narrative",
        "Progress narrative",
        "Optional: what has been done, with the status.",
        (
            "narrative",
            "progress update",
            "update",
            "commentary",
            "comments",
            "progress commentary",
            "progress to date",
            "progress",
            "progress comments",
            "latest update",
            "update on progress",
        ),
    ),
)

COLUMNS_BY_KEY = {column.key: column for column in ACTION_COLUMNS}


def _keys_by_name() -> dict[str, tuple[str, ...]]:
    """Each heading → the fields it may mean: its own heading first, then fields it is a
    synonym of ("Lead officer" is that field's heading and a synonym of Owner)."""
    found: dict[str, list[str]] = {}
    for column in ACTION_COLUMNS:
        found.setdefault(normalise_header(column.header), []).append(column.key)
    for column in ACTION_COLUMNS:
        for synonym in column.synonyms:
            keys = found.setdefault(normalise_header(synonym), [])
            if column.key not in keys:
                keys.append(column.key)
    return {name: tuple(keys) for name, keys in found.items()}


KEYS_BY_NAME = _keys_by_name()
HEADER_NAMES = {name: keys[0] for name, keys in KEYS_BY_NAME.items()}

# Per-round columns, as the exporter writes them: "Status at 2013-03-12", "Narrative at …".
_ROUND_HEADER = re.compile(
    r"^(status|assessment|rag|narrative|progress narrative)\s+(?:as\s+)?at\s+"
    r"(\d{4})-(\d{2})-(\d{2})$"
)


def round_status_header(as_at: dt.date) -> str:
    return f"Status at {as_at:%Y-%m-%d}"


def round_narrative_header(as_at: dt.date) -> str:
    return f"Narrative at {as_at:%Y-%m-%d}"


def round_column(header: str) -> tuple[str, dt.date] | None:
    """("status" or "narrative", as-at date) for a per-round heading, else None."""
    match = _ROUND_HEADER.match(header)
    if not match:
        return None
    kind = "narrative" if "narrative" in match[1] else "status"
    try:
        return kind, dt.date(int(match[2]), int(match[3]), int(match[4]))
    except ValueError:
        return None


PLAN_FIELDS = (
    ("title", "Title"),
    ("slug", "Slug"),
    ("division", "Division"),
    ("description", "Description"),
    ("period_start", "Period start"),
    ("period_end", "Period end"),
)

ROUND_HEADERS = ("Round", "As at", "Deadline")

PLAN_SHEET = "Plan"
ACTIONS_SHEET = "Actions"
ROUNDS_SHEET = "Rounds"
SUMMARY_SHEET = "Summary"
AREAS_SHEET = "Areas"
AREA_HEADERS = ("Number", "Title", "Short title", "Description")
AUXILIARY_SHEETS = {
    PLAN_SHEET.lower(),
    ROUNDS_SHEET.lower(),
    SUMMARY_SHEET.lower(),
    AREAS_SHEET.lower(),
    "notes",
}
