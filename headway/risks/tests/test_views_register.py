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


def test_risks_follow_the_plans_order_of_actions_not_the_alphabet(client, reader, plan):
    """Action 5.5 comes before 5.15 in the plan, so in the register too ("5.15" < "5.5" as text)."""
    from headway.testing.factories import OutcomeAreaFactory

    area = OutcomeAreaFactory(plan=plan, number=5)
    later = ActionFactory(area=area, reference="5.15", position=15)
    earlier = ActionFactory(area=area, reference="5.5", position=5)
    RiskFactory(action=later, title="Later action's risk")
    RiskFactory(action=earlier, title="Earlier action's risk")
    client.force_login(reader)
    listed = client.get(reverse("risks:register", kwargs={"slug": plan.slug})).context["risks"]
    assert [r.linked_actions[0].reference for r in listed] == ["5.5", "5.15"]
