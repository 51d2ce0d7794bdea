"""The harness's HTTP client: one request per new connection, timed, body read in full."""

from __future__ import annotations

import gzip
import http.client
import time
from dataclasses import dataclass

# --- Client ------------------------------------------------------------------------------


@dataclass
class Sample:
    ms: float
    status: int
    queries: int | None
    body: bytes = b""


def fetch(
    port: int,
    path: str,
    *,
    cookie: str | None = None,
    timeout: float = 30.0,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    keep_body: bool = False,
) -> Sample:
    """One request on a new connection (as a visitor's first request is), body read in full."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    sent = {"Accept-Encoding": "gzip", "Host": f"127.0.0.1:{port}", "User-Agent": "portal-bench"}
    if cookie:
        sent["Cookie"] = cookie
    sent.update(headers or {})
    started = time.perf_counter()
    try:
        conn.request(method, path, headers=sent)
        response = conn.getresponse()
        body = response.read()
        ms = (time.perf_counter() - started) * 1000
        count = response.getheader("X-Query-Count")
        if keep_body and response.getheader("Content-Encoding", "") == "gzip":
            body = gzip.decompress(body)
        return Sample(
            ms,
            response.status,
            int(count) if count is not None else None,
            body if keep_body else b"",
        )
    finally:
        conn.close()


def timed(port: int, path: str, *, cookie: str | None, timeout: float) -> Sample:
    """A timed request; a timeout or a dropped connection is a failed sample, charged at the
    time it took, never left out."""
    started = time.perf_counter()
    try:
        return fetch(port, path, cookie=cookie, timeout=timeout)
    except (OSError, http.client.HTTPException):
        return Sample((time.perf_counter() - started) * 1000, 0, None)
