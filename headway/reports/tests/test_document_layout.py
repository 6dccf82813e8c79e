"""The demo's March 2013 report as a committee clerk gets it, read back from the real files.

Word: A4 with 2 cm margins and a landscape appendix, named styles, fixed column widths,
repeating header rows, rows that cannot split, the risk table kept together, and a footer with
PAGE and NUMPAGES fields. PDF: no appendix row split across pages, header rows on every
appendix page, a long title on one footer line. HTML export: self-contained.
"""

import datetime as dt
import io
import re
from collections import defaultdict
from fractions import Fraction
from typing import Any

import pytest
from django.test.utils import override_settings
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm, Mm

from headway.plans.counts import ALWAYS_SHOWN, STATUS_COLUMNS
from headway.plans.tests.chart_readback import legend_colours, svg_from_img_src
from headway.reports.renderers import render

# Every test reads the module's demo report (module_db); the mark makes pytest-django set up the
# test database before that module fixture, whichever test runs first.
pytestmark = pytest.mark.django_db

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def demo_context(module_db, django_db_blocker, tmp_path_factory) -> dict[str, Any]:
    """The demo's March 2013 report with the table of risks put back after 3.8 (the demo leaves
    it out, as the source does), so every kind of figure is laid out."""
    from headway.demo.loader import load_demo
    from headway.reports import body as bodies
    from headway.reports.models import CommitteeReport
    from headway.reports.selectors import for_audience, report_context
    from headway.reports.services import report_body_save

    media = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock():
        plan = load_demo(password=None).plan
        report = CommitteeReport.objects.get(round__plan=plan, round__as_at=dt.date(2013, 3, 12))
        progress = next(b for b in report.body[2]["blocks"] if b["source"] == "progress")
        report = report_body_save(
            report=report,
            by=report.created_by,
            expected_version=report.version,
            body=bodies.add_blocks(
                report.body, new=[bodies.block("placed", "risks")], anchor=progress["id"]
            ),
        )
        return for_audience(report_context(report=report), "public")


@pytest.fixture(scope="module")
def word(demo_context) -> Any:
    return Document(io.BytesIO(render(demo_context, "docx")))


@pytest.fixture(scope="module")
def pdf(demo_context) -> bytes:
    return render(demo_context, "pdf")


# Word -----------------------------------------------------------------------------------------


def _close(length: int, expected: int) -> bool:
    return abs(length - expected) <= Mm(0.1)  # Word stores twips: 210 mm is 11,906


def test_word_is_a4_with_council_margins_and_a_landscape_appendix(word):
    body, appendix = word.sections
    assert _close(body.page_width, Mm(210)) and _close(body.page_height, Mm(297))
    assert _close(appendix.page_width, Mm(297)) and _close(appendix.page_height, Mm(210))
    for section in word.sections:
        for margin in ("top", "bottom", "left", "right"):
            assert _close(getattr(section, f"{margin}_margin"), Cm(2)), margin
    heading = next(p for p in word.paragraphs if p.text.startswith("Appendix"))
    assert heading._p.getparent() is not None
    # The appendix heading comes after the first section's break, so it is in the landscape one.
    body_end = word.sections[0]._sectPr.getparent().getparent()
    assert list(word.element.body).index(body_end) < list(word.element.body).index(heading._p)


def test_word_uses_named_styles_not_direct_formatting(word, demo_context):
    styles = {p.text: p.style.name for p in word.paragraphs}
    assert styles[demo_context["title"]] == "Title"
    for section in demo_context["sections"]:
        assert styles[f"{section['number']}. {section['heading']}"] == "Heading 1"
    assert styles["Appendix: the performance improvement plan"] == "Heading 1"
    for area in demo_context["appendix"]:
        assert styles[f"{area['number']}. {area['title']}"] == "Heading 2"
    numbered = [p for p in word.paragraphs if re.match(r"\d+\.\d+\t", p.text)]
    assert numbered and {p.style.name for p in numbered} == {"Numbered Paragraph"}
    assert word.styles["Normal"].font.name == "Arial"
    # Bold and sizes come from styles: no run carries its own.
    runs = [run for p in word.paragraphs for run in p.runs]
    runs += [
        run
        for table in word.tables
        for row in table.rows
        for cell in row.cells
        for p in cell.paragraphs
        for run in p.runs
    ]
    assert all(run.font.bold is None and run.font.size is None for run in runs)
    cell_styles = {
        p.style.name
        for table in word.tables
        for row in table.rows
        for cell in row.cells
        for p in cell.paragraphs
    }
    assert cell_styles <= {"Table Text", "Table Heading", "Table Number", "Table Number Heading"}
    assert {table.style.name for table in word.tables} == {"Report Table"}


def test_word_tables_have_set_widths_repeating_headers_and_rows_that_cannot_split(word):
    assert word.tables
    for table in word.tables:
        tbl = table._tbl
        assert tbl.tblPr.find(f"{W}tblLayout").get(qn("w:type")) == "fixed"
        grid = [int(col.get(qn("w:w"))) for col in tbl.tblGrid.findall(f"{W}gridCol")]
        assert all(width > 0 for width in grid)
        rows = tbl.findall(f"{W}tr")
        for index, row in enumerate(rows):
            properties = row.find(f"{W}trPr")
            assert properties is not None and properties.find(f"{W}cantSplit") is not None
            assert (properties.find(f"{W}tblHeader") is not None) == (index == 0)
            widths = [
                int(tc.find(f"{W}tcPr/{W}tcW").get(qn("w:w"))) for tc in row.findall(f"{W}tc")
            ]
            assert widths == grid


def test_word_columns_fit_their_content(word):
    appendix = [t for t in word.tables if t.rows[0].cells[0].text == "Ref"]
    assert appendix
    for table in appendix:
        ref, action, _lead, timescale, status, update = (c.width for c in table.columns)
        assert ref < Cm(2) and timescale < Cm(3) and status < Cm(3)
        assert action > Cm(5) and update > Cm(9)
        assert sum(c.width for c in table.columns) <= Cm(25.7) + Mm(1)  # landscape text width
    [summary] = [t for t in word.tables if t.rows[0].cells[1].text == "Actions"]
    area, actions, *statuses = (c.width for c in summary.columns)
    assert area > actions and all(actions < width for width in statuses)


def test_word_keeps_the_risk_and_progress_tables_together(word):
    kept = [t for t in word.tables if t.rows[0].cells[0].text in ("Action", "")]
    assert len(kept) == 2
    for table in kept:
        for row in table.rows[:-1]:
            assert all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)


def test_word_footer_counts_pages_with_word_fields(word, demo_context):
    for section in word.sections:
        footer = section.footer._element
        instructions = [t.text.strip() for t in footer.iter(f"{W}instrText")]
        assert instructions == ["PAGE", "NUMPAGES"]
        text = "".join(t.text for t in footer.iter(f"{W}t"))
        assert text.startswith(demo_context["title"][:40])
        assert "Page 1 of 1" in text  # the fields' placeholders; Word fills them in


# PDF ------------------------------------------------------------------------------------------


def _pages_lines(content: bytes) -> list[list[tuple[float, float, str]]]:
    """Per page, each text line as (x0, top, text): what a reader sees where (points from the
    page's left and top edges)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer, LTTextLine

    # A gap wider than a character ends a line: table cells side by side stay apart.
    params = LAParams(char_margin=1.0)
    pages = []
    for page in extract_pages(io.BytesIO(content), laparams=params):
        lines = []
        for element in page:
            if isinstance(element, LTTextContainer):
                for line in element:
                    if isinstance(line, LTTextLine):
                        lines.append((line.x0, page.height - line.y1, line.get_text().strip()))
        pages.append(lines)
    return pages


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_pdf_never_splits_an_appendix_row_and_repeats_its_header(pdf, demo_context):
    """Each action's update, read down the "Latest update" column of one page, is there whole,
    on the page that also has the action's reference in the "Ref" column."""
    columns: dict[int, str] = {}
    references: dict[int, set[str]] = defaultdict(set)
    for number, lines in enumerate(_pages_lines(pdf)):
        headers = [line for line in lines if line[2] == "Latest update"]
        if not headers:
            continue
        ref_x = min(x for x, _, text in lines if text == "Ref")
        update_x = headers[0][0]
        in_column = sorted((top, text) for x, top, text in lines if x >= update_x - 1)
        columns[number] = _flat(" ".join(text for _, text in in_column))
        references[number] = {text for x, _, text in lines if abs(x - ref_x) < 2}

    actions = [action for area in demo_context["appendix"] for action in area["actions"]]
    assert len(actions) == 56
    for action in actions:
        narrative = _flat(action["narrative"])
        pages = [number for number, text in columns.items() if narrative in text]
        assert pages, f"{action['reference']}'s update is split across pages"
        assert any(action["reference"] in references[number] for number in pages), action[
            "reference"
        ]
    # Every page with appendix rows starts with the header row (it repeats).
    assert len(columns) >= 3


def test_pdf_appendix_is_landscape_and_the_report_portrait(pdf):
    from pypdf import PdfReader

    sizes = [
        (round(float(p.mediabox.width)), round(float(p.mediabox.height)))
        for p in PdfReader(io.BytesIO(pdf)).pages
    ]
    assert sizes[0] == (595, 842)
    assert sizes[-1] == (842, 595)


def test_a_long_title_keeps_the_footer_to_one_line(demo_context):
    context = {
        **demo_context,
        "title": "A very long report title " * 12,
        "appendix": demo_context["appendix"][:1],
    }
    content = render(context, "pdf")

    for lines in _pages_lines(content):
        [number] = [top for _, top, text in lines if re.fullmatch(r"Page \d+ of \d+", text)]
        # The footer is whatever sits within 15 pt of the page number: a wrapped title's first
        # line would; the body's last line ends some 30 pt above it.
        footer = [(top, text) for _, top, text in lines if top > number - 15]
        assert len({round(top) for top, _ in footer}) == 1, footer
        words = " ".join(text for _, text in footer)
        assert "…" in words and re.search(r"Page \d+ of \d+", words)


def test_the_chart_legend_shows_only_statuses_that_occur(demo_context):
    from headway.reports.renderers.html import chart_src

    legend = list(legend_colours(svg_from_img_src(chart_src(demo_context))))
    areas = demo_context["table"]["areas"]  # every status's figure, shown or not
    occurring = {
        c.key for c in STATUS_COLUMNS if any(Fraction(str(a.get(c.key, 0))) for a in areas)
    }
    assert legend == [c.label for c in STATUS_COLUMNS if c in ALWAYS_SHOWN or c.key in occurring]
    assert legend == [c["label"] for c in demo_context["table"]["columns"]]


# HTML export ----------------------------------------------------------------------------------


def test_the_html_export_is_self_contained(demo_context):
    html = render(demo_context, "html").decode()

    assert "<link" not in html
    style = html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "@page" in style and ".app-report__appendix-table" in style
    urls = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert urls and all(url.startswith("data:") for url in urls), urls
    assert "/static/" not in html
