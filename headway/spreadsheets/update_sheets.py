"""Update sheets: a round's actions sent out as .xlsx for owners to fill in and send back.

Each sheet lists the actions (one owner's, or all), last round's approved position, and blank
cells for this round's assessment, narrative, risk and milestone dates, with data validation.
``update_sheet_import`` reads a filled sheet back as draft updates.
"""

import datetime as dt
import io
import zipfile
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from headway.plans.choices import UpdateState
from headway.plans.models import Action, Milestone, ProgressUpdate, ReviewRound
from headway.plans.selectors import round_previous

from .cells import for_export, status_validation

UPDATES_SHEET = "Updates"
MILESTONES_SHEET = "Milestones"
ABOUT_SHEET = "About"

# (heading, note for the cell comment, filled in by the owner?)
UPDATE_COLUMNS = (
    ("Reference", "The action's reference: do not change it.", False),
    ("Outcome area", "", False),
    ("Action", "", False),
    ("Owner", "", False),
    ("Timescale", "", False),
    ("Last round's assessment", "As approved last round.", False),
    ("Last round's narrative", "As approved last round.", False),
    (
        "Assessment this round",
        "Choose a status, or write a split such as '½ Achieved, ½ Significant progress'. "
        "Leave blank to make no update on this action.",
        True,
    ),
    ("Narrative this round", "What progress has been made (required with an assessment).", True),
    ("Risk cause", "Required with Limited progress / risk: why is progress limited?", True),
    ("Risk impact", "Required with Limited progress / risk: what is the impact?", True),
    ("Risk mitigation", "Required with Limited progress / risk: what is being done?", True),
    ("Risk escalated to", "If the risk was escalated: to whom.", True),
    ("Risk escalated on", "If the risk was escalated: the date (31/03/2013), if known.", True),
    (
        "No risk raised because",
        "With Limited progress / risk and no risk to describe: why not (at most 300 characters). "
        "Leave the risk's columns empty then.",
        True,
    ),
)
MILESTONE_COLUMNS = ("Reference", "Milestone", "Due date", "Done on")

_FILL = PatternFill("solid", fgColor="FFF7BF")


def round_actions(*, review_round: ReviewRound, owner: Any | None = None) -> QuerySet[Action]:
    actions = Action.objects.filter(plan_id=review_round.plan_id)
    if owner is not None:
        actions = actions.filter(pk__in=_owned_ids(owner))
    return (
        actions.select_related("area", "owner")
        .prefetch_related(
            Prefetch(
                "milestones", queryset=Milestone.objects.order_by("position", "due_date", "pk")
            )
        )
        .order_by("area__number", "position", "reference")
    )


def _owned_ids(owner: Any) -> QuerySet:
    from headway.plans.permissions import actions_user_can_update

    return actions_user_can_update(owner).values("pk")


def update_sheet_build(*, review_round: ReviewRound, owner: Any | None = None) -> bytes:
    """The .xlsx for one owner's actions in a round (all the plan's actions if no owner)."""
    actions = list(round_actions(review_round=review_round, owner=owner))
    previous = round_previous(round=review_round)
    last = (
        {
            u.action_id: u
            for u in ProgressUpdate.objects.filter(
                round=previous, state=UpdateState.APPROVED, action__in=actions
            )
        }
        if previous
        else {}
    )
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = UPDATES_SHEET
    _header(sheet, [(h, n) for h, n, _ in UPDATE_COLUMNS], [f for _, _, f in UPDATE_COLUMNS])
    for action in actions:
        before = last.get(action.pk)
        sheet.append(
            [
                for_export(value)
                for value in (
                    action.reference,
                    action.area.table_title,
                    action.title,
                    action.owner.get_username() if action.owner else "",
                    action.current_timescale,
                    str(before.assessment) if before else "",
                    before.narrative if before else "",
                )
            ]
        )
    rows = max(len(actions), 1) + 1
    sheet.add_data_validation(status_validation(f"H2:H{rows}"))
    sheet.add_data_validation(_date_validation(f"N2:N{rows}"))
    for column, width in zip(
        "ABCDEFGHIJKLMNO", (10, 24, 40, 16, 14, 22, 40, 24, 50, 30, 30, 30, 24, 16, 40), strict=True
    ):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "B2"
    _milestone_sheet(workbook, actions)
    _about_sheet(workbook, review_round, owner)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _header(sheet, columns: list[tuple[str, str]], filled: list[bool]) -> None:
    sheet.append([heading for heading, _ in columns])
    for cell, (_, note), to_fill in zip(sheet[1], columns, filled, strict=True):
        cell.font = Font(bold=True)
        if note:
            cell.comment = Comment(note, "Headway")
        if to_fill:
            cell.fill = _FILL


def _date_validation(cells: str) -> DataValidation:
    validation = DataValidation(
        type="date",
        operator="greaterThan",
        formula1="36526",  # 1 January 2000
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Not a date",
        error="Enter a date, e.g. 31/03/2013.",
    )
    validation.add(cells)
    return validation


def _milestone_sheet(workbook: Workbook, actions: list[Action]) -> None:
    sheet = workbook.create_sheet(MILESTONES_SHEET)
    notes = ["", "", "", "The date it was met; leave blank if not yet met."]
    _header(sheet, list(zip(MILESTONE_COLUMNS, notes, strict=True)), [False, False, False, True])
    count = 0
    for action in actions:
        for milestone in action.milestones.all():
            sheet.append(
                [
                    action.reference,
                    for_export(milestone.title),
                    milestone.due_date,
                    milestone.done_on,
                ]
            )
            count += 1
    for row in sheet.iter_rows(min_row=2, min_col=3, max_col=4):
        for cell in row:
            cell.number_format = "DD/MM/YYYY"
    sheet.add_data_validation(_date_validation(f"D2:D{max(count, 1) + 1}"))
    sheet.column_dimensions["B"].width = 50


def _about_sheet(workbook: Workbook, review_round: ReviewRound, owner: Any | None) -> None:
    sheet = workbook.create_sheet(ABOUT_SHEET)
    for label, value in (
        ("Plan", review_round.plan.slug),
        ("Round id", review_round.pk),
        ("Round", review_round.title),
        ("As at", review_round.as_at),
        ("Updates due by", review_round.deadline),
        ("Owner", owner.get_username() if owner else "All owners"),
        ("Made", timezone.localtime().strftime("%d/%m/%Y %H:%M")),
    ):
        sheet.append([label, for_export(value) if isinstance(value, str) else value])


def update_sheets_zip(*, review_round: ReviewRound) -> bytes:
    """One update sheet per owner in the round's plan, in a zip for the performance team."""
    owners = {
        action.owner
        for action in Action.objects.filter(plan_id=review_round.plan_id, owner__isnull=False)
        .select_related("owner")
        .only("owner")
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for owner in sorted(owners, key=lambda u: u.get_username()):
            name = f"{update_sheet_filename(review_round, owner)}"
            archive.writestr(name, update_sheet_build(review_round=review_round, owner=owner))
    return buffer.getvalue()


def update_sheet_filename(review_round: ReviewRound, owner: Any | None) -> str:
    who = slugify(owner.get_username()) if owner else "all-owners"
    return f"{review_round.plan.slug}-updates-{review_round.as_at:%Y-%m-%d}-{who}.xlsx"


def as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None
