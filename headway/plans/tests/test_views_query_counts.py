"""Every read page makes the same number of queries for a plan of 56 actions and of 5,000."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from headway.plans.choices import PlanRole
from headway.plans.models import PlanMembership, ReviewRound
from headway.testing.bulk import make_large_plan
from headway.testing.factories import UserFactory


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
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, url)
        counts[name] = len(queries)
    return counts


def _with_open_round_and_people(plan):
    """A third, open round nobody has reported in: every owner has actions due."""
    ReviewRound.objects.create(
        plan=plan, title="Open round", as_at=dt.date(2013, 3, 1), deadline=dt.date(2013, 2, 20)
    )
    lead = UserFactory(username=f"{plan.slug}-lead")
    PlanMembership.objects.create(plan=plan, user=lead, role=PlanRole.LEAD)
    owner = plan.actions.order_by("pk")[0].owner
    return lead, owner


@pytest.mark.django_db
def test_page_query_counts_do_not_grow_with_the_plan(client):
    small = make_large_plan(slug="small", actions=56, rounds=2)
    large = make_large_plan(slug="large", actions=5000, rounds=2)
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


@pytest.mark.django_db
def test_home_lists_are_capped_for_an_owner_of_hundreds_of_actions(client):
    plan = make_large_plan(slug="big", actions=1000, rounds=1)
    _, owner = _with_open_round_and_people(plan)
    client.force_login(owner)
    response = client.get(reverse("home"))
    assert len(response.context["due_actions"]) == 50
    assert response.context["due_more"] is True
    assert len(response.context["overdue_milestones"]) == 50
