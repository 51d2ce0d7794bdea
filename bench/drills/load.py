"""Load clients: mixed public reads and staff activity logging, and their summary."""

from __future__ import annotations

import concurrent.futures as cf
import random
import re
import statistics
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import requests

from bench.drills.cluster import PASSWORD, TIMEOUT, psql


def login(base: str, username: str, *, admin: bool = False) -> requests.Session:
    session = requests.Session()
    path = "/admin/login/" if admin else "/en/staff/login/"
    session.get(base + path, timeout=TIMEOUT)
    response = session.post(
        base + path,
        data={
            "username": username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
            "next": "/admin/" if admin else "/en/staff/",
        },
        timeout=TIMEOUT,
        allow_redirects=False,
    )
    if response.status_code != 302:
        raise RuntimeError(f"login as {username} failed: {response.status_code}")
    return session


PUBLIC_PATHS = [
    "/en/",
    "/ru/",
    "/en/projects/",
    "/en/projects/faults-project/",
    "/en/news/",
    "/en/places/",
    "/en/grants/",
    "/en/organisations/",
    "/en/reports/open-data/",
]


@dataclass
class LoadResult:
    started: float = 0.0
    latencies: list[float] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    acknowledged: list[str] = field(default_factory=list)
    # (seconds since start, status, kind) for the outage timeline
    timeline: list[tuple[float, int, str]] = field(default_factory=list)
    tracebacks: int = 0
    bad_outage_pages: int = 0
    samples_500: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, status: int, seconds: float, kind: str, body: str = "") -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.statuses[str(status)] = self.statuses.get(str(status), 0) + 1
            self.timeline.append((time.monotonic() - self.started, status, kind))
            if "Traceback" in body:
                self.tracebacks += 1
            if status == 503 and "briefly unavailable" not in body:
                self.bad_outage_pages += 1
            if status == 500 and len(self.samples_500) < 3:
                title = re.search(r"<title>(.*?)</title>", body, re.S)
                self.samples_500.append(f"{kind}: {title.group(1).strip() if title else body[:80]}")


def client_loop(base: str, project_id: int, stop_at: float, result: LoadResult, seed: int) -> None:
    rng = random.Random(seed)
    staff: requests.Session | None = None
    public = requests.Session()
    while time.monotonic() < stop_at:
        write = rng.random() < 0.2
        started = time.monotonic()
        try:
            if write:
                if staff is None:
                    staff = login(base, "faults-officer")
                title = f"faults-{uuid.uuid4().hex[:12]}"
                response = staff.post(
                    f"{base}/en/staff/activities/new/",
                    data={
                        "csrfmiddlewaretoken": staff.cookies.get("csrftoken", ""),
                        "date": "2022-05-01",
                        "kind": "meeting",
                        "project": project_id,
                        "title_en": title,
                        "women": "3",
                        "men": "2",
                        "youth": "1",
                    },
                    timeout=TIMEOUT,
                    allow_redirects=False,
                )
                status = response.status_code
                acknowledged = status == 302 and "/staff/activities/" in response.headers.get(
                    "Location", ""
                )
                if acknowledged:
                    with result.lock:
                        result.acknowledged.append(title)
                result.record(status, time.monotonic() - started, "write", response.text)
            else:
                response = public.get(base + rng.choice(PUBLIC_PATHS), timeout=TIMEOUT)
                result.record(
                    response.status_code, time.monotonic() - started, "read", response.text
                )
        except (requests.RequestException, RuntimeError) as exc:
            result.record(0, time.monotonic() - started, "write" if write else "read", "")
            if isinstance(exc, RuntimeError):
                staff = None
            time.sleep(0.2)


def run_load(
    base: str, project_id: int, seconds: float, clients: int, during: Any = None
) -> LoadResult:
    result = LoadResult(started=time.monotonic())
    stop_at = result.started + seconds
    with cf.ThreadPoolExecutor(max_workers=clients + 1) as pool:
        futures = [
            pool.submit(client_loop, base, project_id, stop_at, result, n) for n in range(clients)
        ]
        if during is not None:
            futures.append(pool.submit(during, result))
        for future in futures:
            future.result()
    return result


def p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100)[94]


def written(titles: list[str]) -> int:
    if not titles:
        return 0
    found = 0
    for start in range(0, len(titles), 500):
        chunk = ",".join(f"'{t}'" for t in titles[start : start + 500])
        # The titles are our own hex tokens, never user input.
        sql = f"SELECT count(*) FROM projects_activity WHERE title_en IN ({chunk})"  # noqa: S608
        found += int(psql(sql))
    return found


def summarise(result: LoadResult, seconds: float) -> dict[str, Any]:
    total = len(result.latencies)
    ok = sum(v for k, v in result.statuses.items() if k in ("200", "302"))
    return {
        "requests": total,
        "per_second": round(total / seconds, 1),
        "errors": total - ok,
        "statuses": dict(sorted(result.statuses.items())),
        "p50_ms": round(statistics.median(result.latencies) * 1000) if total else 0,
        "p95_ms": round(p95(result.latencies) * 1000),
        "writes_acknowledged": len(result.acknowledged),
        "acknowledged_writes_in_db": written(result.acknowledged),
        "tracebacks_shown": result.tracebacks,
        "pages_of_500s": result.samples_500,
    }
