"""``indicator_update``: details over the version they were read at, its links, and a frequency
that cannot change under figures."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from headway.core.concurrency import StaleVersionError
from headway.indicators.choices import Frequency
from headway.indicators.services import indicator_update
from headway.testing.factories import (
    ActionFactory,
    IndicatorFactory,
    OutcomeAreaFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db


def test_links_change_with_the_details_in_one_version(plan, lead):
    indicator = IndicatorFactory(plan=plan)
    area = OutcomeAreaFactory(plan=plan)
    action = ActionFactory(plan=plan, area=area)
    saved = indicator_update(
        indicator=indicator,
        by=lead,
        expected_version=indicator.version,
        changes={"title": "Placement stability"},
        areas=[area],
        actions=[action],
    )
    assert saved.version == indicator.version + 1
    assert list(saved.areas.all()) == [area] and list(saved.actions.all()) == [action]
    # Links not given are left as they are.
    again = indicator_update(
        indicator=saved, by=lead, expected_version=saved.version, changes={"title": "PS"}
    )
    assert list(again.actions.all()) == [action]


def test_links_to_another_plans_actions_are_refused_and_nothing_changes(plan, lead):
    indicator = IndicatorFactory(plan=plan, title="Before")
    elsewhere = ActionFactory()
    with pytest.raises(ValidationError, match="only to its own plan"):
        indicator_update(
            indicator=indicator,
            by=lead,
            expected_version=indicator.version,
            changes={"title": "After"},
            actions=[elsewhere],
        )
    indicator.refresh_from_db()
    assert indicator.title == "Before" and not indicator.actions.exists()


def test_a_stale_version_changes_neither_details_nor_links(plan, lead):
    indicator = IndicatorFactory(plan=plan, title="Before")
    action = ActionFactory(plan=plan, area=OutcomeAreaFactory(plan=plan))
    with pytest.raises(StaleVersionError):
        indicator_update(
            indicator=indicator,
            by=lead,
            expected_version=indicator.version - 1,
            changes={"title": "After"},
            actions=[action],
        )
    indicator.refresh_from_db()
    assert indicator.title == "Before" and not indicator.actions.exists()


def test_the_frequency_changes_only_while_there_are_no_figures(plan, lead):
    indicator = IndicatorFactory(plan=plan, frequency=Frequency.MONTHLY)
    saved = indicator_update(
        indicator=indicator,
        by=lead,
        expected_version=indicator.version,
        changes={"frequency": Frequency.QUARTERLY},
    )
    assert saved.frequency == Frequency.QUARTERLY
    TargetFactory(indicator=saved, value=Decimal("10.0"))
    with pytest.raises(ValidationError, match="so its frequency cannot change"):
        indicator_update(
            indicator=saved,
            by=lead,
            expected_version=saved.version,
            changes={"frequency": Frequency.ANNUAL},
        )
    saved.refresh_from_db()
    assert saved.frequency == Frequency.QUARTERLY
    # Other details still change.
    indicator_update(
        indicator=saved, by=lead, expected_version=saved.version, changes={"title": "New"}
    )
