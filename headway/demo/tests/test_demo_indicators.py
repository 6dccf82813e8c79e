"""The demo plan's eight illustrative indicators: values, targets, comparators, actions."""

import datetime as dt
from decimal import Decimal

import pytest

from headway.demo.indicators import INDICATORS
from headway.demo.loader import load_demo
from headway.indicators.models import Comparator, Indicator, IndicatorValue, Target
from headway.indicators.selectors import scorecard
from headway.plans.choices import UpdateState


@pytest.fixture
def demo(db):
    return load_demo(password="demo-password-for-tests-42")


def test_eight_illustrative_indicators_with_a_years_approved_values(demo):
    indicators = list(Indicator.objects.filter(plan=demo.plan))
    assert [i.reference for i in indicators] == [f"PI {n}" for n in range(1, 9)]
    assert all(i.illustrative for i in indicators)
    values = IndicatorValue.objects.filter(indicator__plan=demo.plan)
    assert values.count() == values.filter(state=UpdateState.APPROVED).count() == 96
    assert sorted({v.period for v in values}) == [
        dt.date(2012 + (3 + i) // 12, (3 + i) % 12 + 1, 1) for i in range(12)
    ]
    assert Target.objects.filter(indicator__plan=demo.plan).count() == 96
    assert Comparator.objects.filter(indicator__plan=demo.plan).count() == 192
    assert all(i.history.count() == 1 for i in indicators)


def test_each_indicator_is_linked_to_the_actions_it_belongs_with(demo):
    for spec in INDICATORS:
        indicator = Indicator.objects.get(plan=demo.plan, reference=spec.reference)
        assert sorted(a.reference for a in indicator.actions.all()) == sorted(spec.actions)
        assert indicator.areas.exists()


def test_the_march_scorecard_rates_march_2013(demo):
    rows = {row.reference: row for row in scorecard(demo.plan, dt.date(2013, 3, 12))}
    re_referrals = rows["PI 1"]
    assert re_referrals.value == Decimal("19.5") and re_referrals.rating == "on_target"
    assert re_referrals.previous == "improving"
    assert rows["PI 3"].rating == "within_tolerance"
    assert rows["PI 8"].rating == "off_target" and rows["PI 8"].value_text == "671 days"
    assert {c.name for c in re_referrals.comparators} == {
        "England average",
        "Statistical neighbours' average",
    }
