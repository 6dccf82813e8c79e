"""Renderers: each turns the one report context into a format, and does nothing else."""

from typing import Any

from ..choices import DocumentFormat


def render(context: dict[str, Any], fmt: str, *, word_template: bytes | None = None) -> bytes:
    """The report in ``fmt`` ("html", "docx" or "pdf") as bytes; the Word file filled into the
    council's own template when there is one (``council_template``)."""
    if fmt == "html":
        from .html import render_document

        return render_document(context).encode("utf-8")
    if fmt == DocumentFormat.DOCX and word_template is not None:
        from ..council_template import council_context, council_template_render

        return council_template_render(word_template, council_context(context))
    if fmt == DocumentFormat.DOCX:
        from .docx import render_docx

        return render_docx(context)
    if fmt == DocumentFormat.PDF:
        from .pdf import render_pdf

        return render_pdf(context)
    raise ValueError(f"Unknown report format {fmt!r}; expected html, docx or pdf.")
