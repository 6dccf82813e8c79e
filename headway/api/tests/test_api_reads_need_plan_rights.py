"""Reading through the API needs the same rights as the pages; filters and pagination work."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from headway.plans.choices import PlanRole
from headway.testing.bulk import make_large_plan
from headway.testing.factories import MembershipFactory

from .conftest import client_for


def test_anonymous_is_refused(world):
    response = APIClient().get("/api/v1/plans/")
    assert response.status_code in (401, 403)


def test_outsider_gets_404_for_the_plan_and_sees_none_of_its_records(world, outsider):
    client = client_for(outsider)
    assert client.get(f"/api/v1/plans/{world['plan'].slug}/").status_code == 404
    assert client.get(f"/api/v1/plans/{world['plan'].slug}/summary/").status_code == 404
    assert client.get(f"/api/v1/actions/{world['action'].pk}/").status_code == 404
    for name in ("plans", "areas", "actions", "milestones", "rounds", "updates", "risks"):
        assert client.get(f"/api/v1/{name}/").json()["count"] == 0, name


def test_reader_reads_every_entity(world, reader):
    client = client_for(reader)
    expected = {
        "plans": 1,
        "areas": 2,
        "actions": 2,
        "milestones": 1,
        "rounds": 2,
        "updates": 2,
        "risks": 1,
    }
    for name, count in expected.items():
        response = client.get(f"/api/v1/{name}/")
        assert response.status_code == 200
        assert response.json()["count"] == count, name
    action = client.get(f"/api/v1/actions/{world['action'].pk}/").json()
    assert action["reference"] == "1.1"
    assert action["owner"] == "owner"
    assert action["milestones"][0]["title"]


def test_session_authentication_works_for_the_browser(world, reader, client):
    client.force_login(reader)
    assert client.get("/api/v1/plans/").json()["count"] == 1


def test_actions_filter_by_area_owner_status_and_round(world, reader):
    client = client_for(reader)

    def refs(query: str) -> list[str]:
        return [a["reference"] for a in client.get(f"/api/v1/actions/?{query}").json()["results"]]

    assert refs("area=2") == ["2.1"]
    assert refs("owner=owner") == ["1.1"]
    assert refs("status=achieved") == ["2.1"]  # half achieved in the latest round
    assert refs(f"status=limited_progress_risk&round={world['earlier'].pk}") == ["2.1"]
    assert refs("status=limited_progress_risk") == []
    assert client.get("/api/v1/actions/?status=purple").status_code == 400


def test_updates_filter_by_round_and_status(world, reader):
    client = client_for(reader)
    data = client.get(f"/api/v1/updates/?round={world['round'].pk}&status=achieved").json()
    assert data["count"] == 1
    assert data["results"][0]["shares"]["achieved"] == 0.5
    assert data["results"][0]["assessment"] == "½ Achieved, ½ Significant progress"


def test_inspections_are_read_by_any_signed_in_user(world, outsider):
    assert client_for(outsider).get("/api/v1/inspections/").status_code == 200


@pytest.mark.django_db
def test_action_list_query_count_does_not_grow_with_the_plan(admin_user):
    counts = []
    for slug, size in (("small", 20), ("large", 300)):
        plan = make_large_plan(slug=slug, actions=size, rounds=1)
        MembershipFactory(plan=plan, user=admin_user, role=PlanRole.READER)
        client = client_for(admin_user)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/api/v1/actions/?plan={slug}")
        assert response.status_code == 200
        assert response.json()["count"] == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_findings_list_only_the_actions_of_plans_the_user_can_see(world, reader, outsider):
    from headway.inspections.models import Finding, Inspection

    inspection = Inspection.objects.create(
        inspectorate="Ofsted", service="Safeguarding", started_on="2012-07-01"
    )
    finding = Finding.objects.create(inspection=inspection, text="Improve strategy meetings")
    finding.actions.add(world["action"])

    def actions_for(user) -> list[int]:
        results = client_for(user).get(f"/api/v1/findings/?inspection={inspection.pk}").json()
        return results["results"][0]["actions"]

    assert actions_for(reader) == [world["action"].pk]
    assert actions_for(outsider) == []
    assert finding.actions.count() == 1
