"""Background jobs: start one, run it in a worker, report progress, keep its error.

A job is a ``core.BackgroundJob`` row plus one Celery message carrying its id. The worker
looks up the job's handler by kind in ``settings.BACKGROUND_JOB_HANDLERS`` (dotted paths, so
core imports no domain app) and runs it.

Why every job is safe to run twice: the handler's writes and the job's "finished" mark are
committed in one transaction. A worker killed before that commit leaves nothing behind and
the message goes back to the queue (late acknowledgement); a worker killed after it leaves a
finished job, which a redelivered message skips. Progress is written to the shared cache,
not the database, because the job's own transaction is still open while it runs.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from core.models import BackgroundJob, JobState

logger = logging.getLogger("portal.jobs")

# How often (in rows or steps) a handler's progress reaches the cache at most.
PROGRESS_EVERY = 50


@dataclass
class JobResult:
    """What a handler made: a message for the user, and optionally a file to download."""

    message: str = ""
    file_name: str = ""
    content: bytes | None = None


class Progress(Protocol):
    def __call__(self, done: int, total: int | None = None) -> None: ...


Handler = Callable[[BackgroundJob, Progress], JobResult | None]


class JobFailed(Exception):
    """A failure the user can act on (a bad file, a report with no data): not retried, and
    its message is shown to the user as it is."""


# --- selectors --------------------------------------------------------------------------


def jobs_for_user(user: Any) -> Any:
    """The jobs a user may see: their own; admins see every job."""
    jobs = BackgroundJob.objects.select_related("created_by")
    if user.is_superuser:
        return jobs
    return jobs.filter(created_by=user)


def get_job_for_user(user: Any, pk: Any) -> BackgroundJob:
    """404 for another user's job, the same answer as for a missing one."""
    try:
        return jobs_for_user(user).get(pk=pk)
    except (BackgroundJob.DoesNotExist, ValidationError, ValueError, TypeError):
        # ValidationError: not a UUID.
        raise Http404 from None


def _progress_key(job_id: Any) -> str:
    return f"job-progress:{job_id}"


def live_progress(job: BackgroundJob) -> tuple[int, int]:
    """(done, total) as the worker last reported it; the row's figures once it finished
    or when the cache has nothing (Redis down, eager run)."""
    if not job.finished:
        reported = cache.get(_progress_key(job.pk))
        if reported:
            return reported
    return job.progress, job.total


# --- services ---------------------------------------------------------------------------


def job_start(
    *, kind: str, params: dict[str, Any], created_by: Any, total: int = 0
) -> BackgroundJob:
    """Create the job and queue it once the surrounding transaction has committed (a worker
    must find the row). Without a broker the job runs right then, in this process."""
    if kind not in settings.BACKGROUND_JOB_HANDLERS:
        raise ValueError(f"Unknown job kind {kind!r}")
    job = BackgroundJob(kind=kind, params=params, created_by=created_by, total=total)
    job.full_clean()
    with transaction.atomic():
        job.save()
        transaction.on_commit(lambda: enqueue(job.pk))
    return job


def enqueue(job_id: Any) -> None:
    from core.tasks import run_background_job

    try:
        run_background_job.delay(str(job_id))
    except Exception as exc:  # kombu's OperationalError: the broker (Redis) is unreachable
        logger.error("Could not queue background job %s: %s", job_id, exc)
        job_fail(
            job_id=job_id,
            error=JobFailed(
                _(
                    "The job could not be started: the job queue is unreachable. Nothing was "
                    "saved; please try again in a few minutes."
                )
            ),
        )


def _mark_running(job_id: Any) -> BackgroundJob | None:
    with transaction.atomic():
        job = BackgroundJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.finished:
            # Redelivered after it finished (the worker died between commit and ack):
            # nothing to do, which is what makes the task idempotent.
            return None
        job.state = JobState.RUNNING
        job.attempts += 1
        job.started_at = job.started_at or timezone.now()
        job.save(update_fields=["state", "attempts", "started_at"])
        return job


def run_job(job_id: Any) -> BackgroundJob | None:
    """Run one job to the end. Raises whatever the handler raised (the task decides
    whether to retry); returns None when the job had already finished."""
    job = _mark_running(job_id)
    if job is None:
        return None
    handler: Handler = import_string(settings.BACKGROUND_JOB_HANDLERS[job.kind])
    last: dict[str, int] = {"done": -PROGRESS_EVERY}

    def progress(done: int, total: int | None = None) -> None:
        if total is not None:
            job.total = total
        if done - last["done"] >= PROGRESS_EVERY or done == job.total:
            last["done"] = done
            cache.set(_progress_key(job.pk), (done, job.total), timeout=60 * 60)

    with transaction.atomic():
        result = handler(job, progress) or JobResult()
        locked = BackgroundJob.objects.select_for_update().get(pk=job.pk)
        if locked.finished:
            # Another delivery finished it meanwhile; this transaction's writes must go.
            transaction.set_rollback(True)
            return locked
        locked.state = JobState.DONE
        locked.total = job.total
        locked.progress = job.total
        locked.message = result.message
        locked.finished_at = timezone.now()
        if result.content is not None:
            locked.result_name = result.file_name
            locked.result_file.save(result.file_name, ContentFile(result.content), save=False)
        locked.full_clean()
        locked.save()
    cache.delete(_progress_key(job.pk))
    return locked


def job_fail(*, job_id: Any, error: BaseException) -> None:
    """Record the failure for admins (error with traceback) and for the user (state)."""
    if isinstance(error, JobFailed):
        text = str(error)
    else:
        text = "".join(traceback.format_exception(error)).strip() or repr(error)
    logger.error("Background job %s failed: %s", job_id, text.splitlines()[-1] if text else "")
    failed = (
        BackgroundJob.objects.filter(pk=job_id)
        .exclude(state=JobState.DONE)
        .update(state=JobState.FAILED, error=text[:20_000], finished_at=timezone.now())
    )
    cache.delete(_progress_key(job_id))
    if failed:
        _after_failure(job_id)


def _after_failure(job_id: Any) -> None:
    """Let the job's domain clean up after a failure for good (a photo job marks its photo
    failed and deletes the original), through ``BACKGROUND_JOB_FAILURE_HANDLERS``."""
    job = BackgroundJob.objects.filter(pk=job_id).first()
    path = getattr(settings, "BACKGROUND_JOB_FAILURE_HANDLERS", {}).get(job.kind) if job else None
    if job is None or path is None:
        return
    try:
        import_string(path)(job)
    except Exception:
        # The failure itself is recorded already; this clean-up must not hide it.
        logger.exception("Clean-up after failed background job %s failed", job_id)
