"""The report as HTML: the page preview's body and the standalone document WeasyPrint prints."""

from typing import Any

from django.template.loader import render_to_string

from headway.plans.charts import svg_data_uri


def chart_src(context: dict[str, Any]) -> str:
    """The chart as a data: URI. An <img> keeps the SVG's own styles inside the image, so the
    page's Content-Security-Policy (no inline styles) does not strip its colours."""
    return svg_data_uri(context["chart"]["svg"])


def template_context(context: dict[str, Any]) -> dict[str, Any]:
    return {"r": context, "chart_src": chart_src(context)}


def render_document(context: dict[str, Any]) -> str:
    return render_to_string("reports/document.html", template_context(context))
