"""The ``govuk`` tags: every GOV.UK component on a page comes through them.

    {% load govuk %}
    {% govuk "back-link" href=back_url %}
    {% govuk "button" text="Save and continue" classes="govuk-button--secondary" %}
    {% govuk "summary-list" params=rows %}          (parameters built in Python)
    {% govuk_field form.title label__isPageHeading=True label__classes="govuk-label--l" %}
    {% govuk_field form.status reveals=reveals %}   (value -> HTML shown when it is chosen)
    {% govuk_error_summary form %}                  (or errors=[(message, "#anchor"), ...])

Keyword arguments are the component's own parameters, as the GOV.UK Design System names them;
a double underscore reaches inside one (``label__classes``). See ``headway.core.components``.
"""

from collections.abc import Mapping
from typing import Any

from django import forms, template
from django.utils.safestring import SafeString

from ..components import component, error_list, field_component, field_params, merged
from ..forms import error_summary

register = template.Library()


@register.simple_tag
def govuk(name: str, params: Mapping[str, Any] | None = None, **overrides: Any) -> SafeString:
    """The GOV.UK component ``name`` with ``params`` and the keyword arguments laid over them."""
    return component(name, merged(params or {}, overrides))


@register.simple_tag
def govuk_field(
    bound: forms.BoundField, reveals: Mapping[str, SafeString] | None = None, **overrides: Any
) -> SafeString | str:
    """A form field as the component its widget calls for. Overrides under ``label`` go to the
    legend when the field is a fieldset (radios, checkboxes, a date)."""
    name = field_component(bound)
    if not name:
        return str(bound)
    params = field_params(bound, reveals=reveals)
    if "fieldset" in params:
        overrides = {
            (
                f"fieldset__legend__{key[len('label__') :]}" if key.startswith("label__") else key
            ): value
            for key, value in overrides.items()
        }
    return component(name, merged(params, overrides))


@register.simple_tag
def govuk_error_summary(
    form: forms.Form | None = None,
    errors: list[tuple[str, str]] | None = None,
    title: str = "There is a problem",
) -> SafeString | str:
    """GOV.UK's error summary for a form's errors (each linking to its field), or for
    ``errors``, a list of (message, link) pairs; nothing when there are none."""
    entries = list(errors or [])
    if form is not None:
        entries = error_summary(form, form_anchor=_first_field_anchor(form)) + entries
    if not entries:
        return ""
    return component("error-summary", {"titleText": title, "errorList": error_list(entries)})


def _first_field_anchor(form: forms.Form) -> str:
    for bound in form.visible_fields():
        return f"#{bound.auto_id}" + ("_0" if field_component(bound) in _FIRST_ITEM else "")
    return "#main-content"


_FIRST_ITEM = frozenset({"radios", "date-input"})
