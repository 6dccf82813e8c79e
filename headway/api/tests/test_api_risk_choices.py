"""The API's progress endpoints take the risk page's three answers with its rules, and the
risk register shows each risk's plan and actions; the plan lead names a risk in the report."""

from headway.plans.models import ProgressUpdate
from headway.risks.models import Risk, RiskLink

from .conftest import client_for

RISK = {"cause": "Partner short-staffed", "impact": "Delays", "mitigation": "Escalated"}


def _create(client, world, **extra):
    body = {
        "action": world["action"].pk,
        "round": world["round"].pk,
        "assessment": "Red",
        "narrative": "Stuck.",
        **extra,
    }
    return client.post("/api/v1/updates/", body, format="json")


def test_linking_an_open_risk_adds_the_action_to_it(world, owner):
    risk = Risk.objects.get(actions=world["someone_elses"])
    created = _create(client_for(owner), world, risk_link=risk.pk)

    assert created.status_code == 201, created.json()
    update = ProgressUpdate.objects.get(pk=created.json()["id"])
    assert RiskLink.objects.get(update=update).risk == risk
    assert set(risk.actions.values_list("reference", flat=True)) == {"1.1", "2.1"}
    assert client_for(owner).post(f"/api/v1/updates/{update.pk}/submit/").status_code == 200


def test_no_risk_with_a_reason_is_kept_on_the_update(world, owner):
    created = _create(client_for(owner), world, no_risk_reason="A month's slippage only.")

    assert created.status_code == 201, created.json()
    update = ProgressUpdate.objects.get(pk=created.json()["id"])
    assert update.no_risk_reason == "A month's slippage only."
    assert created.json()["no_risk_reason"] == update.no_risk_reason
    assert Risk.objects.count() == 1  # only the world's own


def test_each_wrong_answer_is_refused_and_nothing_is_written(world, owner, plan):
    from headway.testing.factories import RiskFactory

    elsewhere = RiskFactory()
    closed = RiskFactory(action=world["someone_elses"], status="closed")
    refusals = [
        ({"no_risk_reason": "x" * 301}, "300"),
        ({"no_risk_reason": "   "}, "must raise a risk, link an open risk of the plan"),
        ({"risk_link": elsewhere.pk}, "Choose an open risk of this plan"),
        ({"risk_link": closed.pk}, "Choose an open risk of this plan"),
        ({"risk": RISK, "no_risk_reason": "And none."}, "Give only one of"),
    ]
    for extra, message in refusals:
        refused = _create(client_for(owner), world, **extra)
        assert refused.status_code == 400, extra
        assert message in str(refused.json()), (extra, refused.json())
    assert not ProgressUpdate.objects.filter(action=world["action"]).exists()
    assert not RiskLink.objects.exists()


def test_the_register_lists_each_risks_plan_and_actions(world, reader, plan):
    risk = Risk.objects.get()
    risk.actions.add(world["action"])

    listed = client_for(reader).get(f"/api/v1/risks/?plan={plan.slug}").json()["results"]

    assert [(r["plan"], r["actions"]) for r in listed] == [
        (plan.slug, [world["action"].pk, world["someone_elses"].pk])
    ]
    assert listed[0]["named_in_report"] is False
    by_action = client_for(reader).get(f"/api/v1/risks/?action={world['action'].pk}").json()
    assert [r["id"] for r in by_action["results"]] == [risk.pk]


def test_the_plan_lead_names_a_risk_in_the_report_and_an_owner_cannot(world, lead, owner):
    risk = Risk.objects.get()
    url = f"/api/v1/risks/{risk.pk}/"

    refused = client_for(owner).patch(url, {"named_in_report": True, "version": 1}, format="json")
    assert refused.status_code == 403
    named = client_for(lead).patch(url, {"named_in_report": True, "version": 1}, format="json")
    assert named.status_code == 200, named.json()
    assert named.json()["named_in_report"] is True
    stale = client_for(lead).patch(url, {"named_in_report": False, "version": 1}, format="json")
    assert stale.status_code == 409
    risk.refresh_from_db()
    assert risk.named_in_report and risk.version == 2
