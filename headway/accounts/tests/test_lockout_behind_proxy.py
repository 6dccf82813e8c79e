"""Behind an HTTPS proxy, sign-in throttling counts each client's failures at its own address.

REMOTE_ADDR is the proxy for everybody; the client's address is the one the trusted proxies
appended to X-Forwarded-For (HEADWAY_TRUSTED_PROXIES of them), never one the client wrote itself.
"""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from headway.accounts.client_address import client_address
from headway.testing.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
CLIENT_X = "203.0.113.5"
CLIENT_Y = "198.51.100.7"


def _through_proxy(forwarded_for: str) -> Client:
    """A browser behind the proxy: the proxy connects, and sends on X-Forwarded-For."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)


def _sign_in(client: Client, password: str):
    return client.post(reverse("login"), {"username": "lead", "password": password})


@override_settings(HEADWAY_TRUSTED_PROXIES=1)
def test_one_clients_failures_do_not_lock_the_lead_out_from_another_client(lead):
    attacker = _through_proxy(CLIENT_X)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(attacker, "wrong-password")

    assert _sign_in(attacker, TEST_PASSWORD).status_code == 429
    the_lead = _through_proxy(CLIENT_Y)
    response = _sign_in(the_lead, TEST_PASSWORD)

    assert response.status_code == 302
    assert the_lead.session["_auth_user_id"] == str(lead.pk)
    # The attacker's failures are on record at the attacker's address only.
    assert list(AccessAttempt.objects.values_list("ip_address", "username")) == [(CLIENT_X, "lead")]


@override_settings(HEADWAY_TRUSTED_PROXIES=1)
def test_a_forged_forwarded_for_cannot_pick_the_address(lead):
    # The attacker writes the lead's address (and more) into the header; the proxy appends the
    # address it really saw, which is the only one trusted with one proxy.
    for n in range(settings.AXES_FAILURE_LIMIT):
        forged = _through_proxy(f"{CLIENT_Y}, 192.0.2.{n}, {CLIENT_X}")
        _sign_in(forged, "wrong-password")

    # Rotating the forged addresses did not spread the failures: the attacker is locked out...
    assert _sign_in(_through_proxy(f"192.0.2.99, {CLIENT_X}"), TEST_PASSWORD).status_code == 429
    # ...and the lead, at the address the attacker named, is not.
    assert _sign_in(_through_proxy(CLIENT_Y), TEST_PASSWORD).status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {CLIENT_X}


def test_without_trusted_proxies_the_forwarded_header_is_ignored(lead):
    assert settings.HEADWAY_TRUSTED_PROXIES == 0
    _sign_in(_through_proxy(CLIENT_X), "wrong-password")
    _sign_in(_through_proxy(CLIENT_Y), "wrong-password")

    attempt = AccessAttempt.objects.get()
    assert (attempt.ip_address, attempt.failures_since_start) == (PROXY, 2)


class _Request:
    def __init__(self, remote_addr: str, forwarded_for: str | None) -> None:
        self.META = {"REMOTE_ADDR": remote_addr}
        if forwarded_for is not None:
            self.META["HTTP_X_FORWARDED_FOR"] = forwarded_for


@pytest.mark.parametrize(
    ("trusted", "forwarded_for", "expected"),
    [
        (0, f"{CLIENT_Y}, {CLIENT_X}", PROXY),
        (1, CLIENT_X, CLIENT_X),
        (1, f"{CLIENT_Y},{CLIENT_X}", CLIENT_X),
        # Two proxies: the outer one appended the client, the inner one the outer proxy.
        (2, f"{CLIENT_Y}, {CLIENT_X}, 10.0.0.1", CLIENT_X),
        (1, "2001:db8::1", "2001:db8::1"),
        # Fewer addresses than proxies, or a garbled one: the request did not come through the
        # proxies as configured, so the address that really connected is used.
        (2, CLIENT_X, PROXY),
        (1, None, PROXY),
        (1, "", PROXY),
        (1, f"{CLIENT_X}, not-an-address", PROXY),
    ],
)
def test_the_client_address_is_the_nth_from_the_right(trusted, forwarded_for, expected):
    with override_settings(HEADWAY_TRUSTED_PROXIES=trusted):
        assert client_address(_Request(PROXY, forwarded_for)) == expected
