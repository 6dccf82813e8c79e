"""Setting a plan up in a real browser, axe-checked on every page: an administrator creates a
plan with one outcome area and a review round and invites a reader by e-mail; the reader sets
a password from the e-mailed link, signs in and sees the plan."""

import re

import pytest
from django.core import mail

from headway.plans.models import Plan, PlanMembership

from .conftest import axe_violations, describe, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

READER_PASSWORD = "a-long-reader-password-31"


def _accessible(page) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe on {page.url}:\n{describe(violations)}"


def _continue(page, name: str = "Continue") -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


def test_an_administrator_sets_up_a_plan_and_the_invited_reader_sees_it(
    axe_page, admin_user, sign_in
):
    page = axe_page
    sign_in(page, "admin")
    page.goto("/")
    _accessible(page)
    page.get_by_role("button", name="Create a plan").click()

    # One question a page, then check your answers.
    _accessible(page)
    page.get_by_label("What is the plan called?").fill("Adult Social Care Plan 2014/15")
    page.get_by_label("Division or service").fill("Adult Social Care")
    _continue(page)
    assert page.get_by_label("Web address of the plan").input_value() == (
        "adult-social-care-plan-201415"
    )
    _accessible(page)
    page.get_by_label("Web address of the plan").fill("asc-2014-15")
    _continue(page)
    for box, value in (("start_0", "1"), ("start_1", "4"), ("start_2", "2015")):
        page.fill(f"#id_period_{box}", value)
    for box, value in (("end_0", "31"), ("end_1", "3"), ("end_2", "2015")):
        page.fill(f"#id_period_{box}", value)
    _continue(page)
    assert page.locator(".govuk-error-summary").is_visible()  # it must end after it starts
    _accessible(page)
    page.fill("#id_period_start_2", "2014")
    _continue(page)
    assert "Check your answers before creating the plan" in page.content()
    _accessible(page)
    _continue(page, "Create the plan")

    plan = Plan.objects.get(slug="asc-2014-15")
    assert page.url.endswith(f"/plans/{plan.slug}/manage/")
    _accessible(page)

    # Details, as a summary with Change links.
    page.get_by_role("link", name="Details").click()
    _accessible(page)
    page.go_back()

    # One outcome area.
    page.get_by_role("link", name="Outcome areas").click()
    _accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Add an outcome area").click()
    _accessible(page)
    page.get_by_label("Title of the outcome area").fill("Safeguarding adults")
    page.get_by_label("Short title").fill("Safeguarding")
    _continue(page, "Add the area")
    assert "Safeguarding adults" in page.content()
    page.get_by_role("link", name="Change outcome area 1").click()
    _accessible(page)
    page.get_by_role("link", name="Back").click()
    page.get_by_role("link", name="Back to setting up the plan").click()

    # One review round.
    page.get_by_role("link", name="Review rounds").click()
    _accessible(page)
    page.get_by_role("button", name="Open a round").click()
    _accessible(page)
    page.get_by_label("Title of the round").fill("Update to committee, 30 September 2014")
    for prefix, (day, month) in (("as_at", ("30", "9")), ("deadline", ("16", "9"))):
        page.fill(f"#id_{prefix}_0", day)
        page.fill(f"#id_{prefix}_1", month)
        page.fill(f"#id_{prefix}_2", "2014")
    _continue(page)
    _accessible(page)
    _continue(page, "Open the round")
    assert "Opened Update to committee, 30 September 2014" in page.content()
    _accessible(page)
    page.get_by_role("link", name="Back to setting up the plan").click()

    # A reader who has no account yet, invited by e-mail.
    page.get_by_role("link", name="People and roles").click()
    _accessible(page)
    page.get_by_role("button", name="Add a person").click()
    _accessible(page)
    page.get_by_label("What is their name or e-mail address?").fill(
        "committee.member@example.gov.uk"
    )
    _continue(page)
    _accessible(page)
    page.get_by_label("Full name").fill("Committee Member")
    _continue(page)
    _accessible(page)
    page.get_by_label("Reader").check()
    _continue(page)
    _accessible(page)
    _continue(page, "Send the invitation and add to the plan")
    assert "Committee Member is now reader on this plan" in page.content()
    _accessible(page)
    assert plan.areas.count() == 1 and plan.rounds.filter(closed_at__isnull=True).count() == 1
    member = PlanMembership.objects.get(plan=plan, role="reader").user

    # The reader follows the e-mailed link, sets a password, signs in and sees the plan.
    (message,) = mail.outbox
    link = re.search(r"https?://\S+/accounts/password/set/\S+/", message.body).group(0)
    sign_out(page)
    page.goto(link)
    _accessible(page)
    page.get_by_label("Choose a password").fill(READER_PASSWORD)
    page.get_by_label("Type the password again").fill(READER_PASSWORD)
    _continue(page, "Set password")
    assert "Your password is set" in page.content()
    _accessible(page)
    page.get_by_role("button", name="Sign in").click()
    page.fill("#id_username", member.username)
    page.fill("#id_password", READER_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(plan.get_absolute_url())
    assert page.locator("h1").first.inner_text().strip().endswith("Adult Social Care Plan 2014/15")
