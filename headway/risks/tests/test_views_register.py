"""The risk register page: open risks by default, closed ones on request, never to outsiders."""

import pytest
from django.urls import reverse

from headway.risks.models import RiskStatus
from headway.testing.factories import ActionFactory, RiskFactory


@pytest.fixture
def risks(plan):
    action = ActionFactory(area__plan=plan, reference="2.4")
    return (
        RiskFactory(action=action, title="Police resourcing"),
        RiskFactory(action=action, title="Software delay", status=RiskStatus.CLOSED),
    )


def test_register_shows_open_risks_and_closed_on_request(client, reader, plan, risks):
    client.force_login(reader)
    url = reverse("risks:register", kwargs={"slug": plan.slug})
    open_only = client.get(url)
    everything = client.get(url, {"show": "all"})
    assert open_only.status_code == 200
    assert [r.title for r in open_only.context["risks"]] == ["Police resourcing"]
    assert {r.title for r in everything.context["risks"]} == {"Police resourcing", "Software delay"}


def test_outsider_gets_not_found(client, outsider, plan, risks):
    client.force_login(outsider)
    assert client.get(reverse("risks:register", kwargs={"slug": plan.slug})).status_code == 404
