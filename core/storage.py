"""Where a checked file's bytes come from: the local disk, or a signed, expiring link into the
object store.

With media on S3-compatible storage (django-storages, docs/deploying.md) the bucket is
private; after the portal has checked that the visitor may see the record, it answers with a
redirect to a link that expires after ``MEDIA_SIGNED_URL_SECONDS``. A copied link is dead
minutes later. On the local disk there are no links: the file is streamed (or handed to nginx
with X-Accel-Redirect).
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import default_storage


def uses_object_storage() -> bool:
    try:
        default_storage.path("probe")
    except NotImplementedError:
        return True
    return False


def signed_url(name: str, *, download_name: str = "") -> str:
    """A link to ``name`` in the object store valid for ``MEDIA_SIGNED_URL_SECONDS``."""
    parameters = {}
    if download_name:
        parameters["ResponseContentDisposition"] = f'attachment; filename="{download_name}"'
    return default_storage.url(  # type: ignore[call-arg]  # the S3 backend's url() takes these; Storage's stub does not
        name, parameters=parameters or None, expire=settings.MEDIA_SIGNED_URL_SECONDS
    )
