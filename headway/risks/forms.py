"""The form for editing a risk in the register."""

from typing import Any

from django import forms

from headway.core.forms import GovukDateField, VersionedForm
from headway.core.forms import text_field as _text

from .models import RiskStatus


class RiskForm(VersionedForm):
    action_references = _text(
        "Actions this risk holds back",
        required=True,
        max_length=2000,
        help_text="The plan's action references, separated by commas, for example 1.5, 2.3",
        error_messages={"required": "Enter at least one action the risk holds back"},
    )
    title = _text(
        "Title",
        required=True,
        max_length=300,
        error_messages={"required": "Enter the risk's title"},
    )
    cause = _text(
        "Cause", required=True, rows=3, error_messages={"required": "Enter the risk's cause"}
    )
    impact = _text(
        "Impact", required=True, rows=3, error_messages={"required": "Enter the risk's impact"}
    )
    mitigation = _text(
        "Mitigation",
        required=True,
        rows=3,
        error_messages={"required": "Enter how the risk is mitigated"},
    )
    external_dependency = _text("External dependency", max_length=300)
    escalated_to = _text("Escalated to", max_length=300)
    escalated_on = GovukDateField(label="Date escalated", required=False)
    status = forms.ChoiceField(
        label="Status",
        choices=RiskStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the risk is open or closed"},
    )
    exempt = forms.BooleanField(
        label="Exempt information (leave it out of the public report)", required=False
    )
    named_in_report = forms.BooleanField(
        label="Name this risk in the committee report",
        required=False,
        help_text=(
            "The report's commentary counts and names only these risks (\"Two areas of risk "
            'have been identified"). The plan lead or an administrator decides.'
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("escalated_on") and not data.get("escalated_to", "").strip():
            self.add_error("escalated_to", "Say to whom the risk was escalated")
        return data


class RiskOwnerForm(RiskForm):
    """The same form for an action's owner: which actions the risk holds back and whether the
    report names it are the plan lead's call."""

    action_references = None
    named_in_report = None


def parse_references(text: str) -> list[str]:
    """ "1.5, 2.3" (commas, semicolons or spaces between) → ["1.5", "2.3"], each once."""
    seen: dict[str, None] = {}
    for part in text.replace(";", ",").replace(",", " ").split():
        seen.setdefault(part.strip(), None)
    return list(seen)
