"""Entering, submitting, approving, returning and correcting values; bad input refused whole."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from headway.core.concurrency import StaleVersionError
from headway.indicators.choices import Frequency, Polarity, Unit
from headway.indicators.models import Comparator, IndicatorValue, Target
from headway.indicators.services import (
    comparator_set,
    indicator_create,
    indicator_value_approve,
    indicator_value_correct,
    indicator_value_return,
    indicator_value_save_draft,
    indicator_value_submit,
    round_collection_set,
    target_set,
)
from headway.plans.choices import UpdateState
from headway.testing.factories import (
    ActionFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    ReviewRoundFactory,
    UserFactory,
)

SEPTEMBER = dt.date(2012, 9, 1)


@pytest.fixture
def indicator(plan, owner):
    return IndicatorFactory(plan=plan, owner=owner)


def _enter(indicator, owner, value="9.5", period=SEPTEMBER, **kwargs):
    return indicator_value_save_draft(
        indicator=indicator, period=period, by=owner, value=Decimal(value), **kwargs
    )


def test_owner_enters_submits_and_lead_approves(indicator, owner, lead):
    draft = _enter(indicator, owner, note="From the monthly return.")
    assert draft.state == UpdateState.DRAFT and draft.value == Decimal("9.5")
    submitted = indicator_value_submit(value=draft, by=owner)
    assert submitted.state == UpdateState.SUBMITTED and submitted.submitted_at
    approved = indicator_value_approve(value=submitted, by=lead)
    stored = IndicatorValue.objects.get(pk=draft.pk)
    assert approved.state == stored.state == UpdateState.APPROVED
    assert stored.decided_by == lead
    assert [h.state for h in stored.history.order_by("history_date")] == [
        "draft",
        "submitted",
        "approved",
    ]


def test_a_delegate_enters_values_and_others_may_not(indicator, owner, lead, reader):
    delegate = UserFactory(job_title="Team Manager")
    indicator.delegates.add(delegate)
    assert _enter(indicator, delegate).author == delegate
    with pytest.raises(PermissionDenied):
        _enter(indicator, reader, period=dt.date(2012, 10, 1))
    assert IndicatorValue.objects.count() == 1


def test_the_lead_returns_with_a_reason_and_the_owner_enters_again(indicator, owner, lead):
    submitted = indicator_value_submit(value=_enter(indicator, owner), by=owner)
    with pytest.raises(ValidationError, match="Say what the owner needs to change"):
        indicator_value_return(value=submitted, by=lead, comment="  ")
    returned = indicator_value_return(value=submitted, by=lead, comment="Check the denominator.")
    assert returned.state == UpdateState.RETURNED
    again = _enter(indicator, owner, value="9.7")
    assert again.pk != returned.pk and again.supersedes is None


def test_nobody_approves_their_own_value_and_owners_do_not_approve(indicator, owner, lead):
    submitted = indicator_value_submit(value=_enter(indicator, owner), by=owner)
    with pytest.raises(PermissionDenied):
        indicator_value_approve(value=submitted, by=owner)
    assert IndicatorValue.objects.get(pk=submitted.pk).state == UpdateState.SUBMITTED


def test_a_correction_supersedes_the_approved_value_only_when_approved(indicator, owner, lead):
    first = indicator_value_approve(
        value=indicator_value_submit(value=_enter(indicator, owner), by=owner), by=lead
    )
    with pytest.raises(ValidationError, match="record a correction instead"):
        _enter(indicator, owner, value="9.9")
    with pytest.raises(ValidationError, match="Say why"):
        indicator_value_correct(
            indicator=indicator, period=SEPTEMBER, by=owner, value=Decimal("9.9"), note=""
        )
    correction = indicator_value_correct(
        indicator=indicator,
        period=SEPTEMBER,
        by=owner,
        value=Decimal("9.9"),
        note="Late referrals added.",
    )
    assert correction.supersedes == first
    # Until the correction is approved, the first value still counts.
    assert IndicatorValue.objects.get(pk=first.pk).state == UpdateState.APPROVED
    indicator_value_approve(value=indicator_value_submit(value=correction, by=owner), by=lead)
    states = dict(IndicatorValue.objects.values_list("pk", "state"))
    assert states == {first.pk: UpdateState.SUPERSEDED, correction.pk: UpdateState.APPROVED}


def test_a_submitted_value_is_frozen(indicator, owner):
    submitted = indicator_value_submit(value=_enter(indicator, owner), by=owner)
    submitted.value = Decimal("1.0")
    with pytest.raises(ValidationError, match="record a correction instead"):
        submitted.save()
    with pytest.raises(ValidationError, match="never deleted"):
        submitted.delete()


def test_a_duplicate_value_for_a_period_is_refused(indicator, owner):
    _enter(indicator, owner)
    with pytest.raises(ValidationError, match="already has a value in progress for September 2012"):
        _enter(indicator, owner, value="8.0")
    assert IndicatorValue.objects.count() == 1


def test_a_draft_changed_by_someone_else_meanwhile_is_not_overwritten(indicator, owner):
    draft = _enter(indicator, owner)
    indicator_value_save_draft(
        indicator=indicator,
        period=SEPTEMBER,
        by=owner,
        value=Decimal("9.6"),
        draft=draft,
        expected_version=draft.version,
    )
    with pytest.raises(StaleVersionError):
        indicator_value_save_draft(
            indicator=indicator,
            period=SEPTEMBER,
            by=owner,
            value=Decimal("9.7"),
            draft=draft,
            expected_version=draft.version,
        )
    assert IndicatorValue.objects.get().value == Decimal("9.6")


@pytest.mark.parametrize(
    ("value", "period", "message"),
    [
        ("100.5", SEPTEMBER, "A percentage must be between 0 and 100"),
        ("9.55", SEPTEMBER, r"more decimal places than this indicator records \(1\)"),
        ("9.5", dt.date(2013, 9, 1), "September 2013 is outside the plan"),
        ("9.5", dt.date(2011, 8, 1), "August 2011 is outside the plan"),
        ("9.5", dt.date(2012, 9, 15), "is not the start of a period of this monthly indicator"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(indicator, owner, value, period, message):
    with pytest.raises(ValidationError, match=message):
        _enter(indicator, owner, value=value, period=period)
    assert not IndicatorValue.objects.exists()


def test_the_baseline_year_before_the_plan_may_hold_values(indicator, owner):
    assert _enter(indicator, owner, period=dt.date(2012, 4, 1)).period == dt.date(2012, 4, 1)


@pytest.mark.parametrize(
    ("polarity", "target", "tolerance", "message"),
    [
        (Polarity.HIGHER_IS_BETTER, "5.0", "-1.0", "cannot be negative"),
        (Polarity.HIGHER_IS_BETTER, "5.0", "6.0", "would reach below zero"),
        (Polarity.LOWER_IS_BETTER, "98.0", "3.0", "would reach beyond 100%"),
        (Polarity.LOWER_IS_BETTER, "101.0", "0", "between 0 and 100"),
    ],
)
def test_a_tolerance_that_makes_no_sense_for_the_polarity_is_refused(
    plan, admin_user, polarity, target, tolerance, message
):
    indicator = IndicatorFactory(plan=plan, polarity=polarity)
    with pytest.raises(ValidationError, match=message):
        target_set(
            indicator=indicator,
            period=SEPTEMBER,
            value=Decimal(target),
            tolerance=Decimal(tolerance),
            by=admin_user,
        )
    assert not Target.objects.exists()


def test_targets_are_versioned_and_comparators_named(indicator, admin_user, lead):
    target = target_set(
        indicator=indicator, period=SEPTEMBER, value=Decimal("10"), tolerance=Decimal(2), by=lead
    )
    with pytest.raises(StaleVersionError):
        target_set(indicator=indicator, period=SEPTEMBER, value=Decimal("11"), by=admin_user)
    changed = target_set(
        indicator=indicator,
        period=SEPTEMBER,
        value=Decimal("11"),
        by=admin_user,
        expected_version=target.version,
    )
    assert changed.value == Decimal("11") and changed.version == 2
    comparator_set(
        indicator=indicator, period=SEPTEMBER, kind="england", value=Decimal("9.1"), by=lead
    )
    comparator_set(
        indicator=indicator,
        period=SEPTEMBER,
        kind="named",
        name="North West",
        value=Decimal("8.4"),
        by=lead,
    )
    assert dict(Comparator.objects.values_list("name", "value")) == {
        "England average": Decimal("9.1000"),
        "North West": Decimal("8.4000"),
    }


def test_values_entered_in_a_round_are_for_the_periods_it_collects(plan, indicator, owner, lead):
    round = ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12))
    with pytest.raises(ValidationError, match="does not collect"):
        _enter(indicator, owner, period=dt.date(2013, 2, 1), round=round)
    round_collection_set(
        round=round, period_start=dt.date(2013, 1, 1), period_end=dt.date(2013, 2, 28), by=lead
    )
    assert _enter(indicator, owner, period=dt.date(2013, 2, 1), round=round).round == round
    with pytest.raises(ValidationError, match="does not collect March 2013"):
        _enter(indicator, owner, period=dt.date(2013, 3, 1), round=round)


def test_an_indicator_links_its_own_plans_actions_only(plan, admin_user):
    other = ActionFactory()
    with pytest.raises(ValidationError, match="own plan's areas and actions"):
        indicator_create(
            plan=plan,
            by=admin_user,
            reference="PI 1",
            title="Re-referrals",
            unit=Unit.PERCENTAGE,
            polarity=Polarity.LOWER_IS_BETTER,
            frequency=Frequency.MONTHLY,
            actions=[other],
        )
    mine = ActionFactory(area__plan=plan)
    made = indicator_create(
        plan=plan,
        by=admin_user,
        reference="PI 1",
        title="Re-referrals",
        unit=Unit.PERCENTAGE,
        polarity=Polarity.LOWER_IS_BETTER,
        frequency=Frequency.MONTHLY,
        actions=[mine],
    )
    assert list(made.actions.all()) == [mine]
    with pytest.raises(ValidationError, match="Another indicator of this plan has this reference"):
        indicator_create(
            plan=plan,
            by=admin_user,
            reference="PI 1",
            title="Duplicate",
            unit=Unit.NUMBER,
            polarity=Polarity.HIGHER_IS_BETTER,
            frequency=Frequency.ANNUAL,
        )


def test_the_database_refuses_two_approved_values_for_a_period(indicator):
    from django.db import IntegrityError, transaction

    IndicatorValueFactory(indicator=indicator)
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorValueFactory(indicator=indicator)
