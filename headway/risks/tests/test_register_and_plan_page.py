"""A risk on two actions in the register and on the plan page; the plan page's list of
limited-progress actions with no risk, each with the reason its owner gave, at a pinned query
count; naming a risk in the report is the plan lead's call on the risk's edit page."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from headway.plans.choices import Status
from headway.risks.models import Risk
from headway.testing.factories import (
    ActionFactory,
    OutcomeAreaFactory,
    ProgressUpdateFactory,
    ReviewRoundFactory,
    RiskFactory,
)


@pytest.fixture
def area(plan):
    return OutcomeAreaFactory(plan=plan, number=1, title="Leadership")


@pytest.fixture
def round(plan):
    return ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12))


def _limited(area, round, reference, reason=""):
    action = ActionFactory(area=area, reference=reference, title=f"Action {reference}")
    ProgressUpdateFactory(
        action=action,
        round=round,
        status=Status.LIMITED_PROGRESS_RISK,
        no_risk_reason=reason,
    )
    return action


def test_the_register_shows_a_risk_on_two_actions_in_the_plans_order(client, reader, plan, area):
    later = ActionFactory(area=area, reference="1.10", title="Family files", position=10)
    earlier = ActionFactory(area=area, reference="1.2", title="Case records", position=2)
    RiskFactory(actions=[later, earlier], title="Supplier <delay>", named_in_report=True)
    client.force_login(reader)

    response = client.get(reverse("risks:register", kwargs={"slug": plan.slug}))

    (risk,) = response.context["risks"]
    assert [a.reference for a in risk.linked_actions] == ["1.2", "1.10"]
    body = response.content.decode()
    assert "Supplier &lt;delay&gt;" in body
    assert body.index("1.2 Case records") < body.index("1.10 Family files")
    assert "Named in the report" in body


def test_the_plan_page_shows_why_no_risk_is_described(client, reader, plan, area, round):
    _limited(area, round, "1.1", reason="A month's <slippage> only.")
    _limited(area, round, "1.2")  # imported from a spreadsheet: no reason given
    shared_a, shared_b = _limited(area, round, "1.3"), _limited(area, round, "1.4")
    RiskFactory(actions=[shared_a, shared_b], title="Police resourcing")
    client.force_login(reader)

    page = client.get(reverse("plans:plan", kwargs={"slug": plan.slug})).content.decode()

    section = page.split("Limited progress with no risk described")[1].split("</table>")[0]
    assert "No risk raised: A month&#39;s &lt;slippage&gt; only." in section
    assert "1.2 Action 1.2" in section and "Not given" in section
    assert "1.3" not in section and "1.4" not in section
    risks = page.split('id="risks"')[1].split("</table>")[0]
    assert "1.3 Action 1.3" in risks and "1.4 Action 1.4" in risks


def _plan_page_queries(client, plan) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("plans:plan", kwargs={"slug": plan.slug}))
    assert response.status_code == 200
    return len(queries)


def test_the_plan_page_query_count_does_not_grow_with_the_unexplained_actions(
    client, reader, plan, area, round
):
    _limited(area, round, "1.1", reason="First reason.")
    first = RiskFactory(action=_limited(area, round, "1.2"))
    client.force_login(reader)
    one_each = _plan_page_queries(client, plan)

    for n in range(3, 9):
        _limited(area, round, f"1.{n}", reason=f"Reason {n}.")
    first.actions.add(*plan.actions.filter(reference__in=["1.3", "1.4"]))
    RiskFactory(action=_limited(area, round, "1.9"))
    many = _plan_page_queries(client, plan)

    assert many == one_each


def test_the_lead_names_a_risk_in_the_report_and_an_owner_cannot(client, plan, area, lead, owner):
    risk = RiskFactory(action=ActionFactory(area=area, owner=owner))
    url = reverse("risks:edit", kwargs={"slug": plan.slug, "pk": risk.pk})
    data = {
        "version": 1,
        "title": risk.title,
        "cause": risk.cause,
        "impact": risk.impact,
        "mitigation": risk.mitigation,
        "status": "open",
        "named_in_report": "on",
    }

    client.force_login(owner)
    assert "named_in_report" not in client.get(url).content.decode()
    assert client.post(url, data).status_code == 302
    risk.refresh_from_db()
    assert not risk.named_in_report and risk.version == 2

    client.force_login(lead)
    assert "Name this risk in the committee report" in client.get(url).content.decode()
    refs = risk.actions.get().reference
    assert client.post(url, data | {"version": 2, "action_references": refs}).status_code == 302
    assert Risk.objects.get(pk=risk.pk).named_in_report


def test_the_lead_links_the_risk_to_more_actions_by_reference(client, plan, area, lead):
    first = ActionFactory(area=area, reference="1.5", position=5)
    second = ActionFactory(area=area, reference="2.3", position=9)
    risk = RiskFactory(action=second)
    url = reverse("risks:edit", kwargs={"slug": plan.slug, "pk": risk.pk})
    data = {
        "version": 1,
        "title": risk.title,
        "cause": risk.cause,
        "impact": risk.impact,
        "mitigation": risk.mitigation,
        "status": "open",
    }
    client.force_login(lead)
    assert 'value="2.3"' in client.get(url).content.decode()

    refused = client.post(url, data | {"action_references": "2.3, 9.9"})
    assert refused.status_code == 200
    assert "This plan has no action 9.9." in refused.content.decode()
    elsewhere = ActionFactory(reference="7.1")  # another plan's action
    refused = client.post(url, data | {"action_references": "7.1"})
    assert "This plan has no action 7.1." in refused.content.decode()
    risk.refresh_from_db()
    assert (risk.version, risk.action_references) == (1, "2.3")

    assert client.post(url, data | {"action_references": "2.3; 1.5"}).status_code == 302
    risk.refresh_from_db()
    assert risk.action_references == "1.5, 2.3"
    assert elsewhere not in risk.actions.all() and first in risk.actions.all()
    assert risk.history.first().actions.count() == 2  # the history row keeps the links


def test_an_action_page_names_the_other_actions_its_risk_holds_back(client, reader, plan, area):
    police = ActionFactory(area=area, reference="2.3", position=3)
    data_set = ActionFactory(area=area, reference="1.5", position=1)
    RiskFactory(actions=[police, data_set], title="Police resourcing")
    client.force_login(reader)

    page = client.get(police.get_absolute_url()).content.decode()

    risks = page.split('id="risks"')[1]
    assert f'<a class="govuk-link" href="{data_set.get_absolute_url()}">1.5</a>' in risks
    assert risks.index(">1.5</a>") < risks.index(">2.3</a>")
