"""Sign in, sign out and password change, with throttling that tells nobody which names exist."""

import pytest
from axes.models import AccessAttempt
from django.test import override_settings
from django.urls import reverse

from headway.testing.factories import TEST_PASSWORD, UserFactory


@pytest.fixture
def person(db):
    return UserFactory(username="owner", job_title="Head of Service")


def _sign_in(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_right_password_signs_in_and_goes_home(client, person):
    response = _sign_in(client, "owner", TEST_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session["_auth_user_id"] == str(person.pk)


def test_wrong_password_shows_error_summary_and_signs_nobody_in(client, person):
    response = _sign_in(client, "owner", "wrong")
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert 'href="#id_username"' in html
    assert "<title>Error: Sign in" in html
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username="owner").failures_since_start == 1


LOCKOUT = "headway.accounts.views.lockout_response"


@override_settings(AXES_FAILURE_LIMIT=2, AXES_LOCKOUT_CALLABLE=LOCKOUT)
def test_lockout_answers_the_same_for_known_and_unknown_usernames(client, person):
    answers = {}
    for username in ("owner", "nobody-of-that-name"):
        for _ in range(2):
            _sign_in(client, username, "wrong")
        locked = _sign_in(client, username, "wrong")
        answers[username] = (locked.status_code, locked.content.decode())
    assert answers["owner"][0] == answers["nobody-of-that-name"][0] == 429
    assert answers["owner"][1] == answers["nobody-of-that-name"][1]
    assert "Sign-in paused" in answers["owner"][1]
    # Even the right password is refused while locked.
    assert _sign_in(client, "owner", TEST_PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_sign_out_needs_a_post(client, person):
    client.force_login(person)
    assert client.get(reverse("logout")).status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_every_page_has_a_sign_out_form(client, person):
    client.force_login(person)
    html = client.get(reverse("home")).content.decode()
    assert f'<form method="post" action="{reverse("logout")}"' in html


def test_password_change_checks_the_old_password_and_changes_it(client, person):
    client.force_login(person)
    url = reverse("password_change")
    bad = client.post(url, {"old_password": "wrong", "new_password1": "x", "new_password2": "y"})
    assert bad.status_code == 200
    assert "There is a problem" in bad.content.decode()
    good = client.post(
        url,
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "another-long-passphrase-77",
            "new_password2": "another-long-passphrase-77",
        },
    )
    assert good.status_code == 302
    person.refresh_from_db()
    assert person.check_password("another-long-passphrase-77")
