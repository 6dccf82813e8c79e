"""Sessions end after an idle period and when a person is deactivated; the sign-in lockout
answers the same whether or not the username exists."""

import datetime as dt
import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from headway.testing.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_each_request_pushes_the_idle_expiry_on(client, lead):
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    client.force_login(lead)
    session = Session.objects.get()
    soon = timezone.now() + dt.timedelta(seconds=30)
    Session.objects.filter(pk=session.pk).update(expire_date=soon)

    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert Session.objects.get(pk=session.pk).expire_date > soon


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
