"""core.uploads: every image is checked from its header before decoding and stored with no
metadata (GPS, camera, comments)."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from PIL import Image, ImageFile, PngImagePlugin

from core.uploads import IMAGE_MAX_PIXELS, image_check, image_clean
from tests.staff.photos import has_gps, jpeg_with_gps


def _jpeg_with_comment() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 40, 40)).save(
        buffer, format="JPEG", comment=b"Taken at 12 Lenin St, flat 4"
    )
    return buffer.getvalue()


def _png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "home of the informant")
    info.add_text("Author", "Aigul K.")
    buffer = io.BytesIO()
    Image.new("RGBA", (300, 200), (10, 200, 10, 128)).save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue()


def _huge_png(width: int = 10_000, height: int = 5_000) -> bytes:
    # A one-bit image compresses to a few kilobytes but decodes to hundreds of megabytes.
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _named(data: bytes, name: str) -> io.BytesIO:
    handle = io.BytesIO(data)
    handle.name = name
    return handle


def _metadata(data: bytes) -> dict:
    with Image.open(io.BytesIO(data)) as image:
        return {"format": image.format, "info": dict(image.info), "exif": dict(image.getexif())}


def test_it_drops_gps_and_camera_data() -> None:
    cleaned = image_clean(_named(jpeg_with_gps(), "IMG_1.jpg"))
    assert not has_gps(cleaned.data)
    meta = _metadata(cleaned.data)
    assert meta["format"] == "JPEG"
    assert meta["exif"] == {}
    assert "exif" not in meta["info"]


def test_it_drops_jpeg_comments() -> None:
    source = _jpeg_with_comment()
    assert b"Lenin" in source
    cleaned = image_clean(_named(source, "c.jpg"))
    assert b"Lenin" not in cleaned.data
    assert "comment" not in _metadata(cleaned.data)["info"]
    assert b"Lenin" not in (cleaned.thumbnail or b"")


def test_it_drops_png_text_chunks() -> None:
    source = _png_with_text()
    assert b"informant" in source
    cleaned = image_clean(_named(source, "c.png"))
    assert b"informant" not in cleaned.data
    assert b"Aigul" not in cleaned.data
    assert _metadata(cleaned.data)["format"] == "JPEG"


def test_it_always_makes_a_thumbnail() -> None:
    cleaned = image_clean(_named(jpeg_with_gps(size=(2000, 1500)), "a.jpg"))
    assert cleaned.thumbnail
    with Image.open(io.BytesIO(cleaned.thumbnail)) as thumb:
        assert max(thumb.size) == 480


def test_it_refuses_a_decompression_bomb_before_decoding_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bomb = _huge_png()
    assert len(bomb) < 100_000
    decoded: list[str] = []
    original_load = ImageFile.ImageFile.load

    def recording_load(image: ImageFile.ImageFile) -> object:
        decoded.append(image.format or "")
        return original_load(image)

    # Only the header may be read: a full decode takes seconds and hundreds of megabytes.
    monkeypatch.setattr(ImageFile.ImageFile, "load", recording_load)
    with pytest.raises(ValidationError) as caught, translation.override("en"):
        image_clean(_named(bomb, "bomb.png"))
    assert decoded == []
    assert caught.value.code == "photo_too_many_pixels"
    with translation.override("en"):
        message = caught.value.messages[0]
    assert "megapixels" in message
    assert str(IMAGE_MAX_PIXELS // 1_000_000) in message


def test_it_refuses_what_is_not_an_image() -> None:
    with pytest.raises(ValidationError) as caught:
        image_check(_named(b"\x89PNG\r\n\x1a\n<html></html>", "x.png"))
    assert caught.value.code == "photo_invalid"


def test_a_large_phone_jpeg_is_decoded_at_reduced_scale() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (8000, 6000), (90, 90, 90)).save(buffer, format="JPEG", quality=50)
    cleaned = image_clean(_named(buffer.getvalue(), "big.jpg"))
    assert max(cleaned.width, cleaned.height) == 2560
