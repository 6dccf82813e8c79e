"""Owners record progress through the API under the same rules and service as the form."""

from headway.plans.choices import Status, UpdateState
from headway.plans.models import ProgressUpdate
from headway.risks.models import Risk

from .conftest import client_for

RISK = {"cause": "Partner short-staffed", "impact": "Delays", "mitigation": "Escalated"}


def _create(client, world, **extra):
    body = {
        "action": world["action"].pk,
        "round": world["round"].pk,
        "assessment": "Amber",
        "narrative": "Work is under way.",
        **extra,
    }
    return client.post("/api/v1/updates/", body, format="json")


def test_owner_creates_changes_and_submits_a_draft(world, owner):
    client = client_for(owner)

    created = _create(client, world)
    assert created.status_code == 201, created.json()
    update = ProgressUpdate.objects.get(pk=created.json()["id"])
    assert update.state == UpdateState.DRAFT
    assert update.assessment.statuses == [Status.SIGNIFICANT_PROGRESS]
    assert update.author == owner

    changed = client.patch(
        f"/api/v1/updates/{update.pk}/",
        {"assessment": "½ achieved, ½ amber", "narrative": "Half done.", "version": 1},
        format="json",
    )
    assert changed.status_code == 200, changed.json()
    update.refresh_from_db()
    assert update.share_achieved == 30
    assert update.version == 2

    submitted = client.post(f"/api/v1/updates/{update.pk}/submit/")
    assert submitted.status_code == 200
    update.refresh_from_db()
    assert update.state == UpdateState.SUBMITTED


def test_a_stale_version_is_refused_with_409_and_nothing_changes(world, owner):
    client = client_for(owner)
    update_id = _create(client, world).json()["id"]
    client.patch(
        f"/api/v1/updates/{update_id}/",
        {"assessment": "Green", "narrative": "Done.", "version": 1},
        format="json",
    )
    stale = client.patch(
        f"/api/v1/updates/{update_id}/",
        {"assessment": "Red", "narrative": "Stuck.", "version": 1, "risk": RISK},
        format="json",
    )
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2
    assert ProgressUpdate.objects.get(pk=update_id).narrative == "Done."


def test_limited_progress_needs_the_risk_as_on_the_form(world, owner):
    client = client_for(owner)
    refused = _create(client, world, assessment="Red")
    assert refused.status_code == 400
    assert "must raise a risk, link an open risk of the plan" in str(refused.json())
    assert ProgressUpdate.objects.filter(action=world["action"]).count() == 0

    accepted = _create(client, world, assessment="Red", risk=RISK)
    assert accepted.status_code == 201
    assert Risk.objects.filter(actions=world["action"], cause=RISK["cause"]).exists()


def test_reader_and_other_owners_cannot_record_progress(world, reader, owner):
    assert _create(client_for(reader), world).status_code == 403
    other = {**world, "action": world["someone_elses"]}
    assert _create(client_for(owner), other).status_code == 403
    assert ProgressUpdate.objects.filter(state=UpdateState.DRAFT).count() == 0


def test_only_the_current_open_round_takes_updates(world, owner):
    response = _create(client_for(owner), {**world, "round": world["earlier"]})
    assert response.status_code == 400
    # The earlier round is closed: a plan has one open round at most.
    assert "is closed" in str(response.json())


def test_bad_assessment_and_blank_narrative_are_refused(world, owner):
    client = client_for(owner)
    assert "not a status" in str(_create(client, world, assessment="Purple").json())
    assert _create(client, world, narrative="").status_code == 400
    assert ProgressUpdate.objects.filter(action=world["action"]).count() == 0


def test_a_submitted_update_cannot_be_changed(world, owner):
    client = client_for(owner)
    update_id = _create(client, world).json()["id"]
    client.post(f"/api/v1/updates/{update_id}/submit/")
    response = client.patch(
        f"/api/v1/updates/{update_id}/",
        {"assessment": "Green", "narrative": "Done.", "version": 2},
        format="json",
    )
    assert response.status_code == 400
    assert ProgressUpdate.objects.get(pk=update_id).narrative == "Work is under way."


def test_drafts_are_not_shown_to_readers(world, owner, reader):
    _create(client_for(owner), world)
    states = [u["state"] for u in client_for(reader).get("/api/v1/updates/").json()["results"]]
    assert "draft" not in states
    owner_states = [u["state"] for u in client_for(owner).get("/api/v1/updates/").json()["results"]]
    assert "draft" in owner_states
