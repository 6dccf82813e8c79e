"""axe-core finds no WCAG 2.2 AA violation on the report pages, from draft to published list."""

import pytest
from django.urls import reverse

from headway.plans.tests.browser.conftest import axe_violations, describe
from headway.reports.models import CommitteeReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page) -> None:
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_lead_drafts_edits_previews_and_publishes(axe_page, source, settings, tmp_path, sign_in):
    settings.MEDIA_ROOT = tmp_path
    sign_in(axe_page, "lead")
    axe_page.goto(reverse("reports:list", kwargs={"slug": source.plan.slug}))
    _check(axe_page)

    axe_page.get_by_role("button", name="Draft a report for a round").click()
    _check(axe_page)
    axe_page.get_by_role("button", name="Create the draft").click()
    axe_page.wait_for_selector("text=Edit the draft report")
    _check(axe_page)

    axe_page.get_by_role("button", name="Save the draft").click()
    axe_page.wait_for_selector(".app-report")
    assert "21½" in axe_page.content()
    _check(axe_page)

    axe_page.get_by_role("button", name="Publish").click()
    _check(axe_page)
    # Sent without saying so, an incomplete front sheet is refused, naming the empty fields.
    axe_page.get_by_role("button", name="Publish the report").click()
    axe_page.wait_for_selector(".govuk-error-summary")
    assert "Decision Maker" in axe_page.locator(".govuk-error-summary").inner_text()
    _check(axe_page)
    axe_page.get_by_label("Publish with these fields empty").check()
    axe_page.get_by_role("button", name="Publish the report").click()
    # The worker publishes; the job's page says when it is done and leads to the report.
    axe_page.wait_for_selector("text=Report published: its content and figures are frozen.")
    _check(axe_page)
    axe_page.get_by_role("link", name="Continue").click()
    axe_page.wait_for_selector("text=Start a new edition", timeout=60000)
    _check(axe_page)
    report = CommitteeReport.objects.get(round=source.round)
    assert report.state == "published" and report.files.count() == 4


def test_the_body_pages_have_no_violations(axe_page, source, settings, tmp_path, sign_in):
    """The sections and paragraphs page, adding, changing and moving a paragraph, a section's
    page and drafting again: each checked with axe, each step done as an officer would."""
    from headway.reports.services import report_create_draft

    settings.MEDIA_ROOT = tmp_path
    report = report_create_draft(plan=source.plan, round=source.round, by=source.lead)
    sign_in(axe_page, "lead")
    axe_page.goto(reverse("reports:body", kwargs={"pk": report.pk}))
    _check(axe_page)

    axe_page.get_by_role("link", name="Add a paragraph after 3.5").click()
    _check(axe_page)
    axe_page.get_by_label("Your paragraph").fill("Written after the table, in the browser.")
    axe_page.get_by_role("button", name="Add", exact=True).click()
    axe_page.wait_for_selector("text=Written after the table, in the browser.")
    _check(axe_page)
    report.refresh_from_db()
    assert report.body[2]["blocks"][5]["text"] == "Written after the table, in the browser."

    axe_page.get_by_role("link", name="Change officer's paragraph 3.6").click()
    _check(axe_page)
    axe_page.get_by_role("button", name="Save").click()
    axe_page.get_by_role("link", name="Change the heading of section 3").click()
    _check(axe_page)
    axe_page.get_by_role("button", name="Save the section").click()
    axe_page.get_by_role("button", name="Remove", exact=True).first.click()
    axe_page.wait_for_selector("text=cannot be put back")
    _check(axe_page)
    axe_page.get_by_role("link", name="No, keep it").click()
    axe_page.get_by_role("button", name="Draft the commentary again from today's data").click()
    _check(axe_page)


def test_the_indicators_figure_and_its_page_have_no_violations(
    axe_page, source, settings, tmp_path, sign_in
):
    """The preview with the performance indicators (scorecard, "Illustrative figures", trend
    charts) and the figure's page asking which indicators have a chart."""
    import datetime as dt

    from headway.indicators.models import Indicator
    from headway.reports import body as bodies
    from headway.reports.services import report_body_save, report_create_draft
    from headway.testing.bulk import add_indicators

    settings.MEDIA_ROOT = tmp_path
    add_indicators(source.plan, count=3, last=dt.date(2013, 3, 1))
    Indicator.objects.filter(plan=source.plan).update(illustrative=True)
    report = report_create_draft(plan=source.plan, round=source.round, by=source.lead)
    figure = bodies.block(bodies.PLACED_KIND, "indicators")
    report = report_body_save(
        report=report,
        by=source.lead,
        expected_version=report.version,
        body=bodies.add_blocks(report.body, new=[figure], section_id=report.body[2]["id"]),
    )
    sign_in(axe_page, "lead")

    axe_page.goto(reverse("reports:report", kwargs={"pk": report.pk}))
    axe_page.wait_for_selector(".app-report__indicators")
    assert axe_page.locator(".app-report__indicator-chart img").count() == 3
    assert "Illustrative figures" in axe_page.content()
    _check(axe_page)

    axe_page.goto(reverse("reports:body_block", kwargs={"pk": report.pk, "block_id": figure["id"]}))
    axe_page.get_by_label("PI 2 Generated indicator 2").check()
    _check(axe_page)
    axe_page.get_by_role("button", name="Save").click()
    axe_page.wait_for_selector("text=Paragraph saved.")
    _check(axe_page)
