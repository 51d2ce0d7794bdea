"""Bytes sent per activity with two photos, before and after the phone shrinks them.

Two 12-megapixel phone photos (about 4 MB each, with GPS EXIF) go into an activity report.
"Before" is the multipart body the plain form posts: both originals. "After" is the body the
outbox (static/js/outbox-store.js) sends: the same fields and both photos shrunk by the
browser itself (long side 1600 px, JPEG 80 %, no EXIF). Both bodies are built by headless
Chromium with the outbox's own code (``new Response(formData)`` gives the exact bytes of the
multipart body), so the figure is what goes over the wire, headers aside.

    .venv/bin/python bench/offline_bytes.py            # prints and writes docs/benchmarks.md
    .venv/bin/python bench/offline_bytes.py --no-write
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import re
import shutil
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.staff.big_photos import phone_photo  # noqa: E402

REPORT = ROOT / "docs" / "benchmarks.md"
START = "<!-- offline_bytes:start -->"
END = "<!-- offline_bytes:end -->"
LINK_KBIT = 400  # a rural 3G link, as in issue 14

FIELDS = [
    ["date", "2024-05-14"],
    ["kind", "training"],
    ["project", "1"],
    ["communities", "1"],
    ["women", "12"],
    ["men", "9"],
    ["youth", "7"],
    ["title_ru", "Тренинг по медиации для рабочей группы"],
    ["description_ru", "Два дня о медиации с судом аксакалов. " * 8],
]

SCRIPT = """
async ([photos, fields]) => {
  const api = window.staffOutbox;
  const files = photos.map((b64, i) => {
    const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
    return new File([bytes], `IMG_000${i + 1}.jpg`, { type: "image/jpeg" });
  });
  const size = async (fd) => (await new Response(fd).arrayBuffer()).byteLength;
  const item = { key: "00000000-0000-4000-8000-000000000000", fields, submit: true };
  const originals = files.map(f => ({ name: f.name, blob: f }));
  const before = await size(api.formData({ ...item, photos: originals }));
  const started = performance.now();
  const shrunk = await Promise.all(files.map(api.shrinkPhoto));
  const shrinkMs = performance.now() - started;
  const after = await size(api.formData({ ...item, photos: shrunk }));
  const blobs = await Promise.all(shrunk.map(async p => {
    const buffer = new Uint8Array(await p.blob.arrayBuffer());
    let binary = "";
    for (let i = 0; i < buffer.length; i += 0x8000) {
      binary += String.fromCharCode.apply(null, buffer.subarray(i, i + 0x8000));
    }
    return btoa(binary);
  }));
  return { before, after, shrinkMs, originals: files.map(f => f.size), blobs };
}
"""


def measure() -> dict[str, Any]:
    from PIL import Image
    from playwright.sync_api import sync_playwright

    originals = [phone_photo(seed) for seed in (1, 2)]
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise SystemExit("Chromium not found: apt-get install chromium")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page()
        page.set_content("<!DOCTYPE html><title>bench</title>")
        page.add_script_tag(path=str(ROOT / "static" / "js" / "outbox-store.js"))
        result = page.evaluate(
            SCRIPT, [[base64.b64encode(data).decode() for data in originals], FIELDS]
        )
        browser.close()
    shrunk = [base64.b64decode(blob) for blob in result.pop("blobs")]
    sizes = []
    for data in shrunk:
        with Image.open(io.BytesIO(data)) as image:
            sizes.append(
                {"bytes": len(data), "size": list(image.size), "exif": bool(image.getexif())}
            )
    result["shrunk"] = sizes
    return result


def seconds_at_link(size: int) -> float:
    return size * 8 / (LINK_KBIT * 1000)


def report(result: dict[str, Any]) -> str:
    before, after = result["before"], result["after"]
    photos = ", ".join(
        f"{p['size'][0]}×{p['size'][1]} px, {p['bytes'] / 1024:.0f} KB, "
        f"EXIF {'yes' if p['exif'] else 'none'}"
        for p in result["shrunk"]
    )
    originals = ", ".join(f"{size / 1_000_000:.1f} MB" for size in result["originals"])
    return "\n".join(
        [
            START,
            "## Offline outbox: bytes sent per activity with two photos (issue 14)",
            "",
            f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} by "
            "`bench/offline_bytes.py` (part of `make bench`): headless Chromium builds both "
            "multipart bodies with the outbox's own code.",
            "",
            "| | body sent | at 400 kbit/s |",
            "|---|---:|---:|",
            f"| before: the plain form, two originals ({originals}) | "
            f"{before / 1_000_000:.2f} MB | {seconds_at_link(before):.0f} s |",
            f"| after: the outbox, photos shrunk on the phone | {after / 1_000_000:.3f} MB | "
            f"{seconds_at_link(after):.1f} s |",
            "",
            f"- **{before / after:.0f}× fewer bytes** per activity; shrinking both photos took "
            f"{result['shrinkMs']:.0f} ms in the browser.",
            f"- Shrunk photos: {photos}.",
            "- The server re-encodes every photo again (metadata stripped, thumbnail made) and "
            "stores at most 2560 px; photos from the outbox are already 1600 px.",
            END,
        ]
    )


def write(text: str) -> None:
    current = REPORT.read_text(encoding="utf-8") if REPORT.exists() else ""
    if START in current and END in current:
        current = re.sub(re.escape(START) + ".*?" + re.escape(END), text, current, flags=re.S)
    else:
        current = current.rstrip("\n") + "\n\n" + text + "\n"
    REPORT.write_text(current, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    result = measure()
    text = report(result)
    print(text)
    print(json.dumps({k: v for k, v in result.items()}, indent=1))
    if not args.no_write:
        write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
