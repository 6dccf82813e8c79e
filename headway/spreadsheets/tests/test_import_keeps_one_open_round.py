"""A plan import that adds review rounds keeps the plan to one open round at most."""

import datetime as dt

import pytest

from headway.plans.models import ProgressUpdate, ReviewRound
from headway.spreadsheets.plan_import import plan_import
from headway.spreadsheets.problems import SpreadsheetRefused
from headway.testing.factories import ReviewRoundFactory

from .files import HEADER, action_row, xlsx

TWO_ROUNDS = [*HEADER[:8], "Status at 2012-12-04", "Status at 2013-03-12"]


def _file() -> bytes:
    return xlsx([TWO_ROUNDS, [*action_row()[:8], "Not started", "Achieved"]])


def test_earlier_rounds_come_in_closed_with_their_statuses(plan, admin_user, owner):
    plan_import(data=_file(), filename="plan.xlsx", plan=plan, by=admin_user)
    december, march = ReviewRound.objects.filter(plan=plan).order_by("as_at")
    assert december.closed_at is not None and december.closed_by == admin_user
    assert march.closed_at is None
    assert ProgressUpdate.objects.filter(round=december).count() == 1
    assert ProgressUpdate.objects.filter(round=march).count() == 1


def test_a_newer_round_is_refused_while_the_plan_has_one_open(plan, admin_user, owner):
    ReviewRoundFactory(plan=plan, title="Autumn round", as_at=dt.date(2012, 12, 4))
    with pytest.raises(SpreadsheetRefused, match="Autumn round is still open"):
        plan_import(data=_file(), filename="plan.xlsx", plan=plan, by=admin_user)
    assert ReviewRound.objects.filter(plan=plan).count() == 1
