"""Forms for creating and editing a committee report's draft."""

from typing import Any

from django import forms

from headway.core.forms import GovukDateField
from headway.core.text import LONG_TEXT_MAX

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


class WordTemplateForm(forms.Form):
    file = forms.FileField(
        label="Word template",
        help_text="A .docx file with tags such as {{ title }} and {{ summary.total.actions }}, "
        "as docs/reports.md lists them. It is checked in full before it is used.",
        error_messages={"required": "Choose the .docx file to upload."},
    )
    plan = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label="Every plan without a template of its own",
        label="Use it for",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from headway.plans.models import Plan

        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Plan.objects.order_by("-period_start", "title")


class PublishForm(VersionForm):
    """Publishing names the version read; with front-sheet fields empty, it asks first."""

    publish_with_empty_fields = forms.BooleanField(
        required=False, label="Publish with these fields empty"
    )

    def __init__(self, *args: Any, empty: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.empty = empty
        if not empty:
            del self.fields["publish_with_empty_fields"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.empty and not cleaned.get("publish_with_empty_fields"):
            self.add_error(
                "publish_with_empty_fields",
                f"The front sheet has {len(self.empty)} empty "
                f"field{'s' if len(self.empty) != 1 else ''}: {', '.join(self.empty)}. Fill "
                "them in, or confirm that the report is to be published without them.",
            )
        return cleaned


def _default_labels() -> list[tuple[str, str]]:
    """(field, label) for every part a default can be kept for, in the report's order."""
    from .defaults import BUILT_IN_DEFAULTS
    from .models import FORM_BLOCKS, FRONT_SHEET_FIELDS

    labels = dict(FRONT_SHEET_FIELDS)
    labels.update({name: label for _, fields in FORM_BLOCKS for name, label in fields})
    labels.update(dict(PROSE_SECTIONS))
    labels.update(
        {
            "non_applicable_sections": "Non-applicable sections",
            "background_documents": "Background documents",
        }
    )
    return [
        (name, labels.get(name, name.replace("_", " ").capitalize())) for name in BUILT_IN_DEFAULTS
    ]


class ReportDefaultsForm(forms.Form):
    """Every part a new report can start from; blank means "from the next layer down"."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        prose = {name for name, _ in PROSE_SECTIONS} | {"non_applicable_sections"}
        for name, label in _default_labels():
            long = name in prose
            self.fields[name] = forms.CharField(
                label=label,
                required=False,
                max_length=LONG_TEXT_MAX if long else 500,
                widget=forms.Textarea(attrs={"rows": 4}) if long else forms.TextInput(),
            )

    def values(self) -> dict[str, str]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}
