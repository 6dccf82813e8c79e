"""Every HTML page carries strict security headers in production, and no inline script."""

import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

from headway.testing.factories import TEST_PASSWORD, OutcomeAreaFactory

from .production import ROOT, production_environment, production_settings

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)


@pytest.fixture
def production():
    values = production_settings()
    with override_settings(**values, ALLOWED_HOSTS=["testserver"]):
        yield values


def pages(plan, lead):
    OutcomeAreaFactory(plan=plan, number=1)
    return [
        ("anonymous", reverse("login")),
        ("anonymous", reverse("admin:login")),
        ("anonymous", "/no-such-page/"),
        ("lead", reverse("home")),
        ("lead", reverse("plans:plan", kwargs={"slug": plan.slug})),
        ("lead", reverse("plans:actions", kwargs={"slug": plan.slug})),
    ]


def test_production_settings_are_strict(production):
    assert production["DEBUG"] is False
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_HSTS_SECONDS"] >= 31536000
    assert production["SESSION_COOKIE_SECURE"] and production["CSRF_COOKIE_SECURE"]
    # Idle expiry without a database write on every request: see test_sessions_and_lockout.
    assert production["SESSION_SAVE_EVERY_REQUEST"] is False
    assert "headway.core.middleware.IdleSessionMiddleware" in production["MIDDLEWARE"]
    assert 0 < production["HEADWAY_SESSION_REFRESH_SECONDS"] < production["SESSION_COOKIE_AGE"]


def test_every_html_page_carries_the_security_headers(client, production, plan, lead):
    for who, url in pages(plan, lead):
        if who == "lead":
            client.force_login(lead)
        response = client.get(url, secure=True)

        assert response["Content-Type"].startswith("text/html"), url
        assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        policy = dict(
            [*directive.split(" ", 1), ""][:2]
            for directive in response["Content-Security-Policy"].split("; ")
        )
        assert policy["default-src"] == "'self'"
        assert policy["script-src"] == "'self'"
        assert policy["frame-ancestors"] == "'none'"
        assert policy["object-src"] == "'none'"
        assert "unsafe-inline" not in response["Content-Security-Policy"]
        assert "unsafe-eval" not in response["Content-Security-Policy"]
        # The pages need no inline script, so the policy breaks nothing.
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), url
        assert not EVENT_HANDLER.search(html), url


def test_plain_http_is_redirected_to_https_but_the_health_check_is_not(client, production):
    login = client.get(reverse("login"))
    health = client.get(reverse("healthz"))

    assert login.status_code == 301
    assert login["Location"] == "https://testserver/accounts/login/"
    assert health.status_code == 200


def test_cookies_are_secure_and_http_only_in_production(client, production, lead):
    response = client.post(
        reverse("login"), {"username": "lead", "password": TEST_PASSWORD}, secure=True
    )

    assert response.status_code == 302
    session_cookie = response.cookies["sessionid"]
    assert session_cookie["secure"] is True
    assert session_cookie["httponly"] is True
    assert session_cookie["max-age"] == production["SESSION_COOKIE_AGE"]
    assert client.session["_auth_user_id"] == str(lead.pk)


def test_check_deploy_passes_in_production_mode():
    with tempfile.TemporaryDirectory() as data_dir:
        completed = subprocess.run(
            [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
            cwd=ROOT,
            env=production_environment(Path(data_dir)),
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "System check identified no issues" in completed.stdout


def test_production_refuses_to_start_without_a_real_secret_key():
    with tempfile.TemporaryDirectory() as data_dir:
        env = production_environment(Path(data_dir))
        del env["SECRET_KEY"]
        completed = subprocess.run(
            [sys.executable, "manage.py", "check"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    assert completed.returncode != 0
    assert "SECRET_KEY must be set to a real secret" in completed.stderr
