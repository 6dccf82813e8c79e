"""Plans, their outcome areas and actions, review rounds and the progress updates owners record."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from headway.core.models import FrozenOnceOutOfDraft, TimeStampedModel, VersionedModel
from headway.core.text import long_text

from .assessment import Assessment
from .choices import SHARE_FIELDS, PlanRole, UpdateState


class Plan(TimeStampedModel, VersionedModel):
    """A division's performance improvement plan for a period, usually a year.

    Versioned: an administrator and the plan lead may change its details at the same time.
    """

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=100, unique=True)
    division = models.CharField(max_length=300, blank=True)
    description = long_text(blank=True)
    period_start = models.DateField()
    period_end = models.DateField()
    previous_plan = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_plans",
        help_text="The earlier plan whose unfinished actions this one carries forward.",
    )

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["-period_start", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gt=F("period_start")),
                name="plan_period_ends_after_it_starts",
                violation_error_message="The plan's period must end after it starts.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:plan", kwargs={"slug": self.slug})


class PlanMembership(TimeStampedModel):
    """A person's role on a plan. Nobody sees a plan without one (administrators aside)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_memberships"
    )
    role = models.CharField(max_length=20, choices=PlanRole.choices)

    class Meta:
        ordering = ["plan", "role", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "user"],
                name="one_role_per_person_per_plan",
                violation_error_message="This person already has a role on this plan.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} on {self.plan}"


class OutcomeArea(TimeStampedModel):
    """One of a plan's broad outcome areas, in the order the plan lists them."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="areas")
    number = models.PositiveSmallIntegerField(help_text="Its place in the plan: 1, 2, 3 …")
    title = models.CharField(max_length=300)
    short_title = models.CharField(
        max_length=100, blank=True, help_text="Used in tables, e.g. 'Improving Outcomes for LAC'."
    )
    description = long_text(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="outcome_area_number_unique_in_plan",
                violation_error_message="Another outcome area of this plan has this number.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def table_title(self) -> str:
        return self.short_title or self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:area", kwargs={"slug": self.plan.slug, "number": self.number})


class Action(TimeStampedModel, VersionedModel):
    """The unit of a plan: what will be done, by whom, by when, to what end."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    area = models.ForeignKey(OutcomeArea, on_delete=models.PROTECT, related_name="actions")
    reference = models.CharField(max_length=20, help_text="As the plan numbers it, e.g. '2.4'.")
    position = models.PositiveIntegerField(default=0, help_text="Order within its area.")
    title = models.CharField(max_length=500)
    objective = long_text(blank=True)
    desired_outcome = long_text(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_actions",
        help_text="Records progress each round.",
    )
    delegates = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="delegated_actions",
        help_text="People the owner has asked to record progress for them.",
    )
    lead_officer = models.CharField(
        max_length=300, blank=True, help_text="The plan's own wording, e.g. 'Head of Service, CP'."
    )
    timescale = models.CharField(
        max_length=100,
        help_text="As agreed when the plan was set: a date, month, quarter or 'Ongoing'.",
    )
    due_date = models.DateField(
        null=True, blank=True, help_text="The last day of the agreed timescale; empty if ongoing."
    )
    revised_timescale = models.CharField(max_length=100, blank=True)
    revised_due_date = models.DateField(null=True, blank=True)
    revision_reason = long_text(blank=True)
    external_dependencies = long_text(
        blank=True, help_text="Organisations or suppliers the action relies on, one per line."
    )
    carried_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="carried_into",
        help_text="The same action in the previous plan, if it was carried forward.",
    )

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["plan", "area__number", "position", "reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "reference"],
                name="action_reference_unique_in_plan",
                violation_error_message="Another action of this plan has this reference.",
            ),
            models.CheckConstraint(
                condition=Q(revised_timescale="") | ~Q(revision_reason=""),
                name="revised_timescale_has_reason",
                violation_error_message="A revised timescale needs the reason for the change.",
            ),
        ]
        indexes = [
            models.Index(fields=["plan", "area"]),
            models.Index(fields=["owner"]),
            # The most recently changed actions first.
            models.Index(fields=["updated_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("plans:action", kwargs={"slug": self.plan.slug, "pk": self.pk})

    def clean(self) -> None:
        if self.area_id and self.plan_id and self.area.plan_id != self.plan_id:
            raise ValidationError({"area": "This outcome area belongs to another plan."})

    @property
    def current_timescale(self) -> str:
        return self.revised_timescale or self.timescale

    @property
    def current_due_date(self):
        return self.revised_due_date or self.due_date

    @property
    def has_slipped(self) -> bool:
        """True when the timescale was revised to a later date than the baseline."""
        if not self.revised_timescale:
            return False
        if self.revised_due_date and self.due_date:
            return self.revised_due_date > self.due_date
        return True

    @property
    def dependency_list(self) -> list[str]:
        return [line.strip() for line in self.external_dependencies.splitlines() if line.strip()]


class Milestone(TimeStampedModel):
    """A dated step towards an action's outcome."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="milestones")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=500)
    due_date = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)
    reason_after_plan_end = long_text(
        blank=True, help_text="Required when the milestone falls due after the plan ends."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "position", "due_date", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        plan_end = self.action.plan.period_end if self.action_id else None
        if (
            self.due_date
            and plan_end
            and self.due_date > plan_end
            and not self.reason_after_plan_end.strip()
        ):
            raise ValidationError(
                {
                    "reason_after_plan_end": (
                        f"This milestone is due on {self.due_date:%d %B %Y}, after the plan ends "
                        f"on {plan_end:%d %B %Y}; say why it runs past the plan."
                    )
                }
            )

    def is_overdue(self, today) -> bool:
        return self.done_on is None and self.due_date is not None and self.due_date < today


class ReviewRound(TimeStampedModel):
    """A reporting point: owners update their actions by the deadline, as at a date."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="rounds")
    title = models.CharField(max_length=300, help_text="e.g. 'Update to committee, 12 March 2013'.")
    as_at = models.DateField(help_text="The date the round reports progress as at.")
    deadline = models.DateField(help_text="When owners' updates are due.")
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "as_at"]
        get_latest_by = "as_at"
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "as_at"],
                name="one_round_per_plan_per_date",
                violation_error_message="This plan already has a round as at this date.",
            ),
            models.CheckConstraint(
                condition=Q(deadline__lte=F("as_at")),
                name="round_deadline_not_after_as_at",
                violation_error_message="Updates must be due on or before the round's date.",
            ),
            # Owners report in one round at a time: opening a round closes the one before
            # (services.review_round_open); the database refuses a second open one whatever
            # writes it.
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(closed_at__isnull=True),
                name="one_open_round_per_plan",
                violation_error_message=(
                    "This plan already has an open review round: close it before opening another."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class ProgressUpdate(FrozenOnceOutOfDraft, TimeStampedModel, VersionedModel):
    """What an owner records about an action in a round. Append-only once submitted.

    The assessment is held as each status's share in whole sixtieths, so the database can add
    shares up exactly and can enforce that they make one whole.
    """

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="updates")
    round = models.ForeignKey(ReviewRound, on_delete=models.PROTECT, related_name="updates")
    state = models.CharField(
        max_length=20, choices=UpdateState.choices, default=UpdateState.DRAFT, db_index=True
    )
    share_achieved = models.PositiveSmallIntegerField(default=0)
    share_significant_progress = models.PositiveSmallIntegerField(default=0)
    share_limited_progress_risk = models.PositiveSmallIntegerField(default=0)
    share_not_started = models.PositiveSmallIntegerField(default=0)
    share_dropped = models.PositiveSmallIntegerField(default=0)
    narrative = long_text(blank=True)
    narrative_exempt = models.BooleanField(
        default=False, help_text="Exempt information: left out of the public report."
    )
    no_risk_reason = models.CharField(
        max_length=300,
        blank=True,
        help_text="At Limited progress / risk with no risk raised or linked: why not.",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="progress_updates"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_comment = long_text(blank=True)
    supersedes = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
        help_text="The earlier update for the same action and round that this one corrects.",
    )

    # Each state change (submitted, approved, returned, superseded) leaves a history row.
    history = HistoricalRecords(excluded_fields=["version"])

    # Fields that never change once the update has left draft.
    FROZEN_FIELDS = (
        "action_id",
        "round_id",
        *SHARE_FIELDS.values(),
        "narrative",
        "narrative_exempt",
        "no_risk_reason",
        "author_id",
        "supersedes_id",
    )
    FROZEN_CHANGE_MESSAGE = (
        "A submitted progress update cannot be changed; record a correction instead"
    )
    FROZEN_DELETE_MESSAGE = "A submitted progress update is never deleted."

    class Meta:
        ordering = ["round__as_at", "action", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    models.lookups.Exact(
                        F("share_achieved")
                        + F("share_significant_progress")
                        + F("share_limited_progress_risk")
                        + F("share_not_started")
                        + F("share_dropped"),
                        60,
                    )
                ),
                name="update_shares_add_to_one",
                violation_error_message="The shares of an assessment must add up to one whole.",
            ),
            models.UniqueConstraint(
                fields=["action", "round"],
                condition=Q(state__in=[UpdateState.DRAFT, UpdateState.SUBMITTED]),
                name="one_open_update_per_action_per_round",
                violation_error_message=(
                    "This action already has an update in progress for this round."
                ),
            ),
            models.UniqueConstraint(
                fields=["action", "round"],
                condition=Q(state=UpdateState.APPROVED),
                name="one_current_update_per_action_per_round",
                violation_error_message="This action already has an approved update this round.",
            ),
        ]
        indexes = [
            models.Index(fields=["round", "state"]),
            # The count and newest change of a plan's updates, read by every plan page.
            models.Index(fields=["round", "updated_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.action.reference} in {self.round}: {self.assessment}"

    @property
    def assessment(self) -> Assessment:
        return Assessment.from_sixtieths({f: getattr(self, f) for f in SHARE_FIELDS.values()})

    @assessment.setter
    def assessment(self, value: Assessment) -> None:
        for field, sixtieths in value.as_sixtieths().items():
            setattr(self, field, sixtieths)

    @property
    def is_draft(self) -> bool:
        return self.state == UpdateState.DRAFT

    @property
    def counts(self) -> bool:
        """Only an approved update counts in the plan's summary."""
        return self.state == UpdateState.APPROVED

    def clean(self) -> None:
        errors = {}
        if self.action_id and self.round_id and self.action.plan_id != self.round.plan_id:
            errors["round"] = "This round belongs to another plan than the action."
        # That the shares make one whole is the check constraint's to say (full_clean runs it).
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude=None) -> None:
        # Forms never show ``state`` (services set it), yet the one-update-per-round
        # constraints depend on it: check them anyway rather than fail at the database.
        super().validate_constraints(exclude=set(exclude or ()) - {"state"})


class Evidence(TimeStampedModel):
    """A link or file that supports a progress update."""

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(max_length=300)
    url = models.URLField(blank=True, max_length=1000)
    file = models.FileField(upload_to="evidence/%Y/%m/", blank=True)

    class Meta:
        ordering = ["update", "pk"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="") | ~Q(file=""),
                name="evidence_has_link_or_file",
                violation_error_message="Evidence needs a link or a file.",
            ),
        ]

    def __str__(self) -> str:
        return self.title
