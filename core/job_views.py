"""Staff pages of a background job: its progress (polled by htmx), its result, its file."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.jobs import get_job_for_user, live_progress
from core.models import JobState
from core.staff import staff_login_required
from core.storage import signed_url, uses_object_storage


@staff_login_required
@require_safe
def job_detail(request: HttpRequest, pk: str) -> HttpResponse:
    job = get_job_for_user(request.user, pk)
    done, total = live_progress(job)
    context = {
        "job": job,
        "done": done,
        "total": total,
        "percent": min(100, round(100 * done / total)) if total else None,
        "back_url": job.params.get("back_url", ""),
    }
    template = "core/_job_status.html" if getattr(request, "htmx", False) else "core/job.html"
    response = render(request, template, context)
    # The page changes while the job runs: never from a cache.
    response["Cache-Control"] = "no-store"
    return response


@staff_login_required
@require_safe
def job_download(request: HttpRequest, pk: str) -> HttpResponseBase:
    job = get_job_for_user(request.user, pk)
    name = job.result_file.name if job.result_file else None
    if job.state != JobState.DONE or not name:
        raise Http404
    if uses_object_storage():
        # Checked above; the bytes come from the store through a link that expires soon.
        return HttpResponseRedirect(signed_url(name, download_name=job.result_name))
    response = FileResponse(
        default_storage.open(name, "rb"), as_attachment=True, filename=job.result_name
    )
    response["Cache-Control"] = "private, no-store"
    return response
