"""Domain-free template tags and filters, shared by every app's templates.

Tags that know about plans (the header's links, status tags and charts) live in the plans app's
libraries, ``plans_nav`` and ``plans_status``: core imports no domain app.
"""

from fractions import Fraction
from typing import Any

from django import template

from headway.core.fractions import format_count

register = template.Library()


@register.filter
def count(value: Fraction | int | None) -> str:
    """``{{ cell|count }}`` prints 6½ rather than 6.5."""
    if value is None:
        return ""
    return format_count(value)


@register.filter
def at(counts: Any, key: Any) -> Any:
    """``{{ area.counts|at:status }}``: the value under a key (templates cannot index by
    variable)."""
    return counts[key]


@register.simple_tag
def page_numbers(page: Any) -> list[Any]:
    """Page numbers around the current one, with the paginator's ellipsis for the gaps."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))


@register.filter
def http_url(value: str | None) -> str:
    """The address if it is http(s), else "": a stored ``javascript:`` link must never be clickable,
    even if it reached the database without passing a form's validation (an import, the shell)."""
    text = (value or "").strip()
    return text if text.lower().startswith(("https://", "http://")) else ""
