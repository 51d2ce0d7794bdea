"""What both drill scripts share: the log line and their section of docs/reliability.md."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

REPORT = Path(__file__).resolve().parents[2] / "docs" / "reliability.md"


def log(message: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", flush=True)


def report_section_write(start: str, end: str, block: list[str], heading: str) -> None:
    """Replace the text between the ``start`` and ``end`` markers, or append it under a heading."""
    lines = [start, *block, end]
    text = REPORT.read_text() if REPORT.exists() else "# Reliability\n\n"
    if start in text and end in text:
        text = text[: text.index(start)] + "\n".join(lines) + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip() + f"\n\n## {heading}\n\n" + "\n".join(lines) + "\n"
    REPORT.write_text(text)
