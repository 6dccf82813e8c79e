"""Committee reports: the front sheet and sections of the source document, for a plan's round.

A report is a draft until published. Publishing freezes it: the whole rendered context goes
into ``snapshot`` (figures included, so nothing is queried live again) and the Word and PDF files
are stored with their SHA-256. The model refuses any change to a published report's content.
"""

import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from headway.core.models import FrozenOnceOutOfDraft, TimeStampedModel, VersionedModel
from headway.core.text import long_text

from .body import validate as validate_body
from .choices import Audience, DocumentFormat, ReportState

# The front sheet and the short blocks under it, in the source's order: (field, label).
FRONT_SHEET_FIELDS = (
    ("decision_maker", "Decision Maker"),
    ("meeting_date", "Date"),
    ("decision_type", "Decision Type"),
    ("title", "Title"),
    ("contact_officer_role", "Contact Officer"),
    ("contact_officer_contact", "E-mail"),
    ("chief_officer", "Chief Officer"),
    ("wards", "Ward"),
)
# (heading, [(field, label)]) — the numbered lists between the recommendations and commentary.
FORM_BLOCKS = (
    ("Corporate Policy", (("policy_status", "Policy Status"), ("priority", "Priority"))),
    (
        "Financial",
        (
            ("cost_of_proposal", "Cost of proposal"),
            ("ongoing_costs", "Ongoing costs"),
            ("budget_head", "Budget head/performance centre"),
            ("current_budget", "Total current budget for this head"),
            ("funding_source", "Source of funding"),
        ),
    ),
    (
        "Staff",
        (
            ("staff_number", "Number of staff (current and additional)"),
            ("staff_hours", "If from existing staff resources, number of staff hours"),
        ),
    ),
    ("Legal", (("legal_requirement", "Legal Requirement"), ("call_in", "Call-in"))),
    (
        "Customer Impact",
        (("beneficiaries", "Estimated number of users/beneficiaries (current and projected)"),),
    ),
    (
        "Ward Councillor Views",
        (
            ("ward_councillors_asked", "Have Ward Councillors been asked for comments?"),
            ("ward_councillor_comments", "Summary of Ward Councillors comments"),
        ),
    ),
)
CONTENT_FIELDS = (
    *(name for name, _ in FRONT_SHEET_FIELDS),
    # The corporate priority's own label comes just before it, on the forms too.
    *(
        part
        for _, fields in FORM_BLOCKS
        for name, _ in fields
        for part in (("priority_label", name) if name == "priority" else (name,))
    ),
    "non_applicable_sections",
    "background_documents",
    "body",
)


def _text(**kwargs) -> models.CharField:
    return models.CharField(max_length=500, blank=True, **kwargs)


class CommitteeReport(FrozenOnceOutOfDraft, TimeStampedModel, VersionedModel):
    plan = models.ForeignKey("plans.Plan", on_delete=models.PROTECT, related_name="reports")
    round = models.ForeignKey("plans.ReviewRound", on_delete=models.PROTECT, related_name="reports")
    edition = models.PositiveSmallIntegerField(
        default=1, help_text="1 for the first report on this round; a new edition supersedes."
    )
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    state = models.CharField(
        max_length=20, choices=ReportState.choices, default=ReportState.DRAFT, db_index=True
    )

    decision_maker = _text(help_text="The committee, e.g. 'Care Services PDS Committee'.")
    meeting_date = models.DateField(null=True, blank=True)
    decision_type = _text(help_text="e.g. 'Non-Executive Non-Key'.")
    title = _text()
    contact_officer_role = _text(help_text="Role title, e.g. 'Assistant Director'.")
    contact_officer_contact = _text(help_text="E-mail address or telephone number.")
    chief_officer = _text()
    wards = _text(default="(All Wards)")

    policy_status = _text()
    priority_label = _text(
        default="Priority",
        help_text="The council's name for its corporate priority's line, e.g. 'BBB Priority'.",
    )
    priority = _text()
    cost_of_proposal = _text()
    ongoing_costs = _text()
    budget_head = _text()
    current_budget = _text()
    funding_source = _text()
    staff_number = _text()
    staff_hours = _text()
    legal_requirement = _text()
    call_in = _text()
    beneficiaries = _text()
    ward_councillors_asked = _text()
    ward_councillor_comments = long_text(blank=True)

    non_applicable_sections = long_text(blank=True)
    background_documents = long_text(blank=True)
    body = models.JSONField(
        default=list,
        blank=True,
        help_text="The numbered sections and their blocks (headway/reports/body.py).",
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    snapshot = models.JSONField(
        null=True, blank=True, help_text="The frozen report context, set when published."
    )

    # Publishing freezes the report: what the committee was shown never changes.
    DRAFT_STATE = ReportState.DRAFT
    FROZEN_FIELDS = (*CONTENT_FIELDS, "snapshot", "published_at", "published_by_id", "round_id")
    FROZEN_CHANGE_MESSAGE = "A published report is never edited; start a new edition instead"
    FROZEN_DELETE_MESSAGE = "A published report is never deleted."

    class Meta:
        ordering = ["plan", "-round__as_at", "-edition"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "edition"],
                name="report_edition_unique_in_round",
                violation_error_message="This round already has a report of this edition.",
            ),
            models.UniqueConstraint(
                fields=["round"],
                condition=Q(state=ReportState.DRAFT),
                name="one_draft_report_per_round",
                violation_error_message="This round already has a draft report.",
            ),
            models.UniqueConstraint(
                fields=["round"],
                condition=Q(state=ReportState.PUBLISHED),
                name="one_current_report_per_round",
                violation_error_message="This round already has a published report.",
            ),
            models.CheckConstraint(
                condition=Q(state=ReportState.DRAFT)
                | Q(snapshot__isnull=False, published_at__isnull=False),
                name="published_report_has_snapshot",
                violation_error_message="A published report needs its snapshot.",
            ),
        ]

    def __str__(self) -> str:
        edition = f" (edition {self.edition})" if self.edition > 1 else ""
        return f"{self.title or 'Committee report'} — {self.round}{edition}"

    def get_absolute_url(self) -> str:
        return reverse("reports:report", kwargs={"pk": self.pk})

    @property
    def is_draft(self) -> bool:
        return self.state == ReportState.DRAFT

    def clean(self) -> None:
        if self.plan_id and self.round_id and self.round.plan_id != self.plan_id:
            raise ValidationError({"round": "This round belongs to another plan."})
        try:
            self.body = validate_body(self.body)
        except ValidationError as exc:
            raise ValidationError({"body": exc.messages}) from exc


class PublishedFile(TimeStampedModel):
    """A rendered file of a published report, with the checksum that proves it unchanged."""

    report = models.ForeignKey(CommitteeReport, on_delete=models.PROTECT, related_name="files")
    audience = models.CharField(max_length=20, choices=Audience.choices)
    format = models.CharField(max_length=10, choices=DocumentFormat.choices)
    file = models.FileField(upload_to="reports/%Y/")
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["report", "audience", "format"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "audience", "format"],
                name="one_file_per_report_audience_format",
                violation_error_message="This report already has this file.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} — {self.get_audience_display()} {self.get_format_display()}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValidationError("A published file is never replaced.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("A published file is never deleted.")


def _template_path(instance: "ReportTemplate", filename: str) -> str:
    return f"report-templates/{uuid.uuid4().hex}.docx"


class ReportTemplate(TimeStampedModel):
    """A council's own Word template (docxtpl tags) for its reports: for one plan, or, with no
    plan, for every plan without one of its own. The newest of each applies."""

    plan = models.ForeignKey(
        "plans.Plan",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="report_templates",
        help_text="Blank: every plan without a template of its own.",
    )
    name = models.CharField(max_length=255, help_text="The file's name as uploaded.")
    file = models.FileField(upload_to=_template_path)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.plan or 'every plan'})"


ORGANISATION_DEFAULTS = "organisation"


class ReportDefaults(TimeStampedModel, VersionedModel):
    """What a new report starts from where the plan's previous report says nothing: for one
    plan, or (``key`` "organisation", no plan) for every plan. Editable by administrators (both)
    and the plan's lead (their plan's)."""

    key = models.CharField(max_length=40, unique=True, editable=False)
    plan = models.OneToOneField(
        "plans.Plan",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="report_defaults",
    )
    values = models.JSONField(default=dict, blank=True)
    body = models.JSONField(
        null=True,
        blank=True,
        help_text="The sections and officer paragraphs a new report starts from, in place; "
        "empty: from the next layer down.",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name_plural = "report defaults"

    def __str__(self) -> str:
        return f"Report defaults for {self.plan or 'the organisation'}"

    def clean(self) -> None:
        if self.body is not None:
            try:
                self.body = validate_body(self.body)
            except ValidationError as exc:
                raise ValidationError({"body": exc.messages}) from exc

    @staticmethod
    def key_for(plan: Any | None) -> str:
        return f"plan-{plan.pk}" if plan is not None else ORGANISATION_DEFAULTS
