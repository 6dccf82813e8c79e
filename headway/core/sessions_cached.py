"""Sessions in the database, read through the shared cache (Redis): the engine when
``REDIS_URL`` is set. Every server shares the cache, so a session ended on one (signing out) is
ended on all; a Redis that stops answering leaves sessions read from the database."""

from django.contrib.sessions.backends.cached_db import SessionStore as CachedDatabaseSessionStore

from .sessions import ReadInOneStatement, RefreshGivesWay


class SessionStore(ReadInOneStatement, RefreshGivesWay, CachedDatabaseSessionStore):
    pass
