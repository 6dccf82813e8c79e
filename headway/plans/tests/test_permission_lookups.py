"""``get_plan_for_user`` / ``get_action_for_user``: the one lookup every app's views go through."""

import pytest
from django.http import Http404
from django.test import RequestFactory

from headway.plans.permissions import get_action_for_user, get_plan_for_user
from headway.testing.factories import ActionFactory, PlanFactory


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


@pytest.mark.parametrize("who", ["admin_user", "lead", "owner", "reader"])
def test_members_and_administrators_get_the_plan_and_its_actions(request, plan, who):
    user = request.getfixturevalue(who)
    action = ActionFactory(area__plan=plan)

    assert get_plan_for_user(_request(user), plan.slug) == plan
    found = get_action_for_user(_request(user), plan.slug, action.pk)
    assert found == action
    assert found.plan == plan


def test_an_outsider_gets_404_as_if_the_plan_did_not_exist(plan, outsider):
    action = ActionFactory(area__plan=plan)

    with pytest.raises(Http404):
        get_plan_for_user(_request(outsider), plan.slug)
    with pytest.raises(Http404):
        get_action_for_user(_request(outsider), plan.slug, action.pk)
    with pytest.raises(Http404):
        get_plan_for_user(_request(outsider), "no-such-plan")


def test_an_action_is_found_only_under_its_own_plan(plan, reader):
    elsewhere = ActionFactory(area__plan=PlanFactory(slug="another-plan"))

    with pytest.raises(Http404):
        get_action_for_user(_request(reader), plan.slug, elsewhere.pk)
