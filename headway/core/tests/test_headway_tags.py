"""Core's page tags around the component layer: memoised components, link items, pagination and
message banners."""

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.core.paginator import Paginator
from django.template import Context, Template, TemplateSyntaxError
from django.utils.html import format_html

from headway.core.components import component
from headway.core.templatetags.headway import (
    govuk_breadcrumbs,
    govuk_memo,
    link_items,
    message_banner,
    pagination_params,
)


def test_memo_renders_what_the_layer_renders_and_escapes_text():
    html = govuk_memo("button", text="Save <now>", href="/a?b=1&c=2")
    assert html == component("button", {"text": "Save <now>", "href": "/a?b=1&c=2"})
    assert "Save &lt;now&gt;" in html and 'href="/a?b=1&amp;c=2"' in html


def test_memo_keeps_a_safe_string_apart_from_a_plain_one():
    plain = govuk_memo("inset-text", html="<b>bold</b>")
    safe = govuk_memo("inset-text", html=format_html("<b>{}</b>", "bold"))
    assert "&lt;b&gt;" in plain and "<b>bold</b>" in safe


def test_memo_takes_plain_values_only():
    with pytest.raises(TemplateSyntaxError):
        govuk_memo("breadcrumbs", items=[{"text": "Home", "href": "/"}])


def test_memo_reaches_inside_with_double_underscores():
    html = Template(
        '{% load headway %}{% govuk_memo "phase-banner" tag__text="Beta" text="New" %}'
    ).render(Context())
    assert "govuk-phase-banner" in html and "Beta" in html


def test_breadcrumbs_and_link_items():
    items = link_items("Home", "/", "", "/skipped", "Plan <1>", "/plans/one/")
    assert items == [{"text": "Home", "href": "/"}, {"text": "Plan <1>", "href": "/plans/one/"}]
    html = govuk_breadcrumbs(items)
    assert html == component("breadcrumbs", {"items": items})
    assert "Plan &lt;1&gt;" in html


def test_pagination_keeps_the_query_and_elides_the_middle():
    page = Paginator(range(500), 10).get_page(25)
    params = pagination_params(page, "area=2&status=achieved")
    assert params["previous"]["href"] == "?area=2&status=achieved&page=24"
    assert params["next"]["href"] == "?area=2&status=achieved&page=26"
    assert {"ellipsis": True} in params["items"]
    current = [item for item in params["items"] if item.get("current")]
    assert current == [{"number": 25, "href": "?area=2&status=achieved&page=25", "current": True}]
    assert pagination_params(Paginator(range(5), 10).get_page(1)) is None


def test_message_banner_is_green_for_a_success_only():
    success = message_banner(Message(constants.SUCCESS, "Saved <it>."), 1)
    error = message_banner(Message(constants.ERROR, "Refused."), 2)
    assert "govuk-notification-banner--success" in success and "Saved &lt;it&gt;." in success
    assert 'id="message-title-1"' in success
    assert "govuk-notification-banner--success" not in error and "Important" in error
