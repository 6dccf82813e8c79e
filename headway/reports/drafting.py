"""The commentary drafted from the data: inspections, areas, progress with risks, movement.

Drafted once when a report is created (and again on request, block by block, after the officer
has seen what would change); the officer then edits the words. Officer paragraphs are never
drafted.

The figures themselves — table, chart, risk list, appendix — are never typed: the context
builder takes them from the data (or, once published, from the snapshot).
"""

from fractions import Fraction
from typing import Any

from headway.core.fractions import format_count
from headway.core.text import fit
from headway.inspections.wording import inspection_sentence
from headway.plans.choices import Status
from headway.plans.counts import ALWAYS_SHOWN, NO_UPDATE, status_columns

from .risks import risks_paragraph
from .text import bullet_lines, long_date, number_word, plural

# Ends a drafted section cut to fit the limit on a report's paragraphs (``core.text``).
SHORTENED = "(Shortened to fit: the tables and the risk list give every item.)"


def draft_commentary(*, data: Any) -> dict[str, str]:
    """The words of each drafted block (``body.DRAFTED``), from ``selectors.report_data``: one
    paragraph each (bullets are lines starting "- ")."""
    drafted = {
        "inspections": _inspections(data),
        "areas": _areas(data.summary),
        "progress": " ".join(
            part for part in (summary_sentence(data.summary), risks_paragraph(data.risks)) if part
        ),
        "movement": _movement(data.summary.movement),
    }
    return {name: fit(text, note=SHORTENED) for name, text in drafted.items()}


def summary_sentence(summary: Any) -> str:
    """One sentence for the table: how many actions at each status, and the strongest area."""
    total = summary.total
    if total.actions == 0:
        return "The plan has no actions yet."
    parts = [
        f"{format_count(total[Status.ACHIEVED])} {_have(total[Status.ACHIEVED])} been achieved",
        f"{format_count(total[Status.SIGNIFICANT_PROGRESS])} "
        f"{_are(total[Status.SIGNIFICANT_PROGRESS])} making significant progress",
        f"{format_count(total[Status.LIMITED_PROGRESS_RISK])} "
        f"{_have(total[Status.LIMITED_PROGRESS_RISK])} limited progress or {_are_at_risk(total)}",
    ]
    for column in status_columns(total)[len(ALWAYS_SHOWN) :]:
        if column.key == NO_UPDATE:
            parts.append(f"{format_count(total.no_update)} had no update for this report")
        else:
            parts.append(f"{format_count(total[column.key])} {column.label.lower()}")
    sentence = (
        f"Of the {total.actions} actions in the plan, {', '.join(parts[:-1])} and {parts[-1]}."
    )
    done = [a for a in summary.areas if a.counts.actions and a.counts.no_update == 0]
    complete = [a for a in done if a.counts[Status.ACHIEVED] == a.counts.actions]
    if complete:
        names = _join([a.area.table_title for a in complete])
        sentence += f" Every action has been achieved in {names}."
    return sentence


def _have(value: Fraction) -> str:
    return "has" if value == 1 else "have"


def _are(value: Fraction) -> str:
    return "is" if value == 1 else "are"


def _are_at_risk(total: Any) -> str:
    return "is at risk" if total[Status.LIMITED_PROGRESS_RISK] == 1 else "are at risk"


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _inspections(data: Any) -> str:
    inspections = data.inspections
    if not inspections:
        return "No external inspections of the service have taken place since the last plan."
    count = len(inspections)
    return (
        f"Since the last plan {number_word(count)} {plural(count, 'inspection')} of the service "
        f"{plural(count, 'has', 'have')} taken place:\n"
        + bullet_lines([inspection_sentence(inspection) for inspection in inspections])
    )


def _areas(summary: Any) -> str:
    count = len(summary.areas)
    actions = summary.total.actions
    return (
        f"The current improvement plan is divided into {number_word(count)} broad outcome "
        f"{plural(count, 'area')} with {actions} {plural(actions, 'action')} to drive forward "
        "improvement in:\n" + bullet_lines(_listed([a.area.title for a in summary.areas]))
    )


def _listed(items: list[str]) -> list[str]:
    """Bullets that read as one list, as committee papers write them: the last but one ends
    "and" ("Listening to children, young people and their families and")."""
    if len(items) < 2:
        return items
    return [*items[:-2], f"{items[-2]} and", items[-1]]


def _movement(movement: Any) -> str:
    if movement.previous_round is None:
        return "This is the first report on the plan's progress, so there is no movement to show."
    up, down, new = len(movement.up), len(movement.down), movement.newly_reported
    text = (
        f"Since the previous report ({long_date(movement.previous_round.as_at)}), {up} "
        f"{plural(up, 'action')} moved up and {down} moved down; {movement.stayed} stayed at the "
        f"same assessment and {new} {plural(new, 'was', 'were')} "
        "reported for the first time."
    )
    moves = [
        f"{move.reference} {move.title}: {move.before} to {move.after}"
        for move in [*movement.down, *movement.up][:12]
    ]
    if moves:
        more = up + down - len(moves)
        text += "\n" + bullet_lines(moves) + (f"\n- and {more} more" if more > 0 else "")
    return text
