"""Approving progress by keyboard alone: Tab and Enter."""

import pytest

from headway.plans.choices import UpdateState

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


def test_lead_approves_by_keyboard_alone(page, story, sign_in):
    """The owner's side, page by page, is headway/progress/tests/browser."""
    from headway.plans.choices import Status
    from headway.testing.factories import ProgressUpdateFactory

    update = ProgressUpdateFactory(
        action=story.action,
        round=story.round,
        state=UpdateState.SUBMITTED,
        status=Status.SIGNIFICANT_PROGRESS,
        narrative="Two of four teams use the model.",
    )
    sign_in(page, "lead")
    page.goto(f"/plans/{story.plan.slug}/approvals/")
    tab_to(page, "button[value=approve]")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=No submitted updates are waiting")
    update.refresh_from_db()
    assert update.state == UpdateState.APPROVED
