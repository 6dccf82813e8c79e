"""The writes a plan import would make, held in memory between the comparison (``plan_diff``)
and the one transaction that applies them (``plan_import``)."""

from dataclasses import dataclass, field

from headway.plans.models import (
    Action,
    Milestone,
    OutcomeArea,
    Plan,
    PlanMembership,
    ProgressUpdate,
    ReviewRound,
)


@dataclass(frozen=True)
class NewUpdate:
    """An approved update to insert; its action and round may be created by the same import."""

    action: Action
    round: ReviewRound
    shares: tuple[int, ...]  # in SHARE_COLUMNS order
    narrative: str
    supersedes_id: int | None


@dataclass
class PlannedWrites:
    """The writes an import would make, held as unsaved or changed model instances."""

    plan: Plan
    plan_changed: list[str] = field(default_factory=list)
    new_areas: list[OutcomeArea] = field(default_factory=list)
    changed_areas: list[OutcomeArea] = field(default_factory=list)
    new_memberships: list[PlanMembership] = field(default_factory=list)
    new_actions: list[Action] = field(default_factory=list)
    changed_actions: dict[int, tuple[Action, set[str]]] = field(default_factory=dict)
    new_milestones: list[Milestone] = field(default_factory=list)
    changed_milestones: list[Milestone] = field(default_factory=list)
    removed_milestones: list[Milestone] = field(default_factory=list)
    new_rounds: list[ReviewRound] = field(default_factory=list)
    new_updates: list[NewUpdate] = field(default_factory=list)
    superseded: list[ProgressUpdate] = field(default_factory=list)
    # People to invite for owners' names that matched no one: lowered name → (name, e-mail).
    invitations: dict[str, tuple[str, str]] = field(default_factory=dict)
