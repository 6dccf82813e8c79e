"""Every text cell of a plan file held to the length its model field takes, in one pass.

The database does not enforce a ``TextField``'s ``max_length`` (``core.text``), and an import
writes in bulk without ``full_clean``, so the file is checked here, before anything is written:
each over-long cell is a problem naming its sheet, row, column and the limit.
"""

from headway.core.text import too_long
from headway.plans.models import Action, OutcomeArea, Plan, ProgressUpdate

from .columns import AREAS_SHEET, COLUMNS_BY_KEY, PLAN_SHEET, round_narrative_header
from .problems import Problem, shown_value

# The text cells of an action row, each held to the action field of the same name.
ACTION_TEXT = (
    "reference",
    "title",
    "lead_officer",
    "timescale",
    "revised_timescale",
    "objective",
    "desired_outcome",
    "revision_reason",
    "external_dependencies",
)


def _limit(model: type, name: str) -> int | None:
    return model._meta.get_field(name).max_length


def text_limit_problems(parsed) -> list[Problem]:
    """A problem for each cell of ``parsed`` (a ``reading.ParsedFile``) longer than its field."""
    problems: list[Problem] = []

    def check(text: object, limit: int | None, sheet: str, row: int | None, column: str) -> None:
        message = too_long(str(text or ""), limit)
        if message:
            problems.append(Problem(message, sheet, row, column, shown_value(text)))

    check(parsed.plan_fields.get("description"), _limit(Plan, "description"), PLAN_SHEET, None, "B")
    for number, values in sorted(parsed.areas.items()):
        column = f"D (description of area {number})"
        check(
            values.get("description"), _limit(OutcomeArea, "description"), AREAS_SHEET, None, column
        )
    narrative_limit = _limit(ProgressUpdate, "narrative")
    for action in parsed.actions:
        for key in ACTION_TEXT:
            header = COLUMNS_BY_KEY[key].header
            check(action.values.get(key), _limit(Action, key), parsed.sheet, action.row, header)
        for round_key, (_, narrative) in action.progress.items():
            header = round_narrative_header(round_key) if round_key else "Progress narrative"
            check(narrative, narrative_limit, parsed.sheet, action.row, header)
    return problems
