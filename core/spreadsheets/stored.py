"""The rows of a previewed upload, kept for the confirmation.

The preview reads the spreadsheet once; reading it is the slowest part of an import after
the writes (an .xlsx cell costs an XML parse). The confirmation and the background worker
need the same rows, not the file again, so once a preview passes, the stored upload is
replaced by its rows as compressed JSON: reading them back costs a small fraction of
parsing the sheet. The database is still checked again at confirmation, since it may have
changed in between; only the reading of the file is not repeated.

The rows carry an HMAC (``SECRET_KEY``): only rows this server wrote after reading an upload
through its size and row limits are taken as read; anything else goes through the format's
reader like any upload.
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from decimal import Decimal
from typing import Any

import tablib
from django.utils.crypto import constant_time_compare, salted_hmac

MAGIC = b"portal-checked-rows:1:"
_SALT = "core.spreadsheets.stored"

# Cells are never dicts, so a one-key dict with one of these tags is unambiguous.
_DECODERS: dict[str, Any] = {
    "datetime": dt.datetime.fromisoformat,
    "date": dt.date.fromisoformat,
    "time": dt.time.fromisoformat,
    "timedelta": lambda seconds: dt.timedelta(seconds=seconds),
    "decimal": Decimal,
}


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    if isinstance(value, dt.time):
        return {"time": value.isoformat()}
    if isinstance(value, dt.timedelta):
        return {"timedelta": value.total_seconds()}
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    return str(value)


def _decode(obj: dict[str, Any]) -> Any:
    if len(obj) == 1:
        ((tag, value),) = obj.items()
        decoder = _DECODERS.get(tag)
        if decoder is not None:
            return decoder(value)
    return obj


def _signature(body: bytes) -> bytes:
    return salted_hmac(_SALT, body, algorithm="sha256").hexdigest().encode()


def dump_rows(dataset: tablib.Dataset) -> bytes:
    text = json.dumps(
        {"headers": list(dataset.headers or []), "rows": list(dataset)},
        default=_encode,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    body = zlib.compress(text.encode(), 1)
    return MAGIC + _signature(body) + b"\n" + body


def load_rows(data: bytes | str | None) -> tablib.Dataset | None:
    """The dataset ``dump_rows`` wrote, or None when ``data`` is anything else (an upload)."""
    if not isinstance(data, bytes) or not data.startswith(MAGIC):
        return None
    signature, _newline, body = data[len(MAGIC) :].partition(b"\n")
    if not constant_time_compare(signature, _signature(body)):
        return None
    stored = json.loads(zlib.decompress(body), object_hook=_decode)
    dataset = tablib.Dataset(headers=stored["headers"])
    dataset.extend(stored["rows"])
    return dataset
