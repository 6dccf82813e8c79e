"""Update sheets go out per owner and come back as drafts under the form's rules."""

import datetime as dt
import io

import openpyxl
import pytest

from headway.plans.choices import Status, UpdateState
from headway.plans.models import Milestone, ProgressUpdate
from headway.plans.services import progress_update_submit
from headway.spreadsheets.problems import SpreadsheetRefused
from headway.spreadsheets.update_sheet_import import update_sheet_import
from headway.spreadsheets.update_sheets import update_sheet_build, update_sheets_zip
from headway.testing.factories import (
    ActionFactory,
    MilestoneFactory,
    OutcomeAreaFactory,
    ProgressUpdateFactory,
    ReviewRoundFactory,
)


@pytest.fixture
def setup(plan, owner):
    area = OutcomeAreaFactory(plan=plan, number=1)
    earlier = ReviewRoundFactory(plan=plan, as_at=dt.date(2012, 11, 1))
    current = ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12))
    mine = ActionFactory(area=area, reference="1.1", owner=owner)
    theirs = ActionFactory(area=area, reference="1.2")
    milestone = MilestoneFactory(action=mine, title="Audit complete")
    ProgressUpdateFactory(
        action=mine, round=earlier, status=Status.SIGNIFICANT_PROGRESS, narrative="Half way."
    )
    return {"round": current, "mine": mine, "theirs": theirs, "milestone": milestone}


def _fill(data: bytes, rows: dict[str, dict[int, object]], milestones=None) -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook["Updates"]
    by_reference = {row[0].value: row[0].row for row in sheet.iter_rows(min_row=2)}
    for reference, cells in rows.items():
        row = by_reference.get(reference)
        if row is None:
            row = sheet.max_row + 1
            sheet.cell(row, 1, reference)
        for column, value in cells.items():
            sheet.cell(row, column, value)
    for (row, column), value in (milestones or {}).items():
        workbook["Milestones"].cell(row, column, value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_owners_sheet_lists_their_actions_last_position_and_validation(setup, owner):
    workbook = openpyxl.load_workbook(
        io.BytesIO(update_sheet_build(review_round=setup["round"], owner=owner))
    )
    sheet = workbook["Updates"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in rows] == ["1.1"]
    assert rows[0][5] == "Significant progress"
    assert rows[0][6] == "Half way."
    assert rows[0][7] is None  # this round's assessment is left blank
    assert sheet["H1"].comment is not None
    validations = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    assert validations["H2"].type == "list"
    assert "Achieved" in validations["H2"].formula1
    assert workbook["Milestones"]["B2"].value == "Audit complete"
    about = dict(workbook["About"].iter_rows(values_only=True))
    assert about["Round id"] == setup["round"].pk


def test_filled_sheet_comes_back_as_drafts_and_milestone_dates(setup, owner):
    sheet = update_sheet_build(review_round=setup["round"], owner=owner)
    filled = _fill(
        sheet,
        {"1.1": {8: "Achieved", 9: "Done and embedded."}},
        milestones={(2, 4): dt.datetime(2013, 2, 1)},
    )

    report = update_sheet_import(
        data=filled, filename="u.xlsx", review_round=setup["round"], by=owner
    )

    update = ProgressUpdate.objects.get(action=setup["mine"], round=setup["round"])
    assert update.state == UpdateState.DRAFT
    assert update.author == owner
    assert update.assessment.statuses == [Status.ACHIEVED]
    assert Milestone.objects.get(pk=setup["milestone"].pk).done_on == dt.date(2013, 2, 1)
    assert len(report.created) == 1

    again = update_sheet_import(
        data=_fill(sheet, {"1.1": {8: "Achieved", 9: "Done and embedded."}}),
        filename="u.xlsx",
        review_round=setup["round"],
        by=owner,
    )
    assert again.changes == []
    assert ProgressUpdate.objects.get(pk=update.pk).version == update.version


def test_rows_for_actions_the_sender_does_not_own_are_refused(setup, owner):
    sheet = update_sheet_build(review_round=setup["round"], owner=owner)
    filled = _fill(
        sheet,
        {"1.1": {8: "Achieved", 9: "Done."}, "1.2": {8: "Achieved", 9: "Not mine."}},
    )
    with pytest.raises(SpreadsheetRefused, match="You do not own this action"):
        update_sheet_import(data=filled, filename="u.xlsx", review_round=setup["round"], by=owner)
    assert not ProgressUpdate.objects.filter(round=setup["round"]).exists()


def test_limited_progress_needs_its_risk_as_on_the_form(setup, owner):
    sheet = update_sheet_build(review_round=setup["round"], owner=owner)
    filled = _fill(sheet, {"1.1": {8: "Limited progress / risk", 9: "Stuck."}})
    with pytest.raises(SpreadsheetRefused, match="needs the risk's cause"):
        update_sheet_import(data=filled, filename="u.xlsx", review_round=setup["round"], by=owner)
    assert not ProgressUpdate.objects.filter(round=setup["round"]).exists()

    filled = _fill(
        sheet,
        {"1.1": {8: "Red", 9: "Stuck.", 10: "Partner", 11: "Delay", 12: "Escalated"}},
    )
    update_sheet_import(data=filled, filename="u.xlsx", review_round=setup["round"], by=owner)
    assert setup["mine"].risks.get().cause == "Partner"
    again = update_sheet_import(
        data=filled, filename="u.xlsx", review_round=setup["round"], by=owner
    )
    assert again.changes == []


def test_limited_progress_with_a_reason_for_no_risk_as_on_the_form(setup, owner):
    sheet = update_sheet_build(review_round=setup["round"], owner=owner)
    assert openpyxl.load_workbook(io.BytesIO(sheet))["Updates"]["O1"].value == (
        "No risk raised because"
    )
    both = _fill(sheet, {"1.1": {8: "Red", 9: "Stuck.", 10: "Partner", 15: "No risk."}})
    with pytest.raises(SpreadsheetRefused, match="not both"):
        update_sheet_import(data=both, filename="u.xlsx", review_round=setup["round"], by=owner)
    long = _fill(sheet, {"1.1": {8: "Red", 9: "Stuck.", 15: "x" * 301}})
    with pytest.raises(SpreadsheetRefused, match="300 characters or fewer"):
        update_sheet_import(data=long, filename="u.xlsx", review_round=setup["round"], by=owner)
    assert not ProgressUpdate.objects.filter(round=setup["round"]).exists()

    reason = _fill(sheet, {"1.1": {8: "Red", 9: "Stuck.", 15: "A month's slippage only."}})
    update_sheet_import(data=reason, filename="u.xlsx", review_round=setup["round"], by=owner)
    update = ProgressUpdate.objects.get(round=setup["round"])
    assert update.no_risk_reason == "A month's slippage only."
    assert not setup["mine"].risks.exists()
    again = update_sheet_import(
        data=reason, filename="u.xlsx", review_round=setup["round"], by=owner
    )
    assert again.changes == []


def test_a_sheet_made_before_the_reason_column_is_still_read(setup, owner):
    workbook = openpyxl.load_workbook(
        io.BytesIO(update_sheet_build(review_round=setup["round"], owner=owner))
    )
    workbook["Updates"].delete_cols(15)
    buffer = io.BytesIO()
    workbook.save(buffer)
    filled = _fill(buffer.getvalue(), {"1.1": {8: "Achieved", 9: "Done."}})

    update_sheet_import(data=filled, filename="u.xlsx", review_round=setup["round"], by=owner)

    assert ProgressUpdate.objects.get(round=setup["round"]).no_risk_reason == ""


def test_an_update_already_submitted_is_not_overwritten(setup, owner):
    sheet = update_sheet_build(review_round=setup["round"], owner=owner)
    update_sheet_import(
        data=_fill(sheet, {"1.1": {8: "Amber", 9: "Going."}}),
        filename="u.xlsx",
        review_round=setup["round"],
        by=owner,
    )
    progress_update_submit(update=ProgressUpdate.objects.get(round=setup["round"]), by=owner)
    with pytest.raises(SpreadsheetRefused, match="already with the plan lead"):
        update_sheet_import(
            data=_fill(sheet, {"1.1": {8: "Green", 9: "Done."}}),
            filename="u.xlsx",
            review_round=setup["round"],
            by=owner,
        )
    assert ProgressUpdate.objects.get(round=setup["round"]).narrative == "Going."


def test_a_sheet_for_another_round_is_refused(setup, owner, plan):
    other = ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 6, 1))
    sheet = update_sheet_build(review_round=setup["round"], owner=owner)
    with pytest.raises(SpreadsheetRefused):
        update_sheet_import(
            data=_fill(sheet, {"1.1": {8: "Amber", 9: "Going."}}),
            filename="u.xlsx",
            review_round=other,
            by=owner,
        )
    assert not ProgressUpdate.objects.filter(state=UpdateState.DRAFT).exists()


def test_zip_has_one_sheet_per_owner(setup, owner):
    import zipfile

    archive = zipfile.ZipFile(io.BytesIO(update_sheets_zip(review_round=setup["round"])))
    names = archive.namelist()
    assert len(names) == 2
    assert any(name.endswith("-owner.xlsx") for name in names)


def _preview_queries(round, owner) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    sheet = update_sheet_build(review_round=round, owner=owner)
    rows = {
        row[0].value: {8: "Significant progress", 9: "Under way."}
        for row in openpyxl.load_workbook(io.BytesIO(sheet))["Updates"].iter_rows(min_row=2)
    }
    filled = _fill(sheet, rows)
    with CaptureQueriesContext(connection) as queries:
        update_sheet_import(
            data=filled, filename="u.xlsx", review_round=round, by=owner, dry_run=True
        )
    return len(queries)


def test_previewing_a_sheet_costs_the_same_queries_for_3_or_30_delegated_actions(setup, owner):
    """A delegate's rows are checked against prefetched delegates, not one query each."""
    area = setup["mine"].area
    for number in range(3):
        ActionFactory(area=area, reference=f"2.{number + 1}").delegates.add(owner)
    few = _preview_queries(setup["round"], owner)
    for number in range(3, 30):
        ActionFactory(area=area, reference=f"2.{number + 1}").delegates.add(owner)
    assert _preview_queries(setup["round"], owner) == few
