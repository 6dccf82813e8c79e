"""The context builder runs a fixed number of queries whatever the plan's size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from headway.reports.selectors import report_context
from headway.reports.services import report_create_draft
from headway.testing.bulk import make_large_plan


def _queries_for(plan, user) -> tuple[int, dict]:
    round = plan.rounds.order_by("-as_at").first()
    report = report_create_draft(plan=plan, round=round, by=user)
    report = type(report).objects.select_related("plan", "round").get(pk=report.pk)
    with CaptureQueriesContext(connection) as queries:
        context = report_context(report=report)
    return len(queries), context


@pytest.mark.django_db
def test_context_query_count_is_the_same_for_30_and_600_actions(admin_user):
    small_count, small = _queries_for(make_large_plan(slug="small", actions=30), admin_user)
    large_count, large = _queries_for(make_large_plan(slug="large", actions=600), admin_user)

    assert small["table"]["total"]["actions"] == 30
    assert large["table"]["total"]["actions"] == 600
    assert sum(len(area["actions"]) for area in large["appendix"]) == 600
    assert small_count == large_count
    assert small_count <= 12
