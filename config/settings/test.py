"""pytest: fast hashing, plain static storage so the live server finds files."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import STORAGES, env

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", default=tempfile.mkdtemp(prefix="portal-media-")))
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if REDIS_URL:  # noqa: F405
    # CI: the suite's cache is the real Redis. Each xdist worker (and each run) has its own
    # key prefix, and the backend's clear() deletes only that prefix.
    CACHES = {
        "default": {
            "BACKEND": "core.cache_backends.ResilientRedisCache",
            "LOCATION": REDIS_URL,  # noqa: F405
            "KEY_PREFIX": f"test-{os.getpid()}-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The same session engine with and without Redis, so the query counts the suite asserts are
# the same on every machine; tests/scaleout runs the production engine (cached_db) for real.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Jobs run in the test's own process; tests/scaleout drives a real worker.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://"
AXES_ENABLED = True
LOGGING = {"version": 1, "disable_existing_loggers": False}

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # A test database needs no durability: commits stop waiting for the WAL flush, which the
    # transactional tests (browser, backup, migrations) pay on every row they commit and on
    # the flush after each of them.
    _options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    _options["options"] = f"{_options.get('options', '')} -c synchronous_commit=off".strip()

# A query-count test that grows its data for over a minute on a loaded machine would otherwise
# see the idle-timeout touch save the session again and count its queries; the middleware's
# own test reads this value, so the touch is still tested.
SESSION_TOUCH_SECONDS = 3600
# Most tests read a stored photo right after the request, inside a transaction that never
# commits (so on_commit jobs never run): photos are processed in the request there, through
# the same photo_process(). tests/communities/test_photo_jobs.py turns the job on.
PHOTOS_IN_BACKGROUND = False
