"""Domain-free form pieces for GOV.UK Frontend's patterns: the date input, text fields, a form
that carries the version it was read at, and the error summary's entries."""

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from .text import LONG_TEXT_MAX


class GovukDateWidget(forms.MultiWidget):
    """Day, month and year boxes, as GOV.UK's date input asks for them."""

    def __init__(self, attrs: dict | None = None) -> None:
        boxes = [
            forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}),
            forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}),
            forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
        ]
        super().__init__(boxes, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    widget = GovukDateWidget

    def __init__(self, **kwargs: Any) -> None:
        parts = tuple(forms.CharField(required=False) for _ in range(3))
        super().__init__(parts, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[str]) -> dt.date | None:
        if not data_list or not any(part.strip() for part in data_list if part):
            return None
        day, month, year = (str(part or "").strip() for part in data_list)
        if not (day.isdigit() and month.isdigit() and year.isdigit() and len(year) == 4):
            raise ValidationError(
                f"{self.label} must be a real date, with the day, month and year in numbers, "
                "for example 27 3 2013."
            )
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError as exc:
            raise ValidationError(f"{self.label} must be a real date.") from exc


def text_field(
    label: str, *, required: bool = False, rows: int = 0, **kwargs: Any
) -> forms.CharField:
    """A text box; a text area (``rows``) holds at most ``LONG_TEXT_MAX`` characters, as the
    model fields it fills do."""
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    if rows:
        kwargs.setdefault("max_length", LONG_TEXT_MAX)
    return forms.CharField(label=label, required=required, widget=widget, **kwargs)


class VersionedForm(forms.Form):
    """A form over a record two people may edit: it carries the version it was read at."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def changes(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}


def error_summary(form: forms.Form, *, form_anchor: str = "#main-form") -> list[tuple[str, str]]:
    """GOV.UK error summary entries: (message, link to the field), in the form's order."""
    entries = [(str(message), form_anchor) for message in form.non_field_errors()]
    for name in form.fields:
        if name not in form.errors:
            continue
        bound = form[name]
        widget = bound.field.widget
        anchor = bound.auto_id
        if isinstance(widget, forms.MultiWidget | forms.RadioSelect):
            anchor = f"{anchor}_0"
        entries.extend((str(message), f"#{anchor}") for message in form.errors[name])
    return entries
