"""Domain-free template tags and filters, shared by every app's templates.

Tags that know about plans (the header's links, status tags and charts) live in the plans app's
libraries, ``plans_nav`` and ``plans_status``: core imports no domain app.
"""

from fractions import Fraction
from functools import lru_cache
from typing import Any

from django import template
from django.contrib.messages.storage.base import Message
from django.utils.safestring import SafeString

from headway.core.components import component, merged
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


@register.simple_tag
def govuk_memo(name: str, **params: str | int | bool) -> SafeString:
    """``{% govuk_memo "button" text="Save" %}``: like ``{% govuk %}``, for a component whose
    parameters are all plain values (text, an address, a class), rendered once per process for
    each set of them. The page's frame (skip link, phase banner) and its buttons and back links
    then cost nothing after the first request; anything with a list or a dict goes to ``govuk``.
    """
    for value in params.values():
        if not isinstance(value, str | int | bool):
            raise template.TemplateSyntaxError(
                f"govuk_memo takes plain values only; use govuk for {name!r}."
            )
    # The type is part of the key: a safe string and a plain one render differently.
    return _memo(name, tuple(sorted((key, type(v), v) for key, v in params.items())))


@lru_cache(maxsize=2048)
def _memo(name: str, items: tuple[tuple[str, type, Any], ...]) -> SafeString:
    return component(name, merged({}, {key: value for key, _type, value in items}))


@register.simple_tag
def govuk_breadcrumbs(items: list[dict[str, str]]) -> SafeString:
    """GOV.UK's breadcrumbs for ``items`` (text and href each), rendered once per process for
    each trail, as ``govuk_memo`` does."""
    return _breadcrumbs(tuple((str(item["text"]), str(item["href"])) for item in items))


@lru_cache(maxsize=2048)
def _breadcrumbs(trail: tuple[tuple[str, str], ...]) -> SafeString:
    return component("breadcrumbs", {"items": [{"text": t, "href": h} for t, h in trail]})
