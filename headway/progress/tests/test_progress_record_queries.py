"""The progress forms make a fixed number of queries, whatever the size of the plan."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from headway.plans.choices import PlanRole
from headway.plans.models import PlanMembership
from headway.testing.bulk import make_large_plan
from headway.testing.factories import UserFactory


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _pages(plan):
    action = plan.actions.order_by("pk").first()
    round = plan.rounds.order_by("-as_at").first()
    return action.owner, [
        reverse("progress:record", kwargs={"slug": plan.slug, "pk": action.pk}),
        reverse("plans:action_edit", kwargs={"slug": plan.slug, "pk": action.pk}),
        reverse("progress:approvals", kwargs={"slug": plan.slug}),
        reverse("progress:round_close", kwargs={"slug": plan.slug, "pk": round.pk}),
    ]


@pytest.mark.django_db
def test_the_forms_query_counts_are_the_same_for_56_and_5000_actions():
    counts = {}
    for size in (56, 5000):
        plan = make_large_plan(slug=f"plan-{size}", actions=size, rounds=2)
        lead = UserFactory(username=f"lead-{size}")
        PlanMembership.objects.create(plan=plan, user=lead, role=PlanRole.LEAD)
        owner, urls = _pages(plan)
        as_owner, as_lead = Client(), Client()
        as_owner.force_login(owner)
        as_lead.force_login(lead)
        counts[size] = [_count(as_owner, urls[0])] + [_count(as_lead, url) for url in urls[1:]]
    assert counts[56] == counts[5000]
    assert max(counts[56]) <= 15
