"""The report as Word: real headings and tables, numbered paragraphs 3.1, 3.2 … as in the source.

Every piece of user text goes into a run as plain text (python-docx escapes it); the context
builder has already removed characters XML 1.0 cannot hold, and ``_t`` does so again here so
this renderer is safe on its own.
"""

import io
from typing import Any

from headway.plans.charts import status_chart_png

from ..text import clean_text as _t

_EXEMPT = "Exempt information: "


def render_docx(context: dict[str, Any]) -> bytes:
    from docx import Document
    from docx.shared import Pt

    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    _core_properties(document, context)
    _footer(document, context)

    _paragraph(document, context["organisation"], bold=True)
    _notice(document, context)
    for label, value in context["front_sheet"]:
        _labelled(document, label, value)

    for section in context["sections"]:
        document.add_heading(_t(f"{section['number']}. {section['heading']}"), level=1)
        for block in section["blocks"]:
            _block(document, context, block)
        if not section["blocks"]:
            _paragraph(document, "None.")
        if section["number"] == 2:
            for form_block in context["form_blocks"]:
                document.add_heading(_t(form_block["heading"]), level=2)
                for index, (label, value) in enumerate(form_block["items"], start=1):
                    _paragraph(document, f"{index}. {label}: {value}")

    _labelled(document, "Non-Applicable Sections", context["non_applicable_sections"])
    _labelled(
        document,
        "Background Documents",
        context["background_documents"],
    )
    _appendix(document, context)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _core_properties(document: Any, context: dict[str, Any]) -> None:
    properties = document.core_properties
    properties.title = _t(context["title"])[:255]
    properties.author = _t(context["organisation"])[:255]
    properties.comments = f"{context['audience']} version"


def _footer(document: Any, context: dict[str, Any]) -> None:
    """Title on the left and a PAGE field, so Word numbers the pages as the PDF does."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    paragraph = document.sections[0].footer.paragraphs[0]
    restricted = context["audience"] == "restricted" and context["exempt_parts"]
    paragraph.add_run(_t(context["title"]) + (" — RESTRICTED" if restricted else "") + " — Page ")
    paragraph._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        )
    )


def _paragraph(document: Any, text: str, *, bold: bool = False, style: str | None = None) -> Any:
    paragraph = document.add_paragraph(style=style)
    paragraph.add_run(_t(text)).bold = bold
    return paragraph


def _labelled(document: Any, label: str, value: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(_t(f"{label}: ")).bold = True
    paragraph.add_run(_t(value))


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
    _paragraph(document, text, bold=True)


def _numbered(document: Any, block: dict[str, Any], context: dict[str, Any]) -> None:
    from docx.shared import Cm

    paragraph = document.add_paragraph()
    paragraph.paragraph_format.left_indent = Cm(1.25)
    paragraph.paragraph_format.first_line_indent = Cm(-1.25)
    paragraph.add_run(_t(block["number"]) + "\t").bold = True
    if block["exempt"] and context["audience"] == "restricted":
        paragraph.add_run(_EXEMPT).bold = True
    paragraph.add_run(_t(block["text"]))
    for bullet in block["bullets"]:
        item = document.add_paragraph(style="List Bullet")
        item.paragraph_format.left_indent = Cm(1.9)
        item.add_run(_t(bullet))


def _block(document: Any, context: dict[str, Any], block: dict[str, Any]) -> None:
    _numbered(document, block, context)
    if block["kind"] == "table":
        _summary_table(document, context)
        _chart(document, context)
        if block.get("missing"):
            _paragraph(document, block["missing"])
    elif block["kind"] == "risks":
        _risks_table(document, block)


def _table(document: Any, header: list[str], rows: list[list[str]], numeric_from: int = 99) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(_t(text)).bold = True
    for values in rows:
        cells = table.add_row().cells
        for index, (cell, text) in enumerate(zip(cells, values, strict=True)):
            cell.paragraphs[0].add_run(_t(text))
            if index >= numeric_from:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return table


def _summary_table(document: Any, context: dict[str, Any]) -> None:
    table_data = context["table"]
    header = ["", "Actions", *(column["label"] for column in table_data["columns"])]
    rows = [
        [row["area"], str(row["actions"]), *(cell["text"] for cell in row["cells"])]
        for row in [*table_data["rows"], table_data["total"]]
    ]
    table = _table(document, header, rows, numeric_from=1)
    for cell in table.rows[-1].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True


def _chart(document: Any, context: dict[str, Any]) -> None:
    from docx.shared import Cm

    png = status_chart_png(context["table"])
    run = document.add_paragraph().add_run()
    shape = run.add_picture(io.BytesIO(png), width=Cm(15))
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", _t(context["chart"]["alt"]))
    doc_pr.set("title", "Progress of actions by outcome area")


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
    _table(document, ["Action", "Risk", "Cause", "Escalation"], rows)
    hidden = block.get("hidden", 0)
    if hidden:
        _paragraph(
            document,
            f"{hidden} further risk{'s' if hidden != 1 else ''} "
            f"{'are' if hidden != 1 else 'is'} exempt information, left out of the public version.",
        )


def _appendix(document: Any, context: dict[str, Any]) -> None:
    from docx.enum.text import WD_BREAK

    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_heading("Appendix: the performance improvement plan", level=1)
    _paragraph(
        document,
        f"{context['plan']['title']}, {context['plan']['period']}: each action with its latest "
        f"approved update for {context['round']['title']}.",
    )
    restricted = context["audience"] == "restricted"
    for area in context["appendix"]:
        document.add_heading(_t(f"{area['number']}. {area['title']}"), level=2)
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
        _table(document, ["Ref", "Action", "Lead", "Timescale", "Status", "Latest update"], rows)
