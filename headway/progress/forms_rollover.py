"""The form that starts next year's plan (the rules themselves live in ``rollover``)."""

from django import forms

from headway.core.forms import GovukDateField


class RollForwardForm(forms.Form):
    slug = forms.SlugField(
        label="Web address name of the new plan",
        max_length=100,
        help_text="Letters, numbers and hyphens, e.g. childrens-social-care-2013-14.",
        error_messages={
            "required": "Enter the new plan's web address name",
            "invalid": "Use only letters, numbers, hyphens and underscores",
        },
    )
    title = forms.CharField(
        label="Title of the new plan",
        max_length=300,
        error_messages={"required": "Enter the new plan's title"},
    )
    start = GovukDateField(
        label="First day of the new plan",
        help_text="For example, 1 9 2013.",
        error_messages={"required": "Enter the day the new plan starts"},
    )
