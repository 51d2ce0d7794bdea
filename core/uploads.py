"""Where uploaded files go on disk. The uploader's file name is never used: it may carry
personal data or path tricks. Migrations refer to these functions by dotted path, so they
live here, below every app, and never move again."""

from __future__ import annotations

import contextlib
import io
import uuid
import warnings
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError


def activity_photo_path(instance: Any, filename: str) -> str:
    return f"activities/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.jpg"


def activity_thumbnail_path(instance: Any, filename: str) -> str:
    return f"activities/{timezone.now():%Y/%m}/thumbs/{uuid.uuid4().hex}.jpg"


# Originals waiting for the photo job (communities/photo_jobs.py) still carry their GPS and
# camera data. They live under a directory of their own that config/media.py never serves,
# and are deleted once the clean copy is written.
PHOTO_ORIGINALS_DIR = "photo-originals"


def activity_photo_original_path(instance: Any, filename: str) -> str:
    return f"{PHOTO_ORIGINALS_DIR}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


def activity_attachment_path(instance: Any, filename: str) -> str:
    return f"attachments/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


def contribution_document_path(instance: Any, filename: str) -> str:
    return f"contributions/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


# --- Images: every upload path (staff form, admin, cover images, imports) -----------------
#
# A photo is decoded only after its header has shown a sane pixel count, and it is stored
# as a fresh JPEG made from its pixels alone: no EXIF (GPS, camera, owner), no ICC, no XMP,
# no JPEG or PNG comments. Non-JPEG files decode at full size, so their limit is the lower
# one; a JPEG is decoded at 1/2, 1/4 or 1/8 scale by libjpeg itself (draft mode), so a
# 48- or 108-megapixel phone photo costs little.
IMAGE_MAX_PIXELS = 25_000_000
JPEG_MAX_PIXELS = 120_000_000
IMAGE_MAX_EDGE = 2560
THUMBNAIL_EDGE = 480
ACCEPTED_IMAGE_FORMATS = frozenset({"JPEG", "MPO", "PNG", "WEBP", "GIF", "TIFF", "BMP"})
# Pillow's own guard, for any code path that opens an image without image_check(): it
# warns above this and refuses above twice this, so nothing past JPEG_MAX_PIXELS is opened
# anywhere (Pillow's default refuses only past 179 megapixels).
Image.MAX_IMAGE_PIXELS = JPEG_MAX_PIXELS // 2


class CleanImageFile(ContentFile):
    """Bytes produced by image_clean(): saving them again needs no second pass."""


@dataclass(frozen=True)
class CleanImage:
    data: bytes
    width: int
    height: int
    thumbnail: bytes | None


def _not_an_image(name: str) -> ValidationError:
    return ValidationError(
        _("“%(name)s” is not a photo we can read. Upload a JPEG, PNG or WebP image."),
        code="photo_invalid",
        params={"name": name},
    )


def _too_many_pixels(name: str, limit: int) -> ValidationError:
    return ValidationError(
        _(
            "“%(name)s” has too many pixels (at most %(megapixels)d megapixels). "
            "Make it smaller on the phone or computer and upload it again."
        ),
        code="photo_too_many_pixels",
        params={"name": name, "megapixels": limit // 1_000_000},
    )


def _display_name(upload: Any) -> str:
    raw = str(getattr(upload, "name", "") or "")
    return raw.rsplit("/", 1)[-1] or str(_("the file"))


def image_check(upload: Any) -> tuple[str, int, int]:
    """Read only the header of ``upload``: its format and size, within the limits.

    Returns (format, width, height); raises ValidationError with a message the uploader can
    act on. Nothing is decoded here."""
    name = _display_name(upload)
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            # Our own limit below is lower than Pillow's and gives the clearer message.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(upload) as probe:
                fmt = probe.format or ""
                width, height = probe.size
                if fmt not in ACCEPTED_IMAGE_FORMATS:
                    raise _not_an_image(name)
                limit = JPEG_MAX_PIXELS if fmt in ("JPEG", "MPO") else IMAGE_MAX_PIXELS
                if width * height > limit:
                    raise _too_many_pixels(name, limit)
                probe.verify()
    except ValidationError:
        raise
    except Image.DecompressionBombError:
        raise _too_many_pixels(name, IMAGE_MAX_PIXELS) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise _not_an_image(name) from None
    finally:
        with contextlib.suppress(Exception):
            upload.seek(0)
    return fmt, width, height


def _encode_jpeg(image: Image.Image, quality: int = 85) -> bytes:
    # Pillow carries a source's comment (and, in newer versions, XMP) over from .info when
    # saving: the pixels go out alone.
    image.info = {}
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=quality, optimize=True, progressive=True)
    return buffer.getvalue()


def image_clean(
    upload: Any, *, max_edge: int = IMAGE_MAX_EDGE, thumbnail_edge: int | None = THUMBNAIL_EDGE
) -> CleanImage:
    """Check ``upload`` (header first), decode it, apply the camera's rotation, and return
    a metadata-free JPEG no larger than ``max_edge`` with its thumbnail."""
    fmt, _width, _height = image_check(upload)
    name = _display_name(upload)
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(upload) as source:
                if fmt in ("JPEG", "MPO"):
                    # libjpeg decodes at the smallest power-of-two scale still >= max_edge.
                    source.draft("RGB", (max_edge, max_edge))
                source.load()
                # Apply the camera's rotation before the EXIF that carried it is dropped.
                image = ImageOps.exif_transpose(source)
                if image.mode not in ("RGB", "L"):
                    background = Image.new("RGB", image.size, (255, 255, 255))
                    rgba = image.convert("RGBA")
                    background.paste(rgba, mask=rgba.getchannel("A"))
                    image = background
                image = image.convert("RGB")
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        EOFError,
        Image.DecompressionBombError,
    ):
        raise _not_an_image(name) from None
    finally:
        with contextlib.suppress(Exception):
            upload.seek(0)
    image.thumbnail((max_edge, max_edge), Image.Resampling.LANCZOS)
    thumbnail = None
    if thumbnail_edge:
        small = image.copy()
        small.thumbnail((thumbnail_edge, thumbnail_edge), Image.Resampling.LANCZOS)
        thumbnail = _encode_jpeg(small)
    return CleanImage(
        data=_encode_jpeg(image), width=image.width, height=image.height, thumbnail=thumbnail
    )


def image_fields_clean(instance: Any) -> None:
    """Re-encode every newly assigned image of ``instance`` (admin, imports, shell…).

    Files already stored, and bytes image_clean() produced, are left alone."""
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.ImageField):
            continue
        current = getattr(instance, field.attname)
        if not current or getattr(current, "_committed", True):
            continue
        if isinstance(getattr(current, "_file", None), CleanImageFile):
            continue
        cleaned = image_clean(current.file, thumbnail_edge=None)
        # A random name: the uploader's file name may carry personal data.
        setattr(
            instance, field.attname, CleanImageFile(cleaned.data, name=f"{uuid.uuid4().hex}.jpg")
        )


def image_thumbnail(fieldfile: Any, *, edge: int = THUMBNAIL_EDGE) -> CleanImageFile:
    """A thumbnail for an image that may already be stored (admin-added photos had none)."""
    source = fieldfile.file if not getattr(fieldfile, "_committed", True) else fieldfile.open("rb")
    try:
        cleaned = image_clean(source, max_edge=edge, thumbnail_edge=None)
    finally:
        if getattr(fieldfile, "_committed", True):
            with contextlib.suppress(Exception):
                fieldfile.close()
    return CleanImageFile(cleaned.data, name=f"{uuid.uuid4().hex}.jpg")


def images_clean_on_save(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """pre_save receiver for every model: no image reaches the storage unclean."""
    if raw:
        return
    image_fields_clean(instance)


def grant_application_attachment_path(instance: Any, filename: str) -> str:
    # A directory of its own: config/media.py serves these only to the committee.
    return f"grant-applications/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


def grant_report_file_path(instance: Any, filename: str) -> str:
    return f"grant-reports/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"
