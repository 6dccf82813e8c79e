"""One statuses' drop-down, the same in the plan template and in every update sheet."""

import datetime as dt
import io

import openpyxl

from headway.plans.choices import Status
from headway.spreadsheets.cells import status_validation
from headway.spreadsheets.template import TEMPLATE_ROWS, plan_template
from headway.spreadsheets.update_sheets import update_sheet_build
from headway.testing.factories import ActionFactory, ReviewRoundFactory


def _list_validations(data: bytes, sheet_name: str) -> dict[str, object]:
    sheet = openpyxl.load_workbook(io.BytesIO(data))[sheet_name]
    return {str(v.sqref): v for v in sheet.data_validations.dataValidation if v.type == "list"}


def test_the_validation_offers_every_status_and_warns_rather_than_refuses():
    validation = status_validation("H2:H9")

    assert str(validation.sqref) == "H2:H9"
    assert validation.formula1 == '"' + ",".join(s.label for s in Status) + '"'
    assert validation.errorStyle == "warning"
    assert validation.allow_blank


def test_template_and_update_sheet_carry_the_same_validation(plan, owner):
    ActionFactory(area__plan=plan, owner=owner)
    review_round = ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12))
    expected = status_validation("A1")

    [(template_cells, in_template)] = _list_validations(plan_template(), "Actions").items()
    [(sheet_cells, in_sheet)] = _list_validations(
        update_sheet_build(review_round=review_round, owner=owner), "Updates"
    ).items()

    assert template_cells.endswith(str(TEMPLATE_ROWS + 1))
    assert sheet_cells == "H2"
    for validation in (in_template, in_sheet):
        assert (validation.formula1, validation.errorStyle, validation.error) == (
            expected.formula1,
            expected.errorStyle,
            expected.error,
        )
