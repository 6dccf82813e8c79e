"""Forms for recording progress and deciding on it, in GOV.UK Frontend's patterns.

Each form only parses and checks what was typed; the writes are ``services``'. ``error_summary``
(``headway.core.forms``) gives the GOV.UK error summary's entries.
"""

from fractions import Fraction
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from headway.core.forms import GovukDateField
from headway.core.forms import text_field as _text
from headway.core.fractions import format_count
from headway.plans.assessment import Assessment
from headway.plans.choices import Status
from headway.plans.models import Action, Milestone
from headway.risks.models import Risk
from headway.risks.services import RiskDetails

from .evidence import check_evidence_file
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

SINGLE, SPLIT = "single", "split"

YES, NO = "yes", "no"


class ProgressUpdateForm(forms.Form):
    """An owner's update on one action for the current round (see ``progress_update_record``)."""

    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    action_version = forms.IntegerField(widget=forms.HiddenInput)
    risk_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    mode = forms.ChoiceField(
        label="How is the action progressing?",
        choices=[(SINGLE, "One status"), (SPLIT, "Split between statuses")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose one status or a split between statuses"},
    )
    status = forms.ChoiceField(
        label="Status", choices=Status.choices, widget=forms.RadioSelect, required=False
    )
    narrative = _text(
        "What progress has been made?",
        rows=6,
        required=True,
        error_messages={"required": "Say what progress has been made"},
    )
    narrative_exempt = forms.BooleanField(
        label="This update contains exempt information (leave it out of the public report)",
        required=False,
    )

    evidence_link_title = _text("Link title", max_length=300)
    evidence_link_url = forms.URLField(
        label="Link address", required=False, max_length=1000, assume_scheme="https"
    )
    evidence_file_title = _text("File title", max_length=300)
    evidence_file = forms.FileField(label="Upload a file", required=False)
    remove_evidence = forms.TypedMultipleChoiceField(
        label="Remove evidence", coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    revised_timescale = _text("Revised timescale", max_length=100)
    revised_due_date = GovukDateField(label="Revised due date", required=False)
    revision_reason = _text("Why has the timescale changed?", rows=3)

    risk_cause = _text("Cause: why is progress limited?", rows=3)
    risk_impact = _text("Impact: what happens to the outcome if nothing changes?", rows=3)
    risk_mitigation = _text("Mitigation: what is being done about it?", rows=3)
    risk_external_dependency = _text("External dependency, if any", max_length=300)
    risk_escalated = forms.ChoiceField(
        label="Has the risk been escalated?",
        choices=[(YES, "Yes"), (NO, "No")],
        widget=forms.RadioSelect,
        required=False,
    )
    risk_escalated_to = _text("Escalated to", max_length=300)
    risk_escalated_on = GovukDateField(label="Date escalated", required=False)

    def __init__(
        self,
        *args: Any,
        action: Action,
        milestones: list[Milestone],
        evidence_choices: list[tuple[int, str]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.action = action
        self.milestones = milestones
        for status in Status:
            self.fields[f"share_{status.value}"] = forms.ChoiceField(
                label=status.label, choices=SHARE_CHOICES, required=False
            )
        for milestone in milestones:
            self.fields[f"milestone_{milestone.pk}"] = GovukDateField(
                label=f"Date done: {milestone.title}", required=False
            )
            # The date as the form was read: a change is applied only over that same date.
            self.fields[f"milestone_{milestone.pk}_was"] = forms.DateField(
                required=False, widget=forms.HiddenInput
            )
        self.fields["remove_evidence"].choices = list(evidence_choices)

    # Groups of bound fields, for the template.
    def status_options(self) -> list[tuple[Status, Any]]:
        """Each status's radio with the status itself, so its definition can sit beside it."""
        return list(zip(Status, self["status"].subwidgets, strict=True))

    def share_fields(self) -> list[tuple[Status, forms.BoundField]]:
        return [(status, self[f"share_{status.value}"]) for status in Status]

    def milestone_fields(self) -> list[tuple[Milestone, forms.BoundField, str, forms.BoundField]]:
        return [
            (
                m,
                self[f"milestone_{m.pk}"],
                f"Due {m.due_date:%-d %B %Y}; for example 27 3 2013" if m.due_date else "",
                self[f"milestone_{m.pk}_was"],
            )
            for m in self.milestones
        ]

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

    def clean_evidence_file(self) -> Any:
        upload = self.cleaned_data.get("evidence_file")
        if upload:
            check_evidence_file(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self._clean_assessment(data)
        assessment = data.get("assessment")
        if assessment is not None and assessment.includes_limited_progress:
            self._clean_risk(data)
        self._clean_revision(data)
        if data.get("evidence_link_title") and not data.get("evidence_link_url"):
            self.add_error("evidence_link_url", "Enter the link's address, or leave out its title")
        return data

    def _clean_assessment(self, data: dict[str, Any]) -> None:
        mode = data.get("mode")
        if mode == SINGLE:
            if not data.get("status"):
                self.add_error("status", "Choose the action's status")
                return
            data["assessment"] = Assessment.single(data["status"])
        elif mode == SPLIT:
            shares = {
                status: Fraction(data[f"share_{status.value}"])
                for status in Status
                if data.get(f"share_{status.value}")
            }
            first_share = f"share_{Status.ACHIEVED.value}"
            if len(shares) < 2:
                self.add_error(first_share, "Choose a share for at least two statuses for a split")
                return
            try:
                data["assessment"] = Assessment.from_shares(shares)
            except ValidationError as error:  # Assessment says whether they make one whole
                self.add_error(first_share, error.messages)

    def _clean_risk(self, data: dict[str, Any]) -> None:
        required = {
            "risk_cause": "Say why progress is limited (the cause)",
            "risk_impact": "Say what the impact is",
            "risk_mitigation": "Say what is being done about it (the mitigation)",
            "risk_escalated": "Say whether the risk has been escalated",
        }
        for name, message in required.items():
            if not (data.get(name) or "").strip():
                self.add_error(name, message)
        if data.get("risk_escalated") == YES:
            if not data.get("risk_escalated_to", "").strip():
                self.add_error("risk_escalated_to", "Say to whom the risk was escalated")
            if not data.get("risk_escalated_on") and "risk_escalated_on" not in self.errors:
                self.add_error("risk_escalated_on", "Enter the date the risk was escalated")

    def _clean_revision(self, data: dict[str, Any]) -> None:
        timescale = (data.get("revised_timescale") or "").strip()
        if (timescale or data.get("revised_due_date")) and not (
            data.get("revision_reason") or ""
        ).strip():
            self.add_error("revision_reason", "Say why the timescale has changed")
        if data.get("revised_due_date") and not timescale:
            self.add_error("revised_timescale", "Enter the revised timescale, e.g. 'June 2013'")

    # What the service needs, once valid.
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
        risk = None
        if data["assessment"].includes_limited_progress:
            escalated = data.get("risk_escalated") == YES
            risk = RiskDetails(
                cause=data["risk_cause"].strip(),
                impact=data["risk_impact"].strip(),
                mitigation=data["risk_mitigation"].strip(),
                external_dependency=data.get("risk_external_dependency", "").strip(),
                escalated_to=data["risk_escalated_to"].strip() if escalated else "",
                escalated_on=data.get("risk_escalated_on") if escalated else None,
            )
        revision = None
        if data.get("revised_timescale", "").strip():
            revision = TimescaleRevision(
                revised_timescale=data["revised_timescale"].strip(),
                revised_due_date=data.get("revised_due_date"),
                revision_reason=data["revision_reason"].strip(),
            )
        return {
            "assessment": data["assessment"],
            "narrative": data["narrative"],
            "narrative_exempt": data.get("narrative_exempt", False),
            "expected_version": data.get("version"),
            "evidence": evidence,
            "remove_evidence_ids": data.get("remove_evidence") or [],
            "milestone_changes": self.milestone_changes(),
            "risk": risk,
            "risk_version": data.get("risk_version"),
            "revision": revision,
            "action_version": data.get("action_version"),
        }


def progress_initial(*, action: Action, source: Any | None, risk: Risk | None) -> dict[str, Any]:
    """The form's starting values: a draft's, a returned update's, or the action's own."""
    initial: dict[str, Any] = {
        "action_version": action.version,
        "revised_timescale": action.revised_timescale,
        "revised_due_date": action.revised_due_date,
        "revision_reason": action.revision_reason,
    }
    if source is not None:
        assessment = source.assessment
        initial |= {
            "narrative": source.narrative,
            "narrative_exempt": source.narrative_exempt,
            "mode": SPLIT if assessment.is_split else SINGLE,
        }
        if assessment.is_split:
            initial |= {f"share_{status.value}": str(share) for status, share in assessment.shares}
        else:
            initial["status"] = assessment.statuses[0].value
    if risk is not None:
        initial |= {
            "risk_version": risk.version,
            "risk_cause": risk.cause,
            "risk_impact": risk.impact,
            "risk_mitigation": risk.mitigation,
            "risk_external_dependency": risk.external_dependency,
            "risk_escalated": YES if risk.escalated_to else NO,
            "risk_escalated_to": risk.escalated_to,
            "risk_escalated_on": risk.escalated_on,
        }
    for milestone in action.milestones.all():
        initial[f"milestone_{milestone.pk}"] = milestone.done_on
        initial[f"milestone_{milestone.pk}_was"] = milestone.done_on
    return initial


class DecisionForm(forms.Form):
    """The plan lead's decision on one submitted update."""

    APPROVE, RETURN = "approve", "return"

    decision = forms.ChoiceField(choices=[(APPROVE, "Approve"), (RETURN, "Return")])
    comment = _text("Comment for the owner (required to return it)", rows=3)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") == self.RETURN and not (data.get("comment") or "").strip():
            self.add_error("comment", "Say what the owner needs to change")
        return data
