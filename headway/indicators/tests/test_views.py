"""The indicator pages: the plan page's scorecard, an indicator's page, entering a value
(question page and check answers), the approval queue and the home page's values due."""

import datetime as dt
from decimal import Decimal

import pytest

from headway.indicators.models import IndicatorValue, RoundCollection
from headway.indicators.services import round_collection_set
from headway.plans.choices import UpdateState
from headway.testing.factories import (
    ActionFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    ReviewRoundFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db
FEBRUARY, MARCH = dt.date(2013, 2, 1), dt.date(2013, 3, 1)


@pytest.fixture
def indicator(plan, owner, lead):
    indicator = IndicatorFactory(
        plan=plan, owner=owner, reference="PI 1", title="Re-referrals within 12 months"
    )
    for period, value in ((dt.date(2013, 1, 1), "12.5"), (FEBRUARY, "11.0")):
        IndicatorValueFactory(indicator=indicator, period=period, value=Decimal(value))
    for period in (dt.date(2013, 1, 1), FEBRUARY, MARCH):
        TargetFactory(indicator=indicator, period=period, value=Decimal("10.0"))
    round = ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 31), title="March update")
    round_collection_set(round=round, period_start=MARCH, period_end=dt.date(2013, 3, 31), by=lead)
    return indicator


def _url(indicator, name="indicator", **kwargs):
    from django.urls import reverse

    return reverse(
        f"indicators:{name}", kwargs={"slug": indicator.plan.slug, "pk": indicator.pk, **kwargs}
    )


def test_the_plan_page_shows_the_scorecard_with_its_rules(client, reader, plan, indicator):
    client.force_login(reader)
    page = client.get(plan.get_absolute_url()).content.decode()
    card = page.split('id="indicators"')[1]
    assert "PI 1 Re-referrals within 12 months" in card
    assert "11.0%" in card and "Within tolerance" in card
    assert "Lower is better: 11.0% is above the target of 10.0% but within its tolerance" in card
    assert "Improving: 11.0% from 12.5% in January 2013." in card
    assert 'alt="Trend of PI 1: 2 approved values from Jan 2013 (12.5%) to Feb 2013 (11.0%)' in card
    assert "Illustrative figures" not in page


def test_illustrative_indicators_are_labelled_so(client, reader, plan, indicator):
    indicator.illustrative = True
    indicator.save()
    client.force_login(reader)
    assert "Illustrative figures" in client.get(plan.get_absolute_url()).content.decode()
    assert "Illustrative figures" in client.get(_url(indicator)).content.decode()


def test_a_plan_without_indicators_has_no_scorecard(client, reader, plan):
    ReviewRoundFactory(plan=plan)
    client.force_login(reader)
    assert 'id="indicators"' not in client.get(plan.get_absolute_url()).content.decode()


def test_an_approval_changes_the_cached_plan_page_at_once(client, owner, lead, plan, indicator):
    client.force_login(lead)
    before = client.get(plan.get_absolute_url()).content.decode()
    assert "Within tolerance" in before
    value = IndicatorValueFactory(
        indicator=indicator, period=MARCH, value=Decimal("9.5"), state=UpdateState.SUBMITTED
    )
    response = client.post(
        f"/plans/{plan.slug}/indicator-approvals/{value.pk}/", {"decision": "approve"}
    )
    assert response.status_code == 302
    after = client.get(plan.get_absolute_url()).content.decode().split('id="indicators"')[1]
    assert "9.5%" in after and "On target" in after
    assert "Improving: 9.5% from 11.0% in February 2013." in after


def test_the_indicator_page_shows_series_actions_and_history(client, reader, plan, indicator):
    action = ActionFactory(area__plan=plan, reference="2.1", title="Complete assessments")
    indicator.actions.add(action)
    client.force_login(reader)
    page = client.get(_url(indicator)).content.decode()
    assert 'class="app-chart__svg" src="data:image/svg+xml;base64,' in page
    assert "PI 1 period by period" in page
    assert "September 2011" in page  # the baseline year starts the series
    assert "2.1 Complete assessments" in page
    assert "11.0% approved" in page


def test_someone_without_a_role_gets_not_found(client, outsider, indicator):
    client.force_login(outsider)
    assert client.get(_url(indicator)).status_code == 404


def test_the_owner_enters_a_value_checks_it_and_sends_it(client, owner, indicator):
    client.force_login(owner)
    home = client.get("/").content.decode()
    assert "Your indicator values to enter" in home and "Not entered" in home
    url = _url(indicator, "value", period="2013-03-01")
    assert "PI 1: value for March 2013" in client.get(url).content.decode()
    response = client.post(url, {"value": "9.5%", "note": "From the March return."})
    assert response.status_code == 302 and response.url.endswith("/check/")
    draft = IndicatorValue.objects.get(period=MARCH)
    assert (draft.state, draft.value, draft.round.title) == (
        "draft",
        Decimal("9.5"),
        "March update",
    )
    check = client.get(response.url).content.decode()
    assert "Check your answers" in check and "9.5%" in check
    sent = client.post(response.url, {"version": draft.version})
    assert sent.status_code == 302
    assert IndicatorValue.objects.get(period=MARCH).state == UpdateState.SUBMITTED


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the value for PI 1"),
        ("lots", "Enter the value as a number of per cent"),
        ("120", "A percentage must be between 0 and 100"),
    ],
)
def test_a_bad_value_is_refused_and_nothing_is_written(client, owner, indicator, typed, message):
    client.force_login(owner)
    response = client.post(_url(indicator, "value", period="2013-03-01"), {"value": typed})
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page and message in page
    assert not IndicatorValue.objects.filter(period=MARCH).exists()


def test_a_period_the_round_does_not_collect_needs_a_correction_or_is_refused(
    client, owner, indicator
):
    client.force_login(owner)
    # February has an approved value: entering it again is a correction, which needs a reason.
    url = _url(indicator, "value", period="2013-02-01")
    response = client.post(url, {"value": "10.5"})
    assert "Say why the approved value is being corrected" in response.content.decode()
    client.post(url, {"value": "10.5", "note": "Two late referrals counted."})
    correction = IndicatorValue.objects.get(state=UpdateState.DRAFT)
    assert correction.supersedes.value == Decimal("11.0")
    # December has no value and the round does not collect it.
    response = client.post(_url(indicator, "value", period="2012-12-01"), {"value": "10.5"})
    assert "does not collect December 2012" in response.content.decode()


def test_a_reader_cannot_enter_values(client, reader, indicator):
    client.force_login(reader)
    assert client.get(_url(indicator, "value", period="2013-03-01")).status_code == 403


def test_the_lead_returns_a_value_with_a_reason(client, owner, lead, plan, indicator):
    value = IndicatorValueFactory(
        indicator=indicator, period=MARCH, value=Decimal("9.5"), state=UpdateState.SUBMITTED
    )
    client.force_login(lead)
    queue = client.get(f"/plans/{plan.slug}/indicator-approvals/").content.decode()
    assert "PI 1 Re-referrals within 12 months" in queue and "9.5%" in queue
    decide = f"/plans/{plan.slug}/indicator-approvals/{value.pk}/"
    refused = client.post(decide, {"decision": "return", "comment": ""})
    assert "Say what the owner needs to change" in refused.content.decode()
    assert IndicatorValue.objects.get(pk=value.pk).state == UpdateState.SUBMITTED
    client.post(decide, {"decision": "return", "comment": "Check the denominator."})
    assert IndicatorValue.objects.get(pk=value.pk).state == UpdateState.RETURNED


def test_an_owner_cannot_see_the_approval_queue(client, owner, plan, indicator):
    client.force_login(owner)
    assert client.get(f"/plans/{plan.slug}/indicator-approvals/").status_code == 403


def test_the_lead_says_which_months_the_open_round_collects(client, lead, owner, plan, indicator):
    client.force_login(lead)
    url = f"/plans/{plan.slug}/indicator-collection/"
    page = client.get(url).content.decode()
    assert "Indicator values to collect in March update" in page
    refused = client.post(url, {"first": "2013-03-01", "last": "2013-01-01"})
    assert "must not be before the first" in refused.content.decode()
    assert client.post(url, {"first": "2013-01-01", "last": "2013-03-01"}).status_code == 302
    collection = RoundCollection.objects.get()
    assert (collection.period_start, collection.period_end) == (
        dt.date(2013, 1, 1),
        dt.date(2013, 3, 31),
    )
    client.force_login(owner)
    assert client.get(url).status_code == 403
