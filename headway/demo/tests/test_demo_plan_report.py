"""Acceptance on the demo plan itself (``load_demo``): its March 2013 report's table 3.7."""

import datetime as dt

import pytest

from headway.reports.models import CommitteeReport
from headway.reports.renderers import render
from headway.reports.selectors import for_audience, report_context
from headway.reports.tests.bodies import drafted, officer
from headway.reports.tests.readback import docx_tables, pdf_text
from headway.reports.tests.source_plan import SOURCE_TABLE


@pytest.fixture
def demo_report(db, settings, tmp_path):
    from headway.demo.loader import load_demo

    settings.MEDIA_ROOT = tmp_path
    plan = load_demo(password=None).plan
    return CommitteeReport.objects.get(round__plan=plan, round__as_at=dt.date(2013, 3, 12))


def test_demo_march_2013_word_and_pdf_have_the_source_table(demo_report):
    context = for_audience(report_context(report=demo_report), "public")

    word = render(context, "docx")
    pdf = " ".join(pdf_text(render(context, "pdf")).split())

    table = next(t for t in docx_tables(word) if t[0][1:2] == ["Actions"])
    assert [tuple(row) for row in table[1:]] == SOURCE_TABLE
    for row in SOURCE_TABLE:
        assert " ".join(row) in pdf
    assert drafted(demo_report, "areas").startswith(
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
    headings = [section["heading"] for section in demo_report.body]
    assert headings == [
        "Reason for report",
        "RECOMMENDATION(S)",
        "COMMENTARY",
        "POLICY IMPLICATIONS",
        "FINANCIAL IMPLICATIONS",
        "LEGAL IMPLICATIONS",
    ]
    policy, legal = demo_report.body[3]["blocks"], demo_report.body[5]["blocks"]
    assert policy[0]["text"].startswith("Improving outcomes for vulnerable children")
    assert "Section 136 of the Education and Inspections Act 2006" in legal[0]["text"]
    assert len(demo_report.body[0]["blocks"]) == 2  # 1.1 and 1.2, as the source
    assert not demo_report.body[1]["numbered"]  # 2: the recommendation is not numbered
    assert "from September 2012 to August 2013." in officer(demo_report)


def test_the_demo_report_is_a_draft_made_through_the_services_with_the_officers_edits(
    demo_report,
):
    """Created, then edited four times by the lead: the title, 3.3, 3.4 and 3.5, and 3.8."""
    assert demo_report.is_draft and demo_report.version == 5
    assert demo_report.created_by.username == "lead"
    assert drafted(demo_report, "inspections").startswith("During 2011/12 a number")
    assert drafted(demo_report, "progress").startswith("Progress has been achieved")


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
    marked, in the source's words, and the context names those two only."""
    from headway.reports.tests.readback import docx_text

    context = for_audience(report_context(report=demo_report), "public")
    docx = render(context, "docx")
    word = " ".join(docx_text(docx).split())
    pdf = " ".join(pdf_text(render(context, "pdf")).split())

    for text in (word, pdf):
        for sentence in SOURCE_RISK_SENTENCES:
            assert sentence in text.replace("\u2019", "'"), sentence
        assert "Six areas of risk" not in text
    # Named in the report: the police risk (1.5 and 2.3) and the family-files risk (1.8), in
    # the plan's order, as the context every format and the council's template read.
    assert [risk["action_references"] for risk in context["risks"]] == [["1.5", "2.3"], ["1.8"]]


def test_drafting_the_demo_reports_progress_afresh_names_the_same_two_risks(demo_report):
    """The officer's 3.8 is their own words; drafted afresh from the data, the paragraph counts
    and names the two marked risks in the same sentences."""
    from headway.reports.drafting import draft_commentary
    from headway.reports.selectors import report_data

    data = report_data(plan=demo_report.plan, round=demo_report.round, with_appendix=False)
    progress = " ".join(draft_commentary(data=data)["progress"].split())
    for sentence in SOURCE_RISK_SENTENCES:
        assert sentence in progress.replace("\u2019", "'"), sentence


def test_the_demo_report_prints_the_councils_own_priority_label(demo_report):
    """The source's corporate policy block says "BBB Priority", the council's own name for it;
    a report without one says "Priority"."""
    from headway.reports.tests.readback import docx_text

    context = for_audience(report_context(report=demo_report), "public")
    word = " ".join(docx_text(render(context, "docx")).split())
    pdf = " ".join(pdf_text(render(context, "pdf")).split())
    for text in (word, pdf):
        assert "2. BBB Priority: Children and Young People" in text
        assert "Have Ward Councillors been asked for comments? Not Applicable" in text

    demo_report.priority_label = ""
    plain = report_context(report=demo_report)
    policy = next(b for b in plain["form_blocks"] if b["heading"] == "Corporate Policy")
    assert policy["items"][1] == ["Priority", "Children and Young People"]
