"""Inviting someone new: an account with no password, and a one-time link to set one."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from headway.accounts.models import User
from headway.accounts.services import person_find, person_invite
from headway.testing.factories import UserFactory

NEW_PASSWORD = "a-very-long-chosen-password-7"


@pytest.fixture
def inviter(db):
    return UserFactory(username="inviter", job_title="Performance Manager", is_staff=True)


@pytest.fixture
def invite(inviter, django_capture_on_commit_callbacks):
    """``person_invite`` by the inviter, its e-mail sent as its transaction commits."""

    def invite(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return person_invite(invited_by=inviter, **kwargs)

    return invite


def _link(message) -> str:
    match = re.search(r"https?://[^/\s]+(/accounts/password/set/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_an_invited_person_has_an_account_without_a_password_and_an_email_with_a_link(invite):
    user = invite(email="Team.Manager@Example.gov.uk", full_name="  Team   Manager ")
    user.refresh_from_db()
    assert user.username == "team.manager@example.gov.uk"
    assert user.email == "Team.Manager@example.gov.uk"  # Django lowers the domain
    assert user.get_full_name() == "Team Manager"
    assert user.is_active and not user.has_usable_password()
    (message,) = mail.outbox
    assert message.to == ["Team.Manager@example.gov.uk"]
    assert "Performance Manager" in message.body  # who invited them, by role title
    assert "team.manager@example.gov.uk" in message.body  # their username
    assert "password" in message.body.lower() and _link(message)


def test_the_link_sets_a_password_once_and_then_no_longer_works(client, invite):
    invite(email="reader@example.gov.uk", full_name="Committee Member")
    link = _link(mail.outbox[0])

    page = client.get(link, follow=True)
    assert page.status_code == 200
    assert "Set your password" in page.content.decode()
    form_url = page.redirect_chain[-1][0]  # Django swaps the token for a session key
    done = client.post(
        form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )
    assert "Your password is set" in done.content.decode()
    user = User.objects.get(email="reader@example.gov.uk")
    assert user.check_password(NEW_PASSWORD)
    client.logout()
    signed_in = client.post(reverse("login"), {"username": user.username, "password": NEW_PASSWORD})
    assert signed_in.status_code == 302 and "_auth_user_id" in client.session
    client.logout()

    again = client.get(link, follow=True)
    assert "This link has expired" in again.content.decode()
    assert "new_password1" not in again.content.decode()


def test_a_link_past_its_time_no_longer_works(client, invite, settings):
    invite(email="owner@example.gov.uk", full_name="Head of Service")
    link = _link(mail.outbox[0])
    settings.PASSWORD_RESET_TIMEOUT = -1
    assert "This link has expired" in client.get(link, follow=True).content.decode()


def test_no_password_is_ever_mailed(invite):
    invite(email="owner@example.gov.uk", full_name="Head of Service")
    user = User.objects.get(email="owner@example.gov.uk")
    # The stored hash is Django's unusable marker: there is no password to mail.
    assert user.password.startswith("!")
    assert user.password not in mail.outbox[0].body


@pytest.mark.parametrize(
    ("email", "name", "field"),
    [("not-an-address", "Head of Service", "email"), ("x@example.gov.uk", "  ", "full_name")],
)
def test_bad_answers_are_refused_and_nothing_is_written(inviter, email, name, field):
    with pytest.raises(ValidationError) as refused:
        person_invite(email=email, full_name=name, invited_by=inviter)
    assert field in refused.value.message_dict
    assert not User.objects.exclude(pk=inviter.pk).exists()
    assert not mail.outbox


def test_someone_with_an_account_is_not_invited_again(inviter):
    UserFactory(username="existing", email="existing@example.gov.uk")
    with pytest.raises(ValidationError, match="already has an account"):
        person_invite(email="EXISTING@example.gov.uk", full_name="Again", invited_by=inviter)
    assert not mail.outbox


def test_no_email_goes_when_the_account_is_rolled_back(inviter, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        person_invite(email="new@example.gov.uk", full_name="New", invited_by=inviter)
        raise RuntimeError("the rest of the change was refused")
    assert not User.objects.filter(email="new@example.gov.uk").exists()
    assert not mail.outbox


def test_person_find_matches_username_email_or_full_name_in_any_case(db):
    manager = UserFactory(
        username="tmanager",
        email="t.manager@example.gov.uk",
        first_name="Team",
        last_name="Manager",
    )
    head = UserFactory(username="head", email="hos@example.gov.uk", first_name="Head of Service")
    UserFactory(username="gone", email="gone@example.gov.uk", first_name="Team", is_active=False)
    assert person_find("TEAM MANAGER") == [manager]
    assert person_find("t.manager@EXAMPLE") == [manager]
    assert person_find("tmanager") == [manager]
    assert person_find("head of") == [head]
    assert set(person_find("example.gov.uk")) == {manager, head}
    assert person_find("   ") == []
    assert person_find("nobody") == []


def test_person_find_puts_an_exact_match_first(db):
    UserFactory(username="annex", email="annex@example.gov.uk", first_name="Aaron")
    exact = UserFactory(username="ann", email="ann@example.gov.uk", first_name="Zed")
    assert person_find("ann")[0] == exact
