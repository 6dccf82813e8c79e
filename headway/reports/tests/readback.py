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
