"""The plan summary: exact fractional counts per area, totals, and movement between rounds."""

import datetime as dt
import json
from fractions import Fraction

import pytest
from django.core.management import call_command

from headway.plans.assessment import Assessment
from headway.plans.choices import Status, UpdateState
from headway.plans.selectors import plan_summary
from headway.testing.factories import (
    ActionFactory,
    OutcomeAreaFactory,
    PlanFactory,
    ProgressUpdateFactory,
    ReviewRoundFactory,
)

pytestmark = pytest.mark.django_db


def _approved(action, round, assessment: Assessment, state=UpdateState.APPROVED):
    return ProgressUpdateFactory(
        action=action, round=round, state=state, **assessment.as_sixtieths()
    )


@pytest.fixture
def two_round_plan():
    """Area 1: a split action and a limited one; area 2: one action, unreported this round."""
    plan = PlanFactory(slug="summary-plan")
    first = OutcomeAreaFactory(plan=plan, number=1, title="Strategic vision and leadership")
    second = OutcomeAreaFactory(plan=plan, number=2, title="Assuring quality")
    autumn = ReviewRoundFactory(plan=plan, as_at=dt.date(2012, 11, 15), title="Autumn")
    march = ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12), title="March")
    split_action = ActionFactory(area=first, reference="1.1")
    limited_action = ActionFactory(area=first, reference="1.2")
    quiet_action = ActionFactory(area=second, reference="2.1")
    _approved(split_action, autumn, Assessment.single(Status.SIGNIFICANT_PROGRESS))
    _approved(limited_action, autumn, Assessment.single(Status.SIGNIFICANT_PROGRESS))
    _approved(quiet_action, autumn, Assessment.single(Status.NOT_STARTED))
    _approved(split_action, march, Assessment.parse("½ achieved, ½ significant progress"))
    _approved(limited_action, march, Assessment.single(Status.LIMITED_PROGRESS_RISK))
    # submitted but not yet approved: does not count
    _approved(quiet_action, march, Assessment.single(Status.ACHIEVED), state=UpdateState.SUBMITTED)
    return plan, autumn, march


def test_the_summary_counts_exact_halves_and_no_updates(two_round_plan):
    plan, _, march = two_round_plan
    summary = plan_summary(plan=plan, round=march)
    first, second = summary.areas
    assert first.counts.actions == 2
    assert first.counts[Status.ACHIEVED] == Fraction(1, 2)
    assert first.counts[Status.SIGNIFICANT_PROGRESS] == Fraction(1, 2)
    assert first.counts[Status.LIMITED_PROGRESS_RISK] == 1
    assert second.counts.no_update == 1
    assert summary.total.actions == 3
    assert summary.total.no_update == 1
    assert sum(summary.total.by_status.values()) + summary.total.no_update == 3


def test_movement_lists_actions_that_went_up_and_down(two_round_plan):
    plan, autumn, march = two_round_plan
    movement = plan_summary(plan=plan, round=march).movement
    assert movement.previous_round == autumn
    assert [m.reference for m in movement.up] == ["1.1"]
    assert [m.reference for m in movement.down] == ["1.2"]
    assert str(movement.down[0].before) == "Significant progress"
    assert str(movement.down[0].after) == "Limited progress / risk"
    assert movement.stayed == 0


def test_the_first_round_has_no_movement(two_round_plan):
    plan, autumn, _ = two_round_plan
    movement = plan_summary(plan=plan, round=autumn).movement
    assert movement.previous_round is None
    assert movement.up == [] and movement.down == []


def test_plan_summary_command_prints_glyphs_and_json_numbers(two_round_plan, capsys):
    call_command("plan_summary", "summary-plan", "--round", "2013-03-12")
    table = capsys.readouterr().out
    assert "Strategic vision and leadership" in table
    assert "½" in table
    assert "No update" in table

    call_command("plan_summary", "summary-plan", "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert data["round"] == "2013-03-12"
    assert data["areas"][0]["achieved"] == 0.5
    assert data["areas"][0]["limited_progress_risk"] == 1
    assert data["total"]["actions"] == 3

    call_command("plan_summary", "summary-plan", "--format", "csv")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(",Actions,Achieved,Significant progress")
    assert lines[-1].startswith("TOTAL,3,0.5,0.5,1")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such-plan"], "No plan has the slug 'no-such-plan'"),
        (["summary-plan", "--round", "2013-13-01"], "must be a date as YYYY-MM-DD"),
        (["summary-plan", "--round", "2013-01-01"], "has no round as at 2013-01-01"),
    ],
)
def test_plan_summary_command_explains_bad_arguments(two_round_plan, args, message):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=message):
        call_command("plan_summary", *args)
