"""create_api_token prints a token that authenticates the user."""

import io

import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


def _run(*args) -> str:
    out = io.StringIO()
    call_command("create_api_token", *args, stdout=out)
    return out.getvalue().strip()


def test_prints_a_working_token_and_the_same_one_again(reader, plan):
    key = _run("reader")
    assert Token.objects.get(user=reader).key == key
    assert _run("reader") == key
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/plans/").json()["count"] == 1


def test_reset_replaces_the_token(reader):
    first = _run("reader")
    second = _run("reader", "--reset")
    assert first != second
    assert list(Token.objects.filter(user=reader).values_list("key", flat=True)) == [second]


def test_unknown_user_is_an_error(db):
    with pytest.raises(CommandError, match="no user"):
        _run("nobody")
    assert Token.objects.count() == 0
