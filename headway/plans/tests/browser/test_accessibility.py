"""axe-core finds no WCAG 2.2 AA violation on any type of page, error states included."""

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from headway.plans.choices import Status, UpdateState
from headway.testing.factories import ProgressUpdateFactory

from .conftest import axe_violations, describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _submitted(story) -> None:
    """A submitted update, so the approvals queue and its decision form are on the page."""
    ProgressUpdateFactory(
        action=story.action,
        round=story.round,
        state=UpdateState.SUBMITTED,
        status=Status.LIMITED_PROGRESS_RISK,
        narrative="Training was cancelled.",
    )


def _submit_empty(page) -> None:
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_selector(".govuk-error-summary")


def _return_without_comment(page) -> None:
    page.locator("button[value=return]").first.click()
    page.wait_for_selector(".govuk-error-summary")


def _save_over_a_newer_version(page) -> None:
    """Someone else saves the action after this page was read; then this page saves."""
    from headway.plans.models import Action
    from headway.plans.services import action_update

    action = Action.objects.get(pk=int(page.url.rstrip("/").split("/")[-2]))
    action_update(
        action=action, by=None, expected_version=action.version, changes={"objective": "Newer."}
    )
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_selector("#conflict")


def _save_without_a_title(page) -> None:
    page.fill("#id_title", "")
    page.fill("#id_due_date_0", "40")
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_selector(".govuk-error-summary")


def _sign_in_empty(page) -> None:
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector(".govuk-error-summary")


def _change_password_empty(page) -> None:
    page.get_by_role("button", name="Change password").click()
    page.wait_for_selector(".govuk-error-summary")


def _slug(story) -> dict[str, Any]:
    return {"slug": story.plan.slug}


# name: (who signs in, the address, data to add first, what to do on the page first)
PAGES: dict[str, tuple[str | None, Callable, Callable | None, Callable | None]] = {
    "sign-in": (None, lambda s: reverse("login"), None, None),
    "sign-in with errors": (None, lambda s: reverse("login"), None, _sign_in_empty),
    "change password with errors": (
        "reader",
        lambda s: reverse("password_change"),
        None,
        _change_password_empty,
    ),
    "home, administrator": ("admin", lambda s: reverse("home"), None, None),
    "plan, administrator": ("admin", lambda s: s.plan.get_absolute_url(), None, None),
    "action, administrator": ("admin", lambda s: s.other_action.get_absolute_url(), None, None),
    "years": ("lead", lambda s: reverse("rollover:years", kwargs=_slug(s)), None, None),
    "home": ("owner", lambda s: reverse("home"), None, None),
    "plan": ("lead", lambda s: s.plan.get_absolute_url(), None, None),
    "area": (
        "reader",
        lambda s: reverse("plans:area", kwargs=_slug(s) | {"number": 1}),
        None,
        None,
    ),
    "action": ("owner", lambda s: s.action.get_absolute_url(), None, None),
    "actions list": ("reader", lambda s: reverse("plans:actions", kwargs=_slug(s)), None, None),
    "inspections": ("reader", lambda s: reverse("inspections:inspections"), None, None),
    "inspection": ("reader", lambda s: s.inspection.get_absolute_url(), None, None),
    "risk register": ("reader", lambda s: reverse("risks:register", kwargs=_slug(s)), None, None),
    "record progress": (
        "owner",
        lambda s: reverse("progress:record", kwargs=_slug(s) | {"pk": s.action.pk}),
        None,
        None,
    ),
    "record progress with errors": (
        "owner",
        lambda s: reverse("progress:record", kwargs=_slug(s) | {"pk": s.action.pk}),
        None,
        _submit_empty,
    ),
    "record progress, submitted": (
        "owner",
        lambda s: reverse("progress:record", kwargs=_slug(s) | {"pk": s.action.pk}),
        _submitted,
        None,
    ),
    "approvals": (
        "lead",
        lambda s: reverse("progress:approvals", kwargs=_slug(s)),
        _submitted,
        None,
    ),
    "approvals with errors": (
        "lead",
        lambda s: reverse("progress:approvals", kwargs=_slug(s)),
        _submitted,
        _return_without_comment,
    ),
    "close round": (
        "lead",
        lambda s: reverse("progress:round_close", kwargs=_slug(s) | {"pk": s.round.pk}),
        None,
        None,
    ),
    "action edit": (
        "lead",
        lambda s: reverse("plans:action_edit", kwargs=_slug(s) | {"pk": s.action.pk}),
        None,
        None,
    ),
    "action edit with errors": (
        "lead",
        lambda s: reverse("plans:action_edit", kwargs=_slug(s) | {"pk": s.action.pk}),
        None,
        _save_without_a_title,
    ),
    "action edit, both versions shown": (
        "lead",
        lambda s: reverse("plans:action_edit", kwargs=_slug(s) | {"pk": s.action.pk}),
        None,
        _save_over_a_newer_version,
    ),
    "risk register, all risks": (
        "admin",
        lambda s: reverse("risks:register", kwargs=_slug(s)) + "?show=all",
        None,
        None,
    ),
    "risk edit": (
        "owner",
        lambda s: reverse("risks:edit", kwargs=_slug(s) | {"pk": s.risk.pk}),
        None,
        None,
    ),
    "not found": ("reader", lambda s: "/plans/no-such-plan/", None, None),
}


@pytest.mark.parametrize("name", list(PAGES))
def test_no_accessibility_violations(axe_page, story, name, sign_in):
    user, url, prepare, act = PAGES[name]
    if prepare:
        prepare(story)
    if user:
        sign_in(axe_page, user)
    axe_page.goto(url(story))
    if act:
        act(axe_page)
    violations = axe_violations(axe_page)
    if violations:
        print(f"\naxe violations on {name} ({url(story)}):\n{describe(violations)}")
    assert violations == [], describe(violations)
