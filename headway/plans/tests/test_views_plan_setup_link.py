"""The plan page offers "Set up this plan" (``plans:manage``) to administrators and the plan's
lead only."""

import pytest
from django.urls import reverse


def _page(client, user, plan):
    client.force_login(user)
    response = client.get(reverse("plans:plan", kwargs={"slug": plan.slug}))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("who", ["admin_user", "lead"])
def test_administrator_and_lead_are_offered_the_set_up(client, plan, who, request):
    html = _page(client, request.getfixturevalue(who), plan)
    manage = reverse("plans:manage", kwargs={"slug": plan.slug})
    assert f'href="{manage}">Set up this plan</a>' in html
    assert client.get(manage).status_code == 200


@pytest.mark.parametrize("who", ["owner", "reader"])
def test_others_are_not(client, plan, who, request):
    assert "Set up this plan" not in _page(client, request.getfixturevalue(who), plan)
