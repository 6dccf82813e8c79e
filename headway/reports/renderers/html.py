"""The report as HTML: the page preview's body and the standalone document.

The standalone document (``render_document``) is what WeasyPrint prints and what
``committee_report --format html`` writes. It is self-contained: the print stylesheet is inlined
in a ``<style>`` element and the chart is an SVG data: URI, so the file reads properly opened
from disk, with no server. It is never served as a web page (downloads are Word and PDF only),
so the page's Content-Security-Policy, which forbids inline styles, does not apply to it.
"""

from functools import lru_cache
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from headway.plans.charts import svg_data_uri

from ..text import clean_text

STYLESHEET = "reports/print.css"
FOOTER_TITLE_CHARS = 70


def chart_src(context: dict[str, Any]) -> str:
    """The chart as a data: URI. An <img> keeps the SVG's own styles inside the image, so the
    page's Content-Security-Policy (no inline styles) does not strip its colours."""
    return svg_data_uri(context["chart"]["svg"])


def footer_text(context: dict[str, Any]) -> str:
    """The running footer of every format: the title (shortened to fit one line), the round,
    and the restricted marker, which is never shortened away."""
    title = clean_text(context["title"])
    if len(title) > FOOTER_TITLE_CHARS:
        title = title[: FOOTER_TITLE_CHARS - 1].rstrip() + "…"
    restricted = context["audience"] == "restricted" and context["exempt_parts"]
    return f"{title} — {clean_text(context['round']['title'])}" + (
        " — RESTRICTED: contains exempt information" if restricted else ""
    )


@lru_cache(maxsize=1)
def _stylesheet_text(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


def stylesheet() -> SafeString:
    """The print stylesheet's text, for a ``<style>`` element. It is Headway's own file, never
    user input; a stylesheet that could close the element is refused."""
    path = finders.find(STYLESHEET)
    if not path:
        raise FileNotFoundError(f"The report stylesheet {STYLESHEET} is missing.")
    text = _stylesheet_text(str(path))
    if "</" in text:
        raise ValueError(f"{STYLESHEET} must not contain '</'.")
    return mark_safe(text)  # noqa: S308  # nosec B308 B703


def template_context(context: dict[str, Any]) -> dict[str, Any]:
    return {"r": context, "chart_src": chart_src(context)}


def render_document(context: dict[str, Any]) -> str:
    return render_to_string(
        "reports/document.html",
        {
            **template_context(context),
            "standalone": True,
            "stylesheet": stylesheet(),
            "footer": footer_text(context),
        },
    )
