"""The migration that brings in one open round per plan closes the extra ones first: each plan
keeps its newest open round open, and nothing else changes."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("plans", "0006_plan_version")]
AFTER = [("plans", "0007_one_open_round_per_plan")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_all_but_the_newest_open_round_of_each_plan_are_closed():
    apps = _migrate(BEFORE)
    try:
        Plan = apps.get_model("plans", "Plan")
        ReviewRound = apps.get_model("plans", "ReviewRound")

        def plan(slug):
            return Plan.objects.create(
                title=slug,
                slug=slug,
                period_start=dt.date(2012, 9, 1),
                period_end=dt.date(2013, 8, 31),
            )

        def round(plan, month, closed=None):
            as_at = dt.date(2012 if month > 8 else 2013, month, 1)
            return ReviewRound.objects.create(
                plan=plan,
                title=f"{plan.slug} {month}",
                as_at=as_at,
                deadline=as_at,
                closed_at=closed,
            ).pk

        earlier_close = dt.datetime(2012, 10, 2, tzinfo=dt.UTC)
        three_open, one_open, none_open = plan("three-open"), plan("one-open"), plan("none-open")
        old_a, old_b, newest = round(three_open, 10), round(three_open, 12), round(three_open, 3)
        already_closed = round(three_open, 9, closed=earlier_close)
        only = round(one_open, 11)
        shut = round(none_open, 11, closed=earlier_close)

        apps = _migrate(AFTER)
        ReviewRound = apps.get_model("plans", "ReviewRound")
        closed = dict(ReviewRound.objects.values_list("pk", "closed_at"))
        assert closed[newest] is None and closed[only] is None
        assert closed[old_a] is not None and closed[old_b] is not None
        assert closed[already_closed] == earlier_close and closed[shut] == earlier_close

        # From now on the database refuses a second open round.
        with pytest.raises(IntegrityError), transaction.atomic():
            ReviewRound.objects.create(
                plan_id=Plan.objects.get(slug="one-open").pk,
                title="Second",
                as_at=dt.date(2013, 6, 1),
                deadline=dt.date(2013, 6, 1),
            )
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
