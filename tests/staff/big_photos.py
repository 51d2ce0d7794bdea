"""A phone-sized photo for the offline tests and the bytes benchmark: 12 megapixels, about
4 MB, with GPS and camera EXIF, like one straight from a field officer's phone."""

from __future__ import annotations

import functools
import io
import random

from PIL import Image, ImageDraw, ImageFilter

from tests.staff.photos import GPS_IFD


@functools.lru_cache(maxsize=4)
def phone_photo(
    seed: int = 1, size: tuple[int, int] = (4032, 3024), target: int = 4_000_000
) -> bytes:
    rng = random.Random(seed)
    width, height = size
    # Sky, field and people-sized shapes, then sensor noise: compresses like a real photo.
    small = Image.new("RGB", (width // 8, height // 8))
    draw = ImageDraw.Draw(small)
    for y in range(small.height):
        shade = int(120 + 100 * y / small.height)
        draw.line([(0, y), (small.width, y)], fill=(shade // 2, shade, 255 - shade // 2))
    for _ in range(60):
        x, y = rng.randrange(small.width), rng.randrange(small.height)
        r = rng.randrange(5, 60)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)
    image = small.resize(size, Image.Resampling.BICUBIC).filter(ImageFilter.GaussianBlur(2))
    noise = Image.effect_noise(size, 18).convert("RGB")
    image = Image.blend(image, noise, 0.16)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0110] = "Phone 12"
    exif[GPS_IFD] = {1: "N", 2: (40.0, 31.0, 12.5), 3: "E", 4: (72.0, 48.0, 3.0)}
    best = b""
    for quality in (80, 85, 88, 90, 92, 94, 95, 96, 97):
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=quality, exif=exif)
        best = buffer.getvalue()
        if len(best) >= target:
            break
    return best
