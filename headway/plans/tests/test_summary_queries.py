"""The summary is computed by the database with a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from headway.plans.selectors import plan_summary
from headway.testing.bulk import make_large_plan


def _summary_queries(plan) -> tuple[int, object]:
    latest = plan.rounds.order_by("-as_at").first()
    with CaptureQueriesContext(connection) as queries:
        summary = plan_summary(plan=plan, round=latest)
    return len(queries), summary


@pytest.mark.django_db
def test_summary_query_count_is_the_same_for_56_and_5000_actions():
    small = make_large_plan(slug="small", actions=56, rounds=2)
    large = make_large_plan(slug="large", actions=5000, rounds=2)

    small_count, small_summary = _summary_queries(small)
    large_count, large_summary = _summary_queries(large)

    assert small_summary.total.actions == 56
    assert large_summary.total.actions == 5000
    # every generated action has an approved update in every round
    assert small_summary.total.no_update == 0
    assert large_summary.total.no_update == 0
    assert small_count == large_count
    assert small_count <= 6
