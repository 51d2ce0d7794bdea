"""Uploaded files, served only to people who may see the record that holds them.

Every ``/media/<name>`` request is looked up: the file must belong to a record (an activity
photo or its thumbnail, an activity attachment, a project's cover image), and that record
must be visible to the visitor. Published activities on public projects and public
projects' covers are public; everything else (drafts, submitted activities, private or
archived projects, every attachment) only reaches staff of an organisation on the project,
through the same access helpers as the staff pages. A file that belongs to nothing is 404.

Django sends the bytes itself by default. Behind nginx, set ``MEDIA_ACCEL_REDIRECT`` (e.g.
``/protected-media/``): Django then only checks and answers with ``X-Accel-Redirect``, and
nginx streams the file from an ``internal`` location (docs/deploying.md). The file layer
lives here, at the top, because it reads records of several apps.
"""

from __future__ import annotations

import mimetypes
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import Q
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
)
from django.utils._os import safe_join
from django.views.decorators.http import require_safe

from communities.access import activities_for_user
from communities.models import Activity, ActivityAttachment, ActivityPhoto
from core.storage import signed_url, uses_object_storage
from core.uploads import PHOTO_ORIGINALS_DIR
from grants.access import committee_programmes_for_user, grants_for_user
from grants.models import ApplicationAttachment, GrantReport
from projects.access import projects_for_user
from projects.models import Project

_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")


def _visible_record(user: Any, name: str) -> bool | None:
    """True when ``user`` may fetch the stored file ``name``, False when it belongs to a
    record they may not see, None when no record holds it."""
    photo = (
        ActivityPhoto.objects.ready()
        .filter(Q(image=name) | Q(thumbnail=name))
        .values_list("activity_id", flat=True)
        .first()
    )
    if photo is not None:
        return (
            Activity.objects.published().filter(pk=photo).exists()
            or activities_for_user(user).filter(pk=photo).exists()
        )
    attachment = ActivityAttachment.objects.filter(file=name).values_list("activity_id", flat=True)
    if attachment.exists():
        # Attachments (minutes, lists of participants) are never shown on public pages.
        return activities_for_user(user).filter(pk__in=attachment).exists()
    application = (
        ApplicationAttachment.objects.filter(file=name)
        .values_list("application__programme_id", flat=True)
        .first()
    )
    if application is not None:
        # Application files (proposals, budgets, registration papers) reach only the
        # programme's committee and its secretariat.
        return committee_programmes_for_user(user).filter(pk=application).exists()
    report = GrantReport.objects.filter(file=name).values_list("grant_id", flat=True).first()
    if report is not None:
        return grants_for_user(user).filter(pk=report).exists()
    cover = Project.objects.filter(cover_image=name).values_list("pk", flat=True).first()
    if cover is not None:
        return (
            Project.objects.public().filter(pk=cover).exists()
            or projects_for_user(user).filter(pk=cover).exists()
        )
    return None


@require_safe
def media_file(request: HttpRequest, name: str) -> HttpResponseBase:
    try:
        # Refuses "../" and absolute names before any lookup.
        safe_join(str(settings.MEDIA_ROOT), name)
    except Exception:  # SuspiciousFileOperation, ValueError
        raise Http404 from None
    if name.startswith(f"{PHOTO_ORIGINALS_DIR}/"):
        # A photo's original, waiting for its job, still carries GPS and camera data: no
        # record makes it visible, to anyone.
        raise Http404
    # Not found and not allowed look the same, so a URL never confirms a private file.
    if not _visible_record(request.user, name) or not default_storage.exists(name):
        raise Http404
    image = name.lower().endswith(_IMAGE_SUFFIXES)
    content_type = (mimetypes.guess_type(name)[0] or "image/jpeg") if image else None
    accel = settings.MEDIA_ACCEL_REDIRECT
    response: HttpResponseBase
    if uses_object_storage():
        # A private bucket: after the check above, a link to the object that expires in
        # MEDIA_SIGNED_URL_SECONDS. Not cached by browsers or proxies, so a revoked record
        # (un-published, made private) stops being reachable when its links expire.
        response = HttpResponseRedirect(
            signed_url(name, download_name="" if image else name.rsplit("/", 1)[-1])
        )
        response["Cache-Control"] = "private, no-store"
        return response
    if accel:
        response = HttpResponse(content_type=content_type or "application/octet-stream")
        response["X-Accel-Redirect"] = accel.rstrip("/") + "/" + quote(name)
    else:
        response = FileResponse(
            default_storage.open(name, "rb"),
            content_type=content_type or "application/octet-stream",
        )
    # A file uploaded as "photo.jpg" that is really HTML must never run as a page.
    response["X-Content-Type-Options"] = "nosniff"
    if not image:
        response["Content-Disposition"] = "attachment"
    return response
