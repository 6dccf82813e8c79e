"""Milestones on their page of recording progress: left alone unless the page changes them,
and a change is applied only over the date it was read with, so nobody's date is lost to
someone else's save."""

import datetime as dt

import pytest
from django.test import Client

from headway.plans.choices import PlanRole, Status
from headway.plans.models import Milestone, ProgressUpdate
from headway.testing.factories import (
    ActionFactory,
    MembershipFactory,
    MilestoneFactory,
    OutcomeAreaFactory,
    ReviewRoundFactory,
    UserFactory,
)

from .flow import post_step, step_url

MET = dt.date(2013, 1, 15)


@pytest.fixture
def action(plan, owner):
    return ActionFactory(area=OutcomeAreaFactory(plan=plan), owner=owner, reference="3.1")


@pytest.fixture
def round(plan):
    return ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12))


@pytest.fixture
def delegate(plan, action):
    user = UserFactory(username="delegate")
    MembershipFactory(plan=plan, user=user, role=PlanRole.OWNER)
    action.delegates.add(user)
    return user


def _url(action):
    return step_url(action, "milestones")


def _data(action, **extra):
    return {"action_version": action.version, **extra}


def _start(client, action, narrative="Work is under way."):
    post_step(client, action, "status", {"status": Status.SIGNIFICANT_PROGRESS.value})
    post_step(client, action, "narrative", {"narrative": narrative})


def _save(client, action, data, version=None):
    return post_step(client, action, "milestones", data, version=version)


def _done(milestone, day, was=""):
    name = f"milestone_{milestone.pk}"
    return {
        f"{name}_0": str(day.day),
        f"{name}_1": str(day.month),
        f"{name}_2": str(day.year),
        f"{name}_was": was,
    }


def test_a_post_without_milestone_fields_keeps_a_done_milestone_done(client, action, round, owner):
    milestone = MilestoneFactory(action=action, title="Audit complete", done_on=MET)
    client.force_login(owner)
    _start(client, action)

    response = _save(client, action, _data(action))  # e.g. an older page, or a script

    assert response.status_code == 302
    assert ProgressUpdate.objects.get(action=action).version == 3
    milestone.refresh_from_db()
    assert milestone.done_on == MET
    assert milestone.history.count() == 1  # never un-marked, not even briefly


def test_the_form_carries_the_date_each_milestone_was_read_with(client, action, round, owner):
    milestone = MilestoneFactory(action=action, title="Audit complete", done_on=MET)
    client.force_login(owner)
    _start(client, action)

    page = client.get(_url(action)).content.decode()

    assert f'name="milestone_{milestone.pk}_was" value="2013-01-15"' in page


def test_two_people_marking_one_milestone_the_second_is_refused(action, round, owner, delegate):
    milestone = MilestoneFactory(action=action, title="Audit complete")
    first, second = Client(), Client()
    first.force_login(owner)
    second.force_login(delegate)
    _start(first, action)
    # Both read the page while the milestone was not done; the owner saves first.
    assert _save(first, action, _data(action, **_done(milestone, MET))).status_code == 302
    draft = ProgressUpdate.objects.get(action=action)
    saved_version = draft.version

    later = dt.date(2013, 2, 1)
    refused = _save(second, action, _data(action, **_done(milestone, later)))

    assert refused.status_code == 409
    body = refused.content.decode()
    assert "Someone else saved a newer version" in body
    assert "15 January 2013" in body and "1 February 2013" in body
    assert f'name="milestone_{milestone.pk}_was" value="2013-01-15"' in body
    milestone.refresh_from_db()
    assert milestone.done_on == MET
    draft.refresh_from_db()
    assert draft.version == saved_version  # nothing of the second save was kept

    # Saving again, having seen both dates, is a deliberate choice and is applied.
    again = _save(second, action, _data(action, **_done(milestone, later, "2013-01-15")))
    assert again.status_code == 302
    milestone.refresh_from_db()
    assert milestone.done_on == later


def test_a_date_set_elsewhere_meanwhile_is_not_overwritten(client, action, round, owner):
    milestone = MilestoneFactory(action=action, title="Audit complete")
    client.force_login(owner)
    _start(client, action)
    client.get(_url(action))  # read while not done
    version = ProgressUpdate.objects.get(action=action).version
    Milestone.objects.filter(pk=milestone.pk).update(done_on=MET)  # e.g. by the plan lead

    response = _save(client, action, _data(action, **_done(milestone, dt.date(2013, 2, 1))))

    assert response.status_code == 409
    assert Milestone.objects.get(pk=milestone.pk).done_on == MET
    assert ProgressUpdate.objects.get(action=action).version == version  # rolled back
