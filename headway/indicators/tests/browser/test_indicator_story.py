"""In a real browser: an owner enters March's value from their home page, the lead approves
it, and the plan page's scorecard changes its rating and trend. axe-core finds no WCAG 2.2 AA
violation on any page of the way."""

import re

import pytest

from headway.indicators.models import IndicatorValue
from headway.plans.choices import UpdateState
from headway.plans.tests.browser.conftest import axe_violations, describe, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _scorecard_row(page) -> str:
    return page.locator("table.app-scorecard tbody tr").first.inner_text()


def _trend_alt(page) -> str:
    return page.locator("table.app-scorecard img.app-trend").first.get_attribute("alt")


def _no_violations(page) -> None:
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_owner_enters_a_months_value_and_the_lead_approves_it(axe_page, scorecard_story, sign_in):
    page, indicator = axe_page, scorecard_story
    plan_url = indicator.plan.get_absolute_url()

    sign_in(page, "lead")
    page.goto(plan_url)
    before = _scorecard_row(page)
    assert "12.5%" in before and "Off target" in before and "Worsening" in before
    assert "Illustrative figures" in page.content()
    assert _trend_alt(page).startswith("Trend of PI 1: 2 approved values")
    _no_violations(page)
    sign_out(page)

    # The owner: home page → the value's question page → check answers → send.
    sign_in(page, "owner")
    page.goto("/")
    page.get_by_role("link", name="Enter the value PI 1 for March 2013").click()
    _no_violations(page)
    page.get_by_label("PI 1: value for March 2013").fill("ninety")
    page.get_by_role("button", name="Save and continue").click()
    page.locator(".govuk-error-summary").wait_for()
    assert (
        "Enter the value as a number of per cent"
        in page.locator(".govuk-error-summary").inner_text()
    )
    _no_violations(page)
    page.get_by_label("PI 1: value for March 2013").fill("9.5")
    page.get_by_label("Note (optional)").fill("From the March return.")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role(
        "heading", name="Check your answers before sending the value for March 2013"
    ).wait_for()
    _no_violations(page)
    page.get_by_role("button", name="Send to the plan lead").click()
    page.wait_for_url(re.compile(rf"{indicator.get_absolute_url()}$"))
    assert "was sent to the plan lead" in page.content()
    _no_violations(page)
    assert IndicatorValue.objects.get(period__month=3).state == UpdateState.SUBMITTED
    sign_out(page)

    # The lead approves it from the queue; the scorecard changes at once.
    sign_in(page, "lead")
    page.goto(plan_url)
    page.get_by_role("link", name="Indicator values waiting for approval").click()
    _no_violations(page)
    page.get_by_role("button", name="Approve the value of PI 1, March 2013").click()
    page.wait_for_selector("text=Approved the value of PI 1 for March 2013.")
    page.goto(plan_url)
    after = _scorecard_row(page)
    assert "9.5%" in after and "On target" in after and "Improving" in after
    assert "Lower is better: 9.5% is at or below the target of 10.0%." in after
    assert _trend_alt(page).startswith("Trend of PI 1: 3 approved values")
    assert IndicatorValue.objects.get(period__month=3).state == UpdateState.APPROVED


def test_the_indicator_and_import_pages_have_no_violations(axe_page, scorecard_story, sign_in):
    page, indicator = axe_page, scorecard_story
    sign_in(page, "lead")
    page.goto(indicator.get_absolute_url())
    assert page.locator("img.app-chart__svg").count() == 1
    _no_violations(page)
    page.goto(f"/plans/{indicator.plan.slug}/indicator-collection/")
    page.get_by_label("First month collected").select_option("2013-03-01")
    page.get_by_label("Last month collected").select_option("2013-01-01")
    page.get_by_role("button", name="Save").click()
    page.locator(".govuk-error-summary").wait_for()
    _no_violations(page)
    page.goto(f"/plans/{indicator.plan.slug}/spreadsheets/indicators/import/")
    page.get_by_role("button", name="Upload and check the file").click()
    page.locator(".govuk-error-summary").wait_for()
    _no_violations(page)
