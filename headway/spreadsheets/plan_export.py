"""Export a plan as .xlsx, .csv or JSON, in a shape the importer reads back to the same plan.

The rows come from the API's serialisers (one serialiser per entity for both). Every text cell
that a spreadsheet would run as a formula is neutralised, and control characters are dropped,
in .xlsx and CSV alike (`cells.for_export`). A fixed number of queries whatever the
plan's size.
"""

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from headway.api.serializers import (
    ActionSerializer,
    OutcomeAreaSerializer,
    PlanSerializer,
    ProgressUpdateSerializer,
    ReviewRoundSerializer,
)
from headway.core.fractions import to_json_number
from headway.plans.choices import Status, UpdateState
from headway.plans.models import Action, Milestone, Plan, ProgressUpdate, ReviewRound
from headway.plans.selectors import PlanSummary, plan_summary

from .assessments import SHARE_COLUMNS, text_of_shares
from .cells import for_export
from .columns import (
    ACTION_COLUMNS,
    ACTIONS_SHEET,
    AREA_HEADERS,
    AREAS_SHEET,
    PLAN_FIELDS,
    PLAN_SHEET,
    ROUND_HEADERS,
    ROUNDS_SHEET,
    SUMMARY_SHEET,
    round_narrative_header,
    round_status_header,
)

FORMATS = ("xlsx", "csv", "json")
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}
_BASE_KEYS = [c.key for c in ACTION_COLUMNS if c.key not in ("status", "narrative")]


@dataclass
class PlanExport:
    plan: Plan
    areas: list[dict[str, Any]]
    actions: list[dict[str, Any]]
    rounds: list[ReviewRound]
    updates: dict[tuple[int, int], tuple[str, str]]  # (action, round) → (assessment, narrative)
    summary: PlanSummary | None


def plan_export_data(*, plan: Plan) -> PlanExport:
    actions = (
        Action.objects.filter(plan=plan)
        .select_related("plan", "area", "owner")
        .prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.order_by("position", "due_date"))
        )
        .order_by("area__number", "position", "reference")
    )
    rounds = list(ReviewRound.objects.filter(plan=plan).order_by("as_at"))
    # Plain values, not model instances: a large plan has tens of thousands of updates, and
    # only a handful of distinct assessments among them (each printed once, see assessments).
    updates = {
        (action_id, round_id): (text_of_shares(tuple(shares)), narrative)
        for action_id, round_id, narrative, *shares in ProgressUpdate.objects.filter(
            action__plan=plan, state=UpdateState.APPROVED
        ).values_list("action_id", "round_id", "narrative", *SHARE_COLUMNS)
    }
    return PlanExport(
        plan=plan,
        areas=OutcomeAreaSerializer(plan.areas.select_related("plan"), many=True).data,
        actions=ActionSerializer(actions, many=True).data,
        rounds=rounds,
        updates=updates,
        summary=plan_summary(plan=plan, round=rounds[-1]) if rounds else None,
    )


def plan_export(*, plan: Plan, format: str) -> bytes:
    if format not in FORMATS:
        raise ValueError(f"Unknown export format {format!r}; expected one of {', '.join(FORMATS)}.")
    data = plan_export_data(plan=plan)
    return {"xlsx": _xlsx, "csv": _csv, "json": _json}[format](data)


def action_table(data: PlanExport) -> tuple[list[str], list[list[object]]]:
    """The actions sheet: one row per action, with a status and narrative column per round."""
    headers = {c.key: c.header for c in ACTION_COLUMNS}
    header = [headers[key] for key in _BASE_KEYS]
    for review_round in data.rounds:
        header += [
            round_status_header(review_round.as_at),
            round_narrative_header(review_round.as_at),
        ]
    areas = {area["id"]: area for area in data.areas}
    rows = []
    for action in data.actions:
        area = areas[action["area"]]
        values = {
            **{key: action.get(key, "") for key in _BASE_KEYS},
            "area": f"{area['number']}. {area['title']}",
            "owner": action["owner"] or "",
            "milestones": "\n".join(_milestone_text(m) for m in action["milestones"]),
        }
        row = [values[key] for key in _BASE_KEYS]
        for review_round in data.rounds:
            row += data.updates.get((action["id"], review_round.pk), ("", ""))
        rows.append(row)
    return header, rows


def _milestone_text(milestone: dict[str, Any]) -> str:
    text = milestone["title"]
    if milestone["due_date"]:
        text += f" \N{EN DASH} {_uk(milestone['due_date'])}"
    if milestone["done_on"]:
        text += f" \N{EN DASH} done {_uk(milestone['done_on'])}"
    return text


def _uk(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def summary_table(summary: PlanSummary) -> tuple[list[str], list[list[object]]]:
    header = ["Outcome area", "Actions", *(s.label for s in Status), "No update"]

    def counts(counts) -> list[object]:
        return [
            counts.actions,
            *(to_json_number(counts[s]) for s in Status),
            to_json_number(counts.no_update),
        ]

    rows = [[area.area.table_title, *counts(area.counts)] for area in summary.areas]
    rows.append(["TOTAL", *counts(summary.total)])
    return header, rows


def _append(sheet, row: list[object]) -> None:
    sheet.append([for_export(value) for value in row])


def _xlsx(data: PlanExport) -> bytes:
    workbook = Workbook(write_only=True)
    plan_sheet = workbook.create_sheet(PLAN_SHEET)
    plan_values = PlanSerializer(data.plan).data
    for key, label in PLAN_FIELDS:
        value = getattr(data.plan, key) if key.startswith("period") else plan_values[key]
        _append(plan_sheet, [label, value])
    actions_sheet = workbook.create_sheet(ACTIONS_SHEET)
    header, rows = action_table(data)
    _declare_size(actions_sheet, len(header), len(rows) + 1)
    _append(actions_sheet, header)
    for row in rows:
        _append(actions_sheet, row)
    areas_sheet = workbook.create_sheet(AREAS_SHEET)
    _append(areas_sheet, list(AREA_HEADERS))
    for area in sorted(data.areas, key=lambda a: a["number"]):
        _append(
            areas_sheet, [area["number"], area["title"], area["short_title"], area["description"]]
        )
    rounds_sheet = workbook.create_sheet(ROUNDS_SHEET)
    _append(rounds_sheet, list(ROUND_HEADERS))
    for review_round in data.rounds:
        _append(rounds_sheet, [review_round.title, review_round.as_at, review_round.deadline])
    if data.summary is not None:
        summary_sheet = workbook.create_sheet(SUMMARY_SHEET)
        _append(summary_sheet, [f"{data.summary.round.title} (as at {data.summary.round.as_at})"])
        header, rows = summary_table(data.summary)
        _append(summary_sheet, header)
        for row in rows:
            _append(summary_sheet, row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _declare_size(sheet, columns: int, rows: int) -> None:
    """Write the sheet's <dimension>, which write-only sheets leave out.

    Without it a reader in read-only mode (openpyxl's, so Headway's own importer) parses the
    whole sheet once just to learn its size before reading it.
    """
    ref = f"A1:{get_column_letter(max(columns, 1))}{max(rows, 1)}"
    sheet.calculate_dimension = lambda: ref


def _csv(data: PlanExport) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    header, rows = action_table(data)
    writer.writerow(header)
    writer.writerows([for_export(value) for value in row] for row in rows)
    # The byte-order mark makes Excel read the file as UTF-8 (½, -, accents).
    return buffer.getvalue().encode("utf-8-sig")


def _json(data: PlanExport) -> bytes:
    document = {
        "plan": PlanSerializer(data.plan).data,
        "areas": data.areas,
        "actions": data.actions,
        "rounds": ReviewRoundSerializer(data.rounds, many=True).data,
        "updates": ProgressUpdateSerializer(
            ProgressUpdate.objects.filter(action__plan=data.plan, state=UpdateState.APPROVED)
            .select_related("author")
            .order_by("round__as_at", "action_id"),
            many=True,
        ).data,
        "summary": data.summary.as_json() if data.summary else None,
    }
    return json.dumps(document, cls=DjangoJSONEncoder, indent=1, ensure_ascii=False).encode()
