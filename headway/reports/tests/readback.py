"""Read rendered reports back as text, as a clerk's tools would: python-docx and pypdf."""

import io

from docx import Document
from pypdf import PdfReader


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def docx_tables(content: bytes) -> list[list[list[str]]]:
    document = Document(io.BytesIO(content))
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


def docx_headings(content: bytes) -> list[str]:
    document = Document(io.BytesIO(content))
    return [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]


def pdf_text(content: bytes) -> str:
    """pypdf's text, page by page; pdfminer's for a page where pypdf cannot decode a font
    (an emoji fallback font makes it return UTF-16 code units)."""
    from pdfminer.high_level import extract_text

    reader = PdfReader(io.BytesIO(content))
    pages = []
    for number, page in enumerate(reader.pages):
        text = page.extract_text()
        if "\x00" in text:
            text = extract_text(io.BytesIO(content), page_numbers=[number])
        pages.append(text)
    return "\n".join(pages)


def pdf_body_text(content: bytes) -> str:
    """The PDF's running text as a reader follows it from page to page: each page's text drawn
    in the page's own coordinates (the chart's labels, drawn inside the chart, are left out),
    without the running footer or the bullets' markers, so a sentence that runs on to the next
    page reads as one."""
    import re
    from collections import Counter

    reader = PdfReader(io.BytesIO(content))
    pages = []
    for page in reader.pages:
        pieces = _pieces(page)
        drawn = Counter(cm for cm, text in pieces if text.strip())
        if not drawn:
            continue
        # The page's own coordinates are those its running footer is drawn in; a page of
        # charts may hold more of the charts' labels than of running text.
        footer = [cm for cm, text in pieces if re.search(r"Page \d+ of \d+", text)]
        body = footer[0] if footer else drawn.most_common(1)[0][0]
        lines = "".join(text for cm, text in pieces if cm == body).split("\n")
        pages.append(
            "\n".join(
                line
                for line in lines
                if line.strip() != "\u2022" and not re.search(r"Page \d+ of \d+", line)
            )
        )
    return "\n".join(pages)


def _pieces(page) -> list[tuple[tuple[float, ...], str]]:
    """Each piece of a page's text with the transformation it is drawn in."""
    pieces: list[tuple[tuple[float, ...], str]] = []

    def visit(text, cm, tm, font, size) -> None:
        pieces.append((tuple(round(x, 3) for x in cm), text))

    page.extract_text(visitor_text=visit)
    return pieces
