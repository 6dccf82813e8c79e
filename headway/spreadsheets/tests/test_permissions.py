"""The spreadsheet rules, role by role: import, send out and send back update sheets."""

import pytest
from django.contrib.auth.models import AnonymousUser

from headway.plans.choices import PlanRole
from headway.spreadsheets.permissions import (
    can_download_update_sheet_of,
    can_import_plan,
    can_return_update_sheet,
    can_send_update_sheets,
)
from headway.testing.factories import ActionFactory, MembershipFactory, UserFactory

ROLES = ["admin_user", "lead", "owner", "delegate", "reader", "outsider"]
# (may import, sends out update sheets, returns an update sheet) for each role.
EXPECTED = {
    "admin_user": (True, True, False),
    "lead": (False, True, True),
    "owner": (False, False, True),
    "delegate": (False, False, True),
    "reader": (False, False, False),
    "outsider": (False, False, False),
}


@pytest.fixture
def delegate(plan):
    user = UserFactory(username="delegate")
    MembershipFactory(plan=plan, user=user, role=PlanRole.OWNER)
    return user


@pytest.fixture
def people(request, plan, owner, delegate):
    action = ActionFactory(area__plan=plan, owner=owner)
    action.delegates.add(delegate)
    return lambda role: request.getfixturevalue(role)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_may_do_what_its_rules_say(people, plan, role):
    user = people(role)
    may_import, sends_out, returns = EXPECTED[role]

    assert bool(can_import_plan(user)) is may_import
    assert bool(can_send_update_sheets(user, plan)) is sends_out
    assert bool(can_return_update_sheet(user, plan)) is returns


@pytest.mark.parametrize("role", ROLES)
def test_a_sheet_of_ones_own_is_always_downloadable_someone_elses_only_by_senders(
    people, plan, role
):
    user = people(role)
    _, sends_out, _ = EXPECTED[role]

    assert can_download_update_sheet_of(user, plan, user.get_username())
    assert can_download_update_sheet_of(user, plan, "someone-else") is sends_out


def test_an_owner_on_another_plan_returns_no_sheet_for_this_one(plan, owner):
    ActionFactory(owner=owner)  # an action of another plan

    assert not can_return_update_sheet(owner, plan)


def test_anonymous_visitors_may_do_nothing(plan):
    anonymous = AnonymousUser()

    assert not can_import_plan(anonymous)
    assert not can_send_update_sheets(anonymous, plan)
    assert not can_return_update_sheet(anonymous, plan)
