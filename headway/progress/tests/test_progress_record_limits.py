"""The progress pages hold typed text to the one limit the model sets (``LONG_TEXT_MAX``)."""

import datetime as dt

import pytest

from headway.core.text import LONG_TEXT_MAX
from headway.plans.choices import Status
from headway.plans.models import ProgressUpdate
from headway.risks.models import Risk
from headway.testing.factories import ActionFactory, OutcomeAreaFactory, ReviewRoundFactory

from .flow import SIGNIFICANT, post_step


@pytest.fixture
def action(plan, owner):
    area = OutcomeAreaFactory(plan=plan, number=1, title="Building a quality service")
    return ActionFactory(area=area, owner=owner, reference="2.4", title="Timely assessments")


@pytest.fixture
def round(plan):
    return ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12))


def _post(client, action, **overrides):
    """The status page, then the page that asks for what ``overrides`` give."""
    status = {"status": overrides.pop("status", SIGNIFICANT["status"])}
    post_step(client, action, "status", status)
    step = "risk" if any(name.startswith("risk_") for name in overrides) else "narrative"
    return post_step(client, action, step, overrides)


def test_a_narrative_over_the_limit_is_refused_naming_the_limit(client, action, round, owner):
    client.force_login(owner)
    response = _post(client, action, narrative="x" * (LONG_TEXT_MAX + 1))

    assert response.status_code == 200
    assert "at most 20000 characters (it has 20001)" in response.content.decode()
    assert ProgressUpdate.objects.get().narrative == ""  # the status alone was saved


def test_a_narrative_at_the_limit_is_accepted(client, action, round, owner):
    client.force_login(owner)
    response = _post(client, action, narrative="x" * LONG_TEXT_MAX)

    assert response.status_code == 302
    assert len(ProgressUpdate.objects.get(action=action).narrative) == LONG_TEXT_MAX


def test_a_risk_description_over_the_limit_is_refused(client, action, round, owner):
    client.force_login(owner)
    response = _post(
        client,
        action,
        status=Status.LIMITED_PROGRESS_RISK.value,
        risk_choice="new",
        risk_cause="x" * (LONG_TEXT_MAX + 1),
        risk_impact="Strategy meetings are delayed.",
        risk_mitigation="Raised with the partner's director.",
        risk_escalated="no",
    )

    assert response.status_code == 200
    assert "at most 20000 characters" in response.content.decode()
    assert not Risk.objects.exists()
