"""Indicators in the wide layout: exported, imported with column mapping, and refused whole
with every problem named."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from headway.indicators.models import Indicator, IndicatorValue, Target
from headway.plans.choices import UpdateState
from headway.spreadsheets.indicator_sheets import (
    indicators_export,
    indicators_import,
    period_of_heading,
)
from headway.spreadsheets.problems import SpreadsheetRefused
from headway.testing.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    PlanFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Indicators"
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Apr 2012", ("monthly", dt.date(2012, 4, 1))),
        ("April 2012", ("monthly", dt.date(2012, 4, 1))),
        ("Sept-12", ("monthly", dt.date(2012, 9, 1))),
        ("2013-01", ("monthly", dt.date(2013, 1, 1))),
        (dt.datetime(2013, 2, 1), ("monthly", dt.date(2013, 2, 1))),
        ("Q4 2012/13", ("quarterly", dt.date(2013, 1, 1))),
        ("2012/13", ("annual", dt.date(2012, 4, 1))),
        ("Owner", None),
    ],
)
def test_period_headings_are_read_as_councils_write_them(heading, expected):
    assert period_of_heading(heading) == expected


def test_an_export_imports_back_into_another_plan_exactly(plan, admin_user, owner):
    indicator = IndicatorFactory(plan=plan, reference="PI 1", owner=owner)
    IndicatorValueFactory(indicator=indicator, period=dt.date(2012, 9, 1), value=Decimal("12.5"))
    IndicatorValueFactory(indicator=indicator, period=dt.date(2012, 10, 1), value=Decimal("0.1"))
    TargetFactory(indicator=indicator, period=dt.date(2012, 9, 1), value=Decimal("10.0"))
    data = indicators_export(plan=plan)
    sheet = load_workbook(io.BytesIO(data)).active
    header = [c.value for c in sheet[1]]
    assert header[:8] == [
        "Reference",
        "Indicator",
        "Unit",
        "Polarity",
        "Frequency",
        "Decimal places",
        "Owner",
        "Row",
    ]
    assert header[8:] == ["Sep 2012", "Oct 2012"]
    assert [c.value for c in sheet[2]][7:] == ["Value", 12.5, 0.1]

    other = PlanFactory(slug="other-plan")
    result = indicators_import(plan=other, data=data, filename="pis.xlsx", by=admin_user)
    assert result.written and result.new_indicators == ["PI 1"] and result.values == 2
    copy = Indicator.objects.get(plan=other)
    assert (copy.unit, copy.polarity, copy.owner) == (indicator.unit, indicator.polarity, owner)
    assert dict(copy.values.values_list("period", "value")) == {
        dt.date(2012, 9, 1): Decimal("12.5"),
        dt.date(2012, 10, 1): Decimal("0.1"),
    }
    assert copy.values.filter(state=UpdateState.APPROVED, decided_by=admin_user).count() == 2
    assert Target.objects.get(indicator=copy).tolerance == Decimal("2.0")
    # Importing the same file again changes nothing.
    again = indicators_import(plan=other, data=data, filename="pis.xlsx", by=admin_user)
    assert (again.values, again.unchanged) == (0, 2)
    assert IndicatorValue.objects.filter(indicator=copy).count() == 2


def test_columns_are_mapped_by_the_headings_named(plan, admin_user):
    IndicatorFactory(plan=plan, reference="PI 7")
    data = _xlsx(
        [
            ["Children's services scorecard"],
            ["PI code", "Measure", "Figure", "Apr-12", "May-12"],
            ["PI 7", "Timeliness", "Actual", 55.5, "56.0%"],
            ["PI 7", "Timeliness", "Target", 60, 60],
        ]
    )
    with pytest.raises(SpreadsheetRefused, match="No heading row found"):
        indicators_import(plan=plan, data=data, filename="pis.xlsx", by=admin_user)
    result = indicators_import(
        plan=plan,
        data=data,
        filename="pis.xlsx",
        by=admin_user,
        mapping={"reference": "PI code", "row": "Figure", "title": "Measure"},
    )
    assert result.values == 2 and result.periods == ["Apr-12", "May-12"]
    assert sorted(IndicatorValue.objects.values_list("value", flat=True)) == [
        Decimal("55.5"),
        Decimal("56.0"),
    ]


def test_a_file_with_problems_is_refused_whole_naming_every_one(plan, admin_user):
    IndicatorFactory(plan=plan, reference="PI 1")
    approved = IndicatorFactory(plan=plan, reference="PI 2")
    IndicatorValueFactory(indicator=approved, period=dt.date(2012, 9, 1), value=Decimal("5.0"))
    data = _xlsx(
        [
            ["Reference", "Row", "Sep 2012", "Oct 2012", "Sep 2013", "Q1 2012/13"],
            ["PI 1", "Value", "lots", 101, 5, None],
            ["PI 1", "Target", 10, None, None, None],
            ["PI 1", "Tolerance", -1, None, None, None],
            ["PI 2", "Value", 6, None, None, 7],
            ["PI 2", "Forecast", 6, None, None, None],
            ["PI 9", "Value", 6, None, None, None],
        ]
    )
    with pytest.raises(SpreadsheetRefused) as refused:
        indicators_import(plan=plan, data=data, filename="pis.xlsx", by=admin_user)
    messages = [str(p) for p in refused.value.problems]
    expected = [
        "row 2, column C (Sep 2012) (value 'lots'): Enter the value as a number",
        "row 2, column D (Oct 2012) (value '101'): A percentage must be between 0 and 100",
        "row 2, column E (Sep 2013) (value '5'): September 2013 is outside the plan",
        "row 5, column C (Sep 2012) (value '6'): PI 2 already has a value for Sep 2012 (5.0%",
        "row 5, column F (Q1 2012/13) (value '7'): PI 2 is collected monthly",
        "row 6, column B (Row) (value 'Forecast'): Say what the row holds",
        "row 7, column",
        "PI 1, Sep 2012: A tolerance is how far",
    ]
    for text in expected:
        assert any(text in message for message in messages), (text, messages)
    assert not IndicatorValue.objects.exclude(indicator=approved).exists()
    assert not Target.objects.exists()
    assert Indicator.objects.filter(plan=plan).count() == 2


def test_illustrative_figures_are_labelled_and_still_import(plan, admin_user):
    indicator = IndicatorFactory(plan=plan, reference="PI 1", illustrative=True)
    IndicatorValueFactory(indicator=indicator, period=dt.date(2012, 9, 1), value=Decimal("12.5"))
    data = indicators_export(plan=plan)
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["A1"].value.startswith("Illustrative figures:")
    assert sheet["A2"].value == "Reference"
    result = indicators_import(
        plan=PlanFactory(slug="copy"), data=data, filename="pis.xlsx", by=admin_user
    )
    assert result.values == 1
