"""Forms for creating and editing a committee report's draft."""

from typing import Any

from django import forms

from headway.core.forms import GovukDateField
from headway.core.text import LONG_TEXT_MAX

from .body import HEADING_MAX, MAX_INDICATOR_CHARTS
from .models import CONTENT_FIELDS, CommitteeReport


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
    """The front sheet, the blocks under it and the closing parts; the sections and their
    paragraphs have pages of their own (``views_body``)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    meeting_date = GovukDateField(
        label="Meeting date", required=False, help_text="For example, 12 3 2013."
    )

    class Meta:
        model = CommitteeReport
        fields = [name for name in CONTENT_FIELDS if name != "body"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        self.fields["ward_councillor_comments"].widget = forms.Textarea(attrs={"rows": 3})
        for name in ("non_applicable_sections", "background_documents"):
            self.fields[name].widget = forms.Textarea(attrs={"rows": 2})

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class BlockForm(forms.Form):
    """One block's words (not a figure's) and whether it is exempt information."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(
        label="The paragraph",
        required=False,
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Start a line with \u201c- \u201d for a bullet. A blank line starts a new "
        "numbered paragraph.",
    )
    exempt = forms.BooleanField(
        label="This is exempt information",
        required=False,
        help_text="Left out of the public version, which says that an exempt part exists.",
    )

    charts = forms.MultipleChoiceField(
        label="Which indicators have a trend chart",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=f"Tick up to {MAX_INDICATOR_CHARTS}. With none ticked, the first "
        f"{MAX_INDICATOR_CHARTS} indicators of the plan have one.",
    )

    def __init__(
        self,
        *args: Any,
        has_text: bool = True,
        chart_choices: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if not has_text:
            del self.fields["text"]
        if chart_choices is None:  # not the indicators figure, or no plan to choose from
            del self.fields["charts"]
        else:
            self.fields["charts"].choices = chart_choices

    def clean_charts(self) -> list[str]:
        charts = self.cleaned_data["charts"]
        if len(charts) > MAX_INDICATOR_CHARTS:
            raise forms.ValidationError(
                f"Tick at most {MAX_INDICATOR_CHARTS} indicators to draw a trend chart for."
            )
        return charts


class BlockAddForm(forms.Form):
    """A new officer paragraph, or a drafted or placed part the body leaves out, put back."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(
        label="What to add",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what to add."},
    )
    text = forms.CharField(
        label="Your paragraph",
        required=False,
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Start a line with \u201c- \u201d for a bullet. A blank line starts a new "
        "numbered paragraph.",
    )

    def __init__(self, *args: Any, missing: list[tuple[str, str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("officer", "A paragraph of your own")] + [
            (f"{kind}:{source}", label) for kind, source, label in missing
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("kind") == "officer" and not (cleaned.get("text") or "").strip():
            self.add_error("text", "Write the paragraph to add.")
        return cleaned


class SectionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    heading = forms.CharField(
        label="Heading",
        max_length=HEADING_MAX,
        help_text="As the council prints it, for example \u201cLEGAL IMPLICATIONS\u201d. The "
        "section's number comes from its place in the report.",
        error_messages={"required": "Enter the section's heading."},
    )
    numbered = forms.BooleanField(
        label="Number the section's paragraphs (3.1, 3.2 \u2026)",
        required=False,
        initial=True,
    )


class BodyActionForm(forms.Form):
    """A move or removal on the body page: what, which and the version read."""

    ACTIONS = (
        "block_up",
        "block_down",
        "block_remove",
        "section_up",
        "section_down",
        "section_remove",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS])
    target = forms.RegexField(regex=r"^[0-9a-f]{8}$")
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)


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
    labels.update(
        {
            "non_applicable_sections": "Non-applicable sections",
            "background_documents": "Background documents",
            "priority_label": 'The corporate priority\'s label (e.g. "BBB Priority")',
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
        prose = {"non_applicable_sections", "ward_councillor_comments"}
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
