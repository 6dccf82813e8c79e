"""The actions list: filters on area, status, owner, overdue and no update, with pagination."""

import datetime as dt

import pytest
from django.urls import reverse

from headway.plans.choices import Status
from headway.testing.factories import (
    ActionFactory,
    MilestoneFactory,
    OutcomeAreaFactory,
    ProgressUpdateFactory,
    ReviewRoundFactory,
    UserFactory,
)


@pytest.fixture
def actions(plan):
    one = OutcomeAreaFactory(plan=plan, number=1)
    two = OutcomeAreaFactory(plan=plan, number=2)
    owner_a = UserFactory(job_title="Head of Service A")
    rnd = ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12))
    done = ActionFactory(plan=plan, area=one, reference="1.1", owner=owner_a)
    late = ActionFactory(plan=plan, area=one, reference="1.2", due_date=dt.date(2012, 11, 30))
    quiet = ActionFactory(plan=plan, area=two, reference="2.1")
    ProgressUpdateFactory(action=done, round=rnd, status=Status.ACHIEVED)
    ProgressUpdateFactory(action=late, round=rnd, status=Status.LIMITED_PROGRESS_RISK)
    MilestoneFactory(action=quiet, due_date=dt.date(2012, 10, 1))
    return {"done": done, "late": late, "quiet": quiet, "owner_a": owner_a}


def _refs(client, plan, **params):
    response = client.get(reverse("plans:actions", kwargs={"slug": plan.slug}), params)
    assert response.status_code == 200
    return [a.reference for a in response.context["page"].object_list]


def test_filters_by_area_status_owner_overdue_and_no_update(client, reader, plan, actions):
    client.force_login(reader)
    assert _refs(client, plan) == ["1.1", "1.2", "2.1"]
    assert _refs(client, plan, area=2) == ["2.1"]
    assert _refs(client, plan, status="achieved") == ["1.1"]
    assert _refs(client, plan, owner=actions["owner_a"].pk) == ["1.1"]
    assert _refs(client, plan, no_update=1) == ["2.1"]
    # 1.1 is wholly achieved, so it is not overdue although its date has passed.
    assert _refs(client, plan, overdue=1) == ["1.2", "2.1"]
    assert _refs(client, plan, area=1, status="limited_progress_risk") == ["1.2"]


def test_nonsense_filter_values_are_ignored(client, reader, plan, actions):
    client.force_login(reader)
    assert _refs(client, plan, area="x", status="purple", owner="me") == ["1.1", "1.2", "2.1"]


def test_pagination_keeps_filters_in_the_links(client, reader, plan):
    area = OutcomeAreaFactory(plan=plan, number=1)
    for i in range(55):
        ActionFactory(plan=plan, area=area, reference=f"1.{i + 1}", position=i)
    client.force_login(reader)
    url = reverse("plans:actions", kwargs={"slug": plan.slug})
    first = client.get(url, {"area": 1})
    assert len(first.context["page"].object_list) == 50
    assert 'href="?area=1&amp;page=2"' in first.content.decode()
    second = client.get(url, {"area": 1, "page": 2})
    assert [a.reference for a in second.context["page"].object_list] == [
        f"1.{i}" for i in range(51, 56)
    ]


def test_outsider_gets_not_found(client, outsider, plan, actions):
    client.force_login(outsider)
    assert client.get(reverse("plans:actions", kwargs={"slug": plan.slug})).status_code == 404
