"""Sessions in the database, whose idle refresh gives way to a busy database.

``IdleSessionMiddleware`` pushes a session's expiry on about once a minute while it is used. When
that is the only change to the session, losing it costs nothing (the next request makes it), so
it must not cost the reader their page: on SQLite, where a long import's transaction holds the
one write lock, the refresh waits at most ``REFRESH_WAIT_MS`` for it instead of the database's
busy timeout, and a refresh that cannot be written is skipped rather than answered with
Django's "session interrupted" 400. Any other change to a session is saved as Django saves it.
"""

import datetime as dt
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, router
from django.utils import timezone

logger = logging.getLogger(__name__)

REFRESH_WAIT_MS = 200


class RefreshGivesWay:
    """For a database session store: a save that only refreshes the expiry gives way to a busy
    database."""

    #: Set by IdleSessionMiddleware when the expiry is all that changed.
    refresh_only = False

    def save(self, must_create: bool = False) -> None:
        if must_create or not self.refresh_only:
            super().save(must_create)  # type: ignore[misc]
            return
        try:
            with _short_wait_for_the_lock(router.db_for_write(self.model)):  # type: ignore[attr-defined]
                super().save(must_create)  # type: ignore[misc]
        except UpdateError:
            logger.info("A session's idle refresh was skipped: the database was busy.")


class ReadInOneStatement:
    """For a database session store: reads the session with one plain statement. Every signed-in
    request reads its session, and on a small server compiling Django's queryset for it costs
    more than the database takes to answer (0.9 ms against 0.3 ms on PostgreSQL)."""

    def _get_session_from_db(self) -> Any:
        model = self.model  # type: ignore[attr-defined]
        connection = connections[router.db_for_read(model)]
        with connection.cursor() as cursor:
            cursor.execute(_session_statement(model), [self.session_key, timezone.now()])  # type: ignore[attr-defined]
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return model(
            session_key=self.session_key,  # type: ignore[attr-defined]
            session_data=row[0],
            expire_date=_aware(row[1]),
        )


def _aware(value: Any) -> dt.datetime:
    """A stored time as the ORM would give it: SQLite keeps UTC times without their zone."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if settings.USE_TZ and timezone.is_naive(value):
        value = value.replace(tzinfo=dt.UTC)
    return value


@cache
def _session_statement(model: Any) -> str:
    """The queryset's own SQL, made once: the session's data and expiry, by key, unexpired."""
    key, now = "\x00key", timezone.now()
    query = model.objects.filter(session_key=key).filter(expire_date__gt=now)
    sql, params = (
        query.values_list("session_data", "expire_date").order_by().query.sql_with_params()
    )
    if len(params) != 2 or params[0] != key:  # the order the caller passes them in
        raise ImproperlyConfigured(f"Unexpected session statement: {sql}")
    return sql


class SessionStore(ReadInOneStatement, RefreshGivesWay, DatabaseSessionStore):
    """Sessions in the database (each server process with its own cache shares nothing, so
    sessions are not cached; with Redis, ``headway.core.sessions_cached`` reads through it)."""


@contextmanager
def _short_wait_for_the_lock(alias: str) -> Iterator[None]:
    connection = connections[alias]
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        (previous,) = cursor.fetchone()
        cursor.execute(f"PRAGMA busy_timeout = {REFRESH_WAIT_MS}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {int(previous)}")
