"""The question pages of setting an indicator up: its details, its targets and tolerances, and
its comparators.

Each form only parses and checks what was typed; the writes are ``services``'. The details'
forms keep nothing between pages: ``views_setup`` keeps the answers in the session until
"check your answers" is confirmed.
"""

from decimal import Decimal
from typing import Any

from django import forms

from headway.core.forms import text_field
from headway.plans.models import Plan

from .choices import ComparatorKind, Frequency, Polarity, Unit
from .models import Indicator
from .units import EXAMPLES, MAX_PLACES, parse_value


class IndicatorNameForm(forms.Form):
    reference = text_field(
        "Reference",
        required=True,
        max_length=20,
        help_text="As the plan numbers it, for example 'PI 3'. No other indicator of the plan "
        "may have it.",
    )
    title = text_field(
        "Title",
        required=True,
        max_length=300,
        help_text="For example, 'Re-referrals within 12 months'.",
    )

    def __init__(self, *args: Any, plan: Plan, indicator_pk: int | None = None, **kwargs: Any):
        self.plan, self.indicator_pk = plan, indicator_pk
        super().__init__(*args, **kwargs)
        self.fields["reference"].error_messages["required"] = "Enter the indicator's reference"
        self.fields["title"].error_messages["required"] = "Enter the indicator's title"
        self.fields["reference"].widget.attrs["class"] = "govuk-input--width-10"

    def clean_reference(self) -> str:
        reference = self.cleaned_data["reference"].strip()
        others = Indicator.objects.filter(plan=self.plan, reference__iexact=reference)
        if self.indicator_pk is not None:
            others = others.exclude(pk=self.indicator_pk)
        if others.exists():
            raise forms.ValidationError(f"Another indicator of this plan is {reference}")
        return reference


class IndicatorDefinitionForm(forms.Form):
    definition = text_field(
        "Definition",
        rows=5,
        help_text="How it is counted: what is counted (the numerator), out of what (the "
        "denominator), and over what time.",
    )
    data_source = text_field(
        "Data source",
        max_length=300,
        help_text="Where the figures come from, for example 'Children's social care case "
        "management system'. Optional.",
    )


PLACES_CHOICES = [(n, str(n)) for n in range(MAX_PLACES + 1)]


class IndicatorUnitForm(forms.Form):
    unit = forms.ChoiceField(
        label="Unit",
        choices=Unit.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the indicator's unit"},
    )
    decimal_places = forms.TypedChoiceField(
        label="Decimal places",
        choices=PLACES_CHOICES,
        coerce=int,
        initial=1,
        help_text="How many places its values are recorded to, from 0 to 4.",
        error_messages={"required": "Choose how many decimal places its values have"},
    )
    polarity = forms.ChoiceField(
        label="Which way is better?",
        choices=Polarity.choices,
        widget=forms.RadioSelect,
        help_text="It decides whether a value is on target and whether it is improving.",
        error_messages={"required": "Choose whether higher or lower is better"},
    )


class IndicatorFrequencyForm(forms.Form):
    frequency = forms.ChoiceField(
        label="How often is it collected?",
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        help_text="Quarters and years are financial, from April.",
        error_messages={"required": "Choose how often it is collected"},
    )


class IndicatorOwnerForm(forms.Form):
    owner = forms.TypedChoiceField(
        label="Who owns it?",
        coerce=int,
        empty_value=None,
        required=False,
        help_text="The owner enters its values each period. Only people with a role on the "
        "plan are listed.",
    )

    def __init__(self, *args: Any, people: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", "Nobody yet")] + [
            (person.pk, str(person)) for person in people
        ]


class IndicatorLinksForm(forms.Form):
    areas = forms.TypedMultipleChoiceField(
        label="Outcome areas",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
    )
    actions = forms.TypedMultipleChoiceField(
        label="Actions meant to move it",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
    )

    def __init__(self, *args: Any, areas: list[Any], actions: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["areas"].choices = [(a.pk, f"{a.number}. {a.title}") for a in areas]
        self.fields["actions"].choices = [(a.pk, f"{a.reference} {a.title}") for a in actions]
        # Nothing to choose from is no question: the answer is "none", kept without a box.
        for name in ("areas", "actions"):
            if not self.fields[name].choices:
                self.fields[name].widget = forms.MultipleHiddenInput()

    @property
    def intro(self) -> str:
        if self.visible_fields():
            return ""
        return "The plan has no outcome areas or actions yet: link them once it has."


INDICATOR_STEPS: dict[str, type[forms.Form]] = {
    "name": IndicatorNameForm,
    "definition": IndicatorDefinitionForm,
    "unit": IndicatorUnitForm,
    "frequency": IndicatorFrequencyForm,
    "owner": IndicatorOwnerForm,
    "links": IndicatorLinksForm,
}

STEP_HEADINGS = {
    "name": "What is the indicator called?",
    "definition": "How is it counted, and where do the figures come from?",
    "unit": "What does it measure in?",
    "frequency": "How often is it collected?",
    "owner": "Who owns it?",
    "links": "What is it meant to move?",
}


def _figure_field(label: str, *, required: bool) -> forms.CharField:
    field = forms.CharField(label=label, max_length=40, required=required)
    field.widget.attrs.update(
        {"class": "govuk-input--width-10", "inputmode": "decimal", "spellcheck": "false"}
    )
    return field


class TargetForm(forms.Form):
    """A period's target and tolerance, read in the indicator's unit. Whether the tolerance
    makes sense for the polarity is the service's check (``services.check_tolerance``)."""

    value = _figure_field("Target", required=False)
    tolerance = _figure_field("Tolerance", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, indicator: Indicator, period_label: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.fields["value"].label = f"Target for {period_label}"
        self.fields[
            "value"
        ].help_text = (
            f"{indicator.get_unit_display()}: enter it as a number {EXAMPLES[indicator.unit]}."
        )
        better = "below" if indicator.polarity == Polarity.HIGHER_IS_BETTER else "above"
        self.fields["tolerance"].help_text = (
            f"How far {better} the target a value may be and still be 'Within tolerance', in "
            f"the same unit{' (percentage points)' if indicator.unit == Unit.PERCENTAGE else ''}."
            " Leave empty for none."
        )

    def clean_value(self) -> Any:
        text = self.cleaned_data["value"]
        if not text.strip():
            raise forms.ValidationError("Enter the target")
        return parse_value(self.indicator.unit, self.indicator.decimal_places, text)

    def clean_tolerance(self) -> Any:
        # Read as a plain signed number: whether it makes sense (not negative, a band that
        # stays within the unit) is ``check_tolerance``'s to say, for the form and import alike.
        text = self.cleaned_data["tolerance"].strip().removesuffix("%")
        if not text:
            return Decimal(0)
        try:
            return parse_value(Unit.POUNDS, self.indicator.decimal_places, text.replace("£", ""))
        except forms.ValidationError as exc:
            if exc.code == "not_a_number":
                raise forms.ValidationError(
                    "Enter the tolerance as a number, like 2, or leave it empty for none",
                    code="not_a_number",
                ) from exc
            raise


class ComparatorForm(forms.Form):
    """One comparator's figure for a period."""

    kind = forms.ChoiceField(
        label="Which comparator?",
        choices=ComparatorKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose which comparator this is"},
    )
    name = text_field(
        "Name of the comparator",
        max_length=100,
        help_text="For a named comparator, for example 'North West average'.",
    )
    value = _figure_field("Figure", required=False)

    def __init__(self, *args: Any, indicator: Indicator, period_label: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.fields["value"].label = f"Figure for {period_label}"
        self.fields[
            "value"
        ].help_text = (
            f"{indicator.get_unit_display()}: enter it as a number {EXAMPLES[indicator.unit]}."
        )

    def clean_value(self) -> Any:
        text = self.cleaned_data["value"]
        if not text.strip():
            raise forms.ValidationError("Enter the comparator's figure")
        return parse_value(self.indicator.unit, self.indicator.decimal_places, text)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") == ComparatorKind.NAMED and not (data.get("name") or "").strip():
            self.add_error("name", "Name the comparator, for example 'North West average'")
        return data
