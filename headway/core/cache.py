"""A shared cache on Redis that a Redis outage degrades to no cache, never to an error page.

Headway caches only what it can compute again (the plan page's sections, the summary API's
JSON, sessions read through to the database), keyed by fingerprints of the data they show. So
when Redis stops answering, every read is a miss and every write is skipped: pages are computed,
sessions are read from the database, and nobody sees an error. After a failure the cache rests
for ``RETRY_SECONDS`` before trying Redis again, so a dead server costs one short timeout per
process, not one per request.
"""

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
T = TypeVar("T")

RETRY_SECONDS = 30.0
_MISSING = object()


class ResilientRedisCache(RedisCache):
    def __init__(self, server: Any, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._resting_until = 0.0
        self._lock = threading.Lock()

    def _try(self, operation: Callable[[], T], fallback: T) -> T:
        if time.monotonic() < self._resting_until:
            return fallback
        try:
            return operation()
        except (RedisError, OSError) as exc:
            with self._lock:
                self._resting_until = time.monotonic() + RETRY_SECONDS
            logger.warning(
                "The shared cache did not answer (%s); pages are computed without it for %.0f s.",
                exc.__class__.__name__,
                RETRY_SECONDS,
            )
            return fallback

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(lambda: RedisCache.add(self, key, value, timeout, version), False)

    def get(self, key, default=None, version=None):
        return self._try(lambda: RedisCache.get(self, key, default, version), default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._try(lambda: RedisCache.set(self, key, value, timeout, version), None)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(lambda: RedisCache.touch(self, key, timeout, version), False)

    def delete(self, key, version=None):
        return self._try(lambda: RedisCache.delete(self, key, version), False)

    def get_many(self, keys, version=None):
        return self._try(lambda: RedisCache.get_many(self, keys, version), {})

    def has_key(self, key, version=None):
        return self._try(lambda: RedisCache.has_key(self, key, version), False)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(lambda: RedisCache.set_many(self, data, timeout, version), list(data))

    def delete_many(self, keys, version=None):
        self._try(lambda: RedisCache.delete_many(self, keys, version), None)

    def clear(self):
        """Delete Headway's keys only (those under its KEY_PREFIX), not the whole Redis
        database, which other applications or servers' test runs may share."""
        if not self.key_prefix:
            return self._try(lambda: RedisCache.clear(self), False)
        return self._try(self._clear_prefix, False)

    def _clear_prefix(self) -> bool:
        client = self._cache.get_client(write=True)
        batch = []
        for key in client.scan_iter(match=f"{self.key_prefix}:*", count=500):
            batch.append(key)
            if len(batch) >= 500:
                client.delete(*batch)
                batch.clear()
        if batch:
            client.delete(*batch)
        return True


class ProcessAndFileCache(BaseCache):
    """One server's cache without Redis: each process's memory in front of files that every
    process of the server shares (``LOCATION``, a folder).

    Everything Headway caches is keyed by the content stamp, so the value under a key never
    changes: a process may keep what it read from the files without asking again, and what one
    worker computed serves the others, and a worker that was just restarted. Reading the files
    costs about 0.3 ms, memory 0.02 ms.
    """

    def __init__(self, location: str, params: dict[str, Any]) -> None:
        super().__init__(params)
        shared = {k: v for k, v in params.items() if k in ("TIMEOUT", "KEY_PREFIX", "VERSION")}
        options = params.get("OPTIONS", {})
        self._memory = LocMemCache(f"headway:{location}", {**shared, "OPTIONS": options})
        self._files = FileBasedCache(location, {**shared, "OPTIONS": options})

    def get(self, key, default=None, version=None):
        value = self._memory.get(key, _MISSING, version)
        if value is _MISSING:
            value = self._files.get(key, _MISSING, version)
            if value is _MISSING:
                return default
            self._memory.set(key, value, version=version)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._files.set(key, value, timeout, version)
        self._memory.set(key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if not self._files.add(key, value, timeout, version):
            return False
        self._memory.set(key, value, timeout, version)
        return True

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        self._memory.touch(key, timeout, version)
        return self._files.touch(key, timeout, version)

    def delete(self, key, version=None):
        in_memory = self._memory.delete(key, version)
        return self._files.delete(key, version) or in_memory

    def has_key(self, key, version=None):
        return self._memory.has_key(key, version) or self._files.has_key(key, version)

    def clear(self):
        """Empties the files and this process's memory (another process's memory keeps its
        copies, which is harmless: a key's value never changes)."""
        self._memory.clear()
        self._files.clear()
