"""Benchmarks: production-like, plus a per-request query count header for the harness."""

from .base import *  # noqa: F403
from .base import MIDDLEWARE

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
QUERY_COUNT_HEADER = True
# Adds the no-query floor view the harness compares every page with.
ROOT_URLCONF = "config.bench_urls"
MIDDLEWARE = ["core.middleware.QueryCountHeaderMiddleware", *MIDDLEWARE]
LOGGING = {"version": 1, "disable_existing_loggers": False}
