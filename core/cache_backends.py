"""The shared Redis cache, made safe to lose.

Django's built-in ``RedisCache`` raises when Redis is unreachable, and every page reads the
cache, so a Redis outage would take the whole portal down although PostgreSQL holds every
record. ``ResilientRedisCache`` turns a connection failure into a cache miss (reads) or a
no-op (writes), logs it once per outage, and then leaves Redis alone for
``RETRY_AFTER_SECONDS`` so each request does not pay a connect timeout: the portal serves
pages from the database, slower but up.

An outage also means invalidations were lost: a publish or un-publish during it could not
bump the public content version, and a logout could not drop the cached session. So the
first process that reaches Redis again after seeing it fail empties the cache (only this
portal's keys when ``KEY_PREFIX`` is set) before using it: nothing stored before or during
the outage is served afterwards.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger("portal.cache")

T = TypeVar("T")

try:  # redis is a runtime requirement, but settings without Redis must still import this.
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    UNAVAILABLE: tuple[type[BaseException], ...] = (
        RedisConnectionError,
        RedisTimeoutError,
        ConnectionError,
        TimeoutError,
        OSError,
    )
except ImportError:  # pragma: no cover
    UNAVAILABLE = (ConnectionError, TimeoutError, OSError)

# Connecting to a Redis that is down must cost milliseconds, not the default of seconds.
DEFAULT_SOCKET_TIMEOUT = 0.25


class ResilientRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS") or {})
        options.setdefault("socket_connect_timeout", DEFAULT_SOCKET_TIMEOUT)
        options.setdefault("socket_timeout", DEFAULT_SOCKET_TIMEOUT)
        options.setdefault("retry_on_timeout", False)
        super().__init__(server, {**params, "OPTIONS": options})
        self.retry_after = float(params.get("RETRY_AFTER_SECONDS", 2.0))
        self._down_until = 0.0
        self._failed = False
        self._lock = threading.Lock()

    # --- outage bookkeeping ---------------------------------------------------------------

    @property
    def available(self) -> bool:
        """False while this process waits before trying an unreachable Redis again."""
        return time.monotonic() >= self._down_until

    def _call(self, operation: Callable[[], T], default: T) -> T:
        if not self.available:
            return default
        try:
            if self._failed:
                self._recover()
            return operation()
        except UNAVAILABLE as exc:
            with self._lock:
                if not self._failed:
                    logger.warning("Redis cache unavailable, serving from the database: %s", exc)
                self._failed = True
                self._down_until = time.monotonic() + self.retry_after
            return default

    def _recover(self) -> None:
        with self._lock:
            if not self._failed:
                return
            # Raises UNAVAILABLE if Redis is still down: the caller counts that as a failure.
            self._clear_own_keys()
            self._failed = False
            logger.warning("Redis cache reachable again; emptied it of entries from before")

    def _clear_own_keys(self) -> None:
        client = self._cache.get_client(write=True)
        if not self.key_prefix:
            # The database of a cache URL without a prefix belongs to the portal alone
            # (docs/deploying.md).
            client.flushdb()
            return
        batch: list[bytes] = []
        for key in client.scan_iter(match=f"{self.key_prefix}:*", count=1000):
            batch.append(key)
            if len(batch) >= 1000:
                client.delete(*batch)
                batch.clear()
        if batch:
            client.delete(*batch)

    # --- the cache API, each call guarded -------------------------------------------------

    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> bool:
        return self._call(lambda: RedisCache.add(self, key, value, timeout, version), False)

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        return self._call(lambda: RedisCache.get(self, key, default, version), default)

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> None:
        self._call(lambda: RedisCache.set(self, key, value, timeout, version), None)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> bool:
        return self._call(lambda: RedisCache.touch(self, key, timeout, version), False)

    def delete(self, key: Any, version: Any = None) -> bool:
        return self._call(lambda: RedisCache.delete(self, key, version), False)

    def get_many(self, keys: Any, version: Any = None) -> dict[Any, Any]:
        return self._call(lambda: RedisCache.get_many(self, keys, version), {})

    def has_key(self, key: Any, version: Any = None) -> bool:
        return self._call(lambda: RedisCache.has_key(self, key, version), False)

    def incr(self, key: Any, delta: int = 1, version: Any = None) -> int:
        missing: Any = object()
        result = self._call(lambda: RedisCache.incr(self, key, delta, version), missing)
        if result is missing:
            # Callers treat ValueError as "missing key" and fall back to set(), a no-op too
            # while Redis is down; the recovery empties what this would have invalidated.
            raise ValueError(f"Key '{key}' not found (cache unavailable)")
        return result

    def set_many(self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> list[Any]:
        return self._call(lambda: RedisCache.set_many(self, data, timeout, version), list(data))

    def delete_many(self, keys: Any, version: Any = None) -> None:
        self._call(lambda: RedisCache.delete_many(self, keys, version), None)

    def clear(self) -> None:
        """Only this portal's keys when a prefix is set: tests, CI runs and several portals
        may share one Redis database."""
        self._call(self._clear_own_keys, None)
