"""Sessions in the database, whose idle refresh gives way to a busy database.

``IdleSessionMiddleware`` pushes a session's expiry on about once a minute while it is used. When
that is the only change to the session, losing it costs nothing (the next request makes it), so
it must not cost the reader their page: on SQLite, where a long import's transaction holds the
one write lock, the refresh waits at most ``REFRESH_WAIT_MS`` for it instead of the database's
busy timeout, and a refresh that cannot be written is skipped rather than answered with
Django's "session interrupted" 400. Any other change to a session is saved as Django saves it.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router

logger = logging.getLogger(__name__)

REFRESH_WAIT_MS = 200


class SessionStore(DatabaseSessionStore):
    #: Set by IdleSessionMiddleware when the expiry is all that changed.
    refresh_only = False

    def save(self, must_create: bool = False) -> None:
        if must_create or not self.refresh_only:
            super().save(must_create)
            return
        try:
            with _short_wait_for_the_lock(router.db_for_write(self.model)):
                super().save(must_create)
        except UpdateError:
            logger.info("A session's idle refresh was skipped: the database was busy.")


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
