"""Headway's one GOV.UK component layer.

Every GOV.UK component on a page is GOV.UK Frontend's own macro, as ported to Jinja by
``govuk-frontend-jinja`` (which tracks each Frontend release; 4.0 is Frontend 6.0, the version
``package.json`` pins). The macros are compiled once, by one Jinja environment, and rendered
from Django templates through the ``govuk`` template tags (``headway/core/templatetags``).

``field_params`` turns a Django form field into the parameters of the component its widget
calls for (input, textarea, select, radios, checkboxes, date input, file upload), with its
label, hint, value and error message, so a template never types a field's markup.
``docs/decisions.md`` ("One GOV.UK component layer") says why this and not a template library.
"""

import datetime as dt
import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from jinja2 import Environment, PackageLoader, PrefixLoader, Template

from .forms import GovukDateWidget

_ENVIRONMENT = Environment(
    loader=PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
    autoescape=True,
    auto_reload=False,
    trim_blocks=True,
    lstrip_blocks=True,
)

FIELDSET_COMPONENTS = frozenset({"radios", "checkboxes", "date-input"})


@cache
def _macro(name: str) -> Template:
    if not re.fullmatch(r"[a-z]+(-[a-z]+)*", name):
        raise ValueError(f"No GOV.UK component is called {name!r}.")
    macro = "govuk" + "".join(part.capitalize() for part in name.split("-"))
    return _ENVIRONMENT.from_string(
        f'{{% from "govuk_frontend_jinja/components/{name}/macro.html" import {macro} %}}'
        f"{{{{ {macro}(params) }}}}"
    )


def load_components() -> int:
    """Compile every component's templates now rather than on first use (a server process's
    warm-up, ``headway.core.warmup``); returns how many components there are."""
    prefix = "govuk_frontend_jinja/components/"
    names = set()
    for template in _ENVIRONMENT.list_templates(filter_func=lambda n: n.startswith(prefix)):
        if template.endswith(".html"):
            _ENVIRONMENT.get_template(template)
            names.add(template.removeprefix(prefix).split("/")[0])
    for name in names:
        _macro(name)
    return len(names)


# Radios that reveal a follow-up question are started by Headway's own script
# (static/js/headway.js), not GOV.UK Frontend's: Frontend puts aria-expanded on each radio,
# which ARIA does not allow on a radio (axe's aria-allowed-attr; GOV.UK Frontend issue 979).
# Ours keeps the markup, the reveal and aria-controls, without aria-expanded; the revealed
# question follows its radio, so a screen reader reaches it next.
REVEALING_RADIOS = 'data-module="app-radios-reveal"'


def component(name: str, params: Mapping[str, Any]) -> SafeString:
    """One GOV.UK component, ``name`` as the Design System spells it ("back-link", "radios").

    ``text`` parameters are escaped by the macro; ``html`` ones must already be safe (a Django
    ``SafeString``, or built with ``format_html``), and anything else in them is escaped here.
    """
    # The macros escape every text parameter; _safe_html escapes any html one not already safe.
    html = _macro(name).render(params=_safe_html(params)).strip()
    if name == "radios" and any(item.get("conditional") for item in params.get("items", [])):
        html = html.replace('data-module="govuk-radios"', REVEALING_RADIOS, 1)
    return mark_safe(html)  # noqa: S308  # nosec B308 B703


def _safe_html(value: Any) -> Any:
    """Escape any ``html`` parameter that is not already marked safe."""
    if isinstance(value, Mapping):
        return {
            key: (conditional_escape(item) if key == "html" else _safe_html(item))
            for key, item in value.items()
            if item is not None
        }
    if isinstance(value, list | tuple):
        return [_safe_html(item) for item in value]
    return value


def merged(params: Mapping[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    """``params`` with ``overrides`` laid over it: ``label__classes="…"`` sets
    ``params["label"]["classes"]``; a dict merges into a dict."""
    result: dict[str, Any] = dict(params)
    for key, value in overrides.items():
        path = key.split("__")
        target = result
        for part in path[:-1]:
            inner = target.get(part)
            target[part] = dict(inner) if isinstance(inner, Mapping) else {}
            target = target[part]
        last = path[-1]
        if isinstance(value, Mapping) and isinstance(target.get(last), Mapping):
            target[last] = merged(target[last], value)
        else:
            target[last] = value
    return result


def field_component(bound: forms.BoundField) -> str:
    """The component a field's widget calls for, or "" for a hidden field."""
    widget = bound.field.widget
    if widget.is_hidden:
        return ""
    if isinstance(widget, GovukDateWidget):
        return "date-input"
    # Django's CheckboxSelectMultiple is a kind of RadioSelect: ask for it first.
    if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.FileInput):
        return "file-upload"
    return "input"


def field_params(
    bound: forms.BoundField, *, reveals: Mapping[str, SafeString] | None = None
) -> dict[str, Any]:
    """The parameters of ``field_component(bound)`` for this field as it stands: its label (as
    the legend of a fieldset), hint, value and errors. ``reveals`` maps a radio or checkbox
    value to the HTML shown when it is chosen (GOV.UK's conditional reveal)."""
    name = field_component(bound)
    widget = bound.field.widget
    attrs = dict(widget.attrs)
    classes = attrs.pop("class", None)
    params: dict[str, Any] = {"classes": classes}
    if bound.help_text:
        params["hint"] = {"text": str(bound.help_text)}
    if bound.errors:
        params["errorMessage"] = {"text": " ".join(str(error) for error in bound.errors)}
    label = {"text": str(bound.label), "classes": "govuk-label--s"}
    if name in FIELDSET_COMPONENTS and not isinstance(widget, forms.CheckboxInput):
        params["fieldset"] = {
            "legend": {"text": str(bound.label), "classes": "govuk-fieldset__legend--s"}
        }
    elif name != "checkboxes":
        params["label"] = label
    builder = _BUILDERS[name]
    params.update(builder(bound, attrs, reveals or {}))
    return params


def _text_like(bound: forms.BoundField, attrs: dict[str, Any], _: Mapping) -> dict[str, Any]:
    widget = bound.field.widget
    value = bound.value()
    params: dict[str, Any] = {"id": bound.auto_id, "name": bound.html_name}
    input_type = getattr(widget, "input_type", "text")
    if input_type != "text":
        params["type"] = input_type
    if value not in (None, "") and input_type != "password":
        params["value"] = str(bound.field.widget.format_value(value) or "")
    for key in ("autocomplete", "inputmode", "spellcheck", "autocapitalize", "pattern"):
        if key in attrs:
            params[key] = attrs.pop(key)
    if isinstance(widget, forms.Textarea):
        params["rows"] = attrs.pop("rows", None) or None
        params.pop("type", None)
    attrs.pop("cols", None)
    if isinstance(widget, forms.FileInput):
        params.pop("value", None)
        params.pop("type", None)
    if attrs:
        params["attributes"] = attrs
    return params


def _choice_items(bound: forms.BoundField, reveals: Mapping[str, SafeString]) -> list[dict]:
    items = []
    for choice in bound.subwidgets:
        value = str(choice.data["value"])
        item: dict[str, Any] = {
            "id": choice.data["attrs"]["id"],
            "value": value,
            "text": str(choice.choice_label),
            "checked": bool(choice.data["selected"]),
        }
        if value in reveals:
            item["conditional"] = {"html": reveals[value]}
        items.append(item)
    return items


def _radios(bound: forms.BoundField, attrs: dict[str, Any], reveals: Mapping) -> dict[str, Any]:
    return {
        "name": bound.html_name,
        "idPrefix": bound.auto_id,
        "items": _choice_items(bound, reveals),
    }


def _checkboxes(bound: forms.BoundField, attrs: dict[str, Any], reveals: Mapping) -> dict[str, Any]:
    if isinstance(bound.field.widget, forms.CheckboxInput):
        item = {
            "id": bound.auto_id,
            "value": "on",
            "text": str(bound.label),
            "checked": bool(bound.value()),
        }
        if "on" in reveals:
            item["conditional"] = {"html": reveals["on"]}
        return {"name": bound.html_name, "idPrefix": bound.auto_id, "items": [item]}
    return {
        "name": bound.html_name,
        "idPrefix": bound.auto_id,
        "items": _choice_items(bound, reveals),
    }


def _select(bound: forms.BoundField, attrs: dict[str, Any], _: Mapping) -> dict[str, Any]:
    items = [
        {
            "value": str(choice.data["value"]),
            "text": str(choice.choice_label),
            "selected": bool(choice.data["selected"]),
        }
        for choice in bound.subwidgets
    ]
    return {"id": bound.auto_id, "name": bound.html_name, "items": items}


def _date_input(bound: forms.BoundField, attrs: dict[str, Any], _: Mapping) -> dict[str, Any]:
    widget = bound.field.widget
    value = bound.value()
    unbound = isinstance(value, dt.date) or value is None
    parts = widget.decompress(value) if unbound else list(value)
    items = []
    for index, (label, size) in enumerate((("Day", 2), ("Month", 2), ("Year", 4))):
        item = {
            "id": f"{bound.auto_id}_{index}",
            "name": f"{bound.html_name}_{index}",
            "label": label,
            "classes": f"govuk-input--width-{size}"
            + (" govuk-input--error" if bound.errors else ""),
            "value": "" if parts[index] in (None, "") else str(parts[index]),
        }
        items.append(item)
    return {"id": bound.auto_id, "items": items}


_BUILDERS = {
    "input": _text_like,
    "textarea": _text_like,
    "file-upload": _text_like,
    "radios": _radios,
    "checkboxes": _checkboxes,
    "select": _select,
    "date-input": _date_input,
}


def error_list(entries: list[tuple[str, str]]) -> list[dict[str, str]]:
    """Error-summary items from (message, link) pairs, as ``core.forms.error_summary`` gives."""
    return [{"text": message, "href": href} for message, href in entries]


def conflict_table(rows: list[tuple[str, str, str]]) -> dict[str, Any]:
    """The "table" component's parameters for a refused save: each detail as the person typed
    it beside the version someone else saved meanwhile."""
    return {
        "caption": "Your version and the saved version",
        "captionClasses": "govuk-table__caption--m",
        "firstCellIsHeader": True,
        "head": [
            {"text": "Detail"},
            {"text": "Your version (not saved)"},
            {"text": "Saved version (by someone else)"},
        ],
        "rows": [[{"text": c} for c in row] for row in rows],
    }
