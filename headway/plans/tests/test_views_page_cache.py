"""Whole pages come back from the cache for the person who asked for them, with this request's
own form token, until anything changes; never to someone else, never with a stale banner."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from headway.plans.choices import Status, UpdateState
from headway.plans.services import progress_update_approve, progress_update_submit
from headway.testing.factories import (
    ActionFactory,
    OutcomeAreaFactory,
    ProgressUpdateFactory,
    ReviewRoundFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(plan, owner):
    area = OutcomeAreaFactory(plan=plan, number=1, title="Leadership")
    round_ = ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12))
    action = ActionFactory(plan=plan, area=area, reference="1.1", owner=owner)
    ProgressUpdateFactory(action=action, round=round_, status=Status.NOT_STARTED)
    return {
        "plan": reverse("plans:plan", kwargs={"slug": plan.slug}),
        "action": reverse("plans:action", kwargs={"slug": plan.slug, "pk": action.pk}),
        "list": reverse("plans:actions", kwargs={"slug": plan.slug}) + "?area=1",
        "area": reverse("plans:area", kwargs={"slug": plan.slug, "number": 1}),
        "home": reverse("home"),
    }


def _queries(client, url) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    # The session's own reads and writes depend on its age, not on the page.
    sql = [q["sql"] for q in captured.captured_queries if "django_session" not in q["sql"]]
    return response.content.decode(), sql


@pytest.mark.parametrize("page", ["plan", "action", "list", "area", "home"])
def test_a_second_view_costs_the_user_and_the_stamp_only(client, reader, pages, page):
    client.force_login(reader)
    first, first_sql = _queries(client, pages[page])
    again, again_sql = _queries(client, pages[page])
    assert len(again_sql) == 2, again_sql  # the signed-in user, the content stamp
    assert "core_change" in again_sql[1]
    assert len(first_sql) > len(again_sql)
    assert again == first.replace(_token(first), _token(again))


def _token(html: str) -> str:
    return html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]


def test_a_cached_page_carries_a_working_form_token_for_each_session(reader, pages):
    first = Client(enforce_csrf_checks=True)
    first.force_login(reader)
    first.get(pages["plan"])
    second = Client(enforce_csrf_checks=True)
    second.force_login(reader)  # another browser: another form token secret
    html, sql = _queries(second, pages["plan"])
    assert len(sql) == 2  # from the cache
    signed_out = second.post(reverse("logout"), {"csrfmiddlewaretoken": _token(html)})
    assert signed_out.status_code == 302


def test_each_person_gets_their_own_page(client, lead, reader, pages):
    client.force_login(lead)
    assert "Updates waiting for approval" in client.get(pages["plan"]).content.decode()
    client.force_login(reader)
    assert "Updates waiting for approval" not in client.get(pages["plan"]).content.decode()


def test_an_approval_shows_at_once_on_every_cached_page(client, reader, lead, owner, plan, pages):
    client.force_login(reader)
    for url in pages.values():
        client.get(url)
    update = ProgressUpdateFactory(
        action=plan.actions.get(),
        round=plan.rounds.get(),
        status=Status.ACHIEVED,
        state=UpdateState.DRAFT,
        author=owner,
        narrative="Finished <at last>",
    )
    progress_update_approve(update=progress_update_submit(update=update, by=owner), by=lead)
    assert "Finished &lt;at last&gt;" in client.get(pages["action"]).content.decode()
    for page in ("plan", "list", "area"):
        assert "Achieved" in client.get(pages[page]).content.decode(), page


def test_a_page_with_a_banner_is_neither_served_from_nor_kept_in_the_cache(client, lead, pages):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.cookie import CookieStorage

    client.force_login(lead)
    client.get(pages["plan"])  # cached without a banner
    storage = CookieStorage(client.get(pages["plan"]).wsgi_request)
    storage.add(constants.SUCCESS, "Round closed <now>")
    response = client.get(pages["home"])  # a page to carry the cookie out
    storage.update(response)
    client.cookies.update(response.cookies)
    with_banner = client.get(pages["plan"]).content.decode()
    assert "Round closed &lt;now&gt;" in with_banner
    assert "Round closed" not in client.get(pages["plan"]).content.decode()


def test_not_found_and_head_are_not_cached(client, reader, plan, pages):
    client.force_login(reader)
    missing = reverse("plans:plan", kwargs={"slug": "no-such-plan"})
    assert client.get(missing).status_code == 404
    assert client.get(missing).status_code == 404
    assert client.head(pages["plan"]).status_code == 200
    _html, sql = _queries(client, pages["plan"])
    assert len(sql) > 2  # the HEAD stored nothing
