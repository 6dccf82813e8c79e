"""The demo report's "Performance indicators" figure (issue 14, part 5), 3.9 after the source's
last paragraph: the scorecard table and a trend chart per indicator in HTML, Word and PDF (read
back), labelled "Illustrative figures"; the context's ``indicators`` and a council's own
template that lists them. The block's editing, publication and queries are in
``test_indicators_block.py``."""

import datetime as dt
import io
import zipfile
from decimal import Decimal
from html import escape

import pytest
from django.test.utils import override_settings
from docx import Document
from pypdf import PdfReader

from headway.indicators.selectors import scorecard
from headway.reports.council_template import (
    council_context,
    council_template_check,
    council_template_render,
)
from headway.reports.models import CommitteeReport
from headway.reports.renderers import render
from headway.reports.selectors import for_audience, report_context

from .readback import docx_text, pdf_body_text, pdf_text
from .source_report import normalise
from .test_council_template import docx_with

MARCH = dt.date(2013, 3, 12)
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(module_db, django_db_blocker, tmp_path_factory):
    """The demo's March 2013 report (its body places the indicators as 3.9), rendered once."""
    from headway.demo.loader import load_demo

    media = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock():
        plan = load_demo(password=None).plan
        report = CommitteeReport.objects.get(round__plan=plan, round__as_at=MARCH)
        context = for_audience(report_context(report=report), "public")
        rows = scorecard(plan, report.round.as_at)
        yield {
            "report": report,
            "rows": rows,
            "context": context,
            "docx": render(context, "docx"),
            "pdf": render(context, "pdf"),
            "html": render(context, "html"),
        }


def _indicator_block(context):
    return next(
        block
        for section in context["sections"]
        for block in section["blocks"]
        if block["kind"] == "indicators"
    )


def test_the_demo_report_places_the_indicators_after_3_8_as_3_9(demo):
    block = _indicator_block(demo["context"])
    commentary = demo["context"]["sections"][2]["blocks"]

    assert block["number"] == "3.9"
    assert [b["number"] for b in commentary] == [f"3.{n}" for n in range(1, 10)]
    assert commentary[7]["source"] == "progress"  # 3.8 is still the progress paragraph
    assert block["illustrative"] == "Illustrative figures"
    assert len(demo["rows"]) == 8 and all(row.illustrative for row in demo["rows"])
    assert [chart["reference"] for chart in block["charts"]] == [r.reference for r in demo["rows"]]


def test_the_context_names_each_indicators_figures_as_plain_strings(demo):
    indicators = demo["context"]["indicators"]

    assert [i["reference"] for i in indicators] == [row.reference for row in demo["rows"]]
    for item, row in zip(indicators, demo["rows"], strict=True):
        assert item["value"] == row.value_text and item["target"] == row.target_text
        assert item["rating"] == row.rating_label and item["rule"] == row.rule
        assert item["direction"] == row.previous_label
        for figure in row.comparators:
            assert f"{figure.name}: {figure.text}" in item["comparator"]
        assert item["illustrative"] is True
        for key in ("reference", "title", "unit", "value", "target", "rating", "rule"):
            assert isinstance(item[key], str)
        # The trend's exact figures, for charts redrawn from a snapshot.
        assert Decimal(item["trend"]["values"][-1]) == row.value
        assert len(item["trend"]["targets"]) == len(row.trend)


def test_word_has_the_indicator_section_its_table_label_and_a_chart_per_indicator(demo):
    text = normalise(docx_text(demo["docx"]))
    document = Document(io.BytesIO(demo["docx"]))

    assert "3.9\tThe plan's 8 performance indicators as at" in docx_text(demo["docx"])
    assert "Illustrative figures" in text
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Indicator")
    assert [c.text for c in table.rows[0].cells] == [
        "Indicator",
        "Latest value",
        "Target",
        "Rating",
        "Direction of travel",
        "Comparator",
    ]
    for row, cells in zip(demo["rows"], table.rows[1:], strict=True):
        values = [cell.text for cell in cells.cells]
        assert values[0].startswith(f"{row.reference} {row.title}")
        assert values[1:3] == [row.value_text, row.target_text]
        assert values[3].startswith(row.rating_label)
    # The status chart and one trend chart per indicator, each a PNG with its words.
    titles = [shape._inline.docPr.get("title") for shape in document.inline_shapes]
    for row in demo["rows"]:
        assert f"{row.reference} {row.title}"[:255] in titles
    with zipfile.ZipFile(io.BytesIO(demo["docx"])) as package:
        media = [n for n in package.namelist() if n.startswith("word/media/")]
        assert len(media) == 1 + len(demo["rows"])
        assert all(package.read(n).startswith(b"\x89PNG") for n in media)


def test_pdf_has_the_indicator_section_its_figures_label_and_charts(demo):
    assert "3.9 The plan's 8 performance indicators as at" in normalise(pdf_body_text(demo["pdf"]))
    # All the text, the charts' own labels too (pages of charts are mostly their labels).
    text = normalise(pdf_text(demo["pdf"]))
    at = text.index("The plan's 8 performance indicators as at")
    section = text[at : text.index("POLICY IMPLICATIONS", at)]
    assert "Illustrative figures" in section
    for row in demo["rows"]:
        assert row.reference in section and row.value_text in section
        assert row.target_text in section and row.rating_label in section
    # The charts are the SVGs drawn as vector images: each page with a chart holds a form
    # XObject, and the charts' captions name each indicator.
    for row in demo["rows"]:
        assert f"{row.reference} {row.title}: trend against target (illustrative figures)" in (
            normalise(section)
        )
    reader = PdfReader(io.BytesIO(demo["pdf"]))
    pages_with_images = [
        page
        for page in reader.pages
        if "/XObject" in (page.get("/Resources") or {}) and page["/Resources"]["/XObject"].keys()
    ]
    assert len(pages_with_images) >= 2  # the status chart's page and the trend charts'


def test_html_has_the_scorecard_table_and_a_chart_image_with_its_words(demo):
    html = demo["html"].decode()

    assert "Illustrative figures" in html
    assert html.count('class="app-report__chart app-report__indicator-chart"') == 8
    assert html.count('<img src="data:image/svg+xml') >= 9
    for row in demo["rows"]:
        assert escape(f"{row.reference} {row.title}") in html


def test_a_council_template_lists_the_indicators(demo):
    template = docx_with(
        [
            "{%p for indicator in indicators %}",
            "PI {{ indicator.reference }} | {{ indicator.value }} | {{ indicator.target }} | "
            "{{ indicator.rating }} | {{ indicator.direction }} | {{ indicator.comparator }}"
            "{% if indicator.illustrative %} | Illustrative figures{% endif %}",
            "{%p endfor %}",
        ]
    )
    council_template_check(template, filename="council.docx")

    text = docx_text(council_template_render(template, council_context(demo["context"])))

    for row in demo["rows"]:
        assert (
            f"PI {row.reference} | {row.value_text} | {row.target_text} | {row.rating_label} | "
            f"{row.previous_label}"
        ) in text
    assert text.count("| Illustrative figures") == 8


def test_a_council_template_reads_no_indicators_from_an_old_snapshot(demo):
    context = {k: v for k, v in demo["context"].items() if k != "indicators"}

    assert council_context(context)["indicators"] == []
