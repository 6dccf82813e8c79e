"""The scorecard and the full series: ratings, direction of travel, comparators, trend."""

import datetime as dt
from decimal import Decimal

import pytest
from defusedxml import ElementTree

from headway.indicators.charts import trend_svg
from headway.indicators.choices import Polarity
from headway.indicators.models import Comparator
from headway.indicators.selectors import indicator_series, scorecard
from headway.plans.choices import UpdateState
from headway.testing.factories import IndicatorFactory, IndicatorValueFactory, TargetFactory

D = Decimal
MARCH = dt.date(2013, 3, 12)


def _month(i: int) -> dt.date:
    """April 2012 is month 0."""
    return dt.date(2012 + (3 + i) // 12, (3 + i) % 12 + 1, 1)


@pytest.fixture
def re_referrals(plan):
    indicator = IndicatorFactory(plan=plan, reference="PI 1", polarity=Polarity.LOWER_IS_BETTER)
    for i, value in enumerate(["12.0", "11.5", "11.0", "10.8", "10.4", "10.4", "9.8"]):
        IndicatorValueFactory(indicator=indicator, period=_month(i + 5), value=D(value))
        TargetFactory(indicator=indicator, period=_month(i + 5), value=D("10.0"))
    IndicatorValueFactory(indicator=indicator, period=_month(0), value=D("13.0"))
    Comparator.objects.create(
        indicator=indicator,
        period=_month(11),
        kind="england",
        name="England average",
        value=D("9.9"),
    )
    return indicator


def test_the_scorecard_rates_the_latest_approved_value(plan, re_referrals):
    # A value still waiting for approval does not count.
    IndicatorValueFactory(
        indicator=re_referrals,
        period=dt.date(2013, 3, 1),
        value=D("50"),
        state=UpdateState.SUBMITTED,
    )
    [row] = scorecard(plan, MARCH)
    assert row.period == dt.date(2013, 3, 1)
    assert row.value_text == "9.8%" and row.target_text == "10.0%"
    assert row.rating == "on_target"
    assert row.rule == "Lower is better: 9.8% is at or below the target of 10.0%."
    assert row.previous == "improving"
    assert row.previous_text == "Improving: 9.8% from 10.4% in February 2013."
    assert row.last_year == ""  # March 2012 has no value
    assert row.last_year_text == "No approved value for March 2012 to compare with."
    assert [(c.name, c.text) for c in row.comparators] == [("England average", "9.9%")]
    assert len(row.trend) == 12
    assert row.trend[-1].value == D("9.8") and row.trend[0].period == dt.date(2012, 4, 1)
    assert row.trend[0].value == D("13.0") and row.trend[1].value is None


def test_as_at_an_earlier_date_the_scorecard_shows_that_periods_value(plan, re_referrals):
    [row] = scorecard(plan, dt.date(2012, 11, 30))
    assert row.period == dt.date(2012, 11, 1)
    assert row.value == D("11.0") and row.rating == "within_tolerance"
    assert row.previous == "improving"


def test_an_indicator_without_values_or_target_says_so(plan):
    IndicatorFactory(plan=plan, reference="PI 9")
    [row] = scorecard(plan, MARCH)
    assert (row.value_text, row.rating_label, row.target_text) == (
        "No value yet",
        "No value yet",
        "No target",
    )
    indicator = IndicatorFactory(plan=plan, reference="PI 10", polarity=Polarity.HIGHER_IS_BETTER)
    IndicatorValueFactory(indicator=indicator, period=dt.date(2013, 1, 1), value=D("70"))
    row = scorecard(plan, MARCH)[1]
    assert row.rating == "no_target" and row.rating_label == "No target"


def test_the_series_covers_every_period_with_ratings_and_comparators(re_referrals):
    series = indicator_series(re_referrals)
    assert series.rows[0].period == dt.date(2011, 9, 1)  # the baseline year
    assert series.rows[-1].period == dt.date(2013, 3, 1)
    march = series.rows[-1]
    assert march.rated.rating.code == "on_target"
    assert march.comparators == {"England average": D("9.9000")}
    assert series.comparator_names == ["England average"]


def test_trend_svg_is_well_formed_and_breaks_at_gaps():
    svg = trend_svg(
        labels=["Jan", "Feb", "Mar", "Apr"],
        values=[D("1"), D("2"), None, D("3")],
        targets=[D("2")] * 4,
        comparators={"England <average>": [D("1.5")] * 4},
        unit="percentage",
        title="PI 1 & trend",
        large=True,
    )
    tree = ElementTree.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert tree.find(f"{ns}title").text == "PI 1 & trend"
    # Value line broken at March: one polyline of two points and a lone dot; target; comparator.
    lines = tree.findall(f"{ns}polyline")
    assert len(lines) == 3
    assert len(tree.findall(f"{ns}circle")) == 3
    assert "England <average>" in [t.text for t in tree.findall(f"{ns}text")]
    assert "style=" not in svg
