"""The statuses of an action and of a progress update, each with the words that explain it."""

from django.db import models


class Status(models.TextChoices):
    """How far an action has got. The value is also the JSON key in summaries."""

    ACHIEVED = "achieved", "Achieved"
    SIGNIFICANT_PROGRESS = "significant_progress", "Significant progress"
    LIMITED_PROGRESS_RISK = "limited_progress_risk", "Limited progress / risk"
    NOT_STARTED = "not_started", "Not started"
    DROPPED = "dropped", "Dropped"

    @property
    def definition(self) -> str:
        return STATUS_DEFINITIONS[self]

    @property
    def rank(self) -> int:
        """Higher is further on; used to tell whether an action moved up or down."""
        return STATUS_RANKS[self]


STATUS_DEFINITIONS = {
    Status.ACHIEVED: (
        "The action is complete and its desired outcome is in place; any remaining work is "
        "business as usual."
    ),
    Status.SIGNIFICANT_PROGRESS: (
        "Work is well under way and on course to deliver the desired outcome within the "
        "timescale; milestones so far have been met."
    ),
    Status.LIMITED_PROGRESS_RISK: (
        "Progress is limited or the timescale is at risk. The update must say why (the cause), "
        "what it means (the impact), what is being done (the mitigation) and whether it has "
        "been escalated."
    ),
    Status.NOT_STARTED: (
        "Work has not begun yet, usually because the action is scheduled for later in the plan."
    ),
    Status.DROPPED: (
        "The action has been stopped or merged into another action; the narrative says why and "
        "where the work now sits."
    ),
}

# Dropped ranks with Not started: it delivered nothing further this round.
STATUS_RANKS = {
    Status.ACHIEVED: 3,
    Status.SIGNIFICANT_PROGRESS: 2,
    Status.LIMITED_PROGRESS_RISK: 1,
    Status.NOT_STARTED: 0,
    Status.DROPPED: 0,
}

# The column on ProgressUpdate that holds each status's share, in sixtieths.
SHARE_FIELDS = {status: f"share_{status.value}" for status in Status}


class UpdateState(models.TextChoices):
    """Where a progress update is in its life.

    Allowed transitions (``headway.plans.services`` enforces them):

    - DRAFT → SUBMITTED: the owner submits it to the plan lead. From here on its content is frozen.
    - SUBMITTED → APPROVED: the plan lead accepts it; it now counts in the summary.
    - SUBMITTED → RETURNED: the plan lead sends it back with a comment; the owner writes a new
      update (prefilled from it) rather than changing this one.
    - APPROVED → SUPERSEDED: a correction for the same action and round was approved.

    Drafts may be changed or discarded; nothing else may.
    """

    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"
    RETURNED = "returned", "Returned"
    SUPERSEDED = "superseded", "Superseded"


UPDATE_TRANSITIONS = {
    UpdateState.DRAFT: {UpdateState.SUBMITTED},
    UpdateState.SUBMITTED: {UpdateState.APPROVED, UpdateState.RETURNED},
    UpdateState.APPROVED: {UpdateState.SUPERSEDED},
    UpdateState.RETURNED: set(),
    UpdateState.SUPERSEDED: set(),
}


class PlanRole(models.TextChoices):
    """A person's role on one plan. Administrators are staff users and see every plan."""

    LEAD = "lead", "Plan lead"
    OWNER = "owner", "Action owner"
    READER = "reader", "Reader"
