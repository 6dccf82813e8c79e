import datetime as dt

import pytest

from headway.plans.choices import PlanRole, UpdateState
from headway.testing.factories import (
    ActionFactory,
    MembershipFactory,
    OutcomeAreaFactory,
    ProgressUpdateFactory,
    ReviewRoundFactory,
    UserFactory,
)

DEADLINE = dt.date(2013, 2, 26)


@pytest.fixture
def round_(plan):
    return ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12), deadline=DEADLINE)


@pytest.fixture
def area(plan):
    return OutcomeAreaFactory(plan=plan, number=1, title="Strategic vision and leadership")


@pytest.fixture
def owner_actions(plan, area, owner):
    """Two actions of the owner's with nothing recorded, and one already submitted."""
    missing = [
        ActionFactory(plan=plan, area=area, owner=owner, reference="1.1", position=1),
        ActionFactory(plan=plan, area=area, owner=owner, reference="1.2", position=2),
    ]
    done = ActionFactory(plan=plan, area=area, owner=owner, reference="1.3", position=3)
    return missing, done


@pytest.fixture
def submitted(owner_actions, round_):
    _, done = owner_actions
    return ProgressUpdateFactory(action=done, round=round_, state=UpdateState.SUBMITTED)


def make_owner(plan, username, email):
    user = UserFactory(username=username, email=email, job_title=f"Service Manager {username}")
    MembershipFactory(plan=plan, user=user, role=PlanRole.OWNER)
    return user
