"""Rules the database and the models enforce, with the messages people see."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from headway.plans.choices import UpdateState
from headway.plans.models import Milestone, ProgressUpdate
from headway.testing.factories import (
    ActionFactory,
    MilestoneFactory,
    OutcomeAreaFactory,
    PlanFactory,
    ProgressUpdateFactory,
    ReviewRoundFactory,
)

pytestmark = pytest.mark.django_db


def _update(**kwargs) -> ProgressUpdate:
    action = kwargs.pop("action", None) or ActionFactory()
    round = kwargs.pop("round", None) or ReviewRoundFactory(plan=action.plan)
    return ProgressUpdate(action=action, round=round, author=action.owner, **kwargs)


def test_a_split_that_does_not_add_to_one_is_refused_by_validation():
    update = _update(share_achieved=30, share_significant_progress=15)
    with pytest.raises(ValidationError) as error:
        update.full_clean()
    assert "must add up to one" in str(error.value)
    assert ProgressUpdate.objects.count() == 0


def test_a_split_that_does_not_add_to_one_is_refused_by_the_database():
    update = _update(share_achieved=30, share_significant_progress=15)
    with pytest.raises(IntegrityError), transaction.atomic():
        update.save()
    assert ProgressUpdate.objects.count() == 0


def test_an_update_for_an_action_outside_the_rounds_plan_is_refused():
    action = ActionFactory()
    other_round = ReviewRoundFactory(plan=PlanFactory())
    update = _update(action=action, round=other_round, share_achieved=60)
    with pytest.raises(ValidationError) as error:
        update.full_clean()
    assert error.value.message_dict["round"] == [
        "This round belongs to another plan than the action."
    ]


def test_a_second_current_update_for_the_same_action_and_round_is_refused():
    first = ProgressUpdateFactory(state=UpdateState.APPROVED)
    second = _update(
        action=first.action, round=first.round, share_achieved=60, state=UpdateState.APPROVED
    )
    with pytest.raises(ValidationError, match="already has an approved update this round"):
        second.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()
    assert ProgressUpdate.objects.filter(action=first.action).count() == 1


def test_two_drafts_for_the_same_action_and_round_are_refused():
    first = ProgressUpdateFactory(state=UpdateState.DRAFT)
    second = _update(action=first.action, round=first.round, share_achieved=60)
    with pytest.raises(ValidationError, match="already has an update in progress"):
        second.full_clean()


def test_a_milestone_after_the_plan_ends_needs_a_reason():
    action = ActionFactory(
        area=OutcomeAreaFactory(plan=PlanFactory(period_end=dt.date(2013, 8, 31)))
    )
    milestone = Milestone(action=action, title="Evaluate", due_date=dt.date(2013, 10, 1))
    with pytest.raises(ValidationError) as error:
        milestone.full_clean()
    assert (
        "after the plan ends on 31 August 2013"
        in error.value.message_dict["reason_after_plan_end"][0]
    )
    milestone.reason_after_plan_end = "The evaluation needs a full year of data."
    milestone.full_clean()


def test_a_plan_that_ends_before_it_starts_is_refused():
    plan = PlanFactory.build(period_start=dt.date(2013, 9, 1), period_end=dt.date(2013, 8, 31))
    with pytest.raises(ValidationError, match="must end after it starts"):
        plan.full_clean()


def test_a_round_whose_deadline_is_after_its_date_is_refused():
    round = ReviewRoundFactory.build(
        plan=PlanFactory(), as_at=dt.date(2013, 3, 12), deadline=dt.date(2013, 3, 20)
    )
    with pytest.raises(ValidationError, match="due on or before the round's date"):
        round.full_clean()


def test_a_revised_timescale_needs_a_reason():
    action = ActionFactory()
    action.revised_timescale = "June 2013"
    with pytest.raises(ValidationError, match="needs the reason for the change"):
        action.full_clean()
    action.revision_reason = "The supplier's release slipped."
    action.full_clean()
    assert action.has_slipped


def test_an_action_cannot_sit_in_another_plans_area():
    action = ActionFactory()
    action.area = OutcomeAreaFactory(plan=PlanFactory())
    with pytest.raises(ValidationError, match="belongs to another plan"):
        action.full_clean()


def test_a_submitted_update_is_never_changed():
    update = ProgressUpdateFactory(state=UpdateState.SUBMITTED, narrative="As submitted.")
    update.narrative = "Quietly rewritten."
    with pytest.raises(ValidationError, match="cannot be changed; record a correction"):
        update.save()
    update.refresh_from_db()
    assert update.narrative == "As submitted."


def test_a_submitted_update_is_never_deleted():
    update = ProgressUpdateFactory(state=UpdateState.APPROVED)
    with pytest.raises(ValidationError, match="never deleted"):
        update.delete()
    assert ProgressUpdate.objects.filter(pk=update.pk).exists()


def test_a_draft_can_be_changed_and_discarded():
    update = ProgressUpdateFactory(state=UpdateState.DRAFT)
    update.narrative = "Second thoughts."
    update.save()
    update.delete()
    assert not ProgressUpdate.objects.exists()


def test_changes_to_actions_and_milestones_are_recorded_in_history():
    milestone = MilestoneFactory()
    action = milestone.action
    action.title = "A clearer title"
    action.save()
    milestone.done_on = dt.date(2013, 1, 20)
    milestone.save()
    latest = action.history.first()
    delta = latest.diff_against(latest.prev_record)
    assert [change.field for change in delta.changes] == ["title"]
    assert delta.changes[0].new == "A clearer title"
    assert milestone.history.count() == 2
