"""Production hashes passwords slowly; the suite's fast hasher must never leak into it."""

from django.contrib.auth.hashers import check_password, make_password
from django.test import override_settings

from headway.conftest import PRODUCTION_PASSWORD_HASHERS


def test_production_hashes_with_pbkdf2_at_a_million_iterations_or_more():
    with override_settings(PASSWORD_HASHERS=PRODUCTION_PASSWORD_HASHERS):
        hashed = make_password("a-long-test-password-42")
        algorithm, iterations, _salt, _hash = hashed.split("$")
        assert algorithm == "pbkdf2_sha256"
        assert int(iterations) >= 1_000_000
        assert check_password("a-long-test-password-42", hashed)


def test_the_suite_hashes_with_the_fast_hasher():
    assert make_password("a-long-test-password-42").startswith("md5$")
