"""Where uploaded files go on disk. The uploader's file name is never used: it may carry
personal data or path tricks. Migrations refer to these functions by dotted path, so they
live here, below every app, and never move again."""

from __future__ import annotations

import uuid
from typing import Any

from django.utils import timezone


def activity_photo_path(instance: Any, filename: str) -> str:
    return f"activities/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.jpg"


def activity_thumbnail_path(instance: Any, filename: str) -> str:
    return f"activities/{timezone.now():%Y/%m}/thumbs/{uuid.uuid4().hex}.jpg"


def activity_attachment_path(instance: Any, filename: str) -> str:
    return f"attachments/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


def grant_application_attachment_path(instance: Any, filename: str) -> str:
    # A directory of its own: config/media.py serves these only to the committee.
    return f"grant-applications/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


def grant_report_file_path(instance: Any, filename: str) -> str:
    return f"grant-reports/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"
