"""`make bench`: generate data, serve it with gunicorn, measure every page type, write a report.

One run: a dedicated PostgreSQL database (portal_bench unless DATABASE_URL says otherwise) is
migrated, the gazetteer loaded and the data generated at each scale (1 and 100 by default);
gunicorn serves it with bench settings (X-Query-Count header, the no-query floor view); a
bounded client on loopback requests each page at concurrency 1 and 16 and records median and
p95 latency, requests per second, queries per request and compressed bytes. The figures are
printed, saved as JSON under var/bench/ and written to docs/benchmarks.md between
``<!-- pages:start -->`` and ``<!-- pages:end -->`` with PASS/FAIL per target.

    .venv/bin/python bench/run.py                  # scales 1 and 100
    .venv/bin/python bench/run.py --quick          # scale 1 only
    .venv/bin/python bench/run.py --scales 1,10
    .venv/bin/python bench/run.py --report-only    # rebuild the report from saved JSON
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/portal_bench"
RESULTS_DIR = ROOT / "var" / "bench"
REPORT = ROOT / "docs" / "benchmarks.md"
START_MARK = "<!-- pages:start -->"
END_MARK = "<!-- pages:end -->"
LANG = "en"

# Targets from the issue.
PUBLIC_FLOOR_RATIO = 2.0
STAFF_FLOOR_RATIO = 4.0
MAX_QUERIES = 12
SCALE_RATIO = 1.5
PUBLIC_MAX_BYTES = 300 * 1024
STAFF_MAX_BYTES = 150 * 1024


# --- Load client -----------------------------------------------------------------------


@dataclass
class Sample:
    seconds: float
    status: int
    queries: int | None
    raw_bytes: int
    compressed_bytes: int
    gzipped_by_server: bool


@dataclass
class Measurement:
    concurrency: int
    requests: int
    errors: int
    median_ms: float
    p95_ms: float
    rps: float
    queries: int | None
    queries_varied: bool
    compressed_bytes: int
    raw_bytes: int
    gzipped_by_server: bool
    statuses: list[int] = field(default_factory=list)


def fetch(host: str, port: int, path: str, cookie: str | None, timeout: float = 60.0) -> Sample:
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    headers = {"Accept-Encoding": "gzip", "Host": f"{host}:{port}", "User-Agent": "portal-bench"}
    if cookie:
        headers["Cookie"] = cookie
    started = time.perf_counter()
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        body = response.read()
        elapsed = time.perf_counter() - started
        gzipped = response.getheader("Content-Encoding", "") == "gzip"
        raw = gzip.decompress(body) if gzipped else body
        compressed = len(body) if gzipped else len(gzip.compress(body, compresslevel=6))
        count = response.getheader("X-Query-Count")
        return Sample(
            elapsed,
            response.status,
            int(count) if count is not None else None,
            len(raw),
            compressed,
            gzipped,
        )
    finally:
        conn.close()


def measure(
    host: str,
    port: int,
    path: str,
    *,
    concurrency: int,
    requests: int,
    time_cap: float,
    cookie: str | None = None,
    warmup: int = 3,
    timeout: float = 60.0,
) -> Measurement:
    for _ in range(warmup):
        fetch(host, port, path, cookie, timeout=timeout)
    samples: list[Sample] = []
    lock = threading.Lock()
    issued = 0
    deadline = time.perf_counter() + time_cap

    def worker() -> None:
        nonlocal issued
        while True:
            with lock:
                if issued >= requests or time.perf_counter() > deadline:
                    return
                issued += 1
            try:
                sample = fetch(host, port, path, cookie, timeout=timeout)
            except (OSError, http.client.HTTPException):
                sample = Sample(0.0, 0, None, 0, 0, False)
            with lock:
                samples.append(sample)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    ok = [s for s in samples if s.status == 200]
    latencies = sorted(s.seconds * 1000 for s in ok) or [0.0]
    counts = {s.queries for s in ok if s.queries is not None}
    p95_index = max(0, min(len(latencies) - 1, round(0.95 * len(latencies)) - 1))
    last = ok[-1] if ok else Sample(0, 0, None, 0, 0, False)
    return Measurement(
        concurrency=concurrency,
        requests=len(samples),
        errors=len(samples) - len(ok),
        median_ms=round(statistics.median(latencies), 1),
        p95_ms=round(latencies[p95_index], 1),
        rps=round(len(ok) / wall, 1) if wall else 0.0,
        queries=max(counts) if counts else None,
        queries_varied=len(counts) > 1,
        compressed_bytes=last.compressed_bytes,
        raw_bytes=last.raw_bytes,
        gzipped_by_server=last.gzipped_by_server,
        statuses=sorted({s.status for s in samples}),
    )


# --- Pages -----------------------------------------------------------------------------


@dataclass
class Page:
    key: str
    label: str
    audience: str  # "floor", "public" or "staff"
    path: str | None
    note: str = ""


def _reverse(names: list[str], **kwargs: Any) -> str | None:
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    with translation.override(LANG):
        for name in names:
            try:
                return reverse(name, kwargs=kwargs or None)
            except NoReverseMatch:
                continue
    return None


def discover_pages() -> list[Page]:
    """Example URLs from the database: the busiest organisation, community and region, so the
    pages that grow with the data are measured where they grow most."""
    from django.db.models import Count

    from communities.models import Activity, Community, District, Region
    from grants.models import Grant
    from projects.models import Organisation, Project

    pages: list[Page] = []

    def add(key: str, label: str, audience: str, names: list[str], query: str = "", **kw: Any):  # type: ignore[no-untyped-def]
        if any(v is None for v in kw.values()):
            pages.append(Page(key, label, audience, None, "no example record"))
            return
        path = _reverse(names, **kw)
        if path and query:
            path = f"{path}?{query}"
        pages.append(Page(key, label, audience, path, "" if path else "not built"))

    add("floor", "Floor (no queries)", "floor", ["bench_floor"])
    add("home", "Home", "public", ["projects:home"])
    add("project_list", "Projects list", "public", ["projects:project_list"])
    project = Project.objects.public().filter(slug__startswith="bench-").order_by("pk").first()
    add(
        "project_detail",
        "Project detail",
        "public",
        ["projects:project_detail"],
        slug=project.slug if project else None,
    )
    region = (
        Region.objects.annotate(n=Count("communities__project_links")).order_by("-n", "pk").first()
    )
    add(
        "region_detail",
        "Region",
        "public",
        ["communities:region_detail"],
        code=region.code.lower() if region else None,
    )
    community = Community.objects.annotate(n=Count("project_links")).order_by("-n", "pk").first()
    district = (
        District.objects.filter(pk=community.district_id).first()
        if community and community.district_id
        else District.objects.order_by("pk").first()
    )
    add(
        "district_detail",
        "District",
        "public",
        ["communities:district_detail"],
        pk=district.pk if district else None,
    )
    add(
        "community_detail",
        "Community",
        "public",
        ["communities:community_detail"],
        pk=community.pk if community else None,
    )
    add("place_index", "Places index", "public", ["communities:place_index"])
    add("country_detail", "Country", "public", ["communities:country_detail"], country="kg")
    organisation = (
        Organisation.objects.filter(slug__startswith="bench-org-")
        .annotate(n=Count("partnerships"))
        .order_by("-n", "pk")
        .first()
    )
    add("organisation_list", "Organisations list", "public", ["projects:organisation_list"])
    add(
        "organisation_detail",
        "Organisation",
        "public",
        ["projects:organisation_detail"],
        slug=organisation.slug if organisation else None,
    )
    add("grant_list", "Grants directory", "public", ["grants:grant_list"])
    grant = Grant.objects.public().order_by("pk").first()
    add(
        "programme_detail",
        "Grant programme",
        "public",
        ["grants:programme_detail"],
        slug=grant.programme.slug if grant else None,
    )
    add("grant_detail", "Grant", "public", ["grants:grant_detail"], pk=grant.pk if grant else None)
    add("news_list", "News list", "public", ["projects:news_list", "projects:activity_list"])
    news = Activity.objects.published().order_by("-published_at", "-pk").first()
    add(
        "news_detail", "News item", "public", ["projects:news_detail"], pk=news.pk if news else None
    )
    add("feed", "News feed (RSS)", "public", ["projects:news_feed"])
    add(
        "project_feed",
        "Project feed (RSS)",
        "public",
        ["projects:project_feed"],
        slug=project.slug if project else None,
    )
    add("open_data", "Open data", "public", ["reports:open_data"])
    # Staff pages as bench-admin sees them: the busiest project one of its organisations
    # partners in, and a donor funding it, over one year (the generator's dates end mid-2026).
    from django.contrib.auth import get_user_model

    from reports.access import reportable_donors, reportable_projects

    staff_user = get_user_model().objects.filter(username="bench-admin").first()
    report_project = report_donor = None
    if staff_user is not None:
        report_project = (
            reportable_projects(staff_user)
            .annotate(n=Count("activities"))
            .order_by("-n", "pk")
            .first()
        )
        report_donor = (
            reportable_donors(staff_user)
            .filter(partnerships__project=report_project)
            .order_by("pk")
            .first()
        )
    period = {"date_from": "2025-01-01", "date_to": "2025-12-31"}
    for key, label, field_name, subject in (
        ("donor_report", "Donor report (project)", "project", report_project),
        ("donor_report_donor", "Donor report (donor)", "donor", report_donor),
    ):
        if subject is None:
            pages.append(Page(key, label, "staff", None, f"no {field_name}"))
            continue
        query = urlencode({field_name: subject.pk, **period})
        add(key, label, "staff", ["staff:donor_report"], query=query)
    add(
        "reports_dashboard",
        "Indicator dashboard",
        "staff",
        ["staff:reports_dashboard"],
        query=urlencode(period),
    )
    add("staff_dashboard", "Staff dashboard", "staff", ["staff:dashboard"])
    add("search", "Search", "public", ["projects:search", "search"], query=urlencode({"q": "школ"}))
    add("sitemap", "Sitemap index", "public", ["sitemap"])
    add(
        "sitemap_section",
        "Sitemap: news, page 2",
        "public",
        ["sitemap_section"],
        query="p=2",
        section="news",
    )
    return pages


# --- Orchestration ---------------------------------------------------------------------


def run(cmd: list[str], env: dict[str, str], *, quiet: bool = False) -> None:
    print("$", " ".join(cmd), flush=True)
    subprocess.run(
        cmd,
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def ensure_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            print(f"creating database {name}", flush=True)
            conn.execute(f'CREATE DATABASE "{name}"')


def start_gunicorn(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    # The workers share one cache, as production's must (core/cache.py keeps the
    # public content version in it); emptied at every start so the first request is cold.
    cache_dir = RESULTS_DIR / "cache"
    shutil.rmtree(cache_dir, ignore_errors=True)
    cache_dir.mkdir(parents=True, exist_ok=True)
    gunicorn_env = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESSLOG": "/dev/null",
        "CACHE_URL": env.get("CACHE_URL", f"filecache://{cache_dir}"),
    }
    process = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "-c", "config/gunicorn.conf.py", "config.wsgi"],
        cwd=ROOT,
        env=gunicorn_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited: {process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
        try:
            answer = fetch("127.0.0.1", port, "/healthz", None, timeout=2)
            # The query-count header proves the answer comes from this gunicorn with bench
            # settings, not from some other server already on the port.
            if answer.status == 200 and answer.queries is not None:
                return process
        except OSError:
            pass
        time.sleep(0.5)
    stop_gunicorn(process)
    raise SystemExit("gunicorn did not answer /healthz within 60 s")


def wait_until_idle(port: int, path: str, limit: float = 180.0) -> None:
    """Requests a slow page left queued (the client gave up, gunicorn did not) would be
    charged to the next page; wait until a cheap page answers promptly again."""
    deadline = time.time() + limit
    while time.time() < deadline:
        try:
            if fetch("127.0.0.1", port, path, None, timeout=limit).seconds < 1.0:
                return
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(1)


def stop_gunicorn(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def login(port: int) -> str | None:
    """Log the generated administrator in through the login form; returns a Cookie header."""
    from bench.generation.constants import STAFF_PASSWORD, STAFF_USERNAME

    path = _reverse(["staff:login"])
    if not path:
        return None
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path)
    response = conn.getresponse()
    html = response.read().decode()
    cookies = _cookies(response)
    conn.close()
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not match:
        return None
    body = urlencode(
        {
            "csrfmiddlewaretoken": match.group(1),
            "username": STAFF_USERNAME,
            "password": STAFF_PASSWORD,
        }
    )
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(
        "POST",
        path,
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
            "Referer": f"http://127.0.0.1:{port}{path}",
            "Origin": f"http://127.0.0.1:{port}",
        },
    )
    response = conn.getresponse()
    response.read()
    cookies.update(_cookies(response))
    conn.close()
    if response.status != 302 or "sessionid" not in cookies:
        print(f"login failed: HTTP {response.status}", flush=True)
        return None
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def _cookies(response: http.client.HTTPResponse) -> dict[str, str]:
    found = {}
    for header, value in response.getheaders():
        if header.lower() == "set-cookie":
            name, _, rest = value.partition("=")
            found[name.strip()] = rest.split(";", 1)[0]
    return found


def measure_scale(scale: float, env: dict[str, str], args: argparse.Namespace) -> dict[str, Any]:
    from django.db import connection

    if not args.reuse_data:
        generate = [PYTHON, "bench/generate.py", "--scale", f"{scale:g}", "-v2"]
        started = time.perf_counter()
        run(generate, env)
        generation_seconds = round(time.perf_counter() - started, 1)
    else:
        generation_seconds = None
    connection.close()
    pages = discover_pages()
    connection.close()
    floor_path = next((p.path for p in pages if p.key == "floor" and p.path), "/healthz")
    if args.pages:
        pages = [p for p in pages if p.key in args.pages or p.key == "floor"]
    process = start_gunicorn(env, args.port)
    saved = RESULTS_DIR / f"scale-{scale:g}.json"
    results: dict[str, Any] = {
        "scale": scale,
        "generation_seconds": generation_seconds,
        "pages": {},
    }
    if args.pages and saved.exists():
        # Re-measuring some pages: keep the rest of the earlier run at this scale.
        earlier = json.loads(saved.read_text())
        results = {**earlier, "pages": dict(earlier["pages"])}
        if generation_seconds is None:
            results["generation_seconds"] = earlier.get("generation_seconds")
    try:
        cookie = login(args.port)
        for page in pages:
            entry: dict[str, Any] = {**asdict(page), "runs": {}}
            results["pages"][page.key] = entry
            if page.path is None:
                print(f"  {page.label:<22} {page.note}", flush=True)
                continue
            page_cookie = cookie if page.audience == "staff" else None
            if page.audience == "staff" and not cookie:
                entry["note"] = "login failed"
                continue
            wait_until_idle(args.port, floor_path)
            # The first request fills the page's cached fragments: recorded as the cold
            # figure, given a long timeout, and kept out of the measured runs.
            try:
                cold = fetch(
                    "127.0.0.1", args.port, page.path, page_cookie, timeout=max(args.timeout, 300)
                )
                entry["cold_ms"] = round(cold.seconds * 1000, 1)
                entry["cold_queries"] = cold.queries
                print(
                    f"  {page.label:<22} cold {entry['cold_ms']:.0f} ms q={cold.queries}",
                    flush=True,
                )
            except (OSError, http.client.HTTPException):
                pass
            wait_until_idle(args.port, floor_path)
            try:
                probe = fetch("127.0.0.1", args.port, page.path, page_cookie, timeout=args.timeout)
            except (OSError, http.client.HTTPException) as exc:
                entry["note"] = f"no answer within {args.timeout:.0f} s ({exc.__class__.__name__})"
                print(f"  {page.label:<22} {page.path} -> {entry['note']}", flush=True)
                continue
            entry["probe_ms"] = round(probe.seconds * 1000, 1)
            if probe.status != 200:
                entry["note"] = f"HTTP {probe.status}"
                print(f"  {page.label:<22} {page.path} -> HTTP {probe.status}", flush=True)
                continue
            # A page that takes seconds gets a short run: its verdict is clear either way and
            # the whole run stays bounded.
            if probe.seconds > args.too_slow:
                # One request already takes longer than a page may; sixteen at once would
                # only measure the queue. Record the single request and say so.
                entry["runs"]["1"] = asdict(
                    Measurement(
                        1,
                        1,
                        0,
                        round(probe.seconds * 1000, 1),
                        round(probe.seconds * 1000, 1),
                        round(1 / probe.seconds, 2),
                        probe.queries,
                        False,
                        probe.compressed_bytes,
                        probe.raw_bytes,
                        probe.gzipped_by_server,
                        [probe.status],
                    )
                )
                entry["note"] = f"one request took {probe.seconds:.1f} s; c16 not run — FAIL"
                print(f"  {page.label:<22} {entry['note']} (q={probe.queries})", flush=True)
                continue
            slow = probe.seconds > args.slow
            wait_until_idle(args.port, floor_path)
            for concurrency, requests, cap in (
                (1, 2 if slow else args.requests_c1, args.time_cap),
                (16, 16 if slow else args.requests_c16, args.time_cap),
            ):
                m = measure(
                    "127.0.0.1",
                    args.port,
                    page.path,
                    concurrency=concurrency,
                    requests=requests,
                    time_cap=cap,
                    cookie=page_cookie,
                    warmup=0 if slow else 3,
                    timeout=args.timeout,
                )
                entry["runs"][str(concurrency)] = asdict(m)
                print(
                    f"  {page.label:<22} c{concurrency:<2} n={m.requests:<4} "
                    f"median {m.median_ms:>8.1f} ms  p95 {m.p95_ms:>8.1f} ms  "
                    f"{m.rps:>7.1f} req/s  q={m.queries}  {m.compressed_bytes / 1024:.1f} KB"
                    + (f"  errors={m.errors}" if m.errors else ""),
                    flush=True,
                )
    finally:
        stop_gunicorn(process)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    saved.write_text(json.dumps(results, indent=1))
    return results


# --- Report ----------------------------------------------------------------------------


def _run(results: dict[str, Any] | None, key: str, concurrency: int) -> dict[str, Any] | None:
    if not results:
        return None
    return results["pages"].get(key, {}).get("runs", {}).get(str(concurrency))


def evaluate(small: dict[str, Any] | None, large: dict[str, Any] | None) -> list[dict[str, Any]]:
    """One row per page: figures and PASS/FAIL per target (the large scale is the judged one)."""
    judged = large or small
    assert judged is not None
    floor16 = _run(judged, "floor", 16)
    floor_ms = floor16["median_ms"] if floor16 else None
    rows = []
    for key, entry in judged["pages"].items():
        row: dict[str, Any] = {"key": key, "label": entry["label"], "audience": entry["audience"]}
        rows.append(row)
        big16 = _run(judged, key, 16)
        big1 = _run(judged, key, 1)
        small1 = _run(small, key, 1) if large else None
        small16 = _run(small, key, 16) if large else None
        if not big16:
            row["status"] = entry.get("note") or "not built"
            # Whatever was measured still goes in the table next to the verdict.
            row.update(c1=big1, small_c1=small1, small_c16=small16)
            continue
        if big16["errors"] == big16["requests"]:
            row["status"] = f"every request failed at c16 ({big16['statuses']}) — FAIL"
            continue
        row.update(
            c1=big1,
            c16=big16,
            small_c1=small1,
            small_c16=small16,
            floor_ratio=round(big16["median_ms"] / floor_ms, 2) if floor_ms else None,
        )
        checks: dict[str, bool | None] = {}
        if entry["audience"] == "public":
            checks["latency ≤2× floor"] = (
                row["floor_ratio"] <= PUBLIC_FLOOR_RATIO if row["floor_ratio"] else None
            )
            same = (
                small16 is not None
                and small16["queries"] == big16["queries"]
                and not big16["queries_varied"]
            )
            checks["queries flat, ≤12"] = (
                (same if large else None) is not False
                and big16["queries"] is not None
                and big16["queries"] <= MAX_QUERIES
            )
            checks["weight ≤300 KB"] = big16["compressed_bytes"] <= PUBLIC_MAX_BYTES
        elif entry["audience"] == "staff":
            checks["latency ≤4× floor"] = (
                row["floor_ratio"] <= STAFF_FLOOR_RATIO if row["floor_ratio"] else None
            )
            checks["weight ≤150 KB"] = big16["compressed_bytes"] <= STAFF_MAX_BYTES
        if entry["audience"] != "floor" and large and small1 and big1:
            row["scale_ratio"] = round(big1["median_ms"] / small1["median_ms"], 2)
            checks["scale-100 ≤1.5× scale-1"] = row["scale_ratio"] <= SCALE_RATIO
        row["checks"] = checks
    return rows


def _fmt_ms(run: dict[str, Any] | None) -> str:
    return f"{run['median_ms']:.0f} / {run['p95_ms']:.0f}" if run else "—"


def render_markdown(
    small: dict[str, Any] | None, large: dict[str, Any] | None, notes: list[str]
) -> str:
    judged = large or small
    assert judged is not None
    rows = evaluate(small, large)
    big = f"{judged['scale']:g}"
    lines = [
        START_MARK,
        "## Pages: latency, queries and weight",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} by `make bench` "
        "(`bench/run.py`): gunicorn with `config/gunicorn.conf.py` "
        f"({os.cpu_count()} cores → {2 * (os.cpu_count() or 1) + 1} sync workers), "
        "`config.settings.bench`, PostgreSQL on the same machine, a threaded `http.client` "
        "client on loopback sending `Accept-Encoding: gzip`. Latency is median / p95 in ms; "
        "q = queries per request from the `X-Query-Count` header; KB = compressed body "
        "(gzipped by the harness when the server did not compress).",
        "",
    ]
    for result in (small, large):
        if not result:
            continue
        seconds = result.get("generation_seconds")
        lines.append(
            f"- Scale {result['scale']:g}: data generated in "
            + (f"{seconds:.0f} s" if seconds is not None else "an earlier run")
            + "."
        )
    lines += [
        "",
        f"| page | scale 1 c1 | scale 1 c16 | scale {big} c1 | scale {big} c16 | req/s c16 | "
        "× floor | q (1 → " + big + ") | KB | targets |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        if "c16" not in row:
            small_q = row["small_c16"]["queries"] if row.get("small_c16") else "—"
            big_q = row["c1"]["queries"] if row.get("c1") else "—"
            lines.append(
                f"| {row['label']} | {_fmt_ms(row.get('small_c1'))} | "
                f"{_fmt_ms(row.get('small_c16'))} | {_fmt_ms(row.get('c1'))} | — | | | "
                f"{small_q} → {big_q} | | {row['status']} |"
            )
            continue
        c16 = row["c16"]
        small_q = row["small_c16"]["queries"] if row.get("small_c16") else "—"
        checks = row.get("checks", {})
        verdict = (
            "; ".join(
                f"{name}: {'PASS' if ok else 'FAIL' if ok is False else 'n/a'}"
                for name, ok in checks.items()
            )
            or "—"
        )
        lines.append(
            f"| {row['label']} | {_fmt_ms(row.get('small_c1'))} | {_fmt_ms(row.get('small_c16'))} "
            f"| {_fmt_ms(row['c1'])} | {_fmt_ms(c16)} | {c16['rps']:.0f} | "
            f"{row['floor_ratio'] if row['floor_ratio'] is not None else '—'} | "
            f"{small_q} → {c16['queries']}{' (varies)' if c16['queries_varied'] else ''} | "
            f"{c16['compressed_bytes'] / 1024:.1f}"
            f"{'' if c16['gzipped_by_server'] else '*'} | {verdict} |"
        )
    if not large:
        lines += ["", "Only one scale was measured; the scale-invariance targets are n/a."]
    cold = [
        (page["label"], result["scale"], page["cold_ms"], page.get("cold_queries"))
        for result in (small, large)
        if result
        for page in result["pages"].values()
        if page.get("cold_ms") is not None
    ]
    if cold:
        lines += [
            "",
            "Cold requests (the first after the server starts with an empty cache, before "
            "the measured runs; public fragments are cached per content version):",
            "",
            "| page | scale | cold ms | q |",
            "|---|---|---|---|",
            *[f"| {label} | {scale:g} | {ms:.0f} | {q} |" for label, scale, ms, q in cold],
        ]
    lines += [
        "",
        "\\* not compressed by the server; the size shown is the body gzipped by the harness.",
        "",
        "Targets: public pages at the largest scale and concurrency 16 within 2× the floor's "
        "median; queries per request identical at both scales and ≤ 12; each page's median at "
        "concurrency 1 at the largest scale within 1.5× its scale-1 median; staff dashboard and "
        "donor report within 4× the floor; compressed weight ≤ 300 KB public, ≤ 150 KB staff.",
    ]
    if notes:
        lines += ["", "### Notes", "", *notes]
    lines.append(END_MARK)
    return "\n".join(lines) + "\n"


def write_report(section: str) -> None:
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    text = REPORT.read_text() if REPORT.exists() else "# Benchmarks\n\n"
    if START_MARK in text and END_MARK in text:
        head, _, rest = text.partition(START_MARK)
        _, _, tail = rest.partition(END_MARK)
        text = head + section.rstrip("\n") + tail
    else:
        text = text.rstrip("\n") + "\n\n" + section
    REPORT.write_text(text)


def print_table(small: dict[str, Any] | None, large: dict[str, Any] | None) -> None:
    rows = evaluate(small, large)
    print()
    print(
        f"{'page':<22} {'c16 med':>8} {'p95':>8} {'req/s':>7} {'×floor':>7} {'q':>4} {'KB':>7}  targets"  # noqa: E501
    )
    for row in rows:
        if "c16" not in row:
            print(f"{row['label']:<22} {row['status']}")
            continue
        c16 = row["c16"]
        fails = [name for name, ok in row.get("checks", {}).items() if ok is False]
        verdict = "PASS" if not fails else "FAIL: " + ", ".join(fails)
        print(
            f"{row['label']:<22} {c16['median_ms']:>8.1f} {c16['p95_ms']:>8.1f} {c16['rps']:>7.1f} "
            f"{row['floor_ratio'] or 0:>7.2f} {c16['queries'] or 0:>4} "
            f"{c16['compressed_bytes'] / 1024:>7.1f}  {verdict}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--scales", default="1,100", help="comma-separated, e.g. 1,100")
    parser.add_argument("--quick", action="store_true", help="scale 1 only")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--requests-c1", type=int, default=40)
    parser.add_argument("--requests-c16", type=int, default=320)
    parser.add_argument("--time-cap", type=float, default=20.0, help="seconds per measurement")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per request")
    parser.add_argument(
        "--too-slow", type=float, default=8.0, help="probe seconds above which c16 is skipped"
    )
    parser.add_argument("--slow", type=float, default=3.0, help="probe seconds for a short run")
    parser.add_argument(
        "--pages", type=lambda v: set(v.split(",")), default=None, help="only these page keys"
    )
    parser.add_argument("--reuse-data", action="store_true", help="measure what is in the database")
    parser.add_argument("--report-only", action="store_true", help="rebuild the report from JSON")
    parser.add_argument("--note", action="append", default=[], help="a line for the notes")
    parser.add_argument("--notes-file", type=Path, help="markdown lines for the notes")
    parser.add_argument(
        "--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone"
    )
    args = parser.parse_args(argv)
    if not args.port:
        with socket.socket() as probe_socket:
            probe_socket.bind(("127.0.0.1", 0))
            args.port = probe_socket.getsockname()[1]
    scales = [1.0] if args.quick else [float(s) for s in args.scales.split(",") if s.strip()]

    env = {
        **os.environ,
        "DATABASE_URL": os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL),
        "DJANGO_SETTINGS_MODULE": "config.settings.bench",
        "PYTHONUNBUFFERED": "1",
    }
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))

    results: list[dict[str, Any]] = []
    if args.report_only:
        for scale in scales:
            path = RESULTS_DIR / f"scale-{scale:g}.json"
            if path.exists():
                results.append(json.loads(path.read_text()))
    else:
        if env["DATABASE_URL"].startswith("postgres"):
            ensure_database(env["DATABASE_URL"])
        run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
        run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)
        import django

        django.setup()
        from communities.models import Community

        if not Community.objects.exists():
            run([PYTHON, "manage.py", "load_gazetteer"], env)
        for scale in scales:
            print(f"\n== scale {scale:g}", flush=True)
            results.append(measure_scale(scale, env, args))
    if not results:
        print("no results", file=sys.stderr)
        return 1
    small = results[0]
    large = results[-1] if len(results) > 1 else None
    print_table(small, large)
    notes = list(args.note)
    if args.notes_file:
        notes += args.notes_file.read_text().splitlines()
    if args.no_write:
        return 0
    write_report(render_markdown(small, large, notes))
    print(f"\nwrote {REPORT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
