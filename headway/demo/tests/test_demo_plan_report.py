"""Acceptance on the demo plan itself (``load_demo``): its March 2013 report's table 3.7."""

import datetime as dt

import pytest

from headway.reports.renderers import render
from headway.reports.selectors import for_audience, report_context
from headway.reports.services import report_create_draft
from headway.reports.tests.readback import docx_tables, pdf_text
from headway.reports.tests.source_plan import SOURCE_TABLE


@pytest.fixture
def demo_report(db, admin_user, settings, tmp_path):
    from headway.demo.loader import load_demo

    settings.MEDIA_ROOT = tmp_path
    plan = load_demo(password=None).plan
    round = plan.rounds.get(as_at=dt.date(2013, 3, 12))
    return report_create_draft(plan=plan, round=round, by=admin_user)


def test_demo_march_2013_word_and_pdf_have_the_source_table(demo_report):
    context = for_audience(report_context(report=demo_report), "public")

    word = render(context, "docx")
    pdf = " ".join(pdf_text(render(context, "pdf")).split())

    table = next(t for t in docx_tables(word) if t[0][1:2] == ["Actions"])
    assert [tuple(row) for row in table[1:]] == SOURCE_TABLE
    for row in SOURCE_TABLE:
        assert " ".join(row) in pdf
    assert demo_report.commentary_areas.startswith(
        "The current improvement plan is divided into five broad outcome areas with 56 actions"
    )


def test_the_demo_report_starts_with_the_sources_front_sheet_and_officers_paragraphs(demo_report):
    from headway.reports.services import report_empty_required

    assert report_empty_required(demo_report) == []  # nothing on the front sheet prints blank
    assert demo_report.decision_maker == "CARE SERVICES POLICY DEVELOPMENT AND SCRUTINY COMMITTEE"
    assert demo_report.decision_type == "Urgent Non-Executive Non-Key"
    assert demo_report.contact_officer_role == "Assistant Director, Safeguarding and Social Care"
    assert demo_report.contact_officer_contact.endswith("@example.gov.uk")  # not a real address
    assert demo_report.legal_requirement == (
        "Children Act 1989 and the Education and Inspections Act 2006."
    )
    assert demo_report.priority == "Children and Young People"
    assert demo_report.policy_implications.startswith("Improving outcomes for vulnerable children")
    assert "Section 136 of the Education and Inspections Act 2006" in demo_report.legal_implications
    assert len(demo_report.reason_for_report.split("\n\n")) == 2  # 1.1 and 1.2, as the source
    assert demo_report.commentary_background.endswith("from September 2012 to August 2013.")


SOURCE_RISK_SENTENCES = (
    "Two areas of risk have been identified.",
    "One is the development of better working with the Metropolitan Police around child "
    "protection strategy meetings.",
    "Resourcing issues within the Metropolitan Police have impacted negatively on taking this "
    "forward and this is an issue that has been referred to Bromley Safeguarding Children Board.",
    "The other area of risk is the introduction of family files and this is delayed due to the "
    "timescales of producing the software by OLM, Bromley's Integrated Children's System "
    "provider.",
)


def test_the_demo_report_names_the_two_risks_of_the_source_in_word_and_pdf(demo_report):
    """Six actions are at Limited progress / risk; the report names the two risks the plan lead
    marked, in the source's words, and its risk table has those two rows only."""
    from headway.reports.tests.readback import docx_text

    context = for_audience(report_context(report=demo_report), "public")
    docx = render(context, "docx")
    word = " ".join(docx_text(docx).split())
    pdf = " ".join(pdf_text(render(context, "pdf")).split())

    for text in (word, pdf):
        for sentence in SOURCE_RISK_SENTENCES:
            assert sentence in text.replace("\u2019", "'"), sentence
        assert "Six areas of risk" not in text
    risk_table = next(
        t for t in docx_tables(docx) if t[0] == ["Action", "Risk", "Cause", "Escalation"]
    )
    assert [row[0].split(" ")[0] for row in risk_table[1:]] == ["1.5,", "1.8"]
