"""Opening a review round: at most one is open per plan, in the service and in the database."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from headway.plans.choices import Status, UpdateState
from headway.plans.models import ReviewRound
from headway.plans.selectors import round_actions_not_in, round_current_open
from headway.plans.services import review_round_open
from headway.testing.factories import (
    ActionFactory,
    OutcomeAreaFactory,
    ProgressUpdateFactory,
    ReviewRoundFactory,
)

MARCH = dt.date(2013, 3, 12)


def _open(plan, lead, as_at=MARCH, **kwargs):
    return review_round_open(
        plan=plan,
        title=f"Update as at {as_at}",
        as_at=as_at,
        deadline=as_at - dt.timedelta(days=14),
        by=lead,
        **kwargs,
    )


def test_a_round_opens_and_becomes_the_current_one(plan, lead):
    new = _open(plan, lead)
    assert new.closed_at is None
    assert round_current_open(plan=plan) == new
    assert new.history.get().history_user == lead


def test_a_second_round_is_refused_while_one_is_open(plan, lead):
    first = ReviewRoundFactory(plan=plan, as_at=dt.date(2012, 12, 4))
    with pytest.raises(ValidationError, match=r"still open: close it before opening another"):
        _open(plan, lead)
    assert list(plan.rounds.all()) == [first]
    first.refresh_from_db()
    assert first.closed_at is None


def test_closing_the_open_round_is_part_of_opening_the_next(plan, lead):
    first = ReviewRoundFactory(plan=plan, as_at=dt.date(2012, 12, 4))
    new = _open(plan, lead, close_previous=True)
    first.refresh_from_db()
    assert first.closed_at is not None and first.closed_by == lead
    assert round_current_open(plan=plan) == new


def test_nothing_changes_when_the_open_round_cannot_close(plan, lead, owner):
    first = ReviewRoundFactory(plan=plan, as_at=dt.date(2012, 12, 4))
    ProgressUpdateFactory(
        action=ActionFactory(area__plan=plan, owner=owner),
        round=first,
        author=owner,
        state=UpdateState.SUBMITTED,
        status=Status.ACHIEVED,
        decided_by=None,
    )
    with pytest.raises(ValidationError, match="still awaits approval"):
        _open(plan, lead, close_previous=True)
    first.refresh_from_db()
    assert first.closed_at is None
    assert plan.rounds.count() == 1


def test_the_as_at_date_must_fall_within_the_plan_and_both_dates_are_given(plan, lead):
    with pytest.raises(ValidationError) as refused:
        _open(plan, lead, as_at=dt.date(2013, 9, 30))
    message = refused.value.message_dict["as_at"][0]
    assert "30 September 2013" in message
    assert "1 September 2012 to 31 August 2013" in message
    assert not plan.rounds.exists()


def test_a_new_round_comes_after_the_latest(plan, lead):
    ReviewRoundFactory(plan=plan, as_at=MARCH, closed_at=dt.datetime(2013, 3, 20, tzinfo=dt.UTC))
    with pytest.raises(ValidationError, match="must be after 12 March 2013"):
        _open(plan, lead, as_at=dt.date(2013, 1, 31))


def test_the_database_refuses_a_second_open_round_whatever_writes_it(plan):
    ReviewRoundFactory(plan=plan, as_at=dt.date(2012, 12, 4))
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewRound.objects.create(plan=plan, title="Another", as_at=MARCH, deadline=MARCH)
    # A closed one is fine, and so is an open one on another plan.
    ReviewRound.objects.create(
        plan=plan,
        title="Closed",
        as_at=dt.date(2013, 1, 1),
        deadline=dt.date(2013, 1, 1),
        closed_at=dt.datetime(2013, 1, 2, tzinfo=dt.UTC),
    )
    ReviewRoundFactory(as_at=MARCH)


def test_the_updates_not_yet_in_are_the_actions_without_a_submitted_or_approved_one(
    plan, owner, lead
):
    round = ReviewRoundFactory(plan=plan, as_at=dt.date(2012, 12, 4))
    area = OutcomeAreaFactory(plan=plan, number=1)
    approved, submitted, drafted, none = (
        ActionFactory(area=area, owner=owner, reference=ref, position=i)
        for i, ref in enumerate(("1.1", "1.2", "1.3", "1.4"))
    )
    ProgressUpdateFactory(action=approved, round=round, decided_by=lead, status=Status.ACHIEVED)
    for action, state in ((submitted, UpdateState.SUBMITTED), (drafted, UpdateState.DRAFT)):
        ProgressUpdateFactory(
            action=action, round=round, state=state, status=Status.ACHIEVED, decided_by=None
        )
    assert list(round_actions_not_in(round=round)) == [drafted, none]
