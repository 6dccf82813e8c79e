"""Rolling a plan forward carries its indicators, linked back, with last year's figures."""

import datetime as dt
from decimal import Decimal

import pytest

from headway.indicators.models import Indicator
from headway.indicators.selectors import scorecard
from headway.plans.assessment import Assessment
from headway.plans.choices import Status, UpdateState
from headway.progress.rollover import plan_roll_forward
from headway.testing.factories import (
    ActionFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    OutcomeAreaFactory,
    ProgressUpdateFactory,
    ReviewRoundFactory,
    TargetFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_indicators_are_carried_with_links_and_the_baseline_years_figures(plan, owner, admin_user):
    area = OutcomeAreaFactory(plan=plan, number=2, title="Building a quality service")
    round = ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12))
    unfinished = ActionFactory(plan=plan, area=area, reference="2.1", owner=owner)
    done = ActionFactory(plan=plan, area=area, reference="2.2", owner=owner)
    ProgressUpdateFactory(
        action=done, round=round, **Assessment.single(Status.ACHIEVED).as_sixtieths()
    )
    delegate = UserFactory(job_title="Team Manager")
    indicator = IndicatorFactory(plan=plan, owner=owner, reference="PI 1", illustrative=True)
    indicator.delegates.add(delegate)
    indicator.areas.add(area)
    indicator.actions.add(unfinished, done)
    # 2012/13 runs September to August: the new plan's baseline year is Sept 2012 to Aug 2013.
    IndicatorValueFactory(indicator=indicator, period=dt.date(2012, 8, 1), value=Decimal("14"))
    IndicatorValueFactory(indicator=indicator, period=dt.date(2013, 3, 1), value=Decimal("12"))
    IndicatorValueFactory(
        indicator=indicator,
        period=dt.date(2013, 4, 1),
        value=Decimal("50"),
        state=UpdateState.SUBMITTED,
    )
    TargetFactory(indicator=indicator, period=dt.date(2013, 3, 1), value=Decimal("10"))

    result = plan_roll_forward(plan=plan, slug="plan-2013-14", by=admin_user)

    copy = Indicator.objects.get(plan=result.plan)
    assert copy.carried_from == indicator and copy.reference == "PI 1" and copy.illustrative
    assert (copy.owner, list(copy.delegates.all())) == (owner, [delegate])
    assert [a.number for a in copy.areas.all()] == [2]
    assert [a.carried_from for a in copy.actions.all()] == [unfinished]
    assert dict(copy.values.values_list("period", "value")) == {dt.date(2013, 3, 1): Decimal("12")}
    assert copy.values.get().state == UpdateState.APPROVED
    assert copy.targets.get().value == Decimal("10")
    assert copy.history.count() == 1
    # The old indicator keeps everything it had.
    assert indicator.values.count() == 3
    # March 2014 compares with March 2013, carried into the new plan.
    IndicatorValueFactory(indicator=copy, period=dt.date(2014, 3, 1), value=Decimal("11"))
    [row] = scorecard(result.plan, dt.date(2014, 3, 31))
    assert row.last_year == "improving"
    assert row.last_year_text == "Improving: 11.0% from 12.0% in March 2013."
