"""What a file sent to a grant programme (an application's attachment, a grantee's
report) must be: PDF, DOCX or XLSX by content, not only by name, and within the size
limit."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from grants.models import ATTACHMENT_SUFFIXES

# The first bytes of each accepted type: a renamed .exe is refused, whatever its name.
_MAGIC = {".pdf": (b"%PDF-",), ".docx": (b"PK\x03\x04",), ".xlsx": (b"PK\x03\x04",)}


def check_attachment(upload: UploadedFile) -> str:
    """The file's suffix if it is an accepted attachment; otherwise a ValidationError
    saying why, in the applicant's language."""
    name = (upload.name or "").lower()
    suffix = next((s for s in ATTACHMENT_SUFFIXES if name.endswith(s)), None)
    if suffix is None:
        raise ValidationError(
            _("%(name)s: only PDF, DOCX and XLSX files are accepted.") % {"name": upload.name}
        )
    limit = settings.GRANT_ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("%(name)s is %(size)s; each file may be at most %(limit)s.")
            % {
                "name": upload.name,
                "size": filesizeformat(upload.size or 0),
                "limit": filesizeformat(limit),
            }
        )
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(_MAGIC[suffix]):
        raise ValidationError(
            _("%(name)s is not really a %(kind)s file.")
            % {"name": upload.name, "kind": suffix[1:].upper()}
        )
    return suffix
