"""A council's own Word template: checked in full at upload, filled in from the documented names,
sandboxed, and used for the Word file of every report of the plans it is for."""

import io
import re
import zipfile
from fractions import Fraction
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from docx import Document

from headway.core.fractions import format_count
from headway.reports.council_template import (
    TemplateRefused,
    council_context,
    council_template_check,
    council_template_render,
)
from headway.reports.models import ReportTemplate
from headway.reports.renderers import render
from headway.reports.selectors import for_audience, report_context
from headway.testing.factories import UserFactory

from .readback import docx_text

COUNCIL_TEMPLATE = [
    "Example Borough Council committee report",
    "Report: {{ title }}",
    "Decision maker: {{ decision_maker }} ({{ decision_type }})",
    "Contact: {{ contact_officer.role }} {{ contact_officer.email }}",
    "{%p for area in summary.areas %}",
    "AREA {{ area.area }} | {{ area.actions }} | {{ area.achieved }} | "
    "{{ area.significant_progress }} | {{ area.limited_progress_risk }}",
    "{%p endfor %}",
    "TOTAL | {{ summary.total.actions }} | {{ summary.total.achieved }} | "
    "{{ summary.total.significant_progress }} | {{ summary.total.limited_progress_risk }}",
    "{{ risks|length }} named risks",
    "{%p for risk in risks %}",
    "RISK {{ risk.action_references|join(', ') }}: {{ risk.title }}. {{ risk.cause }}",
    "{%p endfor %}",
    "{%p for section in sections %}",
    "SECTION {{ section.number }} {{ section.heading }}",
    "{%p for paragraph in section.paragraphs %}",
    "{{ paragraph.number }} {{ paragraph.text }}",
    "{%p endfor %}",
    "{%p endfor %}",
]


def docx_with(lines: list[str]) -> bytes:
    document = Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _refusal(lines: list[str]) -> str:
    with pytest.raises(TemplateRefused) as refused:
        council_template_check(docx_with(lines), filename="council.docx")
    return str(refused.value)


def test_the_demo_report_fills_the_councils_template_with_its_figures(draft):
    context = for_audience(report_context(report=draft), "public")
    table = context["table"]

    filled = council_template_render(docx_with(COUNCIL_TEMPLATE), council_context(context))
    text = docx_text(filled)

    assert f"Report: {context['title']}" in text
    for row, counts in zip(table["rows"], table["areas"], strict=True):
        cells = [format_count(Fraction(counts[k])) for k in ("achieved", "significant_progress")]
        assert f"AREA {row['area']} | {row['actions']} | {cells[0]} | {cells[1]} |" in text
    total = table["total"]
    shown = [cell["text"] for cell in total["cells"][:3]]
    assert f"TOTAL | {total['actions']} | {shown[0]} | {shown[1]} | {shown[2]}" in text
    assert "\u00bd" in text  # the source's half counts print as halves
    risks = [b for s in context["sections"] for b in s["blocks"] if b["kind"] == "risks"]
    named = len(risks[0]["risks"]) if risks else 0
    assert f"{named} named risks" in text
    assert "SECTION 3 COMMENTARY" in text
    table_block = next(b for s in context["sections"] for b in s["blocks"] if b["kind"] == "table")
    assert f"{table_block['number']} Progress on the {total['actions']} actions" in text


def test_narrative_text_with_markup_characters_is_written_as_text(draft):
    context = council_context(for_audience(report_context(report=draft), "public"))
    context["title"] = 'Plan <b>"bold"</b> & more'
    filled = council_template_render(docx_with(["{{ title }}"]), context)
    assert docx_text(filled).strip() == 'Plan <b>"bold"</b> & more'


def test_an_unknown_tag_is_refused_at_upload_naming_it_and_where_it_is():
    message = _refusal(["Dear members,", "Our secret is {{ secret_key }} here."])
    assert "{{ secret_key }}" in message
    assert "Our secret is" in message
    assert "title" in message  # it lists what a template can use


def test_an_unknown_field_of_a_known_name_is_refused_at_upload():
    message = _refusal(["{{ contact_officer.telephone }}"])
    assert "telephone" in message


def test_a_syntax_error_is_refused_at_upload():
    message = _refusal(["Before", "{% for area in %}", "{% endfor %}"])
    assert "cannot be filled from" in message


def test_tags_cannot_reach_outside_the_report():
    message = _refusal(["{{ title.__class__.__mro__ }}"])
    assert "outside the report" in message or "does not have" in message


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("council.doc", b"\xd0\xcf\x11\xe0 an old Word file", "not a Word .docx file"),
        ("council.docx", b"not a zip at all", "not a Word document"),
    ],
)
def test_a_file_that_is_not_a_docx_is_refused(name, data, says):
    with pytest.raises(TemplateRefused, match=says):
        council_template_check(data, filename=name)


def test_a_template_with_macros_is_refused():
    clean = docx_with(["{{ title }}"])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(clean)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("word/vbaProject.bin", b"macro")
    with pytest.raises(TemplateRefused, match="contains macros"):
        council_template_check(out.getvalue(), filename="council.docx")


def test_a_template_over_the_size_limit_is_refused(settings):
    settings.HEADWAY_REPORT_TEMPLATE_MAX_BYTES = 1000
    with pytest.raises(TemplateRefused, match="at most"):
        council_template_check(docx_with(["{{ title }}"]), filename="council.docx")


def test_an_administrator_uploads_a_template_and_the_plans_word_file_uses_it(
    client, draft, settings, tmp_path
):
    admin = UserFactory(username="administrator", is_staff=True)
    client.force_login(admin)
    url = reverse("reports:word_templates")

    bad = client.post(url, {"file": SimpleUploadedFile("council.docx", docx_with(["{{ nope }}"]))})
    assert bad.status_code == 400
    assert "{{ nope }}" in bad.content.decode() and "govuk-error-summary" in bad.content.decode()
    assert not ReportTemplate.objects.exists()

    data = docx_with(COUNCIL_TEMPLATE)
    good = client.post(url, {"file": SimpleUploadedFile("council.docx", data), "plan": ""})
    assert good.status_code == 302
    assert ReportTemplate.objects.get().plan is None

    word = client.get(
        reverse("reports:download", kwargs={"pk": draft.pk, "audience": "public", "fmt": "docx"})
    )
    assert word.status_code == 200
    text = docx_text(word.content)
    assert "Example Borough Council committee report" in text
    assert re.search(r"TOTAL \| \d+ \|", text)

    client.post(
        reverse("reports:word_template_remove", kwargs={"pk": ReportTemplate.objects.get().pk})
    )
    assert not ReportTemplate.objects.exists()
    again = client.get(
        reverse("reports:download", kwargs={"pk": draft.pk, "audience": "public", "fmt": "docx"})
    )
    assert "Example Borough Council committee report" not in docx_text(again.content)


def test_only_administrators_manage_templates(client, draft):
    client.force_login(draft.created_by)  # the plan lead
    assert client.get(reverse("reports:word_templates")).status_code == 403


def test_the_command_fills_a_template_given_on_the_command_line(draft, tmp_path):
    template = tmp_path / "council.docx"
    template.write_bytes(docx_with(COUNCIL_TEMPLATE))
    output = tmp_path / "report.docx"

    call_command(
        "committee_report",
        draft.plan.slug,
        "--format",
        "docx",
        "--output",
        str(output),
        "--template",
        str(template),
        stdout=StringIO(),
    )
    assert "Example Borough Council committee report" in docx_text(output.read_bytes())

    template.write_bytes(docx_with(["{{ unknown_thing }}"]))
    with pytest.raises(CommandError, match="unknown_thing"):
        call_command(
            "committee_report", draft.plan.slug, "--format", "docx", "--output", str(output),
            "--template", str(template), stdout=StringIO(),
        )  # fmt: skip


def test_without_a_template_the_word_file_is_headways_own(draft):
    context = for_audience(report_context(report=draft), "public")
    assert "Example Borough Council committee report" not in docx_text(render(context, "docx"))
