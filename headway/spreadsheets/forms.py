import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.text import slugify

from headway.core.forms import GovukDateField
from headway.plans.models import Plan

from .mapping import IGNORE, Heading, Headings, field_choices, field_label, mapping_from_columns
from .safety import MAX_BYTES


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Upload a spreadsheet",
        help_text=f"An .xlsx or .csv file of at most {MAX_BYTES // 1024 // 1024} MB. Nothing is "
        "changed until you have seen what it would do and confirmed.",
        error_messages={"required": "Choose a spreadsheet to upload"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Checked before reading a byte of it: the size the upload handler counted.
        if upload.size > MAX_BYTES:
            raise ValidationError(
                f"The file is larger than {MAX_BYTES // 1024 // 1024} MB; split it or remove "
                "pictures from it."
            )
        return upload


class ColumnsForm(forms.Form):
    """What each column of the file is: one choice a column, pre-filled from its heading (or
    the plan's saved mapping). A field of the plan's own rounds ("Status at 2013-03-12") is
    offered for a column so headed."""

    def __init__(self, *args, headings: Headings, initial_columns: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.headings = headings
        base = field_choices()
        for column in headings.columns:
            choices = list(base)
            if column.round_key:
                choices.insert(0, (column.round_key, field_label(column.round_key)))
            samples = "; ".join(column.samples) if column.samples else "(no values)"
            self.fields[self.name_of(column)] = forms.ChoiceField(
                label=f"Column {column.letter}: {column.text}",
                help_text=f"For example: {samples}",
                choices=choices,
                required=False,
                initial=initial_columns.get(column.index, IGNORE),
            )

    @staticmethod
    def name_of(column: Heading) -> str:
        return f"column_{column.index}"

    def clean(self):
        cleaned = super().clean()
        chosen = {c.index: cleaned.get(self.name_of(c)) or IGNORE for c in self.headings.columns}
        self.mapping, problems = mapping_from_columns(self.headings, chosen)
        by_letter = {c.letter: c for c in self.headings.columns}
        for problem in problems:
            column = by_letter.get(problem.column)
            if column is not None:
                self.add_error(self.name_of(column), problem.message)
            else:
                self.add_error(None, problem.message)
        return cleaned


class PlanDetailsForm(forms.Form):
    """The new plan's title and period, pre-filled from the file where it gives them."""

    title = forms.CharField(
        label="Plan title",
        max_length=300,
        error_messages={"required": "Enter the plan's title"},
    )
    period_start = GovukDateField(
        label="When the plan starts", help_text="For example, 1 4 2013", required=True
    )
    period_end = GovukDateField(
        label="When the plan ends", help_text="For example, 31 3 2014", required=True
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end <= start:
            self.add_error("period_end", "The plan must end after it starts")
        title = cleaned.get("title", "")
        if title:
            cleaned["slug"] = slugify(title)[:50].strip("-")
            if not cleaned["slug"]:
                self.add_error("title", "Give the plan a title with letters or numbers in it")
            elif Plan.objects.filter(slug=cleaned["slug"]).exists():
                self.add_error(
                    "title",
                    f"There is already a plan called {title!r} (its address is "
                    f"{cleaned['slug']}); give this one another title, or import into that "
                    "plan from its page",
                )
        return cleaned


class AsAtForm(forms.Form):
    as_at = GovukDateField(
        label="What date is the progress in this file as at?",
        help_text="The statuses and updates are recorded in the plan's review round as at this "
        "date; Headway creates the round if the plan has none then. For example, 30 9 2013",
        required=True,
    )

    def __init__(self, *args, period: tuple[dt.date, dt.date] | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.period = period
        self.fields["as_at"].error_messages["required"] = "Enter the date the progress is as at"

    def clean_as_at(self):
        as_at = self.cleaned_data["as_at"]
        if self.period and not self.period[0] <= as_at <= self.period[1]:
            start, end = self.period
            raise ValidationError(
                f"The progress date, {as_at:%d/%m/%Y}, is outside the plan's period, "
                f"{start:%d/%m/%Y} to {end:%d/%m/%Y}: give a date within it"
            )
        return as_at


INVITE = "invite"
UNASSIGNED = "unassigned"


class OwnersForm(forms.Form):
    """For each owner's name that matches no one: a person, an invitation, or no owner yet."""

    def __init__(self, *args, names: list[str], people: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.names = names
        choices = [("", "Choose what to do")]
        choices += [(str(p.pk), f"{p} ({p.email or p.username})") for p in people]
        choices += [(INVITE, "Invite them (give their e-mail address)"),
                    (UNASSIGNED, "Leave the action unassigned for now")]  # fmt: skip
        for index, name in enumerate(names):
            self.fields[f"owner_{index}"] = forms.ChoiceField(
                label=f"Who is {name}?",
                choices=choices,
                help_text="Choose the person this name means, invite them, or leave the "
                "action without an owner.",
                error_messages={"required": f"Choose who {name} is, or what to do"},
            )
            self.fields[f"email_{index}"] = forms.EmailField(
                label=f"E-mail address of {name}, to invite them",
                required=False,
                error_messages={"invalid": f"Enter {name}'s e-mail address, like name@example.org"},
            )

    def clean(self):
        cleaned = super().clean()
        self.choices: dict[str, dict[str, object]] = {}
        for index, name in enumerate(self.names):
            choice, email = cleaned.get(f"owner_{index}"), cleaned.get(f"email_{index}") or ""
            if not choice:
                continue
            if choice == INVITE:
                if not email:
                    self.add_error(
                        f"email_{index}", f"Enter {name}'s e-mail address to invite them"
                    )
                    continue
                if get_user_model().objects.filter(email__iexact=email).exists():
                    self.add_error(
                        f"email_{index}",
                        f"Someone already has the e-mail address {email}: choose them instead",
                    )
                    continue
                self.choices[name] = {"user": None, "email": email}
            elif choice == UNASSIGNED:
                self.choices[name] = {"user": None, "email": ""}
            else:
                self.choices[name] = {"user": int(choice), "email": ""}
        return cleaned
