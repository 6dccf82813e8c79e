"""Recording and approving progress by keyboard alone: Tab, arrow keys, Space and Enter."""

import re

import pytest

from headway.plans.choices import UpdateState
from headway.plans.models import ProgressUpdate
from headway.risks.models import Risk

from .conftest import sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab_to(page, selector: str, limit: int = 200) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def focused_id(page) -> str:
    return page.evaluate("() => document.activeElement.id")


def test_owner_records_progress_and_lead_approves_by_keyboard_alone(page, story, sign_in):
    sign_in(page, "owner")
    page.goto(story.action.get_absolute_url())
    tab_to(page, "a.govuk-button[href$='/progress/']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/progress/$"))

    # Submitting the empty form: the error summary takes the focus and its links lead to fields.
    tab_to(page, "button[value=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".govuk-error-summary")
    assert page.evaluate("() => document.activeElement.classList.contains('govuk-error-summary')")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent").startswith("Choose one")
    page.keyboard.press("Enter")
    assert focused_id(page) == "id_mode_0"

    # A split: arrow keys move through the radios; the shares' selects change with arrows too.
    page.keyboard.press("ArrowDown")
    assert page.is_checked("#id_mode_1")
    assert page.is_visible("#conditional-mode-split")
    tab_to(page, "#id_share_significant_progress")
    for _ in range(4):  # None → Whole → ¾ → ⅔ → ½
        page.keyboard.press("ArrowDown")
    tab_to(page, "#id_share_limited_progress_risk")
    for _ in range(4):
        page.keyboard.press("ArrowDown")
    assert page.input_value("#id_share_limited_progress_risk") == "1/2"

    tab_to(page, "#id_narrative")
    page.keyboard.type("Two of four teams use the model.")
    tab_to(page, "#id_risk_cause")
    page.keyboard.type("Training sessions were cancelled.")
    tab_to(page, "#id_risk_impact")
    page.keyboard.type("Two teams start late.")
    tab_to(page, "#id_risk_mitigation")
    page.keyboard.type("A second provider is booked.")
    tab_to(page, "#id_risk_escalated_0")
    page.keyboard.press("Space")
    assert page.is_visible("#id_risk_escalated_to")
    tab_to(page, "#id_risk_escalated_to")
    page.keyboard.type("Local Safeguarding Children Board")
    for part, value in (("0", "4"), ("1", "3"), ("2", "2013")):
        tab_to(page, f"#id_risk_escalated_on_{part}")
        page.keyboard.type(value)
    tab_to(page, "button[value=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"{story.action.get_absolute_url()}$"))

    update = ProgressUpdate.objects.get(action=story.action, round=story.round)
    assert update.state == UpdateState.SUBMITTED
    assert (update.share_significant_progress, update.share_limited_progress_risk) == (30, 30)
    assert Risk.objects.get(raised_in=update).escalated_on.isoformat() == "2013-03-04"
    sign_out(page)

    sign_in(page, "lead")
    page.goto(f"/plans/{story.plan.slug}/approvals/")
    tab_to(page, "button[value=approve]")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=No submitted updates are waiting")
    update.refresh_from_db()
    assert update.state == UpdateState.APPROVED
