"""Reads for the progress pages: an action's updates in a round, the lead's approval queue and a
round's updates counted by state."""

from django.db.models import Count

from headway.plans.choices import UpdateState
from headway.plans.models import Action, Plan, ProgressUpdate, ReviewRound


def round_updates_of_action(
    *, action: Action, round: ReviewRound
) -> tuple[ProgressUpdate | None, ProgressUpdate | None, ProgressUpdate | None]:
    """The action's draft, its submitted update and its latest decided one in the round.

    One query, with evidence and risks prefetched (the form shows them).
    """
    updates = list(
        ProgressUpdate.objects.filter(action=action, round=round)
        .exclude(state=UpdateState.SUPERSEDED)
        .select_related("decided_by", "author", "risk_link__risk")
        .prefetch_related("evidence", "risks")
        .order_by("-created_at")
    )
    newest = {u.state: u for u in reversed(updates)}  # the newest of each state wins
    decided = next((u for u in updates if u.state != UpdateState.DRAFT), None)
    return newest.get(UpdateState.DRAFT), newest.get(UpdateState.SUBMITTED), decided


def approval_queue(*, plan: Plan) -> list[ProgressUpdate]:
    """Every submitted update of the plan with what the lead needs to judge it (three queries)."""
    return list(
        ProgressUpdate.objects.filter(action__plan=plan, state=UpdateState.SUBMITTED)
        .select_related("action__plan", "action__area", "author", "round", "risk_link__risk")
        .prefetch_related("risks", "evidence")
        .order_by("action__area__number", "action__position", "action__reference")
    )


def round_update_counts(*, round: ReviewRound) -> dict[str, int]:
    """How many of the round's updates are in each state (one grouped query)."""
    return {
        row["state"]: row["n"]
        for row in round.updates.order_by().values("state").annotate(n=Count("pk"))
    }
