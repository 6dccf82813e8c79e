"""An owner records progress by keyboard alone, page by page, to "check your answers" and
submitted; axe-core finds no WCAG 2.2 AA violation on any page nor on one error state of each."""

import re

import pytest

from headway.plans.choices import UpdateState
from headway.plans.models import ProgressUpdate
from headway.progress.services import progress_draft_save_step
from headway.risks.models import Risk

from .conftest import axe_violations, describe

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


def press_continue(page, url_pattern: str | None = None) -> None:
    tab_to(page, "button.govuk-button")
    page.keyboard.press("Enter")
    if url_pattern:
        page.wait_for_url(re.compile(url_pattern))
    else:
        page.wait_for_load_state()


def error_state(page, where: str, first_error: str, field_id: str) -> None:
    """The page refused what was sent: the summary has the focus, names the first problem and
    its link leads to the field; axe checks the page in this state."""
    page.wait_for_selector(".govuk-error-summary")
    assert page.title().startswith("Error:")
    no_violations(page, f"{where} with errors")
    assert focused(page, "classList.contains('govuk-error-summary')")
    page.keyboard.press("Tab")
    assert focused(page, "textContent").strip().startswith(first_error)
    page.keyboard.press("Enter")
    assert focused(page) == field_id


def test_owner_records_progress_by_keyboard_alone(axe_page, story, sign_in):
    page = axe_page
    sign_in(page, "owner")
    page.goto(story.action.get_absolute_url())
    no_violations(page, "action page")
    tab_to(page, "a.govuk-button[href$='/progress/']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/progress/status/$"))
    caption = page.locator(".govuk-caption-l").inner_text()
    assert caption == f"{story.round.title} — action {story.action.reference}"

    # 1. Status. Sent with nothing chosen: an error, then a split chosen by arrow keys.
    no_violations(page, "status page")
    press_continue(page)
    error_state(page, "status page", "Choose the action", "id_status_0")
    # The shares are a conditional reveal under the split: hidden until it is chosen, and
    # without the aria-expanded GOV.UK Frontend would put on the radio (axe refuses it).
    assert not page.is_visible("#id_share_significant_progress")
    assert page.get_attribute("#id_status_5", "aria-controls") == "conditional-id_status_5"
    assert page.locator("input[type=radio][aria-expanded]").count() == 0
    for _ in range(5):  # Achieved → … → Dropped → Split
        page.keyboard.press("ArrowDown")
    assert page.is_checked("#id_status_5")
    assert page.is_visible("#id_share_significant_progress")
    no_violations(page, "status page, split revealed")
    tab_to(page, "#id_share_significant_progress")
    for _ in range(4):  # None → Whole → ¾ → ⅔ → ½
        page.keyboard.press("ArrowDown")
    tab_to(page, "#id_share_limited_progress_risk")
    for _ in range(4):
        page.keyboard.press("ArrowDown")
    assert page.input_value("#id_share_limited_progress_risk") == "1/2"
    press_continue(page, r"/progress/narrative/$")
    draft = ProgressUpdate.objects.get(action=story.action, round=story.round)
    assert draft.state == UpdateState.DRAFT and draft.version == 1  # saved already

    # 2. Narrative and evidence.
    no_violations(page, "narrative page")
    press_continue(page)
    error_state(page, "narrative page", "Say what progress has been made", "id_narrative")
    page.keyboard.type("Two of four teams use the model.")
    tab_to(page, "#id_evidence_link_url")
    page.keyboard.type("https://intranet.example.org/practice-model")
    press_continue(page, r"/progress/risk/$")

    # 3. Risk: the status includes Limited progress / risk. The plan's open risk is listed
    # first; a new risk is the next choice, its fields revealed when it is chosen.
    no_violations(page, "risk page")
    press_continue(page)
    error_state(page, "risk page", "Choose a risk to link", "id_risk_choice_0")
    assert not page.is_visible("#id_risk_cause")
    page.keyboard.press("ArrowDown")  # the open risk → Raise a new risk
    assert page.is_checked("#id_risk_choice_1") and page.is_visible("#id_risk_cause")
    no_violations(page, "risk page, new risk revealed")
    press_continue(page)
    error_state(page, "risk page", "Say why progress is limited", "id_risk_cause")
    page.keyboard.type("Training sessions were cancelled.")
    tab_to(page, "#id_risk_impact")
    page.keyboard.type("Two teams start late.")
    tab_to(page, "#id_risk_mitigation")
    page.keyboard.type("A second provider is booked.")
    tab_to(page, "#id_risk_escalated_0")
    page.keyboard.press("Space")
    assert page.is_visible("#id_risk_escalated_to")
    no_violations(page, "risk page, escalation revealed")
    tab_to(page, "#id_risk_escalated_to")
    page.keyboard.type("Local Safeguarding Children Board")
    for part, value in (("0", "4"), ("1", "3"), ("2", "2013")):
        tab_to(page, f"#id_risk_escalated_on_{part}")
        page.keyboard.type(value)
    press_continue(page, r"/progress/milestones/$")

    # 4. Milestones and timescale: a revised timescale without its reason is refused.
    no_violations(page, "milestones page")
    milestone = story.action.milestones.get()
    for part, value in (("0", "28"), ("1", "1"), ("2", "2013")):
        tab_to(page, f"#id_milestone_{milestone.pk}_{part}")
        page.keyboard.type(value)
    tab_to(page, "#id_revised_timescale")
    page.keyboard.type("June 2013")
    press_continue(page)
    error_state(page, "milestones page", "Say why the timescale has changed", "id_revision_reason")
    page.keyboard.type("Training moved to the spring.")
    press_continue(page, r"/progress/check/$")

    # 5. Check your answers, then send. Someone else saves the draft meanwhile: refused, and
    # the page shows the saved answers to check again.
    no_violations(page, "check your answers")
    body = page.locator("main").inner_text()
    for answer in (
        "½ Significant progress, ½ Limited progress / risk",
        "Two of four teams use the model.",
        "Training sessions were cancelled.",
        "To Local Safeguarding Children Board on 4 March 2013",
        "Done 28 January 2013",
        "June 2013",
    ):
        assert answer in body
    draft.refresh_from_db()
    progress_draft_save_step(
        action=story.action,
        round=story.round,
        by=draft.author,
        draft=draft,
        expected_version=draft.version,
        narrative="Two of four teams use the model; a third starts in April.",
    )
    press_continue(page)
    page.wait_for_selector(".govuk-error-summary")
    assert page.title().startswith("Error:")
    no_violations(page, "check your answers, refused as stale")
    assert "a third starts in April" in page.locator("main").inner_text()
    assert ProgressUpdate.objects.get(pk=draft.pk).state == UpdateState.DRAFT

    press_continue(page, rf"{story.action.get_absolute_url()}$")
    assert "was sent to the plan lead" in page.locator("main").inner_text()
    no_violations(page, "action page after sending")
    update = ProgressUpdate.objects.get(pk=draft.pk)
    assert update.state == UpdateState.SUBMITTED
    assert (update.share_significant_progress, update.share_limited_progress_risk) == (30, 30)
    assert update.evidence.get().url == "https://intranet.example.org/practice-model"
    assert Risk.objects.get(raised_in=update).escalated_on.isoformat() == "2013-03-04"
    milestone.refresh_from_db()
    assert milestone.done_on.isoformat() == "2013-01-28"


def test_owner_links_an_open_risk_or_says_why_none_by_keyboard(axe_page, story, sign_in):
    from headway.plans.assessment import Assessment
    from headway.plans.choices import Status
    from headway.risks.models import RiskLink

    progress_draft_save_step(
        action=story.action,
        round=story.round,
        by=story.action.owner,
        draft=None,
        expected_version=None,
        assessment=Assessment.single(Status.LIMITED_PROGRESS_RISK),
        narrative="Recruitment of trainers has stalled.",
    )
    open_risk = Risk.objects.get(title="Recruitment market")
    page = axe_page
    sign_in(page, "owner")
    risk_url = f"{story.action.get_absolute_url()}progress/risk/"
    page.goto(risk_url)
    no_violations(page, "risk page with an open risk to link")
    assert "Recruitment market" in page.locator("main").inner_text()

    # No risk: the reason is revealed, required, and kept on the update.
    tab_to(page, "#id_risk_choice_0")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # → No risk is raised
    assert page.is_checked("#id_risk_choice_2") and page.is_visible("#id_no_risk_reason")
    assert not page.is_visible("#id_risk_cause")
    no_violations(page, "risk page, reason revealed")
    press_continue(page)
    error_state(page, "risk page", "Say why no risk is raised", "id_no_risk_reason")
    page.keyboard.type("Only a month's slippage; the outcome is not at risk.")
    press_continue(page, r"/progress/milestones/$")
    draft = ProgressUpdate.objects.get(action=story.action, round=story.round)
    assert draft.no_risk_reason == "Only a month's slippage; the outcome is not at risk."

    # Changed to the open risk: the action joins it, and check your answers says so.
    page.goto(risk_url)
    tab_to(page, "#id_risk_choice_2")  # the checked radio holds the group's focus
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")  # → the open risk
    assert page.is_checked("#id_risk_choice_0")
    press_continue(page, r"/progress/milestones/$")
    assert RiskLink.objects.get(update=draft).risk == open_risk
    assert open_risk.actions.filter(pk=story.action.pk).exists()
    assert ProgressUpdate.objects.get(pk=draft.pk).no_risk_reason == ""
    page.goto(f"{story.action.get_absolute_url()}progress/check/")
    no_violations(page, "check your answers with a linked risk")
    assert "Linked to an open risk: Recruitment market" in page.locator("main").inner_text()
