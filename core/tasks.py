"""The one Celery task behind every background job (core/jobs.py)."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.db import InterfaceError, OperationalError

from core.jobs import JobFailed, job_fail, run_job

try:
    from redis.exceptions import ConnectionError as RedisConnectionError
except ImportError:  # pragma: no cover
    RedisConnectionError = ConnectionError  # type: ignore[misc,assignment]  # a stand-in class when redis is absent

# Failures that pass by themselves (the database restarting, a dropped connection): retried
# with growing pauses. Anything else is a bug or bad input, and retrying would repeat it.
TRANSIENT = (OperationalError, InterfaceError, RedisConnectionError, ConnectionError)
MAX_RETRIES = 5


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=MAX_RETRIES)
def run_background_job(self: Any, job_id: str) -> None:
    try:
        run_job(job_id)
    except JobFailed as exc:
        job_fail(job_id=job_id, error=exc)
    except TRANSIENT as exc:
        if self.request.retries >= MAX_RETRIES:
            job_fail(job_id=job_id, error=exc)
            return
        # 2, 4, 8, 16, 32 s: long enough for a database restart or fail-over.
        raise self.retry(exc=exc, countdown=2 ** (self.request.retries + 1)) from exc
    except Exception as exc:
        job_fail(job_id=job_id, error=exc)
