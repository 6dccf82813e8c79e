"""Next year's plan from this one: unfinished actions carried forward, achieved ones left behind,
and the reads that follow an action or an area across the years.

A carried action links back to the action it continues (``carried_from``), so its history can be
followed year on year and the plan page can say how long it has been open.
"""

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.db.models import OuterRef, Subquery
from simple_history.utils import bulk_create_with_history

from .choices import UpdateState
from .models import (
    Action,
    Milestone,
    OutcomeArea,
    Plan,
    PlanMembership,
    ProgressUpdate,
    ReviewRound,
)
from .permissions import can_view_plan
from .selectors import StatusCounts, plan_summary, round_latest

__all__ = [
    "LineageProgress",
    "OpenFor",
    "RolloverResult",
    "action_is_finished",
    "actions_open_since",
    "latest_approved_shares",
    "lineage_progress",
    "open_for",
    "plan_copy_forward",
    "plan_lineage",
    "rollover_split",
    "suggested_next",
]

WHOLE = 60  # an assessment's shares add up to sixty sixtieths


@dataclass(frozen=True)
class RolloverResult:
    plan: Plan
    carried: list[Action]
    left_behind: list[Action]


def plan_copy_forward(
    *,
    plan: Plan,
    slug: str,
    title: str = "",
    start: dt.date | None = None,
    by: Any = None,
) -> RolloverResult:
    """Create the plan that follows ``plan``, in one transaction: all of it or nothing.

    The plan's own parts are copied: memberships, areas, the unfinished actions with their
    delegates, findings and open milestones. ``progress.rollover.plan_roll_forward`` adds
    the risks register's part; call that one.
    """
    try:
        validate_slug(slug)
    except ValidationError as exc:
        raise ValidationError(
            f"{slug!r} cannot be a plan's slug: use letters, numbers, hyphens or underscores."
        ) from exc
    if Plan.objects.filter(slug=slug).exists():
        raise ValidationError(f"A plan with the slug {slug!r} already exists; choose another.")
    start = start or plan.period_end + dt.timedelta(days=1)
    if start <= plan.period_start:
        raise ValidationError(
            f"The new plan must start after this one did "
            f"({plan.period_start.day} {plan.period_start:%B %Y})."
        )

    carried_from, left_behind = rollover_split(plan=plan)

    with transaction.atomic():
        new_plan = Plan(
            title=title.strip() or _next_title(plan.title, start),
            slug=slug,
            division=plan.division,
            description=plan.description,
            period_start=start,
            period_end=_period_end(plan, start),
            previous_plan=plan,
        )
        new_plan._history_user = by
        new_plan.full_clean()
        new_plan.save()
        PlanMembership.objects.bulk_create(
            PlanMembership(plan=new_plan, user_id=m.user_id, role=m.role)
            for m in plan.memberships.all()
        )
        areas = {}
        for area in plan.areas.order_by("number"):
            copy = OutcomeArea(
                plan=new_plan,
                number=area.number,
                title=area.title,
                short_title=area.short_title,
                description=area.description,
            )
            copy._history_user = by
            copy.save()
            areas[area.pk] = copy
        carried = [_carry(action, new_plan, areas[action.area_id], by) for action in carried_from]
    return RolloverResult(plan=new_plan, carried=carried, left_behind=left_behind)


def rollover_split(*, plan: Plan) -> tuple[list[Action], list[Action]]:
    """The plan's actions that would be carried forward, and those left behind as finished."""
    actions = list(
        Action.objects.filter(plan=plan)
        .select_related("area", "owner")
        .prefetch_related("delegates", "findings")
        .annotate(**latest_approved_shares())
        .order_by("area__number", "position", "reference")
    )
    return (
        [a for a in actions if not action_is_finished(a)],
        [a for a in actions if action_is_finished(a)],
    )


def latest_approved_shares(*, as_at: dt.date | None = None) -> dict[str, Subquery]:
    """Annotations for ``action_is_finished``: the shares achieved and dropped of each action's
    latest approved update (as at ``as_at``, when given)."""
    latest = ProgressUpdate.objects.filter(action=OuterRef("pk"), state=UpdateState.APPROVED)
    if as_at is not None:
        latest = latest.filter(round__as_at__lte=as_at)
    latest = latest.order_by("-round__as_at", "-pk")
    return {
        "last_achieved": Subquery(latest.values("share_achieved")[:1]),
        "last_dropped": Subquery(latest.values("share_dropped")[:1]),
    }


def action_is_finished(action: Action) -> bool:
    """Achieved or dropped, wholly, at its latest approved update (annotated by the caller).

    An action never reported on, or only partly achieved, is unfinished and goes forward.
    """
    if action.last_achieved is None:
        return False
    return action.last_achieved + action.last_dropped >= WHOLE


def _carry(action: Action, new_plan: Plan, area: OutcomeArea, by: Any) -> Action:
    copy = Action(
        plan=new_plan,
        area=area,
        reference=action.reference,
        position=action.position,
        title=action.title,
        objective=action.objective,
        desired_outcome=action.desired_outcome,
        owner_id=action.owner_id,
        lead_officer=action.lead_officer,
        # The timescale agreed last (revised or not) is the new plan's starting point.
        timescale=action.current_timescale,
        due_date=action.current_due_date,
        external_dependencies=action.external_dependencies,
        carried_from=action,
    )
    copy._history_user = by
    copy.save()
    copy.delegates.set(action.delegates.all())
    for finding in action.findings.all():
        finding.actions.add(copy)
    # The copies are made in bulk, each with its history row ("created", by the person).
    bulk_create_with_history(
        [
            Milestone(
                action=copy,
                position=m.position,
                title=m.title,
                due_date=m.due_date,
                reason_after_plan_end=m.reason_after_plan_end,
            )
            for m in action.milestones.filter(done_on__isnull=True)
        ],
        Milestone,
        default_user=by,
    )
    return copy


def suggested_next(*, plan: Plan) -> dict[str, Any]:
    """Defaults for the next plan's form: slug and title with the years moved on, start date."""
    start = plan.period_end + dt.timedelta(days=1)
    slug = _next_title(plan.slug, start) if re.search(r"20\d\d", plan.slug) else f"{plan.slug}-next"
    return {"slug": slug, "title": _next_title(plan.title, start), "start": start}


def _next_title(title: str, start: dt.date) -> str:
    """ "… Plan 2012/13" becomes "… Plan 2013/14"; a title without years gets the new period."""

    def bump(match: re.Match) -> str:
        first, sep, second = match.groups()
        width = len(second)
        return f"{int(first) + 1}{sep}{(int(second) + 1) % 10**width:0{width}d}"

    bumped, count = re.subn(r"\b(20\d\d)([/-])(\d\d(?:\d\d)?)\b", bump, title)
    if count:
        return bumped
    return f"{title} {start.year}/{(start.year + 1) % 100:02d}"


def _period_end(plan: Plan, start: dt.date) -> dt.date:
    """The same length as the old plan: whole years stay whole years across leap days."""
    days = (plan.period_end - plan.period_start).days + 1
    years = round(days / 365.25)
    if years >= 1 and abs(days - 365.25 * years) <= 2:
        try:
            return start.replace(year=start.year + years) - dt.timedelta(days=1)
        except ValueError:  # 29 February
            return start.replace(year=start.year + years, day=28)
    return start + (plan.period_end - plan.period_start)


# --- How long a carried action has been open --------------------------------------------------


@dataclass(frozen=True)
class OpenFor:
    since: dt.date
    days: int
    months: int
    plans: int  # how many plans it has appeared in, this one included

    def __str__(self) -> str:
        if self.months >= 12:
            years, months = divmod(self.months, 12)
            text = f"{years} year{'s' if years != 1 else ''}"
            return text + (f" {months} month{'s' if months != 1 else ''}" if months else "")
        if self.months:
            return f"{self.months} month{'s' if self.months != 1 else ''}"
        return f"{self.days} day{'s' if self.days != 1 else ''}"


def actions_open_since(*, actions: list[Action]) -> dict[int, tuple[dt.date, int]]:
    """For each action, the start of the first plan in its carried-from chain and the number of
    plans in that chain: one query per year of history, however many actions there are."""
    result: dict[int, tuple[dt.date, int]] = {
        a.pk: (a.plan.period_start, 1) for a in actions if a.carried_from_id is None
    }
    # pending: the earliest ancestor found so far for each action still being walked back.
    pending = {a.pk: (a.carried_from_id, 1) for a in actions if a.carried_from_id is not None}
    while pending:
        rows = {
            pk: (carried_from_id, start)
            for pk, carried_from_id, start in Action.objects.filter(
                pk__in={ancestor for ancestor, _ in pending.values()}
            ).values_list("pk", "carried_from_id", "plan__period_start")
        }
        next_pending = {}
        for action_id, (ancestor, depth) in pending.items():
            earlier, start = rows[ancestor]
            if earlier is None:
                result[action_id] = (start, depth + 1)
            else:
                next_pending[action_id] = (earlier, depth + 1)
        pending = next_pending
    return result


def open_for(*, since: dt.date, plans: int, today: dt.date) -> OpenFor:
    months = (today.year - since.year) * 12 + today.month - since.month
    if today.day < since.day:
        months -= 1
    return OpenFor(since=since, days=(today - since).days, months=max(months, 0), plans=plans)


def plan_lineage(*, plan: Plan) -> list[Plan]:
    """The plan and the plans it continues, oldest first (one query per earlier plan)."""
    chain = [plan]
    while chain[0].previous_plan_id is not None:
        chain.insert(0, Plan.objects.get(pk=chain[0].previous_plan_id))
    return chain


# --- Progress across successive plans --------------------------------------------------------


@dataclass(frozen=True)
class PlanYear:
    plan: Plan
    round: ReviewRound | None
    carried_in: int  # actions this plan carried forward from the one before


@dataclass(frozen=True)
class AreaAcrossYears:
    number: int
    title: str
    cells: list[StatusCounts | None]  # one per PlanYear; None where that plan lacks the area


@dataclass(frozen=True)
class LineageProgress:
    years: list[PlanYear]
    areas: list[AreaAcrossYears]
    totals: list[StatusCounts | None]


def lineage_progress(*, plan: Plan, user: Any) -> LineageProgress:
    """Each outcome area's counts at the latest round of every plan in the line (earlier and
    later plans alike) that the user may see. A fixed number of queries per plan."""
    chain = plan_lineage(plan=plan)
    later = plan
    while (following := later.next_plans.order_by("period_start").first()) is not None:
        chain.append(following)
        later = following
    years, summaries = [], []
    for each in chain:
        if not can_view_plan(user, each):
            continue
        latest = round_latest(plan=each)
        years.append(
            PlanYear(
                plan=each,
                round=latest,
                carried_in=each.actions.filter(carried_from__isnull=False).count(),
            )
        )
        summaries.append(plan_summary(plan=each, round=latest) if latest else None)
    titles: dict[int, str] = {}
    for summary in summaries:
        for area in summary.areas if summary else []:
            titles[area.area.number] = area.area.table_title  # the latest wording wins
    areas = [
        AreaAcrossYears(
            number=number,
            title=title,
            cells=[
                next((a.counts for a in s.areas if a.area.number == number), None) if s else None
                for s in summaries
            ],
        )
        for number, title in sorted(titles.items())
    ]
    return LineageProgress(
        years=years, areas=areas, totals=[s.total if s else None for s in summaries]
    )
