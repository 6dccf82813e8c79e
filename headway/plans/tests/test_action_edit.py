"""Editing an action carries its version: a save over a newer one is refused, both shown."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from headway.plans.models import Action
from headway.testing.factories import ActionFactory, OutcomeAreaFactory


@pytest.fixture
def action(plan, owner):
    return ActionFactory(
        area=OutcomeAreaFactory(plan=plan), owner=owner, title="Timely assessments"
    )


def _url(action):
    return reverse("plans:action_edit", kwargs={"slug": action.plan.slug, "pk": action.pk})


def _full(action, version, **changes):
    return {
        "version": version,
        "title": action.title,
        "timescale": action.timescale,
        "due_date_0": "31",
        "due_date_1": "3",
        "due_date_2": "2013",
        **changes,
    }


def test_the_lead_edits_the_action_and_history_records_it(client, action, lead):
    client.force_login(lead)
    page = client.get(_url(action))
    assert page.status_code == 200
    assert 'name="version" value="1"' in page.content.decode()
    response = client.post(_url(action), _full(action, 1, objective="See every child in time."))
    assert response.status_code == 302
    assert response.url == action.get_absolute_url()
    action.refresh_from_db()
    assert action.objective == "See every child in time."
    assert action.version == 2
    assert action.history.latest().history_user == lead


def test_two_editors_the_second_save_is_refused_with_both_versions(action, lead, admin_user):
    first, second = Client(), Client()
    first.force_login(lead)
    second.force_login(admin_user)
    assert first.post(_url(action), _full(action, 1, title="Lead's title")).status_code == 302
    response = second.post(_url(action), _full(action, 1, title="Admin's title"))
    assert response.status_code == 409
    body = response.content.decode()
    assert "Someone else saved a newer version" in body
    assert "Admin&#x27;s title" in body
    assert "Lead&#x27;s title" in body
    assert 'name="version" value="2"' in body
    action.refresh_from_db()
    assert action.title == "Lead's title"
    assert action.version == 2


def test_the_owner_may_only_revise_the_timescale(client, action, owner):
    client.force_login(owner)
    page = client.get(_url(action)).content.decode()
    assert 'name="revised_timescale"' in page
    assert 'name="title"' not in page
    response = client.post(
        _url(action),
        {
            "version": 1,
            "title": "Hijacked",
            "revised_timescale": "June 2013",
            "revised_due_date_0": "30",
            "revised_due_date_1": "6",
            "revised_due_date_2": "2013",
            "revision_reason": "Recruitment took longer.",
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.title == "Timely assessments"
    assert action.revised_timescale == "June 2013"
    assert action.revised_due_date == dt.date(2013, 6, 30)


def test_an_invalid_edit_names_each_field_and_saves_nothing(client, action, lead):
    client.force_login(lead)
    response = client.post(
        _url(action), _full(action, 1, title="", revised_timescale="June", due_date_1="13")
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert '<a href="#id_title">' in body
    assert '<a href="#id_due_date_0">Agreed due date must be a real date.</a>' in body
    assert '<a href="#id_revision_reason">Say why the timescale has changed</a>' in body
    assert Action.objects.get(pk=action.pk).version == 1


def test_readers_and_other_owners_cannot_edit(client, action, reader, plan):
    other = ActionFactory(area=action.area)
    client.force_login(reader)
    assert client.get(_url(action)).status_code == 403
    assert client.post(_url(action), _full(action, 1, title="x")).status_code == 403
    client.force_login(action.owner)
    assert client.post(_url(other), {"version": 1, "revised_timescale": ""}).status_code == 403
    assert Action.objects.get(pk=action.pk).version == 1
    assert Action.objects.get(pk=other.pk).version == 1
