"""Request middleware of Headway's own."""

import logging
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

logger = logging.getLogger(__name__)

# Where the session keeps the time (whole seconds since the epoch) its expiry was last pushed on.
REFRESHED_KEY = "_headway_refreshed"


class IdleSessionMiddleware:
    """Pushes a signed-in session's expiry on as it is used, so it ends after an idle period.

    Django's ``SESSION_SAVE_EVERY_REQUEST`` would do this by writing the session on every request,
    which makes every page view a database write. Here the session is saved (and its expiry moved
    to ``SESSION_COOKIE_AGE`` from now) only when it was last pushed on more than
    ``HEADWAY_SESSION_REFRESH_SECONDS`` ago: a session therefore ends between
    ``SESSION_COOKIE_AGE - HEADWAY_SESSION_REFRESH_SECONDS`` and ``SESSION_COOKIE_AGE`` after its
    last request. Goes after ``SessionMiddleware``; a visitor with no session gets none.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.interval = settings.HEADWAY_SESSION_REFRESH_SECONDS

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # After the view: a sign-in or sign-out has already replaced or emptied the session.
        if session is not None and session.session_key and not session.is_empty():
            now = int(time.time())
            if now - session.get(REFRESHED_KEY, 0) >= self.interval:
                # Changing the session marks it modified; SessionMiddleware, outside this one,
                # saves it with a new expiry and sends the cookie again. A refresh alone may be
                # skipped when the database is busy (``headway.core.sessions``).
                session.refresh_only = not session.modified
                session[REFRESHED_KEY] = now
        return response


def session_signed_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """Signing in saves the session with a full idle period: the next push is due from now."""
    session = getattr(request, "session", None)
    if session is not None:
        session[REFRESHED_KEY] = int(time.time())


class DatabaseBusyMiddleware:
    """A request that gave up waiting for SQLite's one write lock (an upload being applied held
    it for longer than ``SQLITE_BUSY_SECONDS``) is answered "busy, try again" with a 503 and a
    Retry-After, not a server error. Nothing the request was writing was kept: each write it
    makes is its own transaction, and the one that waited is the one that failed."""

    RETRY_SECONDS = 30

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not (isinstance(exception, OperationalError) and "database is locked" in str(exception)):
            return None
        logger.warning(
            "Answered busy: %s %s waited too long for the database", request.method, request.path
        )
        response = render(request, "503.html", {"retry": self.RETRY_SECONDS}, status=503)
        response["Retry-After"] = str(self.RETRY_SECONDS)
        return response
