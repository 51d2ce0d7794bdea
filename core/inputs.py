"""Parsing of raw request input (query strings, form values, path segments) into values the
database accepts. Generic plumbing with no domain imports.

``str.isdigit()`` is the wrong test for an id: it is true for ``²`` and ``٣``, which
``int()`` refuses or reads as a number, and it says nothing about size, so a 30-digit id
overflows PostgreSQL's bigint. Every view that reads an id from the request parses it here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# PostgreSQL's bigint, the type of every primary key (DEFAULT_AUTO_FIELD = BigAutoField).
MAX_ID = 2**63 - 1
_ASCII_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_id(raw: object) -> int | None:
    """A positive database id from request input, or None when it is not one."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw if 0 < raw <= MAX_ID else None
    if not isinstance(raw, str) or not _ASCII_DIGITS.fullmatch(raw):
        return None
    value = int(raw)
    return value if 0 < value <= MAX_ID else None


def parse_ids(values: Iterable[object]) -> list[int]:
    """The valid ids among ``values``, in order; anything else is dropped."""
    return [value for value in map(parse_id, values) if value is not None]


def is_storable_text(text: str) -> bool:
    """False for text PostgreSQL cannot hold: it refuses NUL in every text type, and a
    lone surrogate cannot be encoded as UTF-8."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
