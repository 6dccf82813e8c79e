"""The report as HTML: the page preview's body and the standalone document WeasyPrint prints."""

import base64
from typing import Any

from django.template.loader import render_to_string


def chart_src(context: dict[str, Any]) -> str:
    """The chart as a data: URI. An <img> keeps the SVG's own styles inside the image, so the
    page's Content-Security-Policy (no inline styles) does not strip its colours."""
    encoded = base64.b64encode(context["chart"]["svg"].encode("utf-8")).decode("ascii")
    return f"data:image/svg+xml;base64,{encoded}"


def template_context(context: dict[str, Any]) -> dict[str, Any]:
    return {"r": context, "chart_src": chart_src(context)}


def render_document(context: dict[str, Any]) -> str:
    return render_to_string("reports/document.html", template_context(context))
