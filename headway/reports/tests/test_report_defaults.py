"""Repetitive parts come from the council's settings, then from the plan's previous report."""

import datetime as dt

import pytest

from headway.reports.services import report_create_draft, report_update
from headway.testing.factories import ReviewRoundFactory

from .bodies import drafted, officer


@pytest.fixture
def source(shared_source):
    """The source's plan, made once for this module (``module_source`` in conftest.py)."""
    return shared_source


def test_a_first_report_takes_the_councils_defaults(source, settings):
    settings.HEADWAY_REPORT_DEFAULTS = {
        "decision_maker": "Care Services PDS Committee",
        "recommendations": "Members are asked to note the {plan_title}.",
        "not_a_field": "ignored",
    }

    report = report_create_draft(plan=source.plan, round=source.round, by=source.lead)

    report.refresh_from_db()
    assert report.decision_maker == "Care Services PDS Committee"
    recommendations = report.body[1]
    assert recommendations["heading"] == "RECOMMENDATION(S)"
    assert [block["text"] for block in recommendations["blocks"]] == [
        "Members are asked to note the Children's Social Care Performance Improvement Plan 2012/13."
    ]
    assert report.wards == "(All Wards)"
    assert "September 2012 to August 2013" in officer(report)


def test_a_later_report_copies_the_front_sheet_from_the_previous_one(source):
    first = report_create_draft(plan=source.plan, round=source.previous_round, by=source.lead)
    report_update(
        report=first,
        by=source.lead,
        expected_version=first.version,
        changes={"chief_officer": "Executive Director of Education & Care Services"},
    )

    second = report_create_draft(plan=source.plan, round=source.round, by=source.lead)

    assert second.chief_officer == "Executive Director of Education & Care Services"
    assert second.meeting_date == dt.date(2013, 3, 12)
    assert "21½ have been achieved" in drafted(second, "progress")


def test_inspections_after_the_round_are_left_out(source):
    from headway.inspections.models import Inspection

    Inspection.objects.create(
        inspectorate="Ofsted", service="Adoption Service", started_on=dt.date(2013, 6, 1)
    )
    later = ReviewRoundFactory(plan=source.plan, as_at=dt.date(2013, 7, 1))

    march = report_create_draft(plan=source.plan, round=source.round, by=source.lead)
    july = report_create_draft(plan=source.plan, round=later, by=source.lead)

    assert "Adoption Service" not in drafted(march, "inspections")
    assert "Adoption Service" in drafted(july, "inspections")
    assert (
        "The Protection of children was inspected in July 2012 and was found to be adequate."
        in drafted(march, "inspections")
    )
