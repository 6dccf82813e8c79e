"""Reads that aggregate: the plan summary (the source's table 3.7) and movement between rounds.

Everything here is computed by the database with a fixed number of queries, whatever the size
of the plan (``tests/test_query_counts_at_5000_actions.py`` pins the count).
"""

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.db.models import Count, F, OuterRef, Prefetch, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from headway.core.fractions import from_sixtieths

from .assessment import Assessment
from .choices import SHARE_FIELDS, Status, UpdateState
from .counts import StatusCounts
from .models import Action, OutcomeArea, Plan, ProgressUpdate, ReviewRound


@dataclass(frozen=True)
class AreaSummary:
    area: OutcomeArea
    counts: StatusCounts


@dataclass(frozen=True)
class ActionMove:
    action_id: int
    reference: str
    title: str
    area_number: int
    before: Assessment
    after: Assessment


@dataclass(frozen=True)
class Movement:
    """How actions moved since the previous round; ``previous_round`` is None for a first round."""

    previous_round: ReviewRound | None
    up: list[ActionMove] = field(default_factory=list)
    down: list[ActionMove] = field(default_factory=list)
    stayed: int = 0
    newly_reported: int = 0
    # How many moved each way; the lists above may hold only the first of them.
    up_total: int = 0
    down_total: int = 0

    def as_json(self) -> dict[str, Any]:
        def moves(items: list[ActionMove]) -> list[dict[str, str]]:
            return [
                {
                    "reference": m.reference,
                    "title": m.title,
                    "before": str(m.before),
                    "after": str(m.after),
                }
                for m in items
            ]

        return {
            "previous_round": self.previous_round.as_at.isoformat()
            if self.previous_round
            else None,
            "up": moves(self.up),
            "down": moves(self.down),
            "up_total": self.up_total,
            "down_total": self.down_total,
            "stayed": self.stayed,
            "newly_reported": self.newly_reported,
        }


@dataclass(frozen=True)
class PlanSummary:
    plan: Plan
    round: ReviewRound
    areas: list[AreaSummary]
    total: StatusCounts
    movement: Movement

    def as_json(self) -> dict[str, Any]:
        return {
            "plan": self.plan.slug,
            "plan_title": self.plan.title,
            "round": self.round.as_at.isoformat(),
            "round_title": self.round.title,
            "areas": [
                {"area": a.area.table_title, "number": a.area.number, **a.counts.as_json()}
                for a in self.areas
            ],
            "total": self.total.as_json(),
            "movement": self.movement.as_json(),
        }


def round_latest(*, plan: Plan) -> ReviewRound | None:
    return plan.rounds.order_by("-as_at").first()


def round_current_open(*, plan: Plan) -> ReviewRound | None:
    """The round owners are reporting in now: the latest one not yet closed."""
    return plan.rounds.filter(closed_at__isnull=True).order_by("-as_at").first()


def round_previous(*, round: ReviewRound) -> ReviewRound | None:
    return (
        ReviewRound.objects.filter(plan_id=round.plan_id, as_at__lt=round.as_at)
        .order_by("-as_at")
        .first()
    )


def counted_updates(*, round: ReviewRound) -> QuerySet[ProgressUpdate]:
    """The updates that count in a round's summary: the approved (current) one per action."""
    return ProgressUpdate.objects.filter(round=round, state=UpdateState.APPROVED)


def _share_sums(prefix: str = "") -> dict[str, Sum]:
    return {
        status.value: Coalesce(Sum(f"{prefix}{field}"), 0) for status, field in SHARE_FIELDS.items()
    }


def _rollup(*, plan: Plan, round: ReviewRound | None) -> tuple[list[AreaSummary], StatusCounts]:
    """Each area's counts and the plan's total: the one place shares become status counts.

    Two queries whatever the plan's size: the areas with their action counts, and the counted
    updates' shares summed per area by the database. The total is the sum of the areas, so the
    summary's TOTAL row and home's figure for a plan cannot disagree. Without a round, every
    action has no update.
    """
    areas = list(
        OutcomeArea.objects.filter(plan=plan)
        .annotate(action_count=Count("actions"))
        .order_by("number")
    )
    sums_by_area = {}
    if round is not None:
        sums_by_area = {
            row["action__area_id"]: row
            for row in counted_updates(round=round)
            .filter(action__plan=plan)
            .values("action__area_id")
            .annotate(**_share_sums())
            .order_by()
        }
    area_summaries = []
    totals = dict.fromkeys(Status, Fraction(0))
    total_actions = 0
    for area in areas:
        row = sums_by_area.get(area.pk, {})
        by_status = {status: from_sixtieths(row.get(status.value, 0)) for status in Status}
        area_summaries.append(AreaSummary(area, StatusCounts(area.action_count, by_status)))
        total_actions += area.action_count
        for status in Status:
            totals[status] += by_status[status]
    return area_summaries, StatusCounts(total_actions, totals)


def plan_totals(*, plan: Plan, round: ReviewRound | None) -> StatusCounts:
    """The plan's total at a round: the summary's TOTAL row (two queries)."""
    return _rollup(plan=plan, round=round)[1]


def plan_summary(*, plan: Plan, round: ReviewRound, moves_limit: int | None = None) -> PlanSummary:
    """The summary table for a plan at a round, with movement since the round before.

    A fixed number of queries whatever the plan's size: ``_rollup``'s two (areas with action
    counts, status sums per area), then ``plan_movement``'s. ``moves_limit`` lists only the first
    moves each way (pages); the counts of moves are always complete.
    """
    areas, total = _rollup(plan=plan, round=round)
    return PlanSummary(
        plan=plan,
        round=round,
        areas=areas,
        total=total,
        movement=plan_movement(plan=plan, round=round, limit=moves_limit),
    )


def _rank_expression() -> Any:
    return sum(
        (status.rank * F(field) for status, field in SHARE_FIELDS.items() if status.rank),
        start=Value(0),
    )


def plan_movement(*, plan: Plan, round: ReviewRound, limit: int | None = None) -> Movement:
    """Which actions went up, down or stayed since the previous round (four queries).

    The database gives each counted update's rank now and before (two numbers a row); only the
    moves that are listed (the first ``limit`` each way, or all) are then read in full.
    """
    previous = round_previous(round=round)
    if previous is None:
        return Movement(previous_round=None)
    rank = _rank_expression()
    earlier_rank = (
        counted_updates(round=previous)
        .filter(action=OuterRef("action"))
        .order_by()  # the models' default orderings would join four tables per row
        .annotate(r=rank)
        .values("r")[:1]
    )
    ranks = (
        counted_updates(round=round)
        .filter(action__plan=plan)
        .annotate(rank_now=rank, rank_before=Subquery(earlier_rank))
        .order_by("action__area__number", "action__position", "action__reference")
        .values_list("pk", "rank_now", "rank_before")
    )
    up_ids: list[int] = []
    down_ids: list[int] = []
    up = down = stayed = new = 0
    for pk, now, before in ranks:
        if before is None:
            new += 1
        elif now > before:
            up += 1
            if limit is None or len(up_ids) < limit:
                up_ids.append(pk)
        elif now < before:
            down += 1
            if limit is None or len(down_ids) < limit:
                down_ids.append(pk)
        else:
            stayed += 1
    now_rows = counted_updates(round=round).select_related("action__area").order_by()
    before_rows = counted_updates(round=previous).order_by()
    if limit is None:
        # Every move is listed: read both rounds whole rather than by long lists of ids.
        shown = {update.pk: update for update in now_rows.filter(action__plan=plan)}
        before_rows = before_rows.filter(action__plan=plan)
    else:
        shown = {update.pk: update for update in now_rows.filter(pk__in=up_ids + down_ids)}
        before_rows = before_rows.filter(action_id__in=[u.action_id for u in shown.values()])
    earlier = {update.action_id: update for update in before_rows}

    def move(pk: int) -> ActionMove:
        update = shown[pk]
        return ActionMove(
            action_id=update.action_id,
            reference=update.action.reference,
            title=update.action.title,
            area_number=update.action.area.number,
            before=earlier[update.action_id].assessment,
            after=update.assessment,
        )

    return Movement(
        previous_round=previous,
        up=[move(pk) for pk in up_ids],
        down=[move(pk) for pk in down_ids],
        stayed=stayed,
        newly_reported=new,
        up_total=up,
        down_total=down,
    )


def action_latest_updates(*, plan: Plan, round: ReviewRound) -> QuerySet[Action]:
    """The plan's actions, each with ``counted_update`` for the round (prefetched, one query)."""
    return (
        Action.objects.filter(plan=plan)
        .select_related("area", "owner")
        .prefetch_related(
            Prefetch(
                "updates",
                queryset=counted_updates(round=round).select_related("author"),
                to_attr="counted_updates",
            )
        )
    )


def round_actions_not_in(*, round: ReviewRound) -> QuerySet[Action]:
    """The plan's actions with no update submitted or approved in ``round``: the updates not
    yet in, listed before the round is closed."""
    return (
        Action.objects.filter(plan_id=round.plan_id)
        .exclude(
            pk__in=ProgressUpdate.objects.filter(
                round=round, state__in=[UpdateState.SUBMITTED, UpdateState.APPROVED]
            ).values("action_id")
        )
        .select_related("owner", "area")
        .order_by("area__number", "position", "reference")
    )
