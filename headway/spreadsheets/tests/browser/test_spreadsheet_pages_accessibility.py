"""axe-core finds no WCAG 2.2 AA violation on the spreadsheet pages, error and preview included."""

import pytest
from django.urls import reverse

from headway.plans.models import Action
from headway.plans.tests.browser.conftest import axe_violations, describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page) -> None:
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_spreadsheets_page_for_an_administrator_and_an_owner(
    axe_page, story, admin_user, owner, sign_in
):
    sign_in(axe_page, "admin")
    axe_page.goto(reverse("spreadsheets:index", kwargs={"slug": story.plan.slug}))
    assert axe_page.get_by_role("button", name="Import a spreadsheet").is_visible()
    _check(axe_page)

    axe_page.context.clear_cookies()
    sign_in(axe_page, "owner")
    axe_page.goto(reverse("spreadsheets:index", kwargs={"slug": story.plan.slug}))
    assert axe_page.get_by_role("link", name="Send back a filled sheet").is_visible()
    _check(axe_page)


def test_import_refusal_at_upload(axe_page, story, admin_user, owner, tmp_path, sign_in):
    sign_in(axe_page, "admin")
    axe_page.goto(reverse("spreadsheets:import", kwargs={"slug": story.plan.slug}))
    _check(axe_page)

    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a workbook")
    axe_page.set_input_files("#id_file", str(bad))
    axe_page.get_by_role("button", name="Upload and continue").click()
    axe_page.wait_for_selector(".govuk-error-summary")
    assert "damaged" in axe_page.content()
    _check(axe_page)
    assert not Action.objects.filter(reference="3.1").exists()
