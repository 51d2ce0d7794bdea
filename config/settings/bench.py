"""Benchmarks: production-like, plus a per-request query count header for the harness."""

import os

from .base import *  # noqa: F403
from .base import MIDDLEWARE

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
QUERY_COUNT_HEADER = True
# Adds the no-query floor view and the write endpoint the harness uses.
ROOT_URLCONF = "config.bench_urls"
MIDDLEWARE = ["core.middleware.QueryCountHeaderMiddleware", *MIDDLEWARE]
LOGGING = {"version": 1, "disable_existing_loggers": False}

# "Cache off" mode of bench/run.py: a server whose cache stores nothing, so every request
# computes its page from the database — the path of a new search, a new filter or the first
# view after any save.
if os.environ.get("BENCH_CACHE_OFF") == "1":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

# The harness sets a random secret per run; without it the write endpoint does not exist.
BENCH_WRITE_SECRET = os.environ.get("BENCH_WRITE_SECRET", "")
