"""Acceptance: the March 2013 report, in Word and PDF, equals the source document's structure
and its table 3.7 figures (6½, 21½, 28½) — read back from the files, not from the context."""

import re
import shutil
import subprocess

import pytest
from django.test.utils import override_settings

from headway.conftest import require_or_skip
from headway.reports import body as bodies
from headway.reports.models import CommitteeReport
from headway.reports.renderers import render
from headway.reports.selectors import for_audience, report_context
from headway.reports.services import report_create_draft, report_update

from .bodies import block_of
from .readback import docx_headings, docx_tables, docx_text, pdf_text
from .source_plan import SOURCE_TABLE

SOURCE_LABELS = [
    "Decision Maker",
    "Date",
    "Decision Type",
    "Title",
    "Contact Officer",
    "E-mail",
    "Chief Officer",
    "Ward",
    "Policy Status",
    "Cost of proposal",
    "Ongoing costs",
    "Budget head/performance centre",
    "Total current budget for this head",
    "Source of funding",
    "Number of staff (current and additional)",
    "If from existing staff resources, number of staff hours",
    "Legal Requirement",
    "Call-in",
    "Estimated number of users/beneficiaries (current and projected)",
    "Have Ward Councillors been asked for comments?",
    "Summary of Ward Councillors comments",
    "Non-Applicable Sections",
    "Background Documents",
]


def printed(label: str) -> str:
    """As the source prints a label: with a colon, a question with its own mark."""
    return label if label.endswith("?") else f"{label}:"


SOURCE_BLOCKS = [
    "Corporate Policy",
    "Financial",
    "Staff",
    "Legal",
    "Customer Impact",
    "Ward Councillor Views",
]
SOURCE_SECTIONS = [
    "1. Reason for report",
    "2. RECOMMENDATION(S)",
    "3. COMMENTARY",
    "4. POLICY IMPLICATIONS",
    "5. FINANCIAL IMPLICATIONS",
    "6. LEGAL IMPLICATIONS",
]
TABLE_INTRO = "Progress on the 56 actions in the improvement plan is summarised in the table below:"


@pytest.fixture(scope="module")
def march_report(module_source, django_db_blocker, tmp_path_factory):
    """The officer adds two paragraphs after the drafted inspection summary (as the source's 3.4
    and 3.5), so the table falls at 3.7 as in the source. Made once: the tests only read it."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        with django_db_blocker.unblock():
            source = module_source
            draft = report_create_draft(plan=source.plan, round=source.round, by=source.lead)
            report = report_update(
                report=draft,
                by=draft.created_by,
                expected_version=draft.version,
                changes={
                    "decision_maker": "CARE SERVICES POLICY DEVELOPMENT AND SCRUTINY COMMITTEE",
                    "decision_type": "Urgent Non-Executive Non-Key",
                    "contact_officer_role": "Assistant Director, Safeguarding and Social Care",
                    "body": bodies.add_blocks(
                        draft.body,
                        new=bodies.officer_blocks(
                            "In July 2012 the service was judged adequate and providing a safe "
                            "and secure child protection service.\n\nHowever, the challenge is "
                            "to move forward and build a quality service."
                        ),
                        anchor=block_of(draft, "drafted", "inspections")["id"],
                    ),
                },
            )
        yield report


@pytest.fixture(scope="module")
def rendered(march_report, django_db_blocker) -> dict[str, bytes]:
    """The public report as Word, PDF and HTML, each rendered once for the module's tests."""
    with django_db_blocker.unblock():
        context = for_audience(report_context(report=march_report), "public")
        return {fmt: render(context, fmt) for fmt in ("docx", "pdf", "html")}


def test_word_has_every_source_heading_and_table_3_7_exactly(march_report, rendered, db):
    content = rendered["docx"]

    text = docx_text(content)
    headings = docx_headings(content)
    for label in SOURCE_LABELS:
        assert printed(label) in text, label
    assert "?:" not in text
    for heading in SOURCE_SECTIONS + SOURCE_BLOCKS:
        assert heading in headings, heading
    assert f"3.7\t{TABLE_INTRO}" in text
    summary_tables = [t for t in docx_tables(content) if t[0][:2] == ["", "Actions"]]
    assert len(summary_tables) == 1
    table = summary_tables[0]
    assert table[0] == ["", "Actions", "Achieved", "Significant progress", "Limited progress/risk"]
    assert [tuple(row) for row in table[1:]] == SOURCE_TABLE
    assert "CARE SERVICES POLICY DEVELOPMENT AND SCRUTINY COMMITTEE" in text
    stored = CommitteeReport.objects.get(pk=march_report.pk)
    assert stored.is_draft and stored.version == 2


def test_pdf_has_every_source_heading_and_table_3_7_exactly(rendered):
    content = rendered["pdf"]

    text = pdf_text(content)
    flat = re.sub(r"\s+", " ", text)
    for label in SOURCE_LABELS:
        assert printed(label) in flat, label
    assert "?:" not in flat
    for heading in SOURCE_SECTIONS + SOURCE_BLOCKS:
        assert heading in flat, heading
    assert f"3.7 {TABLE_INTRO}" in flat
    for row in SOURCE_TABLE:
        assert " ".join(row) in flat, row
    assert re.search(r"Page 1 of \d+", flat)


def test_pdf_pages_render_as_images(rendered, tmp_path):
    if not shutil.which("pdftoppm"):
        require_or_skip("pdftoppm (poppler-utils)", "HEADWAY_REQUIRE_BROWSER")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(rendered["pdf"])

    subprocess.run(  # noqa: S603 - fixed arguments, our own file
        ["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "page")],  # noqa: S607
        check=True,
        timeout=120,
    )

    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 3
    assert all(page.read_bytes().startswith(b"\x89PNG") for page in pages)


def test_html_preview_has_the_table_and_the_chart_with_alt_text(rendered):
    html = rendered["html"].decode()

    assert '<td class="govuk-table__cell govuk-table__cell--numeric">6½</td>' in html
    assert 'src="data:image/svg+xml;base64,' in html
    assert 'alt="Stacked bar chart, progress of actions by outcome area' in html
    assert "6½ achieved, 6½ significant progress" in html
