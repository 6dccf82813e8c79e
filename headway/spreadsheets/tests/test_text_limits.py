"""Both imports refuse a text cell longer than its field holds (``core.text.LONG_TEXT_MAX``),
naming the sheet, row, column and limit, and write nothing; a cell at the limit is taken."""

import datetime as dt

import pytest

from headway.core.text import LONG_TEXT_MAX
from headway.plans.choices import Status
from headway.plans.models import Action, ProgressUpdate
from headway.risks.models import Risk
from headway.spreadsheets.plan_import import plan_import
from headway.spreadsheets.problems import SpreadsheetRefused
from headway.spreadsheets.update_sheet_import import update_sheet_import
from headway.spreadsheets.update_sheets import update_sheet_build
from headway.testing.factories import ActionFactory, OutcomeAreaFactory, ReviewRoundFactory

from .files import HEADER, action_row, csv_bytes, xlsx
from .test_update_sheets import _fill

TOO_LONG = "x" * (LONG_TEXT_MAX + 1)
AT_LIMIT = "x" * LONG_TEXT_MAX


@pytest.mark.parametrize("name, make", [("plan.xlsx", xlsx), ("plan.csv", csv_bytes)])
def test_plan_import_refuses_an_over_long_narrative(plan, admin_user, owner, name, make):
    ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12))
    data = make([HEADER, action_row(Status="Green", Progress_narrative=TOO_LONG)])

    with pytest.raises(SpreadsheetRefused) as refused:
        plan_import(data=data, filename=name, plan=plan, by=admin_user)

    [problem] = refused.value.problems
    assert problem.row == 2
    assert problem.column == "Progress narrative"
    assert problem.message == "At most 20,000 characters (this has 20,001)."
    assert problem.sheet
    assert not Action.objects.filter(plan=plan).exists()
    assert not ProgressUpdate.objects.exists()


def test_plan_import_refuses_an_over_long_objective(plan, admin_user, owner):
    data = xlsx([HEADER, action_row(Objective=TOO_LONG)])

    with pytest.raises(SpreadsheetRefused) as refused:
        plan_import(data=data, filename="plan.xlsx", plan=plan, by=admin_user)

    [problem] = refused.value.problems
    assert (problem.sheet, problem.row, problem.column) == ("Actions", 2, "Objective")
    assert "At most 20,000 characters" in problem.message
    assert not Action.objects.filter(plan=plan).exists()


def test_plan_import_takes_a_narrative_at_the_limit(plan, admin_user, owner):
    ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12))
    data = xlsx([HEADER, action_row(Status="Green", Progress_narrative=AT_LIMIT)])

    plan_import(data=data, filename="plan.xlsx", plan=plan, by=admin_user)

    assert ProgressUpdate.objects.get(action__plan=plan).narrative == AT_LIMIT


@pytest.fixture
def setup(plan, owner):
    area = OutcomeAreaFactory(plan=plan, number=1)
    current = ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12))
    mine = ActionFactory(area=area, reference="1.1", owner=owner)
    return {"round": current, "mine": mine}


def _import_sheet(setup, owner, cells):
    sheet = update_sheet_build(review_round=setup["round"], owner=owner)
    return update_sheet_import(
        data=_fill(sheet, {"1.1": cells}), filename="u.xlsx", review_round=setup["round"], by=owner
    )


def test_update_sheet_refuses_an_over_long_narrative(setup, owner):
    with pytest.raises(SpreadsheetRefused) as refused:
        _import_sheet(setup, owner, {8: "Achieved", 9: TOO_LONG})

    [problem] = refused.value.problems
    assert (problem.sheet, problem.row) == ("Updates", 2)
    assert problem.column == "I (Narrative this round)"
    assert problem.message == "At most 20,000 characters (this has 20,001)."
    assert not ProgressUpdate.objects.filter(round=setup["round"]).exists()


def test_update_sheet_refuses_an_over_long_risk_cause(setup, owner):
    cells = {8: Status.LIMITED_PROGRESS_RISK.label, 9: "Stuck.", 10: TOO_LONG, 11: "x", 12: "y"}
    with pytest.raises(SpreadsheetRefused, match="At most 20,000 characters"):
        _import_sheet(setup, owner, cells)

    assert not ProgressUpdate.objects.filter(round=setup["round"]).exists()
    assert not Risk.objects.exists()


def test_update_sheet_takes_a_narrative_at_the_limit(setup, owner):
    _import_sheet(setup, owner, {8: "Achieved", 9: AT_LIMIT})

    assert ProgressUpdate.objects.get(round=setup["round"]).narrative == AT_LIMIT
