"""The API holds narratives and risk descriptions to the one limit on typed text."""

from headway.core.text import LONG_TEXT_MAX
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


def test_a_narrative_over_the_limit_is_refused_naming_the_limit(world, owner):
    refused = _create(client_for(owner), world, narrative="x" * (LONG_TEXT_MAX + 1))

    assert refused.status_code == 400
    assert "20000" in str(refused.json()["narrative"])
    assert not ProgressUpdate.objects.filter(action=world["action"]).exists()


def test_a_narrative_at_the_limit_is_accepted(world, owner):
    accepted = _create(client_for(owner), world, narrative="x" * LONG_TEXT_MAX)

    assert accepted.status_code == 201, accepted.json()
    assert len(ProgressUpdate.objects.get(action=world["action"]).narrative) == LONG_TEXT_MAX


def test_a_risk_cause_over_the_limit_is_refused(world, owner):
    risk = RISK | {"cause": "x" * (LONG_TEXT_MAX + 1)}
    refused = _create(client_for(owner), world, assessment="Red", risk=risk)

    assert refused.status_code == 400
    assert "20000" in str(refused.json())
    assert not Risk.objects.filter(actions=world["action"]).exists()
    assert not ProgressUpdate.objects.filter(action=world["action"]).exists()


def test_the_risk_limit_is_the_models(world, owner):
    # The API once allowed 5,000 characters here while the model allowed any length.
    risk = RISK | {"cause": "x" * LONG_TEXT_MAX}
    accepted = _create(client_for(owner), world, assessment="Red", risk=risk)

    assert accepted.status_code == 201, accepted.json()
    assert len(Risk.objects.get(actions=world["action"]).cause) == LONG_TEXT_MAX
