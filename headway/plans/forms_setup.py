"""The question pages of setting a plan up: its details, outcome areas, review rounds and people.

Each form only parses and checks what was typed; the writes are ``services``'. The forms of a
plan's details keep nothing between pages themselves: ``views_setup`` keeps the answers in the
session until "check your answers" is confirmed.
"""

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.text import slugify

from headway.core.forms import GovukDateField
from headway.core.forms import text_field as _text

from .choices import PlanRole
from .models import Plan

ROLE_HELP = (
    "A plan lead approves updates, opens and closes rounds and sets the plan up. An action owner "
    "records progress on the actions they own. A reader reads the plan and its reports."
)


def slug_suggest(title: str, *, exclude_pk: int | None = None) -> str:
    """A web address for a plan called ``title`` that no other plan has."""
    base = slugify(title)[:90].strip("-") or "plan"
    taken = Plan.objects.filter(slug__startswith=base)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    used = set(taken.values_list("slug", flat=True))
    slug, n = base, 1
    while slug in used:
        n += 1
        slug = f"{base}-{n}"
    return slug


class PlanTitleForm(forms.Form):
    title = _text(
        "What is the plan called?",
        required=True,
        max_length=300,
        help_text="For example, 'Children's Social Care Performance Improvement Plan 2013/14'.",
    )
    division = _text(
        "Division or service",
        max_length=300,
        help_text="The part of the council whose plan this is. Leave empty if it is the whole.",
    )


class PlanAddressForm(forms.Form):
    slug = forms.SlugField(
        label="Web address of the plan",
        max_length=100,
        help_text=(
            "The end of the plan's address, /plans/…/: lower-case letters, numbers and hyphens."
        ),
        error_messages={
            "required": "Enter the web address of the plan",
            "invalid": "The web address may hold only lower-case letters, numbers and hyphens",
        },
    )

    def __init__(self, *args: Any, plan_pk: int | None = None, **kwargs: Any) -> None:
        self.plan_pk = plan_pk
        super().__init__(*args, **kwargs)

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"].lower()
        others = Plan.objects.filter(slug=slug)
        if self.plan_pk is not None:
            others = others.exclude(pk=self.plan_pk)
        if others.exists():
            raise ValidationError(f"Another plan has the address {slug}: try {slug_suggest(slug)}")
        return slug


class PlanPeriodForm(forms.Form):
    period_start = GovukDateField(
        label="When does the plan start?", help_text="For example, 1 9 2013."
    )
    period_end = GovukDateField(label="When does it end?", help_text="For example, 31 8 2014.")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end <= start:
            self.add_error(
                "period_end",
                f"The plan must end after it starts ({start:%-d %B %Y})",
            )
        return data


PLAN_STEPS: dict[str, type[forms.Form]] = {
    "title": PlanTitleForm,
    "address": PlanAddressForm,
    "period": PlanPeriodForm,
}


class AreaForm(forms.Form):
    title = _text("Title of the outcome area", required=True, max_length=300)
    short_title = _text(
        "Short title",
        max_length=100,
        help_text="Used in tables, for example 'Improving Outcomes for LAC'. Optional.",
    )


class AreaChangeForm(AreaForm):
    number = forms.TypedChoiceField(label="Its place in the plan", coerce=int)
    read_at = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, count: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["number"].choices = [(n, str(n)) for n in range(1, count + 1)]
        self.fields[
            "number"
        ].help_text = "The other areas move up or down to make room. Actions keep their references."

    def clean_read_at(self) -> dt.datetime:
        try:
            return dt.datetime.fromisoformat(self.cleaned_data["read_at"])
        except ValueError:
            raise ValidationError("Open the page again and make your change.") from None


class RoundForm(forms.Form):
    title = _text(
        "Title of the round",
        required=True,
        max_length=300,
        help_text="For example, 'Update to committee, 12 March 2014'.",
    )
    as_at = GovukDateField(
        label="As at",
        help_text="The date the round reports progress as at. It must fall within the plan.",
    )
    deadline = GovukDateField(
        label="Updates due by",
        help_text="When owners' updates are due: on or before the as-at date.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        as_at, deadline = data.get("as_at"), data.get("deadline")
        if as_at and deadline and deadline > as_at:
            self.add_error(
                "deadline",
                f"Updates must be due on or before the as-at date ({as_at:%-d %B %Y})",
            )
        return data


class PersonFindForm(forms.Form):
    text = _text(
        "Name or e-mail address",
        required=True,
        max_length=254,
        help_text="Part of a name is enough. To invite someone new, enter their e-mail address.",
    )


INVITE = "invite"


class PersonChooseForm(forms.Form):
    person = forms.ChoiceField(
        label="Who do you want to add?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the person to add"},
    )

    def __init__(self, *args: Any, people: list[Any], invite: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(p.pk), f"{p} ({p.email or p.username})") for p in people]
        if invite:
            choices.append((INVITE, f"Someone else: invite {invite}"))
        self.fields["person"].choices = choices


class PersonInviteForm(forms.Form):
    full_name = _text("Full name", required=True, max_length=150)
    email = forms.CharField(
        label="E-mail address",
        max_length=254,
        help_text="We will send a link to this address for them to set their password.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError(
                "Enter an e-mail address in the correct format, like name@example.gov.uk"
            ) from None
        return email


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label="Which role?",
        choices=PlanRole.choices,
        widget=forms.RadioSelect,
        help_text=ROLE_HELP,
        error_messages={"required": "Choose a role"},
    )
