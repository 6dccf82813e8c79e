"""Writes: indicators, their targets and comparators, and the life of a value.

A value's life mirrors a progress update's (``plans.services``): the owner (or a delegate)
saves a draft and submits it; the plan lead approves it or returns it with a reason; a
correction of an approved value is a new value that supersedes it once approved. Every write is
checked whole before anything is saved and runs in one transaction.
"""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from headway.accounts.models import User
from headway.core.concurrency import StaleVersionError, save_versioned
from headway.plans.choices import UPDATE_TRANSITIONS, UpdateState
from headway.plans.models import Action, OutcomeArea, Plan, ReviewRound
from headway.plans.permissions import is_administrator
from headway.plans.selectors import round_current_open
from headway.plans.services import decision_record

from . import units
from .choices import ComparatorKind, Polarity, Unit
from .models import Comparator, Indicator, IndicatorValue, RoundCollection, Target
from .periods import baseline_start, is_period_start, period_end, period_label
from .permissions import can_approve_values, can_enter_values
from .units import HUNDRED

__all__ = [
    "StaleVersionError",
    "comparator_set",
    "indicator_create",
    "indicator_update",
    "indicator_value_approve",
    "indicator_value_correct",
    "indicator_value_return",
    "indicator_value_save_draft",
    "indicator_value_submit",
    "indicators_carry_forward",
    "round_collection_set",
    "target_set",
]


# --- Checks shared by the form, the import and the API (each raises ValidationError).


def check_period(indicator: Indicator, period: dt.date) -> None:
    """A period is one of the indicator's (a month, quarter or year by its frequency) and lies
    within the plan, or in its baseline year (``periods.baseline_start``)."""
    if not isinstance(period, dt.date) or not is_period_start(indicator.frequency, period):
        kind = indicator.get_frequency_display().lower()
        raise ValidationError(
            f"{period} is not the start of a period of this {kind} indicator.", code="period"
        )
    plan = indicator.plan
    first = baseline_start(plan.period_start)
    if period < first or period_end(indicator.frequency, period) > plan.period_end:
        raise ValidationError(
            f"{period_label(indicator.frequency, period)} is outside the plan: its indicators "
            f"record periods from {first:%B %Y} (a year before the plan starts, for comparison) "
            f"to {plan.period_end:%B %Y}.",
            code="period",
        )


def check_value(indicator: Indicator, value: Decimal) -> None:
    """A value in the indicator's unit and to no more places than it records."""
    units.check_value(indicator.unit, indicator.decimal_places, value)


def check_tolerance(
    *, unit: str, polarity: str, places: int, target: Decimal, tolerance: Decimal
) -> None:
    """A tolerance is a width on the wrong side of the target, so it is never negative, and
    the band it makes must stay within what the unit allows: a higher-is-better band cannot
    reach below zero, nor a lower-is-better percentage band above 100%."""
    units.check_value(unit, places, target)
    if tolerance < 0:
        raise ValidationError(
            "A tolerance is how far a value may fall short of the target and still be close: "
            f"it cannot be negative ({tolerance}).",
            code="tolerance",
        )
    units.check_value(Unit.NUMBER if unit != Unit.POUNDS else unit, places, tolerance)
    higher = polarity == Polarity.HIGHER_IS_BETTER
    if higher and unit != Unit.POUNDS and target - tolerance < 0:
        raise ValidationError(
            f"For a higher-is-better indicator the tolerance runs below the target: "
            f"{tolerance} below {target} would reach below zero.",
            code="tolerance",
        )
    if not higher and unit == Unit.PERCENTAGE and target + tolerance > HUNDRED:
        raise ValidationError(
            f"For a lower-is-better indicator the tolerance runs above the target: "
            f"{tolerance} above {target}% would reach beyond 100%.",
            code="tolerance",
        )


def _check_round_for(indicator: Indicator, round: ReviewRound, period: dt.date) -> None:
    """Values entered in a round go into the plan's current open round, for a period it
    collects."""
    if round.plan_id != indicator.plan_id:
        raise ValidationError("This round belongs to another plan than the indicator.")
    if round.is_closed:
        raise ValidationError(f"{round} is closed: its values are locked.")
    current = round_current_open(plan=indicator.plan)
    if current is None or current.pk != round.pk:
        raise ValidationError(
            f"Values are entered in the plan's current open round only, not in {round}."
        )
    collection = RoundCollection.objects.filter(round=round).first()
    if collection is None or not (
        collection.period_start <= period
        and period_end(indicator.frequency, period) <= collection.period_end
    ):
        raise ValidationError(
            f"{round} does not collect {period_label(indicator.frequency, period)}.", code="period"
        )


def _check_transition(value: IndicatorValue, target: UpdateState) -> None:
    if target not in UPDATE_TRANSITIONS[UpdateState(value.state)]:
        raise ValidationError(
            f"A value that is {value.get_state_display().lower()} cannot become "
            f"{UpdateState(target).label.lower()}."
        )


# --- Indicators, targets and comparators.

INDICATOR_FIELDS = (
    "reference",
    "title",
    "definition",
    "unit",
    "decimal_places",
    "polarity",
    "frequency",
    "owner",
    "data_source",
    "position",
    "illustrative",
)


def indicator_create(
    *,
    plan: Plan,
    by: User,
    reference: str,
    title: str,
    unit: str,
    polarity: str,
    frequency: str,
    decimal_places: int = 1,
    definition: str = "",
    owner: User | None = None,
    data_source: str = "",
    position: int = 0,
    illustrative: bool = False,
    areas: Iterable[OutcomeArea] = (),
    actions: Iterable[Action] = (),
) -> Indicator:
    """Add an indicator to a plan, linked to the outcome areas and actions meant to move it."""
    areas, actions = list(areas), list(actions)
    if any(area.plan_id != plan.pk for area in areas) or any(a.plan_id != plan.pk for a in actions):
        raise ValidationError("An indicator links only to its own plan's areas and actions.")
    indicator = Indicator(
        plan=plan,
        reference=reference.strip(),
        title=title.strip(),
        unit=unit,
        polarity=polarity,
        frequency=frequency,
        decimal_places=decimal_places,
        definition=definition,
        owner=owner,
        data_source=data_source,
        position=position,
        illustrative=illustrative,
    )
    indicator._history_user = by
    indicator.full_clean()
    with transaction.atomic():
        indicator.save()
        indicator.areas.set(areas)
        indicator.actions.set(actions)
    return indicator


def indicator_update(
    *,
    indicator: Indicator,
    by: User,
    expected_version: int,
    changes: dict[str, Any],
    areas: Iterable[OutcomeArea] | None = None,
    actions: Iterable[Action] | None = None,
) -> Indicator:
    """Change an indicator's details over the version they were read at (StaleVersionError),
    and, when given, the outcome areas and actions it is linked to.

    Its frequency cannot change once it has values, targets or comparators: their periods are
    its periods (a month is not a quarter), so they would no longer mean what they say."""
    unknown = set(changes) - set(INDICATOR_FIELDS)
    if unknown:
        raise ValidationError(f"These cannot be changed here: {', '.join(sorted(unknown))}.")
    areas = None if areas is None else list(areas)
    actions = None if actions is None else list(actions)
    plan_id = indicator.plan_id
    if any(a.plan_id != plan_id for a in (areas or [])) or any(
        a.plan_id != plan_id for a in (actions or [])
    ):
        raise ValidationError("An indicator links only to its own plan's areas and actions.")
    if changes.get("frequency", indicator.frequency) != indicator.frequency and (
        indicator.values.exists() or indicator.targets.exists() or indicator.comparators.exists()
    ):
        raise ValidationError(
            f"{indicator.reference} already has figures for its "
            f"{indicator.get_frequency_display().lower()} periods, so its frequency cannot change.",
            code="frequency",
        )
    indicator._history_user = by
    with transaction.atomic():
        saved = save_versioned(indicator, expected_version=expected_version, changes=changes)
        if areas is not None:
            saved.areas.set(areas)
        if actions is not None:
            saved.actions.set(actions)
    return saved


def target_set(
    *,
    indicator: Indicator,
    period: dt.date,
    value: Decimal,
    tolerance: Decimal = Decimal(0),
    by: User,
    expected_version: int | None = None,
) -> Target:
    """Set a period's target and tolerance. Changing an existing target needs the version it
    was read at; a target set by someone else meanwhile is not overwritten unseen."""
    check_period(indicator, period)
    check_tolerance(
        unit=indicator.unit,
        polarity=indicator.polarity,
        places=indicator.decimal_places,
        target=value,
        tolerance=tolerance,
    )
    with transaction.atomic():
        existing = (
            Target.objects.select_for_update().filter(indicator=indicator, period=period).first()
        )
        if existing is not None:
            if expected_version is None:
                raise StaleVersionError(existing, 0)
            existing._history_user = by
            return save_versioned(
                existing,
                expected_version=expected_version,
                changes={"value": value, "tolerance": tolerance},
            )
        target = Target(indicator=indicator, period=period, value=value, tolerance=tolerance)
        target._history_user = by
        target.full_clean()
        target.save()
    return target


def comparator_set(
    *,
    indicator: Indicator,
    period: dt.date,
    kind: str,
    value: Decimal,
    by: User,
    name: str = "",
) -> Comparator:
    """Record (or replace) a comparator's figure for a period."""
    check_period(indicator, period)
    check_value(indicator, value)
    kind = ComparatorKind(kind)
    name = name.strip() or (kind.label if kind != ComparatorKind.NAMED else "")
    if not name:
        raise ValidationError("Name the comparator, e.g. 'North West average'.")
    with transaction.atomic():
        comparator = (
            Comparator.objects.select_for_update()
            .filter(indicator=indicator, period=period, name=name)
            .first()
        ) or Comparator(indicator=indicator, period=period, name=name)
        comparator.kind = kind
        comparator.value = value
        comparator._history_user = by
        comparator.full_clean()
        comparator.save()
    return comparator


def round_collection_set(
    *, round: ReviewRound, period_start: dt.date, period_end: dt.date, by: User
) -> RoundCollection:
    """Say which periods a review round collects indicator values for."""
    collection = RoundCollection.objects.filter(round=round).first() or RoundCollection(round=round)
    collection.period_start, collection.period_end = period_start, period_end
    collection._history_user = by
    collection.full_clean()
    collection.save()
    return collection


# --- The life of a value.


def indicator_value_save_draft(
    *,
    indicator: Indicator,
    period: dt.date,
    by: User,
    value: Decimal,
    note: str = "",
    round: ReviewRound | None = None,
    draft: IndicatorValue | None = None,
    expected_version: int | None = None,
    correcting: bool = False,
) -> IndicatorValue:
    """Start the owner's draft value for a period, or change their draft.

    A period that already has a value in progress, or an approved one, is refused: a second
    value for a period is a duplicate unless it is a correction (``indicator_value_correct``).
    Changing a draft needs the version it was read at (StaleVersionError).
    """
    if not can_enter_values(by, indicator):
        raise PermissionDenied("Only the indicator's owner or a delegate enters its values.")
    check_period(indicator, period)
    check_value(indicator, value)
    if round is not None:
        _check_round_for(indicator, round, period)
    if draft is not None:
        if not draft.is_draft:
            raise ValidationError("Only a draft can be changed; record a correction instead.")
        if draft.indicator_id != indicator.pk or draft.period != period:
            raise ValidationError("This draft is for another indicator or period.")
        if expected_version is None:
            raise StaleVersionError(draft, 0)
        draft._history_user = by
        return save_versioned(
            draft,
            expected_version=expected_version,
            changes={"value": value, "note": note, "author": by},
        )
    label = period_label(indicator.frequency, period)
    with transaction.atomic():
        current = list(
            IndicatorValue.objects.select_for_update().filter(
                indicator=indicator,
                period=period,
                state__in=[UpdateState.DRAFT, UpdateState.SUBMITTED, UpdateState.APPROVED],
            )
        )
        approved = next((v for v in current if v.state == UpdateState.APPROVED), None)
        if any(v.state != UpdateState.APPROVED for v in current):
            raise ValidationError(
                f"{indicator.reference} already has a value in progress for {label}.",
                code="duplicate",
            )
        if approved is not None and not correcting:
            raise ValidationError(
                f"{indicator.reference} already has an approved value for {label} "
                f"({indicator.show(approved.value)}); record a correction instead.",
                code="duplicate",
            )
        if approved is None and correcting:
            raise ValidationError(
                f"{indicator.reference} has no approved value for {label} to correct."
            )
        entry = IndicatorValue(
            indicator=indicator,
            period=period,
            round=round,
            value=value,
            note=note,
            author=by,
            supersedes=approved,
        )
        entry._history_user = by
        entry.full_clean()
        try:
            with transaction.atomic():
                entry.save()
        except IntegrityError as exc:
            raise ValidationError(
                f"{indicator.reference} already has a value in progress for {label}.",
                code="duplicate",
            ) from exc
    return entry


def indicator_value_correct(
    *,
    indicator: Indicator,
    period: dt.date,
    by: User,
    value: Decimal,
    note: str,
    round: ReviewRound | None = None,
) -> IndicatorValue:
    """Start a correction of a period's approved value: it supersedes it once approved."""
    if not note.strip():
        raise ValidationError({"note": "Say why the approved value is being corrected."})
    return indicator_value_save_draft(
        indicator=indicator,
        period=period,
        by=by,
        value=value,
        note=note,
        round=round,
        correcting=True,
    )


def indicator_value_submit(
    *, value: IndicatorValue, by: User, expected_version: int | None = None
) -> IndicatorValue:
    """Send a draft value to the plan lead. Its figure and note are frozen from here on.

    ``expected_version`` is the version the "check your answers" page showed: a draft saved by
    someone else since is refused (StaleVersionError), so nobody sends a figure they have not
    seen."""
    if not can_enter_values(by, value.indicator):
        raise PermissionDenied("Only the indicator's owner or a delegate submits its values.")
    _check_transition(value, UpdateState.SUBMITTED)
    with transaction.atomic():
        locked = IndicatorValue.objects.select_for_update().get(pk=value.pk)
        if locked.state != UpdateState.DRAFT:
            raise ValidationError("This value has already been submitted.")
        if expected_version is not None and locked.version != expected_version:
            raise StaleVersionError(locked, expected_version)
        if locked.round_id and locked.round.is_closed:
            raise ValidationError(f"{locked.round} is closed: its values are locked.")
        locked._history_user = by
        locked.state = UpdateState.SUBMITTED
        locked.submitted_at = timezone.now()
        locked.version += 1
        locked.save(update_fields=["state", "submitted_at", "version", "updated_at"])
    return locked


def indicator_value_approve(*, value: IndicatorValue, by: User) -> IndicatorValue:
    """Accept a submitted value: it now counts, and the value it corrects is superseded.
    Nobody approves their own value, except an administrator."""
    if not can_approve_values(by, value.indicator):
        raise PermissionDenied("Only the plan lead approves values.")
    _check_transition(value, UpdateState.APPROVED)
    if value.author_id == by.pk and not is_administrator(by):
        raise PermissionDenied("Nobody approves their own value.")
    with transaction.atomic():
        locked = IndicatorValue.objects.select_for_update().get(pk=value.pk)
        if locked.state != UpdateState.SUBMITTED:
            raise ValidationError("This value is no longer waiting for approval.")
        for old in IndicatorValue.objects.select_for_update().filter(
            indicator_id=locked.indicator_id, period=locked.period, state=UpdateState.APPROVED
        ):
            _check_transition(old, UpdateState.SUPERSEDED)
            old.state = UpdateState.SUPERSEDED
            old.version += 1
            old._history_user = by
            old.save(update_fields=["state", "version", "updated_at"])
        decision_record(locked, UpdateState.APPROVED, by, comment="")
    return locked


def indicator_value_return(*, value: IndicatorValue, by: User, comment: str) -> IndicatorValue:
    """Send a submitted value back to its owner with the reason."""
    if not can_approve_values(by, value.indicator):
        raise PermissionDenied("Only the plan lead returns values.")
    _check_transition(value, UpdateState.RETURNED)
    if not comment.strip():
        raise ValidationError({"comment": "Say what the owner needs to change."})
    with transaction.atomic():
        locked = IndicatorValue.objects.select_for_update().get(pk=value.pk)
        if locked.state != UpdateState.SUBMITTED:
            raise ValidationError("This value is no longer waiting for approval.")
        decision_record(locked, UpdateState.RETURNED, by, comment=comment.strip())
    return locked


def indicator_values_record_approved(
    *, indicator: Indicator, figures: dict[dt.date, Decimal], by: User
) -> int:
    """Record figures from the plan lead's (or an administrator's) import as approved values,
    each with its history row: the person importing is the one who approves. A period that
    already has an approved value of the same figure is left alone; any other value of the
    period (a different approved one, one in progress) refuses the whole import, since a second
    value for a period is a duplicate unless it is a correction made in Headway."""
    if not can_approve_values(by, indicator):
        raise PermissionDenied("Only the plan lead or an administrator imports values.")
    now = timezone.now()
    written = 0
    with transaction.atomic():
        existing = {
            (v.period, v.state): v
            for v in IndicatorValue.objects.select_for_update().filter(
                indicator=indicator,
                period__in=list(figures),
                state__in=[UpdateState.DRAFT, UpdateState.SUBMITTED, UpdateState.APPROVED],
            )
        }
        for period, value in sorted(figures.items()):
            check_period(indicator, period)
            check_value(indicator, value)
            label = period_label(indicator.frequency, period)
            approved = existing.get((period, UpdateState.APPROVED))
            if approved is not None and approved.value == value:
                continue
            if approved is not None or any((period, s) in existing for s in OPEN_STATES):
                raise ValidationError(
                    f"{indicator.reference} already has a value for {label}.", code="duplicate"
                )
            entry = IndicatorValue(
                indicator=indicator,
                period=period,
                value=value,
                note="Imported from a spreadsheet.",
                state=UpdateState.APPROVED,
                author=by,
                submitted_at=now,
                decided_at=now,
                decided_by=by,
            )
            entry._history_user = by
            entry.full_clean()
            entry.save()
            written += 1
    return written


OPEN_STATES = (UpdateState.DRAFT, UpdateState.SUBMITTED)


def indicators_carry_forward(
    *, plan: Plan, new_plan: Plan, carried: Iterable[Action], by: User | None
) -> list[Indicator]:
    """Carry every indicator of ``plan`` into ``new_plan`` (the plan it rolls forward into),
    each linked back to the one it continues (``carried_from``), with its owner, delegates,
    outcome areas (by number), the carried actions it was linked to, and the figures of the new
    plan's baseline year (approved values, targets, comparators), so its first periods still
    have last year's to compare with. Earlier figures stay with the old plan's indicator."""
    carried_by_old = {action.carried_from_id: action for action in carried}
    new_areas = {area.number: area for area in new_plan.areas.all()}
    first, before = baseline_start(new_plan.period_start), new_plan.period_start
    copies = []
    for old in plan.indicators.prefetch_related("delegates", "areas", "actions").order_by(
        "position", "reference"
    ):
        copy = Indicator(
            plan=new_plan,
            carried_from=old,
            **{name: getattr(old, name) for name in INDICATOR_FIELDS},
        )
        copy._history_user = by
        copy.save()
        copy.delegates.set(old.delegates.all())
        copy.areas.set([new_areas[a.number] for a in old.areas.all() if a.number in new_areas])
        copy.actions.set(
            [carried_by_old[a.pk] for a in old.actions.all() if a.pk in carried_by_old]
        )
        copies.append(copy)
    by_old = {copy.carried_from_id: copy for copy in copies}
    in_baseline = {"indicator__plan": plan, "period__gte": first, "period__lt": before}
    values = [
        IndicatorValue(
            indicator=by_old[v.indicator_id],
            period=v.period,
            value=v.value,
            note=v.note,
            state=UpdateState.APPROVED,
            author_id=v.author_id,
            submitted_at=v.submitted_at,
            decided_at=v.decided_at,
            decided_by_id=v.decided_by_id,
        )
        for v in IndicatorValue.objects.filter(state=UpdateState.APPROVED, **in_baseline)
    ]
    targets = [
        Target(
            indicator=by_old[t.indicator_id], period=t.period, value=t.value, tolerance=t.tolerance
        )
        for t in Target.objects.filter(**in_baseline)
    ]
    comparators = [
        Comparator(
            indicator=by_old[c.indicator_id],
            period=c.period,
            kind=c.kind,
            name=c.name,
            value=c.value,
        )
        for c in Comparator.objects.filter(**in_baseline)
    ]
    bulk_create_with_history(values, IndicatorValue, default_user=by)
    bulk_create_with_history(targets, Target, default_user=by)
    bulk_create_with_history(comparators, Comparator, default_user=by)
    return copies
