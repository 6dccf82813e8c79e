"""Domain-free template tags and filters, shared by every app's templates.

Tags that know about plans (the header's links, status tags and charts) live in the plans app's
libraries, ``plans_nav`` and ``plans_status``: core imports no domain app.
"""

from fractions import Fraction
from typing import Any

from django import template
from django.contrib.messages.storage.base import Message
from django.utils.safestring import SafeString

from headway.core.components import component
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


@register.simple_tag
def pagination_params(page: Any, query: str = "") -> dict[str, Any] | None:
    """GOV.UK pagination's parameters for a Django ``Page`` (None when there is one page);
    ``query`` is the rest of the query string, without ``page``.

    ``{% pagination_params page query as pagination %}{% govuk "pagination" params=pagination %}``
    """
    if not page.has_other_pages():
        return None

    def href(number: int) -> str:
        return f"?{query}&page={number}" if query else f"?page={number}"

    items: list[dict[str, Any]] = []
    for number in page_numbers(page):
        if number == page.paginator.ELLIPSIS:
            items.append({"ellipsis": True})
        else:
            items.append({"number": number, "href": href(number), "current": number == page.number})
    params: dict[str, Any] = {"items": items}
    if page.has_previous():
        params["previous"] = {"href": href(page.previous_page_number())}
    if page.has_next():
        params["next"] = {"href": href(page.next_page_number())}
    return params


@register.simple_tag
def message_banner(message: Message, number: int) -> SafeString:
    """A flash message as GOV.UK's notification banner: green "Success" for a success, else the
    plain "Important" one. ``number`` keeps each banner's title id unique on the page."""
    success = "success" in message.tags.split()
    return component(
        "notification-banner",
        {
            "text": str(message),
            "type": "success" if success else None,
            "titleId": f"message-title-{number}",
        },
    )


@register.filter
def http_url(value: str | None) -> str:
    """The address if it is http(s), else "": a stored ``javascript:`` link must never be clickable,
    even if it reached the database without passing a form's validation (an import, the shell)."""
    text = (value or "").strip()
    return text if text.lower().startswith(("https://", "http://")) else ""


@register.simple_tag
def link_items(*pairs: Any) -> list[dict[str, str]]:
    """Items for breadcrumbs (or any list of links) from text, address pairs; a pair whose text
    is empty is left out. ``{% link_items "Home" home_url plan.title plan_url as crumbs %}``"""
    if len(pairs) % 2:
        raise template.TemplateSyntaxError("link_items takes text, address pairs.")
    return [
        {"text": str(text), "href": str(href)}
        for text, href in zip(pairs[::2], pairs[1::2], strict=True)
        if text
    ]
