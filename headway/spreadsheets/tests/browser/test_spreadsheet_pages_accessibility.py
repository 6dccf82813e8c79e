"""axe-core finds no WCAG 2.2 AA violation on the spreadsheet pages, error and preview included."""

import pytest
from django.urls import reverse

from headway.plans.models import Action
from headway.plans.tests.browser.conftest import axe_violations, describe
from headway.spreadsheets.tests.files import HEADER, action_row, xlsx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page) -> None:
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_spreadsheets_page_for_an_administrator_and_an_owner(
    axe_page, story, admin_user, owner, sign_in
):
    sign_in(axe_page, "admin")
    axe_page.goto(reverse("spreadsheets:index", kwargs={"slug": story.plan.slug}))
    assert axe_page.get_by_role("link", name="Import a spreadsheet").is_visible()
    _check(axe_page)

    axe_page.context.clear_cookies()
    sign_in(axe_page, "owner")
    axe_page.goto(reverse("spreadsheets:index", kwargs={"slug": story.plan.slug}))
    assert axe_page.get_by_role("link", name="Send back a filled sheet").is_visible()
    _check(axe_page)


def test_import_refusal_and_preview(axe_page, story, admin_user, owner, tmp_path, sign_in):
    sign_in(axe_page, "admin")
    axe_page.goto(reverse("spreadsheets:import", kwargs={"slug": story.plan.slug}))
    _check(axe_page)

    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx([HEADER, action_row("3.1", Timescale="31/02/2013")]))
    axe_page.set_input_files("#id_file", str(bad))
    axe_page.get_by_role("button", name="Upload and check the file").click()
    axe_page.wait_for_selector(".govuk-error-summary")  # the check's job page
    assert "28 days" in axe_page.content()
    _check(axe_page)
    axe_page.get_by_role("link", name="Upload a corrected file").click()

    good = tmp_path / "good.xlsx"
    good.write_bytes(xlsx([HEADER, action_row("3.1")]))
    axe_page.set_input_files("#id_file", str(good))
    axe_page.get_by_role("button", name="Upload and check the file").click()
    axe_page.wait_for_selector("text=Would create")
    _check(axe_page)
    assert not Action.objects.filter(reference="3.1").exists()

    axe_page.get_by_role("button", name="Confirm and apply these changes").click()
    axe_page.wait_for_selector(".govuk-notification-banner")
    assert Action.objects.filter(plan=story.plan, reference="3.1").exists()
