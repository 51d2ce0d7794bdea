"""Photo processing in a background worker (core/jobs.py handlers).

The upload request only checks a photo and stores its original; this job decodes it,
applies the camera's rotation, drops every piece of metadata, writes the sizes the pages
use and deletes the original (activity_services.photo_process)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from communities.activity_services import photo_fail, photo_process
from core.jobs import JobFailed, JobResult, Progress
from core.models import BackgroundJob


def process_photo(job: BackgroundJob, progress: Progress) -> JobResult:
    photo_id = int(job.params["photo_id"])
    progress(0, 1)
    try:
        photo = photo_process(photo_id=photo_id)
    except ValidationError as exc:
        # Passed the request's checks but cannot be decoded (a truncated file): retrying
        # would fail the same way.
        raise JobFailed(" ".join(exc.messages)) from exc
    progress(1)
    if photo is None:
        return JobResult(message=_("The photo was removed before it was processed."))
    return JobResult(message=_("The photo is ready."))


def process_photo_failed(job: BackgroundJob) -> None:
    """The job failed for good: mark the photo failed and delete its original."""
    photo_fail(photo_id=int(job.params["photo_id"]))
