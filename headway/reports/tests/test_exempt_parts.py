"""Exempt text appears only in the restricted version; the public one says an exempt part exists."""

import pytest

from headway.plans.models import ProgressUpdate
from headway.reports.renderers import render
from headway.reports.selectors import for_audience, report_context
from headway.reports.services import report_body_save, report_publish, report_redraft
from headway.risks.models import Risk

from .bodies import block_of, drafted, with_paragraph
from .readback import docx_text, pdf_text

SECRET_NARRATIVE = "Named child at address in Penge"
SECRET_SECTION = "Legal advice on the care proceedings"


@pytest.fixture
def source(shared_source):
    """The source's plan, made once for this module (``module_source`` in conftest.py)."""
    return shared_source


@pytest.fixture
def lead(shared_source):
    return shared_source.lead


@pytest.fixture
def exempt_report(draft, source):
    update = ProgressUpdate.objects.get(
        action__plan=source.plan, action__reference="1.1", round=source.round
    )
    ProgressUpdate.objects.filter(pk=update.pk).update(
        narrative=SECRET_NARRATIVE, narrative_exempt=True
    )
    Risk.objects.filter(plan=source.plan, actions__reference="4.6").update(exempt=True)
    # The risk became exempt after drafting: the officer redrafts the progress paragraph.
    draft = report_redraft(
        report=draft,
        by=source.lead,
        expected_version=draft.version,
        blocks=[block_of(draft, "drafted", "progress")["id"]],
    )
    return report_body_save(
        report=draft,
        by=source.lead,
        expected_version=draft.version,
        body=with_paragraph(draft, SECRET_SECTION, section=6, exempt=True),
    )


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_public_version_leaves_exempt_parts_out_and_says_so(exempt_report, fmt):
    context = for_audience(report_context(report=exempt_report), "public")

    content = render(context, fmt)

    text = {"html": bytes.decode, "docx": docx_text, "pdf": pdf_text}[fmt](content)
    text = " ".join(text.split())
    assert SECRET_NARRATIVE not in text
    assert SECRET_SECTION not in text
    assert "Introduction of family files" not in text  # the exempt risk
    assert "3 exempt parts of the report are left out of it" in text
    assert "contains exempt information" in text
    assert context["exempt_parts"] == 3


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_restricted_version_has_the_exempt_parts_marked(exempt_report, fmt):
    context = for_audience(report_context(report=exempt_report), "restricted")

    content = render(context, fmt)

    text = {"html": bytes.decode, "docx": docx_text, "pdf": pdf_text}[fmt](content)
    text = " ".join(text.split())
    assert SECRET_NARRATIVE in text
    assert SECRET_SECTION in text
    assert "Introduction of family files" in text
    assert "Exempt information:" in text


def test_drafted_risk_paragraph_never_names_an_exempt_risk(source, lead, settings, tmp_path):
    from headway.reports.services import report_create_draft

    Risk.objects.filter(plan=source.plan, actions__reference="4.6").update(exempt=True)

    report = report_create_draft(plan=source.plan, round=source.round, by=lead)

    progress = drafted(report, "progress")
    assert "Metropolitan Police" in progress
    assert "family files" not in progress
    assert "One area of risk has been identified." in progress


def test_published_public_and_restricted_files_differ_only_when_something_is_exempt(
    exempt_report, source
):
    report = report_publish(
        report=exempt_report, by=source.lead, expected_version=exempt_report.version
    )

    files = {(f.audience, f.format): f for f in report.files.all()}
    assert files[("public", "pdf")].sha256 != files[("restricted", "pdf")].sha256
    assert SECRET_SECTION not in docx_text(files[("public", "docx")].file.read())
    assert SECRET_SECTION in docx_text(files[("restricted", "docx")].file.read())
