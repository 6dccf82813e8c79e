"""Editing a risk carries its version: a save over a newer one is refused, both shown."""

import pytest
from django.test import Client
from django.urls import reverse

from headway.risks.models import Risk
from headway.testing.factories import ActionFactory, OutcomeAreaFactory, RiskFactory


@pytest.fixture
def risk(plan, owner):
    return RiskFactory(action=ActionFactory(area=OutcomeAreaFactory(plan=plan), owner=owner))


def _url(risk):
    return reverse("risks:edit", kwargs={"slug": risk.plan.slug, "pk": risk.pk})


def _data(risk, version, **changes):
    return {
        "version": version,
        "title": risk.title,
        "cause": risk.cause,
        "impact": risk.impact,
        "mitigation": risk.mitigation,
        "status": "open",
        "action_references": risk.action_references,  # asked of the plan lead only
        **changes,
    }


def test_the_owner_escalates_the_risk(client, risk, owner):
    client.force_login(owner)
    assert client.get(_url(risk)).status_code == 200
    response = client.post(
        _url(risk),
        _data(
            risk,
            1,
            escalated_to="Local Safeguarding Children Board",
            escalated_on_0="4",
            escalated_on_1="2",
            escalated_on_2="2013",
        ),
    )
    assert response.status_code == 302
    assert response.url == reverse("risks:register", kwargs={"slug": risk.plan.slug})
    risk.refresh_from_db()
    assert risk.escalated_to == "Local Safeguarding Children Board"
    assert risk.version == 2
    assert risk.history.latest().history_user == owner


def test_two_editors_the_second_save_is_refused_with_both_versions(risk, owner, lead):
    first, second = Client(), Client()
    first.force_login(owner)
    second.force_login(lead)
    assert first.post(_url(risk), _data(risk, 1, mitigation="Agency staff")).status_code == 302
    response = second.post(_url(risk), _data(risk, 1, mitigation="Overtime", status="closed"))
    assert response.status_code == 409
    body = response.content.decode()
    assert "Agency staff" in body and "Overtime" in body
    assert "Saved version (by someone else)" in body
    risk.refresh_from_db()
    assert risk.mitigation == "Agency staff"
    assert risk.status == "open"


def test_an_escalation_date_needs_a_recipient_and_nothing_is_saved(client, risk, lead):
    client.force_login(lead)
    response = client.post(
        _url(risk),
        _data(risk, 1, cause="", escalated_on_0="1", escalated_on_1="2", escalated_on_2="2013"),
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert '<a href="#id_cause">' in body
    assert '<a href="#id_escalated_to">Say to whom the risk was escalated</a>' in body
    assert Risk.objects.get(pk=risk.pk).version == 1


def test_readers_cannot_edit_a_risk(client, risk, reader, outsider):
    client.force_login(reader)
    assert client.post(_url(risk), _data(risk, 1, title="x")).status_code == 403
    client.force_login(outsider)
    assert client.get(_url(risk)).status_code == 404
    assert Risk.objects.get(pk=risk.pk).title == "Partner resourcing"
