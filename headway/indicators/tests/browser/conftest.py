"""An indicator with January and February approved, March collected by the open round."""

import datetime as dt
from decimal import Decimal

import pytest

from headway.indicators.services import round_collection_set
from headway.testing.factories import (
    ActionFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    ReviewRoundFactory,
    TargetFactory,
)


@pytest.fixture
def scorecard_story(plan, owner, lead, reader):
    action = ActionFactory(area__plan=plan, reference="2.1", title="Complete assessments on time")
    indicator = IndicatorFactory(
        plan=plan,
        owner=owner,
        reference="PI 1",
        title="Re-referrals within 12 months",
        illustrative=True,
    )
    indicator.actions.add(action)
    for period, value in ((dt.date(2013, 1, 1), "11.0"), (dt.date(2013, 2, 1), "12.5")):
        IndicatorValueFactory(indicator=indicator, period=period, value=Decimal(value))
    for month in (1, 2, 3):
        TargetFactory(indicator=indicator, period=dt.date(2013, month, 1), value=Decimal("10.0"))
    round = ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 31), title="March update")
    round_collection_set(
        round=round, period_start=dt.date(2013, 3, 1), period_end=dt.date(2013, 3, 31), by=lead
    )
    return indicator
