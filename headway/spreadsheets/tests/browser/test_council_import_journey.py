"""An administrator imports a council's own workbook in the browser: upload, say what one column
holds by hand, give the date the progress is as at, match a name Headway does not know to a
person, check what it will do, confirm, and arrive at the plan. axe-core finds no WCAG 2.2 AA
violation on any page, the error states included."""

import datetime as dt

import pytest
from django.urls import reverse

from headway.plans.models import Action, ReviewRound
from headway.plans.tests.browser.conftest import axe_violations, describe
from headway.spreadsheets.tests.council import council_rows, council_workbook
from headway.testing.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page) -> None:
    violations = axe_violations(page)
    assert not violations, describe(violations)


def _continue_from_job(page) -> None:
    """The import runs in the background; its page leads on when done."""
    page.wait_for_selector(".govuk-notification-banner")
    _check(page)
    page.get_by_role("link", name="Continue").click()


@pytest.fixture
def quality_manager(db):
    UserFactory(username="sg-lead", first_name="Safeguarding", last_name="Lead")
    return UserFactory(
        username="qm",
        first_name="Quality",
        last_name="Manager",
        email="quality.manager@example.org",
    )


def test_a_council_workbook_imported_in_the_browser(
    axe_page, plan, admin_user, quality_manager, tmp_path, sign_in
):
    page = axe_page
    rows = council_rows(**{"2.2": {"Lead officer": "Interim Service Manager"}})
    workbook = tmp_path / "council.xlsx"
    workbook.write_bytes(council_workbook(rows))
    sign_in(page, "admin")

    page.goto(reverse("spreadsheets:import", kwargs={"slug": plan.slug}))
    _check(page)
    page.set_input_files("#id_file", str(workbook))
    page.get_by_role("button", name="Upload and continue").click()

    # What each column holds: Notes chosen as the owner too is refused, naming the field.
    page.wait_for_selector("text=What each column holds")
    _check(page)
    assert page.input_value("#id_column_3") == "owner"
    page.select_option("#id_column_7", "owner")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_selector(".govuk-error-summary")
    assert "both chosen as Owner" in page.content()
    _check(page)
    page.select_option("#id_column_7", "objective")  # by hand: the Notes are objectives
    page.get_by_role("button", name="Continue").click()

    # The as-at date, from the title row; a date outside the plan is refused.
    page.wait_for_selector("text=What date is the progress in this file as at?")
    assert page.input_value("#id_as_at_0") == "31"
    _check(page)
    page.fill("#id_as_at_2", "2014")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_selector(".govuk-error-summary")
    assert "outside the plan" in page.content()
    _check(page)
    page.fill("#id_as_at_2", "2013")
    page.get_by_role("button", name="Continue").click()  # the check's job page goes on by itself

    # The one name Headway does not know, matched to a person.
    page.wait_for_selector("text=Owners Headway does not know")
    _check(page)
    page.select_option("#id_owner_0", str(quality_manager.pk))
    page.get_by_role("button", name="Continue").click()

    # Check your answers, then confirm.
    page.wait_for_selector("text=Check the import before it is written")
    _check(page)
    assert "Interim Service Manager is Quality Manager" in page.content()
    assert not Action.objects.filter(plan=plan).exists()
    page.get_by_role("button", name="Confirm import").click()
    _continue_from_job(page)

    page.wait_for_url(f"**{reverse('plans:plan', kwargs={'slug': plan.slug})}")
    assert plan.title in page.content()
    assert Action.objects.get(plan=plan, reference="2.2").owner == quality_manager
    assert ReviewRound.objects.get(plan=plan).as_at == dt.date(2013, 3, 31)


def test_every_problem_is_shown_in_the_browser(axe_page, plan, admin_user, quality_manager,
                                               tmp_path, sign_in):  # fmt: skip
    page = axe_page
    rows = council_rows(**{"1.1": {"By when": "31/02/2013"}, "1.2": {"RAG": "Purple"}})
    workbook = tmp_path / "council.xlsx"
    workbook.write_bytes(council_workbook(rows))
    sign_in(page, "admin")
    page.goto(reverse("spreadsheets:import", kwargs={"slug": plan.slug}))
    page.set_input_files("#id_file", str(workbook))
    page.get_by_role("button", name="Upload and continue").click()
    page.get_by_role("button", name="Continue").click()  # the columns as suggested
    page.get_by_role("button", name="Continue").click()  # the as-at date from the title

    page.wait_for_selector(".govuk-error-summary")
    assert "28 days" in page.content() and "Purple" in page.content()
    _check(page)
    page.locator(".govuk-error-summary a").first.click()
    assert page.url.endswith("#problem-1")
    assert not Action.objects.exists()
