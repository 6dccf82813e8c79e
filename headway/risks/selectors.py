"""Reads of the risk register."""

from collections.abc import Sequence

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from headway.plans.choices import UpdateState
from headway.plans.models import Action, Plan, ProgressUpdate, ReviewRound

from .models import Risk, RiskLink, RiskStatus

# The plan's order of actions: by area, then position, then reference.
ACTION_ORDER = ("area__number", "position", "reference", "pk")


def with_linked_actions(risks: QuerySet[Risk]) -> QuerySet[Risk]:
    """Each risk's ``linked_actions`` in the plan's order, in one more query."""
    return risks.prefetch_related(
        Prefetch(
            "actions",
            queryset=Action.objects.select_related("area").order_by(*ACTION_ORDER),
            to_attr="linked_actions",
        )
    )


def in_first_action_order(risks: QuerySet[Risk]) -> QuerySet[Risk]:
    """Risks in the plan's order of their first linked action."""
    first = Action.objects.filter(risks=OuterRef("pk")).order_by(*ACTION_ORDER)
    return risks.annotate(
        first_area=first.values("area__number")[:1],
        first_position=first.values("position")[:1],
        first_reference=first.values("reference")[:1],
    ).order_by("first_area", "first_position", "first_reference", "pk")


def risks_open_on_plan(*, plan: Plan) -> list[Risk]:
    """The plan's open risks in the plan's order of their first action, each with
    ``linked_actions`` in the plan's order (one query: the links, with risk and action)."""
    Links = Risk.actions.through
    pairs = (
        Links.objects.filter(risk__plan=plan, risk__status=RiskStatus.OPEN)
        .select_related("risk", "action")
        .order_by(*(f"action__{field}" for field in ACTION_ORDER), "risk_id")
    )
    risks: dict[int, Risk] = {}
    for pair in pairs:
        risk = risks.setdefault(pair.risk_id, pair.risk)
        if not hasattr(risk, "linked_actions"):
            risk.linked_actions = []
        risk.linked_actions.append(pair.action)
    return list(risks.values())


def risks_for_register(*, plan: Plan, show_all: bool) -> QuerySet[Risk]:
    """The register page's risks: the open ones, or every one with ``show_all`` (two
    queries)."""
    risks = Risk.objects.filter(plan=plan).select_related("recorded_by")
    if not show_all:
        risks = risks.filter(status=RiskStatus.OPEN)
    ordered = in_first_action_order(risks)
    return with_linked_actions(
        ordered.order_by("status", "first_area", "first_position", "first_reference", "pk")
    )


def risks_open_for_linking(
    *, plan: Plan, exclude_raised_by: Sequence[ProgressUpdate] = ()
) -> list[Risk]:
    """The open risks an update may link to, each with ``linked_actions``: the plan's, less
    those raised by ``exclude_raised_by`` (the draft's own, and the returned update's it takes
    over: those are its "raise a new risk" answer). Two queries."""
    risks = Risk.objects.filter(plan=plan, status=RiskStatus.OPEN)
    raised_by = [u.pk for u in exclude_raised_by if u.pk is not None]
    if raised_by:
        risks = risks.exclude(raised_in__in=raised_by)
    return list(with_linked_actions(in_first_action_order(risks)))


def limited_actions_without_risk(*, plan: Plan, round: ReviewRound | None) -> list[Action]:
    """Actions at Limited progress / risk (wholly or in part) at ``round`` that no open risk
    explains, each with ``no_risk_reason``: why its owner raised none ("" if not given). A
    reader of the plan page still finds the "why" (one query)."""
    if round is None:
        return []
    limited = ProgressUpdate.objects.filter(
        action=OuterRef("pk"),
        round=round,
        state=UpdateState.APPROVED,
        share_limited_progress_risk__gt=0,
    )
    explained = Risk.objects.filter(actions=OuterRef("pk"), status=RiskStatus.OPEN)
    return list(
        Action.objects.filter(plan=plan)
        .filter(Exists(limited))
        .exclude(Exists(explained))
        .annotate(no_risk_reason=limited.values("no_risk_reason")[:1])
        .select_related("owner")
        .order_by("area__number", "position", "reference")
    )


def risk_links_of(update: ProgressUpdate) -> RiskLink | None:
    return RiskLink.objects.filter(update=update).select_related("risk").first()
