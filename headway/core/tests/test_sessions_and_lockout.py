"""Sessions end after an idle period and when a person is deactivated; the sign-in lockout
answers the same whether or not the username exists."""

import datetime as dt
import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware
from django.contrib.sessions.models import Session
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from headway.core.middleware import REFRESHED_KEY, IdleSessionMiddleware
from headway.core.sessions import SessionStore
from headway.testing.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _session_writes(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]


def _age_the_last_push(client) -> None:
    session = client.session
    session[REFRESHED_KEY] -= settings.HEADWAY_SESSION_REFRESH_SECONDS
    session.save()


def test_a_request_pushes_the_idle_expiry_on(client, lead):
    client.force_login(lead)
    _age_the_last_push(client)
    session = Session.objects.get()
    soon = timezone.now() + dt.timedelta(seconds=30)
    Session.objects.filter(pk=session.pk).update(expire_date=soon)

    response = client.get(reverse("home"))

    assert response.status_code == 200
    pushed = Session.objects.get(pk=session.pk).expire_date
    assert pushed > soon
    assert pushed >= timezone.now() + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE - 5)


def test_the_session_is_written_at_most_once_a_refresh_interval(client, lead):
    client.force_login(lead)

    # Signing in saved the session; requests soon after read it but do not write it.
    assert _session_writes(client, reverse("home")) == []
    assert _session_writes(client, reverse("home")) == []

    # Once the interval has passed, the next request pushes the expiry on again.
    _age_the_last_push(client)
    before = Session.objects.get().expire_date
    writes = _session_writes(client, reverse("home"))
    assert len(writes) == 1 and "django_session" in writes[0]
    assert Session.objects.get().expire_date > before


def _database_busy(monkeypatch) -> list[bool]:
    """Every session write fails as SQLite's "database is locked" makes Django's fail."""
    tried: list[bool] = []

    def busy(self, must_create=False):
        tried.append(must_create)
        raise UpdateError

    monkeypatch.setattr(DatabaseSessionStore, "save", busy)
    return tried


def test_a_refresh_that_finds_the_database_busy_is_skipped_not_a_400(client, lead, monkeypatch):
    client.force_login(lead)
    _age_the_last_push(client)
    before = Session.objects.get().expire_date
    tried = _database_busy(monkeypatch)

    response = client.get(reverse("home"))

    assert tried == [False]  # the refresh was tried, and given up
    assert response.status_code == 200
    assert Session.objects.get().expire_date == before  # the next request tries again


def test_a_real_change_to_the_session_still_fails_loudly_when_it_cannot_be_saved(monkeypatch):
    stored = SessionStore()
    stored["kept"] = "yes"
    stored.create()
    tried = _database_busy(monkeypatch)
    request = RequestFactory().get("/")
    request.session = SessionStore(stored.session_key)

    def view(request):
        request.session["chosen"] = "a change"  # e.g. an upload waiting for its confirmation
        return HttpResponse()

    response = IdleSessionMiddleware(view)(request)

    assert request.session.refresh_only is False
    with pytest.raises(SessionInterrupted):  # Django's 400: the change is not silently lost
        SessionMiddleware(lambda r: response).process_response(request, response)
    assert tried == [False]


def test_a_visitor_without_a_session_is_not_given_one(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "sessionid" not in response.cookies
    assert not Session.objects.exists()


def test_a_session_idle_for_longer_than_the_limit_has_ended(client, lead):
    client.force_login(lead)
    idle_too_long = timezone.now() - dt.timedelta(seconds=1)
    Session.objects.update(expire_date=idle_too_long)

    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_deactivating_a_person_ends_their_session_at_the_next_request(client, lead, plan):
    client.force_login(lead)
    assert client.get(reverse("plans:plan", kwargs={"slug": plan.slug})).status_code == 200

    lead.is_active = False
    lead.save()
    response = client.get(reverse("plans:plan", kwargs={"slug": plan.slug}))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    # Django's ModelBackend refuses an inactive person when it reloads them from the session.
    assert not response.wsgi_request.user.is_authenticated


def _without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def _sign_in(client, username: str):
    return client.post(reverse("login"), {"username": username, "password": "wrong-password"})


def test_a_wrong_password_and_an_unknown_username_get_the_same_answer(client, db):
    UserFactory(username="known")

    known = _sign_in(client, "known")
    unknown = _sign_in(client, "unknown")

    assert known.status_code == unknown.status_code == 200
    body_known = _without_tokens(known.content.decode()).replace("known", "NAME")
    body_unknown = _without_tokens(unknown.content.decode()).replace("unknown", "NAME")
    assert body_known == body_unknown


def test_the_lockout_answers_the_same_for_known_and_unknown_usernames(client, db):
    known_user = UserFactory(username="known")
    limit = settings.AXES_FAILURE_LIMIT

    for _ in range(limit):
        _sign_in(client, "known")
        _sign_in(client, "unknown")
    known = _sign_in(client, "known")
    unknown = _sign_in(client, "unknown")
    right_password = client.post(reverse("login"), {"username": "known", "password": TEST_PASSWORD})

    assert known.status_code == unknown.status_code == 429
    assert _without_tokens(known.content.decode()) == _without_tokens(unknown.content.decode())
    # Locked out means locked out, even with the right password.
    assert right_password.status_code == 429
    assert not right_password.wsgi_request.user.is_authenticated
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {"known", "unknown"}
    assert known_user.is_active


def test_a_request_that_waited_too_long_for_the_database_is_told_it_is_busy(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.db import OperationalError

    from headway.core.middleware import DatabaseBusyMiddleware

    request = rf.post("/plans/x/spreadsheets/import/")
    request.user = AnonymousUser()
    middleware = DatabaseBusyMiddleware(lambda r: HttpResponse())

    response = middleware.process_exception(request, OperationalError("database is locked"))

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "The service is busy" in response.content.decode()
    assert "Nothing you were doing on this page was saved" in response.content.decode()
    # Any other database error is still a server error, handled as one.
    assert middleware.process_exception(request, OperationalError("no such table: x")) is None
