"""Reads: the scorecard, an indicator's full series, values waiting for approval and the values
an owner has to enter. Each runs a fixed number of queries whatever the number of indicators
and periods (``tests/test_query_counts.py`` pins them)."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from headway.plans.choices import PlanRole, UpdateState
from headway.plans.models import Plan
from headway.plans.permissions import is_administrator, plan_memberships

from .choices import Frequency
from .models import Comparator, Indicator, IndicatorValue, RoundCollection, Target
from .periods import (
    MONTHS_IN,
    add_months,
    baseline_start,
    period_containing,
    period_end,
    period_label,
    period_short_label,
    periods_between,
    previous_period,
    same_period_last_year,
)
from .permissions import indicators_user_enters
from .ratings import Rated, Travel, rate, travel
from .units import format_amount

# How many periods a scorecard's trend line shows.
TREND_PERIODS = 12


@dataclass(frozen=True)
class Point:
    """One period of a trend: its approved value (if any) and target (a scorecard reads the
    latest period's target only; the indicator page's series has every one)."""

    period: dt.date
    label: str
    value: Decimal | None
    target: Decimal | None


@dataclass(frozen=True)
class ComparatorFigure:
    name: str
    value: Decimal
    text: str


@dataclass(frozen=True)
class ScorecardRow:
    """One indicator's line of the scorecard: plain strings and Decimals, for any renderer."""

    indicator_id: int
    reference: str
    title: str
    unit: str
    decimal_places: int
    polarity: str
    polarity_label: str
    illustrative: bool
    period: dt.date | None
    period_label: str
    value: Decimal | None
    value_text: str
    target: Decimal | None
    target_text: str
    tolerance_text: str
    rating: str  # a ratings.Rating code; "" when there is no approved value yet
    rating_label: str
    rule: str
    previous: str  # a ratings.Direction code; "" when there is nothing to compare with
    previous_label: str
    previous_text: str
    last_year: str
    last_year_label: str
    last_year_text: str
    comparators: tuple[ComparatorFigure, ...]
    trend: tuple[Point, ...]


# Periods read before the trend's first: a value a few periods late still has its year-ago
# figure and a full trend line.
LATE_PERIODS = 3


def _window(frequency: str, as_at: dt.date) -> Q:
    """The periods of ``frequency`` a scorecard reads: the trend line's twelve, the same period
    last year, and a few more for late figures, up to the period ``as_at`` falls in."""
    months = MONTHS_IN[Frequency(frequency)]
    last = period_containing(frequency, as_at)
    back = max(TREND_PERIODS, 12 // months + 1) + LATE_PERIODS
    return Q(
        indicator__frequency=frequency,
        period__gte=add_months(last, -months * (back - 1)),
        period__lte=last,
    )


def scorecard(plan: Plan, as_at: dt.date) -> list[ScorecardRow]:
    """Each indicator's latest approved value (of a period starting by ``as_at``), its target,
    rating, direction of travel, comparators and trend. Four queries, whatever the plan holds
    (one when it has no indicators); each reads only the periods the scorecard shows.
    """
    indicators = list(Indicator.objects.filter(plan=plan).order_by("position", "reference"))
    if not indicators:
        return []
    window = Q()
    for frequency in {indicator.frequency for indicator in indicators}:
        window |= _window(frequency, as_at)
    values = _by_indicator(
        IndicatorValue.objects.filter(window, indicator__plan=plan, state=UpdateState.APPROVED)
        .values_list("indicator_id", "period", "value")
        .order_by()
    )
    # Targets and comparators are shown for each indicator's latest period only.
    latest = {max(periods) for periods in values.values() if periods}
    targets = _by_indicator(
        Target.objects.filter(indicator__plan=plan, period__in=latest)
        .values_list("indicator_id", "period", "value", "tolerance")
        .order_by()
    )
    comparators: dict[tuple[int, dt.date], list[tuple[str, Decimal]]] = defaultdict(list)
    for indicator_id, period, name, value in (
        Comparator.objects.filter(indicator__plan=plan, period__in=latest)
        .order_by("kind", "name")
        .values_list("indicator_id", "period", "name", "value")
    ):
        comparators[indicator_id, period].append((name, value))
    return [
        _row(indicator, values.get(indicator.pk, {}), targets.get(indicator.pk, {}), comparators)
        for indicator in indicators
    ]


def _by_indicator(rows: Any) -> dict[int, dict[dt.date, Any]]:
    grouped: dict[int, dict[dt.date, Any]] = defaultdict(dict)
    for indicator_id, period, *figures in rows:
        grouped[indicator_id][period] = figures[0] if len(figures) == 1 else tuple(figures)
    return grouped


def _row(
    indicator: Indicator,
    values: dict[dt.date, Decimal],
    targets: dict[dt.date, tuple[Decimal, Decimal]],
    comparators: dict[tuple[int, dt.date], list[tuple[str, Decimal]]],
) -> ScorecardRow:
    frequency, unit, places = indicator.frequency, indicator.unit, indicator.decimal_places
    period = max(values) if values else None
    blank = {"rating": "", "rating_label": "No value yet", "rule": "No approved value yet."}
    rated, before, year = None, None, None
    trend: tuple[Point, ...] = ()
    if period is not None:
        value = values[period]
        target, tolerance = targets.get(period, (None, None))
        rated = rate(
            value=value,
            target=target,
            tolerance=tolerance,
            polarity=indicator.polarity,
            unit=unit,
            places=places,
        )
        before = _travel(indicator, values, value, previous_period(frequency, period))
        year = _travel(indicator, values, value, same_period_last_year(period))
        periods = [period]
        while len(periods) < TREND_PERIODS:
            periods.insert(0, previous_period(frequency, periods[0]))
        trend = tuple(
            Point(p, period_short_label(frequency, p), values.get(p), targets.get(p, (None,))[0])
            for p in periods
        )
    target, tolerance = targets.get(period, (None, None)) if period else (None, None)
    return ScorecardRow(
        indicator_id=indicator.pk,
        reference=indicator.reference,
        title=indicator.title,
        unit=unit,
        decimal_places=places,
        polarity=indicator.polarity,
        polarity_label=indicator.get_polarity_display(),
        illustrative=indicator.illustrative,
        period=period,
        period_label=period_label(frequency, period) if period else "",
        value=values.get(period) if period else None,
        value_text=indicator.show(values[period]) if period else "No value yet",
        target=target,
        target_text=indicator.show(target) if target is not None else "No target",
        tolerance_text=format_amount(unit, places, tolerance) if tolerance else "",
        rating=rated.rating.code if rated else blank["rating"],
        rating_label=rated.rating.label if rated else blank["rating_label"],
        rule=rated.rule if rated else blank["rule"],
        **_travel_fields("previous", before),
        **_travel_fields("last_year", year),
        comparators=tuple(
            ComparatorFigure(name, figure, indicator.show(figure))
            for name, figure in comparators.get((indicator.pk, period), [])
        ),
        trend=trend,
    )


def _travel(
    indicator: Indicator, values: dict[dt.date, Decimal], value: Decimal, earlier: dt.date
) -> Travel:
    return travel(
        value=value,
        earlier=values.get(earlier),
        earlier_label=period_label(indicator.frequency, earlier),
        polarity=indicator.polarity,
        unit=indicator.unit,
        places=indicator.decimal_places,
    )


def _travel_fields(prefix: str, moved: Travel | None) -> dict[str, str]:
    if moved is None:
        return {prefix: "", f"{prefix}_label": "", f"{prefix}_text": ""}
    return {
        prefix: moved.direction.code if moved.direction else "",
        f"{prefix}_label": moved.direction.label if moved.direction else "Not known",
        f"{prefix}_text": moved.text,
    }


@dataclass(frozen=True)
class SeriesRow:
    """One period of an indicator's full series, with its rating and comparators."""

    period: dt.date
    label: str
    short_label: str
    value: Decimal | None
    target: Decimal | None
    tolerance: Decimal | None
    rated: Rated | None
    previous: Travel | None
    comparators: dict[str, Decimal]


@dataclass(frozen=True)
class Series:
    indicator: Indicator
    rows: list[SeriesRow]
    comparator_names: list[str]


def indicator_series(indicator: Indicator) -> Series:
    """Every period of the indicator from its baseline year to the plan's end (or its last
    figure, if later periods are all empty): three queries, whatever the number of periods."""
    frequency, plan = indicator.frequency, indicator.plan
    values = dict(
        indicator.values.filter(state=UpdateState.APPROVED).values_list("period", "value")
    )
    targets = {
        p: (v, t) for p, v, t in indicator.targets.values_list("period", "value", "tolerance")
    }
    comparators: dict[dt.date, dict[str, Decimal]] = defaultdict(dict)
    names: list[str] = []
    for period, name, value in indicator.comparators.order_by("kind", "name").values_list(
        "period", "name", "value"
    ):
        comparators[period][name] = value
        if name not in names:
            names.append(name)
    known = set(values) | set(targets) | set(comparators)
    if not known:
        return Series(indicator, [], names)
    first = min(min(known), baseline_start(plan.period_start))
    last = max(known)
    rows = []
    for period in periods_between(frequency, first, period_end(frequency, last)):
        value = values.get(period)
        target, tolerance = targets.get(period, (None, None))
        rated = previous = None
        if value is not None:
            rated = rate(
                value=value,
                target=target,
                tolerance=tolerance,
                polarity=indicator.polarity,
                unit=indicator.unit,
                places=indicator.decimal_places,
            )
            previous = _travel(indicator, values, value, previous_period(frequency, period))
        rows.append(
            SeriesRow(
                period=period,
                label=period_label(frequency, period),
                short_label=period_short_label(frequency, period),
                value=value,
                target=target,
                tolerance=tolerance,
                rated=rated,
                previous=previous,
                comparators=comparators.get(period, {}),
            )
        )
    return Series(indicator, rows, names)


@dataclass(frozen=True)
class HistoryEntry:
    when: dt.datetime
    period: str
    what: str
    who: str


def indicator_history(indicator: Indicator, *, user: Any) -> list[HistoryEntry]:
    """Every value of the indicator in every state (a draft only to its writers) and every
    change to its details, newest first: two queries."""
    entries = []
    values = indicator.values.select_related("author", "decided_by").order_by("-updated_at")
    for entry in values:
        if entry.state == UpdateState.DRAFT and not (
            entry.author_id == getattr(user, "pk", None) or indicator.owner_id == user.pk
        ):
            continue
        shown = indicator.show(entry.value)
        label = period_label(indicator.frequency, entry.period)
        correction = " (a correction)" if entry.supersedes_id else ""
        state = UpdateState(entry.state)
        if state in (UpdateState.APPROVED, UpdateState.SUPERSEDED):
            entries.append(
                HistoryEntry(
                    entry.decided_at or entry.updated_at,
                    label,
                    f"{shown}{correction} approved",
                    _who(entry.decided_by),
                )
            )
        if entry.decided_at and state == UpdateState.RETURNED:
            entries.append(
                HistoryEntry(
                    entry.decided_at,
                    label,
                    f"{shown} returned: {entry.decision_comment}",
                    _who(entry.decided_by),
                )
            )
        if state == UpdateState.SUPERSEDED:
            entries.append(HistoryEntry(entry.updated_at, label, f"{shown} superseded", ""))
        if entry.submitted_at:
            entries.append(
                HistoryEntry(
                    entry.submitted_at, label, f"{shown}{correction} submitted", _who(entry.author)
                )
            )
        if state == UpdateState.DRAFT:
            entries.append(
                HistoryEntry(
                    entry.updated_at, label, f"{shown} saved as a draft", _who(entry.author)
                )
            )
    for record in indicator.history.select_related("history_user").order_by("-history_date"):
        what = {"+": "Indicator added", "~": "Details changed", "-": "Indicator removed"}[
            record.history_type
        ]
        entries.append(HistoryEntry(record.history_date, "", what, _who(record.history_user)))
    return sorted(entries, key=lambda e: e.when, reverse=True)


def _who(user: Any) -> str:
    if user is None:
        return ""
    return user.job_title or user.get_username()


def values_awaiting_approval(plan: Plan) -> QuerySet[IndicatorValue]:
    """The plan's submitted values, oldest first, with what the queue shows (one query)."""
    return (
        IndicatorValue.objects.filter(indicator__plan=plan, state=UpdateState.SUBMITTED)
        .select_related("indicator", "author", "supersedes")
        .order_by("submitted_at", "pk")
    )


@dataclass(frozen=True)
class DueValue:
    """A period an owner is asked for in an open round, and where its value stands."""

    indicator: Indicator
    period: dt.date
    label: str
    entry: IndicatorValue | None  # the period's newest value, in any state


def values_due_for_user(*, user: Any, plan: Plan | None = None) -> list[DueValue]:
    """The periods the plans' open rounds collect for the indicators the user enters, with the
    newest value of each: at most three queries, none for someone who only reads plans."""
    roles = {role for _plan, _slug, role in plan_memberships(user)}
    if not roles - {PlanRole.READER} and not is_administrator(user):
        return []
    indicators = indicators_user_enters(user).select_related("plan")
    if plan is not None:
        indicators = indicators.filter(plan=plan)
    indicators = list(indicators.order_by("plan__title", "plan_id", "position", "reference"))
    if not indicators:
        return []
    collections = {
        c.round.plan_id: c
        for c in RoundCollection.objects.filter(
            round__plan_id__in={i.plan_id for i in indicators}, round__closed_at__isnull=True
        ).select_related("round")
    }
    wanted = [
        (indicator, period)
        for indicator in indicators
        if (collection := collections.get(indicator.plan_id))
        for period in periods_between(
            indicator.frequency, collection.period_start, collection.period_end
        )
    ]
    if not wanted:
        return []
    newest: dict[tuple[int, dt.date], IndicatorValue] = {}
    entries = IndicatorValue.objects.filter(
        indicator__in={indicator.pk for indicator, _ in wanted},
        period__in={period for _, period in wanted},
    ).order_by("created_at", "pk")
    by_pk = {indicator.pk: indicator for indicator, _ in wanted}
    for entry in entries:
        entry.indicator = by_pk[entry.indicator_id]
        newest[entry.indicator_id, entry.period] = entry
    return [
        DueValue(
            indicator,
            period,
            period_label(indicator.frequency, period),
            newest.get((indicator.pk, period)),
        )
        for indicator, period in wanted
    ]


__all__ = [
    "Point",
    "ScorecardRow",
    "Series",
    "SeriesRow",
    "indicator_history",
    "indicator_series",
    "scorecard",
    "values_awaiting_approval",
    "values_due_for_user",
]
