"""Forms for creating and editing a committee report's draft."""

from typing import Any

from django import forms

from headway.core.forms import GovukDateField

from .models import CONTENT_FIELDS, PROSE_SECTIONS, CommitteeReport


class ReportCreateForm(forms.Form):
    round = forms.ModelChoiceField(
        queryset=None,
        empty_label=None,
        label="Review round",
        help_text="The report drafts its commentary from this round's approved updates.",
        error_messages={"required": "Choose the round the report is for."},
    )

    def __init__(self, *args: Any, plan: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = plan.rounds.order_by("-as_at")


class ReportEditForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    exempt_sections = forms.MultipleChoiceField(
        choices=PROSE_SECTIONS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Sections that are exempt information",
        help_text="Left out of the public version, which says that an exempt part exists.",
    )
    meeting_date = GovukDateField(
        label="Meeting date", required=False, help_text="For example, 12 3 2013."
    )

    class Meta:
        model = CommitteeReport
        fields = [name for name in CONTENT_FIELDS if name != "exempt_sections"]
        help_texts = {
            "commentary_background": "Paragraphs are separated by a blank line; each gets its "
            "own number (3.1, 3.2 …). Start a line with “- ” for a bullet.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        self.fields["exempt_sections"].initial = self.instance.exempt_sections
        for name, label in PROSE_SECTIONS:
            self.fields[name].label = label
            self.fields[name].widget = forms.Textarea(attrs={"rows": 6})
        self.fields["ward_councillor_comments"].widget = forms.Textarea(attrs={"rows": 3})
        for name in ("non_applicable_sections", "background_documents"):
            self.fields[name].widget = forms.Textarea(attrs={"rows": 2})

    def changes(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self._meta.fields}
        data["exempt_sections"] = list(self.cleaned_data["exempt_sections"])
        return data


class VersionForm(forms.Form):
    """Publishing and redrafting name the version the person looked at."""

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={"required": "Open the report again: the page was missing its version."},
    )
