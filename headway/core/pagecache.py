"""Whole pages cached for the person who asked for them, keyed by the content stamp.

A reader who comes back to a page (the plan page during a committee, the actions list while
working through it) is answered from the cache when nothing has changed since: the key holds the
content stamp (``headway.core.changes``), the user, the day and the address with its query, so
any change to any record, to the user or to their roles makes a new key, and a new day does too
(overdue milestones). Nothing per request is stored: the form token in the page is taken out
before the page is stored and this request's own is put in when it is served. A request with a
message to show (a "saved" banner) is neither served from nor stored in the cache.

The page's own costly parts (the plan's summary, an action's history) are cached too, shared by
everyone who may see them, so the first view of a page by each person is quick as well.
"""

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone

from .changes import content_stamp

# How long an unchanged page is kept; a change makes a new key long before this.
PAGE_SECONDS = 600

_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')
# Cannot occur in a page: HTML carries no NUL characters.
_TOKEN_PLACEHOLDER = b"\x00headway-form-token\x00"


def request_stamp(request: HttpRequest) -> str:
    """The content stamp as this request first read it (one query, once a request). Read it
    before anything it keys: a change landing later then shows on the next request."""
    stamp = getattr(request, "_headway_stamp", None)
    if stamp is None:
        stamp = content_stamp()
        request._headway_stamp = stamp  # type: ignore[attr-defined]
    return stamp


def _page_key(request: HttpRequest, stamp: str, today: dt.date) -> str:
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"headway:page:{stamp}:{request.user.pk}:{today.isoformat()}:{address}"


ViewFunction = Callable[..., HttpResponse]


def cached_page(
    today: Callable[[], dt.date] = timezone.localdate,
) -> Callable[[ViewFunction], ViewFunction]:
    """Serve a signed-in reader's page from the cache when nothing has changed (goes inside
    ``login_required``). Only a 200 answer to a GET is stored. ``today`` is the date the
    view itself goes by."""

    def decorator(view: ViewFunction) -> ViewFunction:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            return _serve(request, view, today(), *args, **kwargs)

        return wrapped

    return decorator


def _serve(
    request: HttpRequest, view: ViewFunction, today: dt.date, *args: Any, **kwargs: Any
) -> HttpResponse:
    stamp = request_stamp(request)
    if request.method != "GET" or len(get_messages(request)):
        return view(request, *args, **kwargs)
    key = _page_key(request, stamp, today)
    stored = cache.get(key)
    if stored is not None:
        content_type, body = stored
        return HttpResponse(_with_token(body, request), content_type=content_type)
    response = view(request, *args, **kwargs)
    if response.status_code == 200 and not response.streaming:
        cache.set(key, (response["Content-Type"], _without_token(response.content)), PAGE_SECONDS)
    return response


def _without_token(body: bytes) -> bytes:
    return _TOKEN.sub(b'name="csrfmiddlewaretoken" value="' + _TOKEN_PLACEHOLDER + b'"', body)


def _with_token(body: bytes, request: HttpRequest) -> bytes:
    if _TOKEN_PLACEHOLDER not in body:
        return body
    return body.replace(_TOKEN_PLACEHOLDER, get_token(request).encode())
