"""`manage.py committee_report`: writes the file; clear errors for an unknown plan or round."""

import pytest
from django.core.management import CommandError, call_command

from headway.reports.models import CommitteeReport

from .bodies import with_paragraph
from .readback import docx_tables


@pytest.fixture
def source(shared_source):
    """The source's plan, made once for this module (``module_source`` in conftest.py)."""
    return shared_source


def test_writes_word_for_the_latest_round_without_saving_a_report(source, tmp_path):
    output = tmp_path / "out" / "report.docx"

    call_command("committee_report", source.plan.slug, "--format", "docx", "--output", str(output))

    table = next(t for t in docx_tables(output.read_bytes()) if t[0][1:2] == ["Actions"])
    assert table[-1] == ["TOTAL", "56", "21½", "28½", "6"]
    assert not CommitteeReport.objects.exists()


def test_writes_the_draft_of_a_given_round_as_html(draft, source, tmp_path):
    CommitteeReport.objects.filter(pk=draft.pk).update(
        body=with_paragraph(draft, "Officer's own words")
    )
    output = tmp_path / "report.html"

    call_command(
        "committee_report",
        source.plan.slug,
        "--round",
        "2013-03-12",
        "--format",
        "html",
        "--output",
        str(output),
    )

    assert "Officer&#x27;s own words" in output.read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such-plan"], "No plan has the slug 'no-such-plan'"),
        (["{slug}", "--round", "2013-04-01"], "has no round as at 2013-04-01. Its rounds:"),
        (["{slug}", "--round", "12/03/2013"], "--round must be a date as YYYY-MM-DD"),
    ],
)
def test_clear_errors_and_no_file(source, tmp_path, args, message):
    output = tmp_path / "report.pdf"
    args = [a.format(slug=source.plan.slug) for a in args]

    with pytest.raises(CommandError, match=message):
        call_command("committee_report", *args, "--format", "pdf", "--output", str(output))

    assert not output.exists()
