"""A plan with an owned action, an open round and an approved split update, seen through the API."""

import datetime as dt

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from headway.plans.assessment import Assessment
from headway.testing.factories import (
    ActionFactory,
    MilestoneFactory,
    OutcomeAreaFactory,
    ProgressUpdateFactory,
    ReviewRoundFactory,
    RiskFactory,
)


@pytest.fixture
def world(plan, owner, lead, reader):
    area = OutcomeAreaFactory(plan=plan, number=1, title="Strategic vision and leadership")
    other_area = OutcomeAreaFactory(plan=plan, number=2, title="Building a quality service")
    earlier = ReviewRoundFactory(plan=plan, as_at=dt.date(2012, 11, 1), title="Autumn update")
    current = ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12), title="Spring update")
    action = ActionFactory(area=area, reference="1.1", owner=owner)
    someone_elses = ActionFactory(area=other_area, reference="2.1")
    MilestoneFactory(action=action)
    split = Assessment.parse("½ achieved, ½ significant progress")
    ProgressUpdateFactory(action=someone_elses, round=earlier, status="limited_progress_risk")
    ProgressUpdateFactory(action=someone_elses, round=current, **split.as_sixtieths())
    RiskFactory(action=someone_elses)
    return {
        "plan": plan,
        "area": area,
        "action": action,
        "someone_elses": someone_elses,
        "round": current,
        "earlier": earlier,
    }


def client_for(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client
