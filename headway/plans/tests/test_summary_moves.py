"""Pages list only the first moves each way; the counts of moves are always complete.

That a limited summary makes the same queries for 56 actions and 5,000 is checked in
test_query_counts_at_5000_actions.py, with the module's shared plans.
"""

import pytest

from headway.plans.selectors import plan_summary
from headway.testing.bulk import make_large_plan

pytestmark = pytest.mark.django_db


def test_a_limit_lists_the_first_moves_but_counts_them_all():
    plan = make_large_plan(slug="cut", actions=200, rounds=2, seed=3)
    latest = plan.rounds.order_by("-as_at").first()
    full = plan_summary(plan=plan, round=latest).movement

    cut = plan_summary(plan=plan, round=latest, moves_limit=5).movement

    assert len(full.up) == full.up_total > 5
    assert len(full.down) == full.down_total > 5
    assert cut.up == full.up[:5] and cut.down == full.down[:5]
    assert (cut.up_total, cut.down_total) == (full.up_total, full.down_total)
    assert cut.stayed == full.stayed
    assert full.up_total + full.down_total + full.stayed + full.newly_reported == 200


def test_the_first_round_of_a_plan_has_no_movement():
    plan = make_large_plan(slug="first", actions=10, rounds=1)
    summary = plan_summary(plan=plan, round=plan.rounds.get())
    assert summary.movement.previous_round is None
    assert summary.movement.up_total == 0
    assert summary.total.actions == 10
