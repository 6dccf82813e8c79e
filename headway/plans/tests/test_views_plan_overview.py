"""The plan page's overview agrees with ``plan_summary`` and lists at most a page of moves."""

import pytest

from headway.plans.page_selectors import plan_overview
from headway.plans.selectors import plan_summary
from headway.testing.bulk import make_large_plan


@pytest.mark.django_db
def test_overview_has_the_same_figures_and_moves_as_plan_summary():
    plan = make_large_plan(slug="agree", actions=120, rounds=3, seed=7)
    rounds = list(plan.rounds.order_by("-as_at"))
    expected = plan_summary(plan=plan, round=rounds[0])

    overview = plan_overview(plan=plan, round=rounds[0], previous=rounds[1], limit=1000)

    got = overview.summary
    assert got.total == expected.total
    assert [a.counts for a in got.areas] == [a.counts for a in expected.areas]
    assert got.movement.up == expected.movement.up
    assert got.movement.down == expected.movement.down
    assert got.movement.stayed == expected.movement.stayed
    assert got.movement.newly_reported == expected.movement.newly_reported
    assert (overview.moved_up, overview.moved_down) == (
        len(expected.movement.up),
        len(expected.movement.down),
    )
    assert overview.moved_up and overview.moved_down  # the seed moves actions both ways


@pytest.mark.django_db
def test_overview_lists_only_the_first_moves_but_counts_them_all():
    plan = make_large_plan(slug="cut", actions=200, rounds=2, seed=3)
    rounds = list(plan.rounds.order_by("-as_at"))
    full = plan_summary(plan=plan, round=rounds[0]).movement

    overview = plan_overview(plan=plan, round=rounds[0], previous=rounds[1], limit=5)

    assert overview.summary.movement.up == full.up[:5]
    assert overview.summary.movement.down == full.down[:5]
    assert overview.moved_up == len(full.up) > 5


@pytest.mark.django_db
def test_first_round_has_no_movement():
    plan = make_large_plan(slug="first", actions=10, rounds=1)
    only = plan.rounds.get()
    overview = plan_overview(plan=plan, round=only, previous=None)
    assert overview.summary.movement.previous_round is None
    assert overview.summary.total.actions == 10
