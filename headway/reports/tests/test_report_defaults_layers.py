"""What a new report starts from: the previous report, the plan's defaults, the organisation's,
then Headway's wording; publishing with front-sheet fields empty asks first, naming them."""

import pytest
from django.test import Client
from django.urls import reverse

from headway.core.concurrency import StaleVersionError
from headway.jobs.models import Job
from headway.reports.models import ReportDefaults
from headway.reports.services import (
    report_create_draft,
    report_defaults_save,
    report_empty_required,
    report_update,
)
from headway.testing.factories import ReviewRoundFactory, UserFactory

from .bodies import block_of, drafted, officer, with_paragraph


def test_each_part_comes_from_the_first_layer_that_says_something(source):
    admin = UserFactory(username="administrator", is_staff=True)
    report_defaults_save(
        plan=None,
        values={"decision_maker": "Organisation committee", "chief_officer": "Director"},
        expected_version=None,
        by=admin,
    )
    report_defaults_save(
        plan=source.plan,
        values={"decision_maker": "Care Services Committee", "chief_officer": ""},
        expected_version=None,
        by=source.lead,
    )

    first = report_create_draft(plan=source.plan, round=source.round, by=source.lead)

    assert first.decision_maker == "Care Services Committee"  # the plan's own
    assert first.chief_officer == "Director"  # the plan says nothing: the organisation's
    assert first.wards == "(All Wards)"  # nobody says anything: Headway's wording

    report_update(
        report=first,
        by=source.lead,
        expected_version=first.version,
        changes={
            "wards": "Bromley Town",
            "body": with_paragraph(first, "An officer's own paragraph."),
        },
    )
    later = ReviewRoundFactory(plan=source.plan, as_at=source.round.as_at.replace(year=2014))
    first.refresh_from_db()
    from headway.reports.services import report_publish

    report_publish(report=first, by=source.lead, expected_version=first.version)
    second = report_create_draft(plan=source.plan, round=later, by=source.lead)

    assert second.wards == "Bromley Town"  # the previous report's, first of all
    assert second.body[2]["blocks"][-1]["text"] == "An officer's own paragraph."  # in place
    assert second.decision_maker == "Care Services Committee"


def test_two_people_saving_the_defaults_at_once_cannot_lose_a_change(source):
    saved = report_defaults_save(
        plan=source.plan, values={"wards": "A"}, expected_version=None, by=source.lead
    )
    report_defaults_save(
        plan=source.plan, values={"wards": "B"}, expected_version=saved.version, by=source.lead
    )
    with pytest.raises(StaleVersionError):
        report_defaults_save(
            plan=source.plan, values={"wards": "C"}, expected_version=saved.version, by=source.lead
        )
    assert ReportDefaults.objects.get(plan=source.plan).values["wards"] == "B"


def test_the_defaults_pages_are_for_leads_and_administrators(source, source_reader):
    lead, reader = Client(), Client()
    lead.force_login(source.lead)
    reader.force_login(source_reader)
    plan_url = reverse("reports:plan_defaults", kwargs={"slug": source.plan.slug})

    assert reader.get(plan_url).status_code == 403
    assert lead.get(reverse("reports:defaults")).status_code == 403  # the organisation's
    page = lead.get(plan_url)
    assert page.status_code == 200 and "Decision Maker" in page.content.decode()

    saved = lead.post(plan_url, {"decision_maker": "<b>Committee</b>", "version": ""})
    assert saved.status_code == 302
    again = lead.get(plan_url).content.decode()
    assert "&lt;b&gt;Committee&lt;/b&gt;" in again and "<b>Committee" not in again
    stale = lead.post(plan_url, {"decision_maker": "Other", "version": "0"})
    assert (
        stale.status_code == 400 and "Someone else saved these defaults" in stale.content.decode()
    )


def test_publishing_with_empty_front_sheet_fields_asks_first_naming_them(draft, source):
    assert "Decision Maker" in report_empty_required(draft)
    client = Client()
    client.force_login(source.lead)
    url = reverse("reports:publish", kwargs={"pk": draft.pk})

    page = client.get(url).content.decode()
    assert "The front sheet is not complete" in page and "Decision Maker" in page

    refused = client.post(url, {"version": draft.version})
    body = refused.content.decode()
    assert "govuk-error-summary" in body and "Decision Maker" in body
    assert not Job.objects.exists()

    confirmed = client.post(url, {"version": draft.version, "publish_with_empty_fields": "on"})
    assert confirmed.status_code == 302 and Job.objects.exists()


def test_drafting_again_shows_what_would_change_and_replaces_only_what_is_ticked(draft, source):
    client = Client()
    client.force_login(source.lead)
    mine = "My own words about inspections, <typed> by the officer."
    body = draft.body
    block_of(draft, "drafted", "inspections")["text"] = mine
    block_of(draft, "drafted", "areas")["text"] = "My areas."
    officer_words = officer(draft)
    report_update(
        report=draft, by=source.lead, expected_version=draft.version, changes={"body": body}
    )
    draft.refresh_from_db()
    url = reverse("reports:redraft", kwargs={"pk": draft.pk})

    asked = client.post(url, {"version": draft.version})

    page = asked.content.decode()
    assert asked.status_code == 200 and "Draft the commentary again?" in page
    assert "My own words about inspections, &lt;typed&gt; by the officer." in page
    draft.refresh_from_db()
    assert drafted(draft, "inspections") == mine  # nothing replaced by asking

    areas = block_of(draft, "drafted", "areas")["id"]
    client.post(url, {"version": draft.version, "confirm": "1", "blocks": [areas]})

    draft.refresh_from_db()
    assert drafted(draft, "inspections") == mine  # not ticked: kept
    assert drafted(draft, "areas") != "My areas."  # ticked: drafted again
    assert "broad outcome" in drafted(draft, "areas")
    assert officer(draft) == officer_words  # officers' paragraphs are never drafted


def test_drafting_again_refuses_to_replace_an_officers_paragraph(draft, source):
    from django.core.exceptions import ValidationError

    from headway.reports.services import report_redraft

    mine = draft.body[0]["blocks"][0]
    with pytest.raises(ValidationError, match="never replaced"):
        report_redraft(
            report=draft, by=source.lead, expected_version=draft.version, blocks=[mine["id"]]
        )
    draft.refresh_from_db()
    assert draft.body[0]["blocks"][0] == mine and draft.version == 1
