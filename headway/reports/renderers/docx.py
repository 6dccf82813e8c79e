"""The report as Word, laid out as a committee clerk expects to edit it.

- A4 with 2 cm margins; the appendix is a landscape section of its own, so its six columns
  read across the page.
- Named styles throughout, so the clerk changes the look with Word's own tools: Title,
  Heading 1 and 2, Normal, Caption, List Bullet 2, Footer, Strong, and the report's own
  "Numbered Paragraph", "Front Sheet", "Organisation", "Table Text", "Table Heading" and
  "Table Number" paragraph styles and "Report Table" table style (Table Grid with a shaded
  header row). The only direct formatting is what Word has no style for: table column widths,
  rows that repeat or cannot split, and keeping a short table on one page.
- Tables have fixed column widths chosen for their content (``w:tblGrid``, every cell's
  ``w:tcW`` and ``w:tblLayout type="fixed"``, so Word and LibreOffice both honour them), header
  rows that repeat on every page (``w:tblHeader``) and rows that never split across pages
  (``w:cantSplit``). The progress table and the risk table are kept on one page where they fit.
- The footer is the title and "Page X of Y" from Word's PAGE and NUMPAGES fields.

Every piece of user text goes into a run as plain text (python-docx escapes it); the context
builder has already removed characters XML 1.0 cannot hold, and ``_t`` does so again here so
this renderer is safe on its own.
"""

import io
from typing import Any

from headway.plans.charts import status_chart_png

from ..indicator_charts import trend_png
from ..text import as_label
from ..text import clean_text as _t
from .html import footer_text

_EXEMPT = "Exempt information: "
FONT = "Arial"
# Page geometry in EMU-free terms: centimetres, converted where used.
A4_MM = (210, 297)
MARGIN_CM = 2.0
PORTRAIT_TEXT_CM = A4_MM[0] / 10 - 2 * MARGIN_CM  # 17 cm
LANDSCAPE_TEXT_CM = A4_MM[1] / 10 - 2 * MARGIN_CM  # 25.7 cm
# Column widths (cm) for the content: references and counts narrow, words wide.
APPENDIX_WIDTHS_CM = (1.4, 6.0, 3.4, 2.4, 2.8, 9.7)  # Ref, Action, Lead, Timescale, Status, Update
RISK_WIDTHS_CM = (4.2, 4.0, 4.8, 4.0)  # Action, Risk, Cause, Escalation
SUMMARY_AREA_CM = 6.1
SUMMARY_ACTIONS_CM = 1.9
# Indicator, Latest value, Target, Rating, Direction of travel, Comparator.
INDICATOR_WIDTHS_CM = (4.4, 1.9, 1.9, 3.0, 3.0, 2.8)


def render_docx(context: dict[str, Any]) -> bytes:
    from docx import Document

    document = Document()
    _styles(document)
    _page(document.sections[0], landscape=False)
    _core_properties(document, context)
    _footer(document, document.sections[0], context, width_cm=PORTRAIT_TEXT_CM)

    _paragraph(document, context["organisation"], style="Organisation")
    _paragraph(document, context["title"], style="Title")
    _notice(document, context)
    for label, value in context["front_sheet"]:
        _labelled(document, label, value)

    for section in context["sections"]:
        _heading(document, _t(f"{section['number']}. {section['heading']}"), 1)
        for block in section["blocks"]:
            _block(document, context, block)
        if not section["blocks"]:
            _paragraph(document, "None.")
        if section["number"] == 2:
            for form_block in context["form_blocks"]:
                _heading(document, _t(form_block["heading"]), 2)
                for index, (label, value) in enumerate(form_block["items"], start=1):
                    _paragraph(document, f"{index}. {as_label(label)} {value}")

    _labelled(document, "Non-Applicable Sections", context["non_applicable_sections"])
    _labelled(document, "Background Documents", context["background_documents"])
    _appendix(document, context)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# Styles ---------------------------------------------------------------------------------------


def _font(style: Any, *, size: float, bold: bool | None = None, colour: str = "0B0C0C") -> None:
    """Arial at ``size`` points in ``colour``, replacing the template's theme fonts (which
    would otherwise win over the named font in Word)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.color.rgb = RGBColor.from_string(colour)
    if bold is not None:
        style.font.bold = bold
    fonts = style.element.rPr.rFonts
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)


def _paragraph_style(document: Any, name: str, base: str = "Normal") -> Any:
    from docx.enum.style import WD_STYLE_TYPE

    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles[base]
    style.quick_style = True
    return style


def _styles(document: Any) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    styles = document.styles
    normal = styles["Normal"]
    _font(normal, size=11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "en-GB")
    normal.element.get_or_add_rPr().append(language)

    title = styles["Title"]
    _font(title, size=16, bold=True)
    title.paragraph_format.space_after = Pt(12)
    title.element.get_or_add_pPr().remove_all("w:pBdr")  # the template's blue rule
    for name, size, before in (("Heading 1", 13, 14), ("Heading 2", 11.5, 10)):
        heading = styles[name]
        _font(heading, size=size, bold=True)
        heading.paragraph_format.space_before = Pt(before)
        heading.paragraph_format.space_after = Pt(6)
        heading.paragraph_format.keep_with_next = True
    caption = styles["Caption"]
    _font(caption, size=9.5, bold=True)
    caption.font.italic = False
    caption.paragraph_format.space_before = Pt(6)
    caption.paragraph_format.space_after = Pt(3)
    caption.paragraph_format.keep_with_next = True
    _font(styles["List Bullet 2"], size=11)
    footer = styles["Footer"]
    _font(footer, size=8, colour="505A5F")
    footer.paragraph_format.tab_stops.clear_all()
    footer.element.get_or_add_pPr().remove_all("w:tabs")
    footer.paragraph_format.tab_stops.add_tab_stop(Cm(PORTRAIT_TEXT_CM), WD_TAB_ALIGNMENT.RIGHT)

    organisation = _paragraph_style(document, "Organisation")
    organisation.font.bold = True
    organisation.font.size = Pt(12)
    organisation.paragraph_format.space_after = Pt(4)

    numbered = _paragraph_style(document, "Numbered Paragraph")
    numbered.paragraph_format.left_indent = Cm(1.25)
    numbered.paragraph_format.first_line_indent = Cm(-1.25)
    numbered.paragraph_format.tab_stops.add_tab_stop(Cm(1.25))

    front = _paragraph_style(document, "Front Sheet")
    front.paragraph_format.left_indent = Cm(5)
    front.paragraph_format.first_line_indent = Cm(-5)
    front.paragraph_format.tab_stops.add_tab_stop(Cm(5))
    front.paragraph_format.space_after = Pt(3)

    cell = _paragraph_style(document, "Table Text")
    cell.font.size = Pt(9)
    cell.paragraph_format.space_after = Pt(0)
    cell.paragraph_format.line_spacing = 1.0
    cell_heading = _paragraph_style(document, "Table Heading", base="Table Text")
    cell_heading.font.bold = True
    number = _paragraph_style(document, "Table Number", base="Table Text")
    number.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    number_heading = _paragraph_style(document, "Table Number Heading", base="Table Number")
    number_heading.font.bold = True

    table = styles.add_style("Report Table", WD_STYLE_TYPE.TABLE)
    table.base_style = styles["Table Grid"]
    for element in _table_style_parts():
        table.element.append(element)


def _table_style_parts() -> list[Any]:
    """The "Report Table" style's own borders and cell margins (spelt out, not only inherited
    from Table Grid, for LibreOffice) and its header row shaded light grey."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    line = 'w:val="single" w:sz="4" w:space="0" w:color="505A5F"'
    borders = "".join(
        f"<w:{side} {line}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    return [
        parse_xml(
            f"<w:tblPr {nsdecls('w')}><w:tblBorders>{borders}</w:tblBorders><w:tblCellMar>"
            '<w:top w:w="28" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
            '<w:bottom w:w="28" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
            "</w:tblCellMar></w:tblPr>"
        ),
        parse_xml(
            f'<w:tblStylePr {nsdecls("w")} w:type="firstRow"><w:rPr><w:b/></w:rPr>'
            '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="F3F2F1"/></w:tcPr>'
            "</w:tblStylePr>"
        ),
    ]


def _page(section: Any, *, landscape: bool) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Mm

    short, long = Mm(A4_MM[0]), Mm(A4_MM[1])
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    section.header_distance = Cm(1.0)
    section.footer_distance = Cm(1.0)


def _core_properties(document: Any, context: dict[str, Any]) -> None:
    properties = document.core_properties
    properties.title = _t(context["title"])[:255]
    properties.author = _t(context["organisation"])[:255]
    properties.comments = f"{context['audience']} version"
    properties.language = "en-GB"


# Footer ---------------------------------------------------------------------------------------


def _field(paragraph: Any, instruction: str) -> None:
    """A Word field (``PAGE``, ``NUMPAGES``): begin, instruction, separate, result, end."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(element)

    char("begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    paragraph.add_run()._r.append(text)
    char("separate")
    paragraph.add_run("1")
    char("end")


def _footer(document: Any, section: Any, context: dict[str, Any], *, width_cm: float) -> None:
    """The title on the left, "Page X of Y" (Word fields) on the right margin."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Cm

    section.footer.is_linked_to_previous = False
    paragraph = section.footer.paragraphs[0]
    paragraph._p.style = _style_id(document, "Footer")
    if width_cm != PORTRAIT_TEXT_CM:  # the Footer style's tab is at the portrait margin
        tabs = paragraph.paragraph_format.tab_stops
        tabs.add_tab_stop(Cm(PORTRAIT_TEXT_CM), WD_TAB_ALIGNMENT.CLEAR)
        tabs.add_tab_stop(Cm(width_cm), WD_TAB_ALIGNMENT.RIGHT)
    paragraph.add_run(footer_text(context) + "\tPage ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" of ")
    _field(paragraph, "NUMPAGES")


# Paragraphs -----------------------------------------------------------------------------------

# Styles used by name: python-docx looks a name up by scanning every style each time (a second
# on the demo report), so their ids are looked up once per document.
_STYLE_NAMES = (
    "Normal",
    "Title",
    "Heading 1",
    "Heading 2",
    "Footer",
    "Report Table",
    "Caption",
    "List Bullet 2",
    "Strong",
    "Organisation",
    "Numbered Paragraph",
    "Front Sheet",
    "Table Text",
    "Table Heading",
    "Table Number",
    "Table Number Heading",
)


def _style_id(document: Any, name: str) -> str:
    ids = document.__dict__.get("_headway_style_ids")
    if ids is None:
        ids = {n: document.styles[n].style_id for n in _STYLE_NAMES}
        document.__dict__["_headway_style_ids"] = ids
    return ids[name]


def _add_paragraph(document: Any, style: str | None = None) -> Any:
    paragraph = document.add_paragraph()
    if style and style != "Normal":
        paragraph._p.style = _style_id(document, style)
    return paragraph


def _add_run(document: Any, paragraph: Any, text: str, style: str | None = None) -> Any:
    run = paragraph.add_run(text)
    if style:
        run._r.style = _style_id(document, style)
    return run


def _heading(document: Any, text: str, level: int) -> Any:
    return _paragraph(document, text, style=f"Heading {level}")


def _paragraph(document: Any, text: str, *, style: str | None = None) -> Any:
    paragraph = _add_paragraph(document, style)
    paragraph.add_run(_t(text))
    return paragraph


def _labelled(document: Any, label: str, value: str) -> None:
    paragraph = _add_paragraph(document, "Front Sheet")
    _add_run(document, paragraph, _t(as_label(label)), "Strong")
    paragraph.add_run("\t" + _t(value))


def _notice(document: Any, context: dict[str, Any]) -> None:
    parts = context["exempt_parts"]
    if not parts:
        return
    if context["audience"] == "public":
        text = (
            f"This is the public version. {parts} exempt part{'s' if parts != 1 else ''} of the "
            f"report {'are' if parts != 1 else 'is'} left out of it."
        )
    else:
        text = (
            f"Restricted version: contains exempt information ({parts} part"
            f"{'s' if parts != 1 else ''}, marked). Do not publish."
        )
    _add_run(document, _add_paragraph(document), text, "Strong")


def _numbered(document: Any, block: dict[str, Any], context: dict[str, Any]) -> Any:
    if block["number"]:
        paragraph = _add_paragraph(document, "Numbered Paragraph")
        _add_run(document, paragraph, _t(block["number"]), "Strong")
        paragraph.add_run("\t")
    else:  # a section the council does not number (the source's recommendation)
        paragraph = _add_paragraph(document)
    if block["exempt"] and context["audience"] == "restricted":
        _add_run(document, paragraph, _EXEMPT, "Strong")
    paragraph.add_run(_t(block["text"]))
    for bullet in block["bullets"]:
        _paragraph(document, bullet, style="List Bullet 2")
    return paragraph


def _block(document: Any, context: dict[str, Any], block: dict[str, Any]) -> None:
    paragraph = _numbered(document, block, context)
    if block["kind"] == "table":
        if not block["bullets"]:
            paragraph.paragraph_format.keep_with_next = True
        _summary_table(document, context)
        _chart(document, context)
        if block.get("missing"):
            _paragraph(document, block["missing"])
    elif block["kind"] == "risks":
        if not block["bullets"]:
            paragraph.paragraph_format.keep_with_next = True
        _risks_table(document, block)
    elif block["kind"] == "indicators":
        _indicators(document, context, block, paragraph)


# Tables ---------------------------------------------------------------------------------------


def _table(
    document: Any,
    header: list[str],
    rows: list[list[str]],
    widths_cm: tuple[float, ...],
    *,
    caption: str | None = None,
    numeric_from: int = 99,
    keep_together: bool = False,
    keep_with_following: bool = False,
    bold_last_row: bool = False,
) -> Any:
    """A "Report Table" with fixed column widths, a repeating header row and rows that cannot
    split. ``keep_together`` keeps every row with the next (Word keeps a short table on one
    page this way), ``keep_with_following`` the last row too (with the chart after it); cells
    from ``numeric_from`` on are right-aligned (counts)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    if caption:
        _paragraph(document, caption, style="Caption")
    table = document.add_table(rows=0, cols=len(header))
    table._tbl.tblStyle_val = _style_id(document, "Report Table")
    table.autofit = False  # <w:tblLayout w:type="fixed"/>: the widths below are kept
    width = table._tbl.tblPr.find(qn("w:tblW"))  # python-docx's new table has one ("auto")
    width.set(qn("w:w"), str(round(sum(widths_cm) / 2.54 * 1440)))
    width.set(qn("w:type"), "dxa")
    for column, width_cm in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width_cm)

    all_rows = [header, *rows]
    for index, values in enumerate(all_rows):
        is_header = index == 0
        is_last = index == len(all_rows) - 1
        row = table.add_row()
        flags = row._tr.get_or_add_trPr()
        flags.append(OxmlElement("w:cantSplit"))
        if is_header:
            flags.append(OxmlElement("w:tblHeader"))
        # The cells' XML directly: python-docx's row.cells proxies cost a second on 1,000 rows.
        for column, (tc, text) in enumerate(zip(row._tr.tc_lst, values, strict=True)):
            numeric = column >= numeric_from
            if is_header:
                style = "Table Number Heading" if numeric else "Table Heading"
            else:
                style = "Table Number" if numeric else "Table Text"
            p = tc.p_lst[0]
            p.style = _style_id(document, style)
            r = p.add_r()
            r.text = _t(text)
            if bold_last_row and is_last:
                r.style = _style_id(document, "Strong")
            if keep_together and (keep_with_following or not is_last):
                p.get_or_add_pPr().keepNext_val = True
    return table


def _summary_table(document: Any, context: dict[str, Any]) -> None:
    table_data = context["table"]
    header = ["", "Actions", *(column["label"] for column in table_data["columns"])]
    rows = [
        [row["area"], str(row["actions"]), *(cell["text"] for cell in row["cells"])]
        for row in [*table_data["rows"], table_data["total"]]
    ]
    status_width = (PORTRAIT_TEXT_CM - SUMMARY_AREA_CM - SUMMARY_ACTIONS_CM) / max(
        len(table_data["columns"]), 1
    )
    widths = (
        SUMMARY_AREA_CM,
        SUMMARY_ACTIONS_CM,
        *([status_width] * len(table_data["columns"])),
    )
    _table(
        document,
        header,
        rows,
        widths,
        caption=f"Progress by outcome area, {context['round']['title']}",
        numeric_from=1,
        keep_together=True,
        keep_with_following=True,
        bold_last_row=True,
    )


def _chart(document: Any, context: dict[str, Any]) -> None:
    from docx.shared import Cm

    png = status_chart_png(context["table"])
    paragraph = _add_paragraph(document)
    paragraph.paragraph_format.keep_with_next = True  # with its caption
    shape = paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(15))
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", _t(context["chart"]["alt"]))
    doc_pr.set("title", "Progress of actions by outcome area")
    _paragraph(
        document,
        "Progress of actions by outcome area (the figures are in the table).",
        style="Caption",
    )


def _risks_table(document: Any, block: dict[str, Any]) -> None:
    rows = [
        [
            f"{risk['reference']} {risk['action']}",
            (_EXEMPT if risk["exempt"] else "") + risk["title"],
            risk["cause"],
            risk["escalation"],
        ]
        for risk in block["risks"]
    ]
    _table(
        document,
        ["Action", "Risk", "Cause", "Escalation"],
        rows,
        RISK_WIDTHS_CM,
        caption="Areas of limited progress",
        keep_together=True,
    )
    hidden = block.get("hidden", 0)
    if hidden:
        _paragraph(
            document,
            f"{hidden} further risk{'s' if hidden != 1 else ''} "
            f"{'are' if hidden != 1 else 'is'} exempt information, left out of the public version.",
        )


def _indicators(
    document: Any, context: dict[str, Any], block: dict[str, Any], paragraph: Any
) -> None:
    """The scorecard table, the "Illustrative figures" label and a trend chart (PNG) for each
    chosen indicator."""
    from docx.shared import Cm

    indicators = context.get("indicators", [])
    if block.get("illustrative"):
        _add_run(document, _add_paragraph(document), block["illustrative"], "Strong")
    if indicators:
        paragraph.paragraph_format.keep_with_next = True
        rows = [
            [
                f"{i['reference']} {i['title']}" + (f" ({i['period']})" if i["period"] else ""),
                i["value"],
                i["target"],
                f"{i['rating']}. {i['rule']}",
                i["direction_text"] or i["direction"],
                i["comparator"] or "None",
            ]
            for i in indicators
        ]
        caption = f"Performance indicators, {context['round']['title']}"
        if block.get("illustrative"):
            caption += f" ({block['illustrative'].lower()})"
        _table(
            document,
            ["Indicator", "Latest value", "Target", "Rating", "Direction of travel", "Comparator"],
            rows,
            INDICATOR_WIDTHS_CM,
            caption=caption,
        )
    by_reference = {indicator["reference"]: indicator for indicator in indicators}
    for chart in block.get("charts", []):
        indicator = by_reference.get(chart["reference"])
        if indicator is None:
            continue
        picture = _add_paragraph(document)
        picture.paragraph_format.keep_with_next = True  # with its caption
        shape = picture.add_run().add_picture(io.BytesIO(trend_png(indicator)), width=Cm(14))
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", _t(chart["alt"]))
        doc_pr.set("title", _t(chart["title"])[:255])
        _paragraph(
            document,
            f"{chart['title']}: trend against target"
            + (" (illustrative figures)" if chart["illustrative"] else "")
            + ". The latest figures are in the table.",
            style="Caption",
        )


def _appendix(document: Any, context: dict[str, Any]) -> None:
    """The plan, action by action, in a landscape section of its own."""
    from docx.enum.section import WD_SECTION

    section = document.add_section(WD_SECTION.NEW_PAGE)
    _page(section, landscape=True)
    _footer(document, section, context, width_cm=LANDSCAPE_TEXT_CM)
    _heading(document, "Appendix: the performance improvement plan", 1)
    _paragraph(
        document,
        f"{context['plan']['title']}, {context['plan']['period']}: each action with its latest "
        f"approved update for {context['round']['title']}.",
    )
    restricted = context["audience"] == "restricted"
    if not context["appendix"]:
        _paragraph(document, "The plan has no actions.")
    for area in context["appendix"]:
        _heading(document, _t(f"{area['number']}. {area['title']}"), 2)
        rows = [
            [
                action["reference"],
                action["title"],
                action["lead"],
                action["timescale"],
                action["assessment"],
                (_EXEMPT if action["exempt"] and restricted else "") + action["narrative"],
            ]
            for action in area["actions"]
        ]
        _table(
            document,
            ["Ref", "Action", "Lead", "Timescale", "Status", "Latest update"],
            rows,
            APPENDIX_WIDTHS_CM,
        )
