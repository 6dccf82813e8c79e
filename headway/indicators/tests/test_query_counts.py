"""The scorecard, the plan page with it, and the indicator page make the same number of
queries for 8 indicators and for 300, each with 36 months of values, targets and comparators."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from headway.indicators.selectors import scorecard
from headway.plans.choices import PlanRole
from headway.plans.models import Plan, PlanMembership
from headway.testing.bulk import add_indicators, make_large_plan
from headway.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _plans(module_db, django_db_blocker) -> tuple[int, int]:
    with django_db_blocker.unblock():
        small = make_large_plan(slug="small-pis", actions=20, rounds=2)
        large = make_large_plan(slug="large-pis", actions=20, rounds=2)
        add_indicators(small, count=8)
        add_indicators(large, count=300)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    return small.pk, large.pk


@pytest.fixture
def plans(_plans) -> tuple[Plan, Plan]:
    return Plan.objects.get(pk=_plans[0]), Plan.objects.get(pk=_plans[1])


def _count(work) -> tuple[int, object]:
    """The queries ``work`` makes itself: reading the session is the session engine's (with
    Redis, cached_db sessions read none), as in the other pinned counts."""
    with CaptureQueriesContext(connection) as queries:
        result = work()
    return len([q for q in queries.captured_queries if "django_session" not in q["sql"]]), result


def test_the_scorecard_makes_four_queries_for_8_and_300_indicators(plans):
    as_at = dt.date(2013, 8, 31)
    (small_count, small_rows), (large_count, large_rows) = (
        _count(lambda plan=plan: scorecard(plan, as_at)) for plan in plans
    )
    assert (len(small_rows), len(large_rows)) == (8, 300)
    assert all(len(row.trend) == 12 and row.rating for row in large_rows)
    assert small_count == large_count == 4


def _reader_client(plan: Plan) -> Client:
    reader = UserFactory(username=f"reader-{plan.slug}")
    PlanMembership.objects.create(plan=plan, user=reader, role=PlanRole.READER)
    client = Client()
    client.force_login(reader)
    return client


def test_the_plan_page_makes_the_same_queries_with_8_and_300_indicators(plans):
    counts = []
    for plan in plans:
        client = _reader_client(plan)
        cache.clear()
        first, response = _count(
            lambda plan=plan, client=client: client.get(plan.get_absolute_url())
        )
        assert response.status_code == 200
        assert response.content.decode().count('class="app-trend"') == plan.indicators.count()
        cached, response = _count(
            lambda plan=plan, client=client: client.get(plan.get_absolute_url())
        )
        counts.append((first, cached))
    assert counts[0] == counts[1]
    assert counts[0][1] < counts[0][0]


def test_the_indicator_page_makes_the_same_queries_for_8_and_300_indicators(plans):
    counts = []
    for plan in plans:
        client = _reader_client(plan)
        indicator = plan.indicators.order_by("position").last()
        count, response = _count(lambda i=indicator, c=client: c.get(i.get_absolute_url()))
        assert response.status_code == 200
        assert "Aug 2013" in response.content.decode()
        counts.append(count)
    assert counts[0] == counts[1]


def _lead_client(plan: Plan) -> Client:
    lead = UserFactory(username=f"lead-{plan.slug}")
    PlanMembership.objects.create(plan=plan, user=lead, role=PlanRole.LEAD)
    client = Client()
    client.force_login(lead)
    return client


SETUP_PAGES = {
    # Each page of setting an indicator up, and the queries it makes (the user's included, the
    # session's not), for a plan of 8 indicators and one of 300, each with 36 months of figures.
    "targets": 6,
    "target": 5,
    "comparator": 5,
    "details": 7,
    # The first question of a change keeps the details as read in the session.
    "details_step": 10,
}


@pytest.mark.parametrize("name", SETUP_PAGES)
def test_the_setup_pages_make_the_same_queries_for_8_and_300_indicators(plans, name):
    counts = []
    for plan in plans:
        client = _lead_client(plan)
        indicator = plan.indicators.order_by("position").last()
        args = {"targets": [], "details": []}.get(name, ["2013-03-01"])
        if name == "details_step":
            args = ["links"]
        url = reverse(f"indicators:{name}", args=[plan.slug, indicator.pk, *args])
        count, response = _count(lambda u=url, c=client: c.get(u))
        assert response.status_code == 200
        counts.append(count)
    assert counts == [SETUP_PAGES[name]] * 2


def test_adding_an_indicator_makes_the_same_queries_for_8_and_300_indicators(plans):
    counts = []
    for plan in plans:
        client = _lead_client(plan)
        client.get(reverse("indicators:new", args=[plan.slug]))
        pages = [reverse("indicators:new_step", args=[plan.slug, "links"])]
        pages.append(reverse("indicators:new_check", args=[plan.slug]))
        counts.append([_count(lambda u=url, c=client: c.get(u))[0] for url in pages])
    assert counts[0] == counts[1]
