"""The signed-in user and their session are read with plain statements: the same values as
Django's own querysets give, on either database."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.sessions.models import Session
from django.utils import timezone

from headway.accounts.backends import UserBackend
from headway.core.sessions import SessionStore
from headway.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def _fields(user) -> dict:
    return {f.attname: getattr(user, f.attname) for f in get_user_model()._meta.concrete_fields}


def test_the_user_read_is_the_one_django_reads():
    user = UserFactory(job_title="Head of Service <Safeguarding>")
    user.last_login = timezone.now()
    user.save()
    ours = UserBackend().get_user(user.pk)
    assert _fields(ours) == _fields(ModelBackend().get_user(user.pk))
    assert ours.last_login.tzinfo is not None
    assert ours._state.adding is False and ours._state.db == "default"


def test_nobody_for_an_inactive_missing_or_malformed_id():
    user = UserFactory(is_active=False)
    backend = UserBackend()
    assert backend.get_user(user.pk) is None
    assert backend.get_user(user.pk + 1000) is None
    assert backend.get_user("not an id") is None
    assert backend.get_user(str(UserFactory().pk)) is not None  # sessions hold ids as text


def test_a_session_reads_back_and_an_expired_one_is_empty():
    store = SessionStore()
    store["answer"] = {"reference": "1.1 <draft>"}
    store.create()
    assert SessionStore(store.session_key).load() == {"answer": {"reference": "1.1 <draft>"}}
    read = SessionStore(store.session_key)._get_session_from_db()
    assert read.expire_date == Session.objects.get(session_key=store.session_key).expire_date
    assert read.expire_date.tzinfo is not None

    store.set_expiry(timezone.now() - dt.timedelta(seconds=1))
    store.save()
    expired = SessionStore(store.session_key)
    assert expired.load() == {}
    assert expired.session_key is None
