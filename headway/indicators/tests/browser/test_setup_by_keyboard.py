"""The plan lead sets an indicator up by keyboard alone: adds it question by question to check
your answers, sets a month's target and a comparator, and changes its details. axe-core finds
no WCAG 2.2 AA violation on any new page nor on an error state of each form."""

import re
from decimal import Decimal

import pytest

from headway.indicators.models import Comparator, Indicator, Target
from headway.plans.tests.browser.conftest import axe_violations, describe
from headway.testing.factories import ActionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab_to(page, selector: str, limit: int = 200) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def focused(page, what: str = "id") -> str:
    return page.evaluate(f"() => document.activeElement.{what}")


def no_violations(page, where: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"{where}:\n{describe(violations)}"


def press_button(page, url_pattern: str) -> None:
    tab_to(page, "button.govuk-button")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(url_pattern))


def error_state(page, where: str, first_error: str, field_id: str) -> None:
    """The page refused what was sent: the summary has the focus, names the first problem, and
    its link leads to the field; axe checks the page in this state."""
    page.wait_for_selector(".govuk-error-summary")
    assert page.title().startswith("Error:")
    no_violations(page, f"{where} with errors")
    assert focused(page, "classList.contains('govuk-error-summary')")
    page.keyboard.press("Tab")
    assert focused(page, "textContent").strip().startswith(first_error)
    page.keyboard.press("Enter")
    assert focused(page) == field_id


def test_lead_sets_an_indicator_up_by_keyboard_alone(axe_page, plan, lead, owner, sign_in):
    action = ActionFactory(area__plan=plan, reference="2.1", title="Complete assessments on time")
    page = axe_page
    sign_in(page, "lead")
    page.goto(plan.get_absolute_url())
    tab_to(page, "a[href$='/indicators/new/']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/indicators/new/name/$"))

    # 1. Reference and title: sent empty, then typed.
    no_violations(page, "name page")
    tab_to(page, "button.govuk-button")
    page.keyboard.press("Enter")
    error_state(page, "name page", "Enter the indicator's reference", "id_reference")
    page.keyboard.type("PI 4")
    tab_to(page, "#id_title")
    page.keyboard.type("Assessments completed within 45 days")
    press_button(page, r"/indicators/new/definition/$")

    # 2. Definition and data source.
    no_violations(page, "definition page")
    tab_to(page, "#id_definition")
    page.keyboard.type("Assessments completed within 45 working days of referral.")
    tab_to(page, "#id_data_source")
    page.keyboard.type("Case management system")
    press_button(page, r"/indicators/new/unit/$")

    # 3. Unit, places and polarity: sent with nothing chosen, then chosen by arrow keys.
    no_violations(page, "unit page")
    tab_to(page, "button.govuk-button")
    page.keyboard.press("Enter")
    error_state(page, "unit page", "Choose the indicator's unit", "id_unit_0")
    page.keyboard.press("Space")  # Percentage
    assert page.is_checked("#id_unit_0")
    assert page.input_value("#id_decimal_places") == "1"  # as the model's default
    tab_to(page, "#id_polarity_0")
    page.keyboard.press("Space")  # Higher is better
    press_button(page, r"/indicators/new/frequency/$")

    # 4. Frequency; 5. owner (a select of the plan's people); 6. what it is meant to move.
    no_violations(page, "frequency page")
    tab_to(page, "#id_frequency_0")
    page.keyboard.press("Space")  # Monthly
    press_button(page, r"/indicators/new/owner/$")
    no_violations(page, "owner page")
    page.select_option("#id_owner", str(owner.pk))
    press_button(page, r"/indicators/new/links/$")
    no_violations(page, "links page")
    tab_to(page, "#id_actions_0")
    page.keyboard.press("Space")
    press_button(page, r"/indicators/new/check/$")

    # Check your answers, then add it.
    no_violations(page, "check your answers")
    body = page.locator("main").inner_text()
    for answer in ("PI 4", "Percentage", "Higher is better", "Monthly", "Head of Service", "2.1"):
        assert answer in body
    press_button(page, r"/indicators/\d+/$")
    assert "Added the indicator PI 4" in page.locator("main").inner_text()
    indicator = Indicator.objects.get(reference="PI 4")
    assert indicator.owner == owner and list(indicator.actions.all()) == [action]

    # March 2013's target: a tolerance reaching below zero is refused.
    tab_to(page, "a[href$='/targets/']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/targets/$"))
    no_violations(page, "targets page")
    tab_to(page, "a[href$='/targets/2013-03-01/']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/targets/2013-03-01/$"))
    no_violations(page, "target page")
    tab_to(page, "#id_value")
    page.keyboard.type("80")
    tab_to(page, "#id_tolerance")
    page.keyboard.type("90")
    tab_to(page, "button.govuk-button")
    page.keyboard.press("Enter")
    error_state(page, "target page", "For a higher-is-better indicator", "id_tolerance")
    page.keyboard.press("Control+A")
    page.keyboard.type("5")
    press_button(page, r"/targets/$")
    target = Target.objects.get(indicator=indicator)
    assert (target.value, target.tolerance) == (Decimal(80), Decimal(5))

    # The England average for March 2013: a figure beyond 100% is refused.
    tab_to(page, "a[href$='/comparators/2013-03-01/']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/comparators/2013-03-01/$"))
    no_violations(page, "comparator page")
    tab_to(page, "#id_kind_0")
    page.keyboard.press("Space")
    tab_to(page, "#id_value")
    page.keyboard.type("120")
    tab_to(page, "button.govuk-button")
    page.keyboard.press("Enter")
    error_state(page, "comparator page", "A percentage must be between 0 and 100", "id_value")
    page.keyboard.press("Control+A")
    page.keyboard.type("82.5")
    press_button(page, r"/targets/$")
    assert Comparator.objects.get(indicator=indicator).value == Decimal("82.5")
    assert "England average: 82.5%" in page.locator("main").inner_text()

    # Its details, changed from its page.
    page.goto(indicator.get_absolute_url())
    tab_to(page, "a[href$='/details/']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/details/$"))
    no_violations(page, "details page")
    tab_to(page, "a[href$='/details/name/']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/details/name/$"))
    tab_to(page, "#id_title")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    tab_to(page, "button.govuk-button")
    page.keyboard.press("Enter")
    error_state(page, "details question", "Enter the indicator's title", "id_title")
    page.keyboard.type("Assessments within 45 working days")
    press_button(page, r"/details/$")
    no_violations(page, "check your changes")
    press_button(page, rf"{indicator.get_absolute_url()}$")
    indicator.refresh_from_db()
    assert indicator.title == "Assessments within 45 working days"
