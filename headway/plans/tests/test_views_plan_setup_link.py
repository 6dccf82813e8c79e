"""The plan page offers "Set up this plan" (URL name ``plans:manage``) to administrators and the
plan's lead only, and says nothing of it while no such page exists."""

import pytest
from django.http import HttpResponse
from django.urls import NoReverseMatch, include, path, reverse

import config.urls
from headway.plans import urls as plans_urls


def _manage(request, slug):
    return HttpResponse("set up")


# The project's addresses, with a stand-in for the set-up page.
urlpatterns = [
    pattern
    for pattern in config.urls.urlpatterns
    if getattr(pattern, "urlconf_name", None) is not plans_urls
    and getattr(getattr(pattern, "urlconf_module", None), "__name__", "") != plans_urls.__name__
]
urlpatterns.append(
    path(
        "",
        include(
            (
                [
                    *plans_urls.urlpatterns,
                    path("plans/<slug:slug>/manage/", _manage, name="manage"),
                ],
                "plans",
            )
        ),
    )
)


def _page(client, user, plan):
    client.force_login(user)
    response = client.get(reverse("plans:plan", kwargs={"slug": plan.slug}))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("who", ["admin_user", "lead"])
def test_administrator_and_lead_are_offered_the_set_up(client, plan, who, request):
    html = _page(client, request.getfixturevalue(who), plan)
    assert f'href="/plans/{plan.slug}/manage/">Set up this plan</a>' in html


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("who", ["owner", "reader"])
def test_others_are_not(client, plan, who, request):
    assert "Set up this plan" not in _page(client, request.getfixturevalue(who), plan)


def test_nothing_is_offered_before_the_set_up_page_exists(client, plan, lead):
    try:
        reverse("plans:manage", kwargs={"slug": plan.slug})
    except NoReverseMatch:  # the page has not landed yet
        assert "Set up this plan" not in _page(client, lead, plan)
    else:
        pytest.skip("plans:manage exists: the tests above cover the real page")
