"""The summary, the read pages and the progress forms make the same number of queries for a plan
of 56 actions and for one of 5,000.

The two plans are made once for the whole module (``module_db``): 5,000 actions with their
milestones and two rounds of updates take seconds to write, and every test here only needs to
read them. What a test adds (an open round, a lead) is rolled back after it, and each test gets
its own copies of the two ``Plan`` rows, so no cached relation carries a query count over.
"""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from headway.plans.choices import PlanRole
from headway.plans.models import Plan, PlanMembership, ReviewRound
from headway.plans.selectors import plan_summary
from headway.testing.bulk import make_large_plan
from headway.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _plans(module_db, django_db_blocker) -> tuple[int, int]:
    with django_db_blocker.unblock():
        small = make_large_plan(slug="small", actions=56, rounds=2)
        large = make_large_plan(slug="large", actions=5000, rounds=2)
        if connection.vendor == "postgresql":
            # As after any large import (docs/performance.md): without statistics the planner
            # takes seconds over the summary. ANALYZE sees this transaction's own rows.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    return small.pk, large.pk


@pytest.fixture
def small(_plans) -> Plan:
    return Plan.objects.get(pk=_plans[0])


@pytest.fixture
def large(_plans) -> Plan:
    return Plan.objects.get(pk=_plans[1])


# --- the summary ------------------------------------------------------------------------------


def _summary_queries(plan, **options) -> tuple[int, object]:
    latest = plan.rounds.order_by("-as_at").first()
    with CaptureQueriesContext(connection) as queries:
        summary = plan_summary(plan=plan, round=latest, **options)
    return len(queries), summary


def test_summary_query_count_is_the_same_for_56_and_5000_actions(small, large):
    small_count, small_summary = _summary_queries(small)
    large_count, large_summary = _summary_queries(large)

    assert small_summary.total.actions == 56
    assert large_summary.total.actions == 5000
    # every generated action has an approved update in every round
    assert small_summary.total.no_update == 0
    assert large_summary.total.no_update == 0
    assert small_count == large_count
    assert small_count <= 6


def test_a_limited_summary_makes_the_same_queries_for_56_and_5000_actions(small, large):
    def queries(plan) -> int:
        return _summary_queries(plan, moves_limit=25)[0]

    assert queries(small) == queries(large) <= 6


# --- the read pages ---------------------------------------------------------------------------


def _pages(plan) -> dict[str, str]:
    action = plan.actions.order_by("pk")[3]
    slug = plan.slug
    return {
        "plan": reverse("plans:plan", kwargs={"slug": slug}),
        "plan, past round": reverse("plans:plan", kwargs={"slug": slug}) + "?round=2012-10-01",
        "area": reverse("plans:area", kwargs={"slug": slug, "number": 2}),
        "action": reverse("plans:action", kwargs={"slug": slug, "pk": action.pk}),
        "actions": reverse("plans:actions", kwargs={"slug": slug}),
        "actions, filtered": reverse("plans:actions", kwargs={"slug": slug})
        + "?status=achieved&overdue=1&page=2",
        "actions, no update": reverse("plans:actions", kwargs={"slug": slug}) + "?no_update=1",
        "risks": reverse("risks:register", kwargs={"slug": slug}),
        "home": reverse("home"),
    }


def _counts(client, user, plan) -> dict[str, int]:
    client.force_login(user)
    counts = {}
    for name, url in _pages(plan).items():
        cache.clear()  # each page computed, not served whole from an earlier view
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, url)
        counts[name] = len(queries)
    return counts


def _with_open_round_and_people(plan):
    """A third, open round nobody has reported in: every owner has actions due. (Opening it
    closes the plan's open round: a plan has one at most.)"""
    plan.rounds.filter(closed_at__isnull=True).update(
        closed_at=dt.datetime(2013, 2, 1, tzinfo=dt.UTC)
    )
    ReviewRound.objects.create(
        plan=plan, title="Open round", as_at=dt.date(2013, 3, 1), deadline=dt.date(2013, 2, 20)
    )
    lead = UserFactory(username=f"{plan.slug}-lead")
    PlanMembership.objects.create(plan=plan, user=lead, role=PlanRole.LEAD)
    owner = plan.actions.order_by("pk")[0].owner
    return lead, owner


def test_page_query_counts_do_not_grow_with_the_plan(client, small, large):
    small_lead, small_owner = _with_open_round_and_people(small)
    large_lead, large_owner = _with_open_round_and_people(large)

    for small_user, large_user in ((small_lead, large_lead), (small_owner, large_owner)):
        small_counts = _counts(client, small_user, small)
        large_counts = _counts(client, large_user, large)
        assert small_counts == large_counts
        assert max(small_counts.values()) <= 20, small_counts

    admin = UserFactory(username="admin", is_staff=True)
    admin_small = _counts(client, admin, small)
    admin_large = _counts(client, admin, large)
    assert admin_small == admin_large


def test_home_lists_are_capped_for_an_owner_of_hundreds_of_actions(client, large, monkeypatch):
    from headway.plans import views

    # In the plan's year, after its milestones fell due (31 January 2013).
    monkeypatch.setattr(views, "_today", lambda: dt.date(2013, 3, 1))
    _, owner = _with_open_round_and_people(large)
    assert large.actions.filter(owner=owner).count() == 500
    client.force_login(owner)
    response = client.get(reverse("home"))
    assert len(response.context["due_actions"]) == 50
    assert response.context["due_more"] is True
    assert len(response.context["overdue_milestones"]) == 50


# --- the progress forms -----------------------------------------------------------------------


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _form_pages(plan):
    action = plan.actions.order_by("pk").first()
    round = plan.rounds.order_by("-as_at").first()
    return action.owner, [
        reverse("progress:step", kwargs={"slug": plan.slug, "pk": action.pk, "step": "status"}),
        reverse("plans:action_edit", kwargs={"slug": plan.slug, "pk": action.pk}),
        reverse("progress:approvals", kwargs={"slug": plan.slug}),
        reverse("progress:round_close", kwargs={"slug": plan.slug, "pk": round.pk}),
    ]


def test_the_forms_query_counts_are_the_same_for_56_and_5000_actions(small, large):
    counts = {}
    for size, plan in ((56, small), (5000, large)):
        lead = UserFactory(username=f"lead-{size}")
        PlanMembership.objects.create(plan=plan, user=lead, role=PlanRole.LEAD)
        owner, urls = _form_pages(plan)
        as_owner, as_lead = Client(), Client()
        as_owner.force_login(owner)
        as_lead.force_login(lead)
        counts[size] = [_count(as_owner, urls[0])] + [_count(as_lead, url) for url in urls[1:]]
    assert counts[56] == counts[5000]
    assert max(counts[56]) <= 15
