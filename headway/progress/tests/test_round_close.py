"""Closing a round: a confirmation page, refused while updates await approval."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from headway.plans.choices import Status, UpdateState
from headway.plans.models import ReviewRound
from headway.testing.factories import (
    ActionFactory,
    OutcomeAreaFactory,
    ProgressUpdateFactory,
    ReviewRoundFactory,
)


@pytest.fixture
def round(plan):
    return ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12))


@pytest.fixture
def actions(plan, owner):
    area = OutcomeAreaFactory(plan=plan)
    return [ActionFactory(area=area, owner=owner) for _ in range(4)]


def _url(round):
    return reverse("progress:round_close", kwargs={"slug": round.plan.slug, "pk": round.pk})


def test_the_confirmation_page_says_how_many_updates_are_missing(client, round, actions, lead):
    ProgressUpdateFactory(action=actions[0], round=round, status=Status.ACHIEVED)
    ProgressUpdateFactory(action=actions[1], round=round, state=UpdateState.DRAFT)
    client.force_login(lead)
    response = client.get(_url(round))
    assert response.status_code == 200
    body = response.content.decode()
    assert "3 actions without an approved update" in body
    assert re.search(
        r'class="govuk-button govuk-button--warning"[^>]*>\s*Close the round\s*</button>', body
    )
    round.refresh_from_db()
    assert not round.is_closed


def test_the_lead_closes_the_round(client, round, actions, lead):
    ProgressUpdateFactory(action=actions[0], round=round)
    client.force_login(lead)
    response = client.post(_url(round))
    assert response.status_code == 302
    assert response.url == round.plan.get_absolute_url()
    round.refresh_from_db()
    assert round.is_closed
    assert round.closed_by == lead


def test_closing_is_refused_while_updates_await_approval(client, round, actions, lead):
    ProgressUpdateFactory(action=actions[0], round=round, state=UpdateState.SUBMITTED)
    client.force_login(lead)
    page = client.get(_url(round)).content.decode()
    assert "Decide the 1 submitted update before closing the round" in page
    assert "Close the round</button>" not in page
    response = client.post(_url(round))
    assert response.status_code == 409
    assert "1 submitted update still awaits approval" in response.content.decode()
    assert not ReviewRound.objects.get(pk=round.pk).is_closed


def test_owners_and_readers_cannot_close_a_round(client, round, actions, owner, reader):
    for user in (owner, reader):
        client.force_login(user)
        assert client.get(_url(round)).status_code == 403
        assert client.post(_url(round)).status_code == 403
    assert not ReviewRound.objects.get(pk=round.pk).is_closed


def test_a_round_of_another_plan_is_not_found(client, plan, lead):
    other = ReviewRoundFactory()
    client.force_login(lead)
    url = reverse("progress:round_close", kwargs={"slug": plan.slug, "pk": other.pk})
    assert client.post(url).status_code == 404
    assert not ReviewRound.objects.get(pk=other.pk).is_closed
