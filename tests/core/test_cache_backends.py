"""The Redis cache backend survives Redis being down: reads miss, writes do nothing, the
outage is logged once, and after it the cache is emptied of what it may no longer know to be
current (only this portal's keys)."""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid

import pytest

from core.cache_backends import ResilientRedisCache


def _dead_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _live_redis() -> str:
    url = os.environ.get("REDIS_URL", "")
    if not url:
        pytest.skip("needs Redis (REDIS_URL); .ci/run provides it")
    return url


def _backend(url: str, prefix: str | None = None) -> ResilientRedisCache:
    return ResilientRedisCache(url, {"KEY_PREFIX": prefix or f"t-{uuid.uuid4().hex[:8]}"})


def test_a_redis_that_is_down_reads_as_a_miss_and_ignores_writes() -> None:
    cache = _backend(f"redis://127.0.0.1:{_dead_port()}/0")
    assert cache.get("page", "fallback") == "fallback"
    cache.set("page", "html")
    assert cache.add("page", "html") is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.delete("page") is False
    cache.delete_many(["a"])
    cache.clear()
    with pytest.raises(ValueError):
        # core.cache.bump_content_version treats this as "missing" and falls back to set().
        cache.incr("public-content-version")


def test_while_redis_is_down_requests_do_not_wait_for_it() -> None:
    cache = _backend(f"redis://127.0.0.1:{_dead_port()}/0")
    started = time.monotonic()
    for _ in range(200):
        cache.get("page")
    # One refused connection, then the backend leaves Redis alone for a while.
    assert time.monotonic() - started < 1.0
    assert not cache.available


def test_the_outage_is_logged_once(caplog) -> None:
    cache = _backend(f"redis://127.0.0.1:{_dead_port()}/0")
    cache.retry_after = 0
    with caplog.at_level(logging.WARNING, logger="portal.cache"):
        for _ in range(5):
            cache.get("page")
    assert len([r for r in caplog.records if "unavailable" in r.getMessage()]) == 1


def test_clear_removes_only_its_own_prefix() -> None:
    url = _live_redis()
    mine, theirs = _backend(url), _backend(url)
    mine.set("page", "mine")
    theirs.set("page", "theirs")
    mine.clear()
    assert mine.get("page") is None
    assert theirs.get("page") == "theirs"
    theirs.clear()


def test_after_an_outage_the_first_use_empties_what_was_cached_before_it() -> None:
    url = _live_redis()
    cache, neighbour = _backend(url), _backend(url)
    cache.set("page:news", "with the activity that was un-published during the outage")
    neighbour.set("page:news", "another portal's page")
    # As if a call had failed: Redis is reachable again at the next try.
    cache._failed = True
    assert cache.get("page:news") is None
    assert not cache._failed
    cache.set("page:news", "fresh")
    assert cache.get("page:news") == "fresh"
    assert neighbour.get("page:news") == "another portal's page"
    cache.clear()
    neighbour.clear()
