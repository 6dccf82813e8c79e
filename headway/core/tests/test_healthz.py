"""/healthz answers JSON without signing in or a session, and says when the database is down."""

import pytest
from django.contrib.sessions.models import Session
from django.db import DatabaseError
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_reports_ok_without_signing_in_or_making_a_session(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]
    assert "sessionid" not in response.cookies
    assert Session.objects.count() == 0


def test_healthz_runs_one_query(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        client.get(reverse("healthz"))


def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch, caplog):
    from django.db.backends.utils import CursorWrapper

    def unavailable(self, sql, params=None):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", unavailable)

    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}
    assert "the database did not answer" in caplog.text


def test_healthz_answers_get_and_head_only(client):
    assert client.head(reverse("healthz")).status_code == 200
    assert client.post(reverse("healthz")).status_code == 405
