"""Forms for recording progress (one per question page) and deciding on it.

Each form only parses and checks what was typed; the writes are ``services``'. ``error_summary``
(``headway.core.forms``) gives the GOV.UK error summary's entries.
"""

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from headway.core.components import component, field_component, field_params, merged
from headway.core.forms import GovukDateField
from headway.core.forms import text_field as _text
from headway.core.fractions import format_count
from headway.plans.assessment import Assessment
from headway.plans.choices import Status
from headway.plans.models import Action, Milestone, ProgressUpdate
from headway.risks.models import Risk
from headway.risks.services import (
    NO_RISK_REASON_MAX,
    NoRiskReason,
    RiskDetails,
    RiskLinkChoice,
)

from .evidence import check_evidence_file, evidence_file_hint
from .services import EvidenceItem, MilestoneChange, TimescaleRevision

# The shares an owner may give a status in a split, largest first.
SHARE_CHOICES = [
    ("", "None"),
    *[
        (str(share), "Whole" if share == 1 else format_count(share))
        for share in (
            Fraction(1),
            Fraction(3, 4),
            Fraction(2, 3),
            Fraction(1, 2),
            Fraction(1, 3),
            Fraction(1, 4),
            Fraction(1, 6),
        )
    ],
]

SPLIT = "split"

YES, NO = "yes", "no"


class StepForm(forms.Form):
    """One question page of the update: it carries the draft's version as the page read it."""

    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class StatusForm(StepForm):
    """Page 1: the assessment, one status or a split such as ½ Achieved, ½ Significant
    progress."""

    status = forms.ChoiceField(
        label="What is the action's status?",
        choices=[*Status.choices, (SPLIT, "Split between two or more statuses")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the action's status, or a split between statuses"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for status in Status:
            self.fields[f"share_{status.value}"] = forms.ChoiceField(
                label=status.label, choices=SHARE_CHOICES, required=False
            )

    def share_fields(self) -> list[tuple[Status, forms.BoundField]]:
        return [(status, self[f"share_{status.value}"]) for status in Status]

    def status_params(self) -> dict[str, Any]:
        """The radios, each status with its definition as hint, "or", then the split.

        The shares (``shares_html``) are revealed under the split when it is chosen, by the
        component layer's reveal that passes axe (``headway.core.components``).
        """
        params = field_params(self["status"])
        items = []
        definitions = {status.value: status.definition for status in Status}
        for item in params["items"]:
            if item["value"] in definitions:
                item["hint"] = {"text": definitions[item["value"]]}
            else:
                items.append({"divider": "or"})
                item["hint"] = {
                    "text": "For example ½ Achieved and ½ Significant progress: give the shares."
                }
                item["conditional"] = {"html": self.shares_html()}
            items.append(item)
        params["items"] = items
        return merged(
            params,
            {
                "fieldset": {
                    "legend": {
                        "text": str(self["status"].label),
                        "isPageHeading": True,
                        "classes": "govuk-fieldset__legend--l",
                    }
                }
            },
        )

    def shares_html(self) -> SafeString:
        """A share for each status, in a fieldset of its own; its error sits on the first."""
        first = self["share_achieved"]
        selects = format_html_join(
            "",
            "{}",
            (
                (
                    component(
                        "select",
                        field_params(bound)
                        | {
                            "errorMessage": None,
                            "label": {"text": status.label},
                            "formGroup": {"classes": "govuk-!-margin-bottom-3"},
                        },
                    ),
                )
                for status, bound in self.share_fields()
            ),
        )
        described = "shares-hint"
        error: SafeString | str = ""
        if first.errors:
            described += f" {first.auto_id}-error"
            error = component(
                "error-message", {"id": f"{first.auto_id}-error", "text": " ".join(first.errors)}
            )
        fieldset = component(
            "fieldset",
            {
                "legend": {
                    "text": "If it is split: the share at each status",
                    "classes": "govuk-fieldset__legend--s",
                },
                "describedBy": described,
                "html": format_html(
                    '<div class="govuk-hint" id="shares-hint">Choose a share for two or more '
                    "statuses; the shares must add up to one whole.</div>{}{}",
                    error,
                    selects,
                ),
            },
        )
        return format_html(
            '<div class="govuk-form-group{}">{}</div>',
            " govuk-form-group--error" if first.errors else "",
            fieldset,
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        status = data.get("status")
        if not status:
            return data
        if status != SPLIT:
            data["assessment"] = Assessment.single(status)
            return data
        shares = {
            status: Fraction(data[f"share_{status.value}"])
            for status in Status
            if data.get(f"share_{status.value}")
        }
        first_share = f"share_{Status.ACHIEVED.value}"
        if len(shares) < 2:
            self.add_error(first_share, "Choose a share for at least two statuses for a split")
            return data
        try:
            data["assessment"] = Assessment.from_shares(shares)
        except ValidationError as error:  # Assessment says whether they make one whole
            self.add_error(first_share, error.messages)
        return data

    def service_arguments(self) -> dict[str, Any]:
        return {"assessment": self.cleaned_data["assessment"]}

    @staticmethod
    def initial_from(source: ProgressUpdate | None) -> dict[str, Any]:
        if source is None:
            return {}
        assessment = source.assessment
        if assessment.is_split:
            return {"status": SPLIT} | {
                f"share_{status.value}": str(share) for status, share in assessment.shares
            }
        return {"status": assessment.statuses[0].value}


class NarrativeForm(StepForm):
    """Page 2: what progress has been made, and the evidence for it."""

    narrative = _text(
        "What progress has been made?",
        rows=8,
        required=True,
        error_messages={"required": "Say what progress has been made"},
        help_text=(
            "Write for the scrutiny committee: what was done since the last round and what "
            "happens next. It is shown exactly as typed."
        ),
    )
    narrative_exempt = forms.BooleanField(
        label="This update contains exempt information (leave it out of the public report)",
        required=False,
    )
    remove_evidence = forms.TypedMultipleChoiceField(
        label="Remove evidence",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick any evidence to take off this draft.",
    )
    evidence_link_title = _text("Link title", max_length=300)
    evidence_link_url = forms.URLField(
        label="Link address",
        required=False,
        max_length=1000,
        assume_scheme="https",
        help_text="For example a page on the council's intranet.",
    )
    evidence_file_title = _text("File title", max_length=300)
    evidence_file = forms.FileField(label="Upload a file", required=False)

    def __init__(
        self, *args: Any, evidence_choices: list[tuple[int, str]] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["remove_evidence"].choices = list(evidence_choices)
        self.fields["evidence_file"].help_text = evidence_file_hint()

    def remove_evidence_params(self) -> dict[str, Any]:
        """The checkboxes' parameters. (``govuk_field`` would draw radios: Django's
        CheckboxSelectMultiple is a RadioSelect subclass, which ``field_component`` checks
        first.)"""
        return field_params(self["remove_evidence"])

    def clean_evidence_file(self) -> Any:
        upload = self.cleaned_data.get("evidence_file")
        if upload:
            check_evidence_file(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("evidence_link_title") and not data.get("evidence_link_url"):
            self.add_error("evidence_link_url", "Enter the link's address, or leave out its title")
        return data

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        evidence = []
        if data.get("evidence_link_url"):
            url = data["evidence_link_url"]
            evidence.append(EvidenceItem(title=data.get("evidence_link_title") or url, url=url))
        if data.get("evidence_file"):
            upload = data["evidence_file"]
            evidence.append(
                EvidenceItem(title=data.get("evidence_file_title") or upload.name, file=upload)
            )
        return {
            "narrative": data["narrative"],
            "narrative_exempt": data.get("narrative_exempt", False),
            "evidence": evidence,
            "remove_evidence_ids": data.get("remove_evidence") or [],
        }


NEW_RISK, NO_RISK, LINK = "new", "none", "link:"


class RiskForm(StepForm):
    """Page 3, only for an assessment that includes Limited progress / risk: one of three
    answers. Link an open risk of the plan (each is a radio, its actions as hint), raise a new
    risk (its fields revealed under the choice), or say why no risk is raised (revealed too)."""

    risk_version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    risk_choice = forms.ChoiceField(
        label="What is the risk behind the limited progress?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose a risk to link, raise a new risk, or say why no risk is raised",
            "invalid_choice": "Choose one of the open risks listed, or one of the other answers",
        },
    )
    risk_cause = _text(
        "Cause: why is progress limited?",
        rows=3,
        help_text="Often an external dependency, such as a partner's resourcing.",
    )
    risk_impact = _text("Impact: what happens to the outcome if nothing changes?", rows=3)
    risk_mitigation = _text("Mitigation: what is being done about it?", rows=3)
    risk_external_dependency = _text(
        "External dependency, if any",
        max_length=300,
        help_text="For example the Metropolitan Police, or a software supplier.",
    )
    risk_escalated = forms.ChoiceField(
        label="Has the risk been escalated?",
        choices=[(YES, "Yes"), (NO, "No")],
        widget=forms.RadioSelect,
        required=False,
    )
    # Asked beside the Yes/No rather than revealed by it (no reveal inside a reveal).
    risk_escalated_to = _text(
        "If it has been escalated: to whom?",
        max_length=300,
        help_text="For example the Local Safeguarding Children Board.",
    )
    risk_escalated_on = GovukDateField(
        label="If it has been escalated: when (optional)",
        required=False,
        help_text="For example 27 3 2013. Leave it empty if you do not know the date.",
    )
    no_risk_reason = _text(
        "Why is no risk raised?",
        rows=2,
        max_length=NO_RISK_REASON_MAX,
        help_text=(
            f"In {NO_RISK_REASON_MAX} characters or fewer, for example 'The delay is a month's "
            "slippage in training dates; the outcome is not at risk'."
        ),
        error_messages={
            "max_length": f"Say why no risk is raised in {NO_RISK_REASON_MAX} characters or fewer"
        },
    )

    NEW_RISK_FIELDS = (
        "risk_cause",
        "risk_impact",
        "risk_mitigation",
        "risk_external_dependency",
        "risk_escalated",
        "risk_escalated_to",
        "risk_escalated_on",
    )

    def __init__(self, *args: Any, open_risks: Sequence[Risk] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.open_risks = list(open_risks)
        self.fields["risk_choice"].choices = [
            *((f"{LINK}{risk.pk}", risk.title) for risk in self.open_risks),
            (NEW_RISK, "Raise a new risk"),
            (NO_RISK, "No risk is raised"),
        ]

    def choice_params(self) -> dict[str, Any]:
        """The radios: each open risk with its actions as hint, "or", a new risk (its fields
        revealed), no risk (the reason revealed). Reveals by the component layer, as for the
        status page's split (``StatusForm.status_params``)."""
        params = field_params(
            self["risk_choice"],
            reveals={
                NEW_RISK: self._fields_html(self.NEW_RISK_FIELDS),
                NO_RISK: self._fields_html(("no_risk_reason",)),
            },
        )
        actions = {
            f"{LINK}{risk.pk}": ", ".join(
                f"{a.reference} {a.title}" for a in getattr(risk, "linked_actions", [])
            )
            for risk in self.open_risks
        }
        items = []
        for item in params["items"]:
            if item["value"] in actions:
                item["hint"] = {"text": f"Open risk on {actions[item['value']]}"}
            elif item["value"] == NEW_RISK and self.open_risks:
                items.append({"divider": "or"})
            items.append(item)
        params["items"] = items
        hint = (
            "The status includes Limited progress / risk, so say what holds the action back. "
            + (
                "If a cause already in the plan's risk register holds it back, link it; otherwise "
                "raise a new risk, or say why none is raised."
                if self.open_risks
                else "Raise a new risk, or say why none is raised (the plan has no open risks)."
            )
        )
        return merged(
            params,
            {
                "hint": {"text": hint},
                "fieldset": {
                    "legend": {
                        "text": str(self["risk_choice"].label),
                        "isPageHeading": True,
                        "classes": "govuk-fieldset__legend--l",
                    }
                },
            },
        )

    def _fields_html(self, names: Sequence[str]) -> SafeString:
        return format_html_join(
            "",
            "{}",
            ((component(field_component(self[name]), field_params(self[name])),) for name in names),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        choice = data.get("risk_choice")
        if choice == NEW_RISK:
            required = {
                "risk_cause": "Say why progress is limited (the cause)",
                "risk_impact": "Say what the impact is",
                "risk_mitigation": "Say what is being done about it (the mitigation)",
                "risk_escalated": "Say whether the risk has been escalated",
            }
            for name, message in required.items():
                if name not in self.errors and not (data.get(name) or "").strip():
                    self.add_error(name, message)
            if data.get("risk_escalated") == YES and not data.get("risk_escalated_to", "").strip():
                self.add_error("risk_escalated_to", "Say to whom the risk was escalated")
        elif (
            choice == NO_RISK
            and "no_risk_reason" not in self.errors
            and not (data.get("no_risk_reason") or "").strip()
        ):
            self.add_error("no_risk_reason", "Say why no risk is raised")
        # Only the chosen answer is checked: the hidden boxes of the others do not count.
        if choice != NEW_RISK:
            for name in self.NEW_RISK_FIELDS:
                self.errors.pop(name, None)
        if choice != NO_RISK:
            self.errors.pop("no_risk_reason", None)
        return data

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        choice = data["risk_choice"]
        if choice == NO_RISK:
            return {"risk": NoRiskReason(reason=data["no_risk_reason"].strip())}
        if choice.startswith(LINK):
            return {"risk": RiskLinkChoice(risk_id=int(choice[len(LINK) :]))}
        escalated = data.get("risk_escalated") == YES
        return {
            "risk": RiskDetails(
                cause=data["risk_cause"].strip(),
                impact=data["risk_impact"].strip(),
                mitigation=data["risk_mitigation"].strip(),
                external_dependency=data.get("risk_external_dependency", "").strip(),
                escalated_to=data["risk_escalated_to"].strip() if escalated else "",
                escalated_on=data.get("risk_escalated_on") if escalated else None,
            ),
            "risk_version": data.get("risk_version"),
        }

    @staticmethod
    def initial_from(answer: Any) -> dict[str, Any]:
        """The page filled from what the draft (or the update it replaces) answered."""
        if isinstance(answer, RiskLinkChoice):
            return {"risk_choice": f"{LINK}{answer.risk_id}"}
        if isinstance(answer, NoRiskReason):
            return {"risk_choice": NO_RISK, "no_risk_reason": answer.reason}
        if not isinstance(answer, Risk):
            return {}
        return {
            "risk_choice": NEW_RISK,
            "risk_version": answer.version,
            "risk_cause": answer.cause,
            "risk_impact": answer.impact,
            "risk_mitigation": answer.mitigation,
            "risk_external_dependency": answer.external_dependency,
            "risk_escalated": YES if answer.escalated_to else NO,
            "risk_escalated_to": answer.escalated_to,
            "risk_escalated_on": answer.escalated_on,
        }


class MilestonesForm(StepForm):
    """Page 4: the date each milestone was done, and a revised timescale if there is one."""

    action_version = forms.IntegerField(widget=forms.HiddenInput)
    revised_timescale = _text(
        "Revised timescale",
        max_length=100,
        help_text=(
            "Only if the action will finish later (or earlier) than agreed, for example "
            "'June 2013'."
        ),
    )
    revised_due_date = GovukDateField(
        label="Revised due date",
        required=False,
        help_text="The last day of the revised timescale, for example 30 6 2013",
    )
    revision_reason = _text("Why has the timescale changed?", rows=3)

    def __init__(self, *args: Any, milestones: list[Milestone], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.milestones = milestones
        for m in milestones:
            self.fields[f"milestone_{m.pk}"] = GovukDateField(
                label=f"Date done: {m.title}",
                required=False,
                help_text=(
                    f"Due {m.due_date:%-d %B %Y}; for example 27 3 2013"
                    if m.due_date
                    else "For example 27 3 2013"
                ),
            )
            # The date as the form was read: a change is applied only over that same date.
            self.fields[f"milestone_{m.pk}_was"] = forms.DateField(
                required=False, widget=forms.HiddenInput
            )

    def milestone_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"milestone_{m.pk}"], self[f"milestone_{m.pk}_was"]) for m in self.milestones]

    def milestone_changes(self) -> dict[int, MilestoneChange]:
        """The milestones whose date this form changes. A milestone whose boxes were not sent
        at all is left alone (absent is not "not done"); a form that does not say what it read
        counts as having read "not done", so it can never overwrite a date unseen."""
        data, changes = self.cleaned_data, {}
        for m in self.milestones:
            name = f"milestone_{m.pk}"
            if self.fields[name].widget.value_omitted_from_data(self.data, self.files, name):
                continue
            if data.get(name) != data.get(f"{name}_was"):
                changes[m.pk] = MilestoneChange(was=data.get(f"{name}_was"), done_on=data.get(name))
        return changes

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        timescale = (data.get("revised_timescale") or "").strip()
        if (timescale or data.get("revised_due_date")) and not (
            data.get("revision_reason") or ""
        ).strip():
            self.add_error("revision_reason", "Say why the timescale has changed")
        if data.get("revised_due_date") and not timescale:
            self.add_error("revised_timescale", "Enter the revised timescale, e.g. 'June 2013'")
        return data

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        revision = None
        if data.get("revised_timescale", "").strip():
            revision = TimescaleRevision(
                revised_timescale=data["revised_timescale"].strip(),
                revised_due_date=data.get("revised_due_date"),
                revision_reason=data["revision_reason"].strip(),
            )
        return {
            "milestone_changes": self.milestone_changes(),
            "revision": revision,
            "action_version": data.get("action_version"),
        }

    @staticmethod
    def initial_from(action: Action, milestones: list[Milestone]) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "action_version": action.version,
            "revised_timescale": action.revised_timescale,
            "revised_due_date": action.revised_due_date,
            "revision_reason": action.revision_reason,
        }
        for m in milestones:
            initial[f"milestone_{m.pk}"] = m.done_on
            initial[f"milestone_{m.pk}_was"] = m.done_on
        return initial


class CheckForm(StepForm):
    """Check your answers: submitting sends the draft at the version the page showed."""


class DecisionForm(forms.Form):
    """The plan lead's decision on one submitted update."""

    APPROVE, RETURN = "approve", "return"

    decision = forms.ChoiceField(choices=[(APPROVE, "Approve"), (RETURN, "Return")])
    comment = _text(
        "Comment for the owner (required to return it)",
        rows=3,
        help_text="Say what the owner needs to change if you return it.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") == self.RETURN and not (data.get("comment") or "").strip():
            self.add_error("comment", "Say what the owner needs to change")
        return data
