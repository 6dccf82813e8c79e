"""The value question page, its check-answers page and the plan lead's decision."""

from typing import Any

from django import forms

from headway.core.forms import text_field

from .models import Indicator
from .units import EXAMPLES, parse_value


class ValueForm(forms.Form):
    """A period's value and its note, checked in the indicator's unit. A correction must say
    why the approved value is being changed."""

    value = forms.CharField(max_length=40, required=False)
    note = text_field("Note (optional)", rows=4)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, indicator: Indicator, period_label: str, correcting: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.fields["value"].label = f"{indicator.reference}: value for {period_label}"
        self.fields["value"].help_text = (
            f"{indicator.get_unit_display()}, to {indicator.decimal_places} decimal place"
            f"{'' if indicator.decimal_places == 1 else 's'}: enter it as a number "
            f"{EXAMPLES[indicator.unit]}."
        )
        self.fields["value"].widget.attrs.update(
            {"class": "govuk-input--width-10", "inputmode": "decimal", "spellcheck": "false"}
        )
        if correcting:
            self.fields["note"].label = "Why is the approved value being corrected?"
        self.correcting = correcting
        self.fields[
            "note"
        ].help_text = "Anything the plan lead and readers should know about this figure."

    def clean_value(self) -> Any:
        text = self.cleaned_data["value"]
        if not text.strip():
            raise forms.ValidationError(f"Enter the value for {self.indicator.reference}")
        return parse_value(self.indicator.unit, self.indicator.decimal_places, text)

    def clean_note(self) -> str:
        note = self.cleaned_data["note"]
        if self.correcting and not note.strip():
            raise forms.ValidationError("Say why the approved value is being corrected")
        return note


class CheckForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class DecisionForm(forms.Form):
    """The plan lead's decision on one submitted value."""

    APPROVE, RETURN = "approve", "return"

    decision = forms.ChoiceField(choices=[(APPROVE, "Approve"), (RETURN, "Return")])
    comment = text_field(
        "Comment for the owner (required to return it)",
        rows=3,
        help_text="Say what the owner needs to change if you return it.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") == self.RETURN and not (data.get("comment") or "").strip():
            self.add_error("comment", "Say what the owner needs to change")
        return data


class CollectionForm(forms.Form):
    """Which months the open round collects indicator values for: every period of every
    indicator that starts in the first month or later and ends by the end of the last."""

    first = forms.ChoiceField(label="First month collected")
    last = forms.ChoiceField(label="Last month collected")

    def __init__(self, *args: Any, months: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(m.isoformat(), f"{m:%B %Y}") for m in months]
        self.fields["first"].choices = choices
        self.fields["last"].choices = choices
        self.fields[
            "last"
        ].help_text = "A quarter is collected when all its months are; a year, when all of its are."

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("first") and data.get("last") and data["last"] < data["first"]:
            self.add_error("last", "The last month collected must not be before the first")
        return data
