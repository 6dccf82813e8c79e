"""Indicators, their values (enter, submit, approve, return) and the scorecard through the API."""

import datetime as dt
from decimal import Decimal

import pytest

from headway.api.tests.conftest import client_for
from headway.indicators.models import IndicatorValue
from headway.plans.choices import UpdateState
from headway.testing.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    PlanFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db
MARCH = dt.date(2013, 3, 1)


@pytest.fixture
def indicator(plan, owner):
    indicator = IndicatorFactory(plan=plan, owner=owner, reference="PI 1")
    IndicatorValueFactory(indicator=indicator, period=dt.date(2013, 2, 1), value=Decimal("11.0"))
    TargetFactory(indicator=indicator, period=MARCH, value=Decimal("10.0"))
    return indicator


def test_indicators_are_listed_for_the_plans_you_can_see(reader, indicator):
    IndicatorFactory(plan=PlanFactory(), reference="PI elsewhere")
    response = client_for(reader).get("/api/v1/indicators/", {"plan": indicator.plan.slug})
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert (row["reference"], row["unit"], row["polarity"]) == ("PI 1", "percentage", "lower")
    assert client_for(reader).get("/api/v1/indicators/").json()["count"] == 1


def test_owner_enters_and_submits_lead_approves_and_the_scorecard_changes(
    owner, lead, plan, indicator
):
    api = client_for(owner)
    made = api.post(
        "/api/v1/indicator-values/",
        {"indicator": indicator.pk, "period": "2013-03-01", "value": "9.5%", "note": "Return"},
        format="json",
    )
    assert made.status_code == 201, made.json()
    assert made.json()["value"] == "9.5000" and made.json()["state"] == "draft"
    pk = made.json()["id"]
    assert api.post(f"/api/v1/indicator-values/{pk}/submit/").json()["state"] == "submitted"
    assert api.post(f"/api/v1/indicator-values/{pk}/approve/").status_code == 403
    lead_api = client_for(lead)
    before = lead_api.get(f"/api/v1/plans/{plan.slug}/scorecard/", {"as_at": "2013-03-31"}).json()
    assert before["rows"][0]["value"] == "11.0000"
    assert lead_api.post(f"/api/v1/indicator-values/{pk}/approve/").json()["state"] == "approved"
    after = lead_api.get(f"/api/v1/plans/{plan.slug}/scorecard/", {"as_at": "2013-03-31"}).json()
    row = after["rows"][0]
    assert (row["value"], row["rating"], row["previous"]) == ("9.5000", "on_target", "improving")
    assert row["rule"] == "Lower is better: 9.5% is at or below the target of 10.0%."
    assert IndicatorValue.objects.get(pk=pk).state == UpdateState.APPROVED


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"value": "abc"}, "value", "Enter the value as a number"),
        ({"value": "101"}, "value", "A percentage must be between 0 and 100"),
        ({"period": "2014-03-01"}, "detail", "is outside the plan"),
        ({"period": "2013-02-01"}, "detail", "record a correction instead"),
    ],
)
def test_bad_values_are_refused_with_a_clear_message(owner, indicator, payload, field, message):
    data = {"indicator": indicator.pk, "period": "2013-03-01", "value": "9.5", **payload}
    response = client_for(owner).post("/api/v1/indicator-values/", data, format="json")
    assert response.status_code == 400
    assert message in " ".join(response.json()[field])
    assert not IndicatorValue.objects.exclude(period=dt.date(2013, 2, 1)).exists()


def test_the_lead_returns_a_value_with_a_reason(owner, lead, indicator):
    value = IndicatorValueFactory(
        indicator=indicator, period=MARCH, value=Decimal("9.5"), state=UpdateState.SUBMITTED
    )
    url = f"/api/v1/indicator-values/{value.pk}/return/"
    refused = client_for(lead).post(url, {"comment": ""}, format="json")
    assert refused.status_code == 400
    returned = client_for(lead).post(url, {"comment": "Check the count."}, format="json")
    assert returned.json()["state"] == "returned"


def test_drafts_are_their_writers_own(owner, lead, indicator):
    IndicatorValueFactory(indicator=indicator, period=MARCH, state=UpdateState.DRAFT)
    assert client_for(owner).get("/api/v1/indicator-values/").json()["count"] == 2
    assert client_for(lead).get("/api/v1/indicator-values/").json()["count"] == 1


def test_a_plan_you_cannot_see_has_no_scorecard(outsider, indicator):
    response = client_for(outsider).get(f"/api/v1/plans/{indicator.plan.slug}/scorecard/")
    assert response.status_code == 404


def test_the_schema_describes_the_indicator_endpoints(reader):
    schema = client_for(reader).get("/api/v1/schema/").content.decode()
    for path in (
        "/api/v1/indicators/",
        "/api/v1/indicator-values/{id}/approve/",
        "/api/v1/plans/{slug}/scorecard/",
    ):
        assert path in schema
