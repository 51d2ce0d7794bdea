"""`make bench`: generate data, serve it with gunicorn, time every page the way people reach it.

One run: a dedicated PostgreSQL database (portal_bench unless DATABASE_URL says otherwise) is
migrated, the gazetteer loaded and the data generated at each scale (1 and 100 by default).
Every page is then timed in three modes, one request at a time, on loopback:

- **cache off**: a gunicorn started with ``BENCH_CACHE_OFF=1`` (a dummy cache), so every
  request computes its page; list pages and search get a new filter combination or search
  word on every request;
- **after a write**: the normal server; before each timed request the harness saves a project
  through a bench-only endpoint, so each timed request is the first view after a write;
- **warm**: the normal server, the same URL again after one untimed request filled the cache.

Each page is timed interleaved with two floors, in rounds: a static file served by the same
gunicorn and whitenoise (the server's limit) and a view with no query and no template (the
least a Django view can cost). A round is ``static, view, page`` repeated N times; a page's
ratio is the median over rounds of (page p50 / floor p50 of the same round), so each ratio
compares figures taken under the same load. The figures are printed, saved as JSON under
var/bench/ and written to docs/benchmarks.md between ``<!-- pages:start -->`` and
``<!-- pages:end -->`` with PASS/FAIL per target and the load average at start and end.

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
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.timing import (  # noqa: E402
    Round,
    filter_combinations,
    form_options,
    median_ratio,
    p50,
    percentile,
    varied_path,
)

PYTHON = sys.executable
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/portal_bench"
RESULTS_DIR = ROOT / "var" / "bench"
REPORT = ROOT / "docs" / "benchmarks.md"
START_MARK = "<!-- pages:start -->"
END_MARK = "<!-- pages:end -->"
LANG = "en"
MODES = ("cache_off", "after_write", "warm")
MODE_LABELS = {"cache_off": "cache off", "after_write": "after a write", "warm": "warm"}

# Targets from issue 19, judged at the largest scale measured.
COLD_P50_RATIO = 4.0  # cache off: p50 within 4× the no-query view
COLD_P95_RATIO = 8.0  # cache off: p95 within 8× the no-query view's p50
MAX_QUERIES = 12  # cache off: queries per request
GROWTH_RATIO = 1.5  # cache off: scale 1 → largest scale
AFTER_WRITE_RATIO = 4.0  # first view after a write: within 4× the no-query view
WARM_STATIC_RATIO = 2.0  # warm: within 2× the static-file floor
SLOW_REQUEST_MS = 2000.0  # no request in the benchmark over 2 s


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


# --- Pages -----------------------------------------------------------------------------


@dataclass
class Page:
    key: str
    label: str
    audience: str  # "public" or "staff"
    path: str | None
    note: str = ""
    # How successive timed requests differ (bench/timing.py varied_path).
    kind: str = "fixed"


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


# Pages with a filter form: each timed request picks a new filter combination or search word.
LIST_PAGES = {"project_list", "news_list", "grant_list", "organisation_list"}


def discover_pages() -> list[Page]:
    """Example URLs from the database: the busiest organisation, community and region, so the
    pages that grow with the data are measured where they grow most."""
    from django.db.models import Count

    from communities.models import Activity, Community, District, Region
    from grants.models import Grant
    from projects.models import Organisation, Project

    pages: list[Page] = []

    def add(key: str, label: str, audience: str, names: list[str], query: str = "", **kw: Any):
        if any(v is None for v in kw.values()):
            pages.append(Page(key, label, audience, None, "no example record"))
            return
        path = _reverse(names, **kw)
        if path and query:
            path = f"{path}?{query}"
        kind = "search" if key == "search" else "list" if key in LIST_PAGES else "fixed"
        if audience == "staff" and "date_from" in query:
            kind = "period"
        pages.append(Page(key, label, audience, path, "" if path else "not built", kind))

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
            pages.append(Page(key, label, "staff", None, f"no {field_name}", "period"))
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


# --- Data generator: the one place that names it, so it can be re-pointed when it moves. ---


def generate_data(scale: float, env: dict[str, str]) -> None:
    run([PYTHON, "bench/generate.py", "--scale", f"{scale:g}", "-v2"], env)


def staff_credentials() -> tuple[str, str]:
    from bench.generation.constants import STAFF_PASSWORD, STAFF_USERNAME

    return STAFF_USERNAME, STAFF_PASSWORD


def start_gunicorn(
    env: dict[str, str], port: int, extra: dict[str, str]
) -> subprocess.Popen[bytes]:
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
        **extra,
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
            answer = fetch(port, "/healthz", timeout=2)
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
            if fetch(port, path, timeout=limit).ms < 1000:
                return
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(1)


def stop_gunicorn(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        # The group is the one start_gunicorn created (start_new_session): this gunicorn only.
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def login(port: int) -> str | None:
    """Log the generated administrator in through the login form; returns a Cookie header."""
    username, password = staff_credentials()
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
            "username": username,
            "password": password,
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


# --- Measurement ---------------------------------------------------------------------------

WRITE_PATH = "/bench/write/"
# Each mode starts at its own place in a page's list of variations, so the after-write
# requests do not repeat the cache-off ones.
MODE_OFFSET = {"cache_off": 0, "after_write": 1000, "warm": 0}
# Selects that are not filters (the language switcher) are never varied.
NOT_FILTERS = {"language"}


def static_floor_path() -> str:
    """The site stylesheet as base.html links it (hashed name, served by whitenoise)."""
    from django.templatetags.static import static

    return static("css/portal.css")


def measure_mode(
    port: int,
    page: Page,
    mode: str,
    *,
    cookie: str | None,
    static_path: str,
    view_path: str,
    combinations: list[dict[str, str]],
    secret: str,
    args: argparse.Namespace,
) -> dict[str, Any]:
    """Rounds of (static floor, no-query view, page) × N for one page in one mode."""
    if mode == "warm":
        # Untimed: fills whatever the page caches; every timed request after it is a hit.
        timed(port, page.path or "", cookie=cookie, timeout=args.timeout)
    per_round = args.per_round
    rounds: list[Round] = []
    pages: list[Sample] = []
    urls: list[str] = []
    floor_errors = 0
    index = MODE_OFFSET[mode]
    note = ""
    deadline = time.perf_counter() + args.time_cap
    for _ in range(args.rounds):
        static_ms: list[float] = []
        view_ms: list[float] = []
        page_ms: list[float] = []
        for _ in range(per_round):
            for path, into in ((static_path, static_ms), (view_path, view_ms)):
                floor = timed(port, path, cookie=None, timeout=args.timeout)
                floor_errors += floor.status != 200
                into.append(floor.ms)
            if mode == "after_write":
                wrote = fetch(
                    port,
                    WRITE_PATH,
                    method="POST",
                    headers={"X-Bench-Secret": secret},
                    timeout=args.timeout,
                )
                if wrote.status != 204:
                    raise SystemExit(f"the bench write endpoint answered HTTP {wrote.status}")
            path = (
                page.path
                if mode == "warm"
                else varied_path(
                    page.path or "", kind=page.kind, index=index, combinations=combinations
                )
            )
            index += 1
            sample = timed(port, path, cookie=cookie, timeout=args.timeout)
            pages.append(sample)
            urls.append(path)
            page_ms.append(sample.ms)
            if sample.status == 0:
                # No answer within --timeout: the worker (and its query) may run on for up to
                # gunicorn's own timeout. Asking again would only pile work on the machine.
                note = f"no answer within {args.timeout:g} s: page and mode stopped there"
                break
            if sample.ms > args.slow * 1000 and per_round > 1:
                # A page this slow fails its targets whatever the next requests show; one
                # request per round keeps the run bounded and still gives every round a ratio.
                per_round = 1
                note = f"over {args.slow:g} s: one request per round from then on"
        rounds.append(Round(tuple(static_ms), tuple(view_ms), tuple(page_ms)))
        if pages[-1].status == 0:
            break
        if time.perf_counter() > deadline:
            if len(rounds) < args.rounds:
                note = (note + "; " if note else "") + (
                    f"time cap {args.time_cap:g} s reached after {len(rounds)} round(s)"
                )
            break
    ok = [s for s in pages if s.status == 200]
    queries = [s.queries for s in ok if s.queries is not None]
    all_page = [s.ms for s in pages]
    all_view = [ms for r in rounds for ms in r.view_ms]
    all_static = [ms for r in rounds for ms in r.static_ms]
    return {
        "requests": len(pages),
        "errors": len(pages) - len(ok),
        "statuses": sorted({s.status for s in pages}),
        "floor_errors": floor_errors,
        "distinct_urls": len(set(urls)),
        "example_urls": urls[:3],
        "rounds": [
            {
                **asdict(r),
                "view_ratio": round(r.view_ratio, 2),
                "static_ratio": round(r.static_ratio, 2),
            }
            for r in rounds
        ],
        "p50_ms": round(p50(all_page), 1),
        "p95_ms": round(percentile(all_page, 0.95), 1),
        "max_ms": round(max(all_page), 1),
        "view_p50_ms": round(p50(all_view), 1),
        "static_p50_ms": round(p50(all_static), 1),
        "view_ratio": round(median_ratio(rounds, against="view"), 2),
        "static_ratio": round(median_ratio(rounds, against="static"), 2),
        "p95_view_ratio": round(percentile(all_page, 0.95) / p50(all_view), 2),
        "queries_min": min(queries) if queries else None,
        "queries_max": max(queries) if queries else None,
        "note": note,
    }


def measure_scale(scale: float, env: dict[str, str], args: argparse.Namespace) -> dict[str, Any]:
    from django.db import connection

    generation_seconds = None
    if not args.reuse_data:
        started = time.perf_counter()
        generate_data(scale, env)
        generation_seconds = round(time.perf_counter() - started, 1)
    connection.close()
    pages = discover_pages()
    static_path = static_floor_path()
    view_path = _reverse(["bench_floor"])
    assert view_path, "bench settings must serve the floor view"
    connection.close()
    if args.pages:
        pages = [p for p in pages if p.key in args.pages]
    results: dict[str, Any] = {
        "scale": scale,
        "generation_seconds": generation_seconds,
        "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_start": [round(x, 2) for x in os.getloadavg()],
        "rounds": args.rounds,
        "per_round": args.per_round,
        "static_path": static_path,
        "view_path": view_path,
        "pages": {p.key: {**asdict(p), "modes": {}} for p in pages},
    }
    secret = secrets.token_hex(16)
    combinations: dict[str, list[dict[str, str]]] = {}
    servers = (
        ({"BENCH_CACHE_OFF": "1"}, ("cache_off",)),
        ({"BENCH_WRITE_SECRET": secret}, ("after_write", "warm")),
    )
    for extra, modes in servers:
        if args.modes:
            modes = tuple(m for m in modes if m in args.modes)
        if not modes:
            continue
        print(f"-- server for {', '.join(MODE_LABELS[m] for m in modes)}", flush=True)
        process = start_gunicorn(env, args.port, extra)
        try:
            cookie = login(args.port)
            for page in pages:
                entry = results["pages"][page.key]
                if page.path is None:
                    continue
                page_cookie = cookie if page.audience == "staff" else None
                if page.audience == "staff" and not cookie:
                    entry["note"] = "login failed"
                    continue
                if page.kind == "list" and page.key not in combinations:
                    # The filter values a visitor can pick, read from the served form (untimed).
                    form = fetch(args.port, page.path, timeout=args.timeout * 4, keep_body=True)
                    options = form_options(form.body.decode(errors="replace"))
                    combinations[page.key] = filter_combinations(
                        {k: v for k, v in options.items() if k not in NOT_FILTERS}
                    )
                for mode in modes:
                    wait_until_idle(args.port, view_path)
                    m = measure_mode(
                        args.port,
                        page,
                        mode,
                        cookie=page_cookie,
                        static_path=static_path,
                        view_path=view_path,
                        combinations=combinations.get(page.key, []),
                        secret=secret,
                        args=args,
                    )
                    entry["modes"][mode] = m
                    print(
                        f"  {page.label:<22} {MODE_LABELS[mode]:<13} n={m['requests']:<3} "
                        f"p50 {m['p50_ms']:>7.1f} p95 {m['p95_ms']:>7.1f} ms  "
                        f"×view {m['view_ratio']:>5.2f}  ×static {m['static_ratio']:>5.2f}  "
                        f"q={m['queries_max']}"
                        + (f"  errors={m['errors']} {m['statuses']}" if m["errors"] else "")
                        + (f"  ({m['note']})" if m["note"] else ""),
                        flush=True,
                    )
        finally:
            stop_gunicorn(process)
    results["load_end"] = [round(x, 2) for x in os.getloadavg()]
    results["finished"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / f"scale-{scale:g}.json").write_text(json.dumps(results, indent=1))
    return results


# --- Report ----------------------------------------------------------------------------


def _mode(result: dict[str, Any] | None, key: str, mode: str) -> dict[str, Any] | None:
    if not result:
        return None
    return result["pages"].get(key, {}).get("modes", {}).get(mode)


def _verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else "PASS" if ok else "FAIL"


def evaluate(small: dict[str, Any] | None, large: dict[str, Any] | None) -> list[dict[str, Any]]:
    """One row per page: PASS/FAIL per target, judged at the largest scale measured; growth
    compares the cache-off ratios (page / no-query view, same rounds) of the two scales."""
    judged = large or small
    assert judged is not None
    rows = []
    for key, entry in judged["pages"].items():
        row: dict[str, Any] = {"key": key, "label": entry["label"], "note": entry.get("note", "")}
        if entry.get("path") is None:
            row["note"] = entry.get("note") or "not built"
        off = _mode(judged, key, "cache_off")
        written = _mode(judged, key, "after_write")
        warm = _mode(judged, key, "warm")
        small_off = _mode(small, key, "cache_off") if large else None
        checks: dict[str, bool | None] = {}
        checks["cache off p50 ≤4×"] = off["view_ratio"] <= COLD_P50_RATIO if off else None
        checks["cache off p95 ≤8×"] = off["p95_view_ratio"] <= COLD_P95_RATIO if off else None
        checks["≤12 queries"] = (
            off["queries_max"] is not None and off["queries_max"] <= MAX_QUERIES if off else None
        )
        if off and small_off:
            row["growth"] = round(off["view_ratio"] / small_off["view_ratio"], 2)
            checks["growth ≤1.5×"] = row["growth"] <= GROWTH_RATIO
        else:
            checks["growth ≤1.5×"] = None
        checks["after write ≤4×"] = written["view_ratio"] <= AFTER_WRITE_RATIO if written else None
        checks["warm ≤2× static"] = warm["static_ratio"] <= WARM_STATIC_RATIO if warm else None
        measured = [m for m in (off, written, warm) if m]
        checks["no request >2 s"] = (
            all(m["max_ms"] <= SLOW_REQUEST_MS and not m["errors"] for m in measured)
            if measured
            else None
        )
        row["checks"] = checks
        rows.append(row)
    return rows


def _ms(m: dict[str, Any] | None) -> str:
    return f"{m['p50_ms']:.0f} / {m['p95_ms']:.0f}" if m else "—"


def _q(m: dict[str, Any] | None) -> str:
    if not m or m["queries_max"] is None:
        return "—"
    if m["queries_min"] == m["queries_max"]:
        return str(m["queries_max"])
    return f"{m['queries_min']}–{m['queries_max']}"


def _flags(m: dict[str, Any] | None) -> str:
    if not m:
        return ""
    flags = []
    if m["errors"]:
        flags.append(f"{m['errors']} failed {m['statuses']}")
    if m["note"]:
        flags.append(m["note"])
    return "; ".join(flags)


def render_markdown(
    small: dict[str, Any] | None, large: dict[str, Any] | None, notes: list[str]
) -> str:
    judged = large or small
    assert judged is not None
    results = [r for r in (small, large) if r]
    rows = evaluate(small, large)
    cores = os.cpu_count() or 1
    lines = [
        START_MARK,
        "## Pages: cache off, after a write, warm",
        "",
        "Generated by `make bench` (`bench/run.py`). gunicorn with `config/gunicorn.conf.py` "
        f"({cores} cores → {2 * cores + 1} sync workers) and `config.settings.bench`, "
        "PostgreSQL on the same machine, one request at a time from an `http.client` client "
        "on 127.0.0.1 (new connection per request, `Accept-Encoding: gzip`).",
        "",
        "- **Floors.** *static*: the site stylesheet served by the same gunicorn and whitenoise "
        f"(`{judged['static_path']}`), the server's limit. *view*: `{judged['view_path']}`, "
        "a view returning a fixed 4 KB body with no query and no template, through the whole "
        "middleware stack.",
        "- **Rounds.** A round is (static, view, page) repeated N times in alternation; a "
        "page's ×view and ×static figures are the **median over rounds** of (page p50 / floor "
        "p50 of the same round). p50 and p95 are over all of the page's timed requests; "
        "p95 × view divides the page's p95 by the view's p50. A page slower than "
        "`--slow` drops to one request per round, and each page and mode stops at `--time-cap`.",
        "- **Modes.** *cache off*: a second gunicorn with `BENCH_CACHE_OFF=1` (dummy cache), "
        "so every request computes. *after a write*: the normal server; before each timed "
        "request the harness saves a project (`POST /bench/write/`, bench settings only, "
        "secret header), so each request is the first view after a write. *warm*: the same "
        "URL again after one untimed request.",
        "- **Varied requests.** Search gets a new word on every request (Russian, Kyrgyz, "
        "Tajik, English place and topic words: «Баткен», «безопасность», Isfara, mediation, "
        "«жаштар»…); list pages a new combination of search word and filter values read from "
        "their own filter form; staff reports a new period. Detail pages keep their URL (in "
        "these two modes nothing is reused). Warm requests repeat one URL on purpose.",
        "- **q** = queries per request (`X-Query-Count` header), min–max over the requests.",
        "",
        "| scale | date | data generated | rounds × N | "
        "load average at start → end (1, 5, 15 min) |",
        "|---|---|---|---|---|",
    ]
    for r in results:
        seconds = r.get("generation_seconds")
        lines.append(
            f"| {r['scale']:g} | {r['started']} – {r.get('finished', '?')} | "
            + (f"{seconds:.0f} s" if seconds is not None else "earlier run")
            + f" | {r['rounds']} × {r['per_round']} | "
            + f"{', '.join(f'{x:.1f}' for x in r['load_start'])} → "
            + f"{', '.join(f'{x:.1f}' for x in r.get('load_end', []))} |"
        )
    lines += [
        "",
        f"A load average above {cores} means other work shared the machine's {cores} cores "
        "during the run; the ratios, taken within each round, are less affected than the "
        "milliseconds.",
        "",
        "Floors (p50 ms over every round of every page):",
        "",
        "| scale | mode | static | view |",
        "|---|---|---|---|",
    ]
    for r in results:
        for mode in MODES:
            statics = [
                p["modes"][mode]["static_p50_ms"] for p in r["pages"].values() if mode in p["modes"]
            ]
            views = [
                p["modes"][mode]["view_p50_ms"] for p in r["pages"].values() if mode in p["modes"]
            ]
            if statics:
                lines.append(
                    f"| {r['scale']:g} | {MODE_LABELS[mode]} | {p50(statics):.1f} | "
                    f"{p50(views):.1f} |"
                )
    headers = {
        "cache_off": ("× view", "p95 × view", "view_ratio", "p95_view_ratio"),
        "after_write": ("× view", None, "view_ratio", None),
        "warm": ("× static", None, "static_ratio", None),
    }
    for mode in MODES:
        ratio_label, extra_label, ratio_key, extra_key = headers[mode]
        head = ["page"]
        for r in results:
            s = f"{r['scale']:g}"
            head += [f"{s}: p50 / p95 ms", f"{s}: {ratio_label}"]
            if extra_label:
                head.append(f"{s}: {extra_label}")
            head.append(f"{s}: q")
        if mode == "cache_off" and len(results) > 1:
            head.append("growth")
        head.append("notes")
        lines += ["", f"### {MODE_LABELS[mode].capitalize()}", "", "| " + " | ".join(head) + " |"]
        lines.append("|" + "---|" * len(head))
        for row in rows:
            cells = [row["label"]]
            flags = []
            for r in results:
                m = _mode(r, row["key"], mode)
                cells += [_ms(m), f"{m[ratio_key]:.2f}" if m else "—"]
                if extra_key:
                    cells.append(f"{m[extra_key]:.2f}" if m else "—")
                cells.append(_q(m))
                if _flags(m):
                    flags.append(f"{r['scale']:g}: {_flags(m)}")
            if mode == "cache_off" and len(results) > 1:
                cells.append(f"{row['growth']:.2f}" if row.get("growth") is not None else "—")
            if row["note"]:
                flags.insert(0, row["note"])
            cells.append("; ".join(flags))
            lines.append("| " + " | ".join(cells) + " |")
    names = list(rows[0]["checks"]) if rows else []
    lines += [
        "",
        f"### Targets (scale {judged['scale']:g})",
        "",
        "Cache off: p50 ≤ 4× and p95 ≤ 8× the no-query view, ≤ 12 queries; growth ≤ 1.5× from "
        "the smallest to the largest scale (cache-off × view); after a write ≤ 4× the no-query "
        "view; warm ≤ 2× the static-file floor; no request over 2 s and none failed, in any mode.",
        "",
        "| page | " + " | ".join(names) + " |",
        "|" + "---|" * (len(names) + 1),
    ]
    for row in rows:
        lines.append(
            f"| {row['label']} | "
            + " | ".join(_verdict(row["checks"][name]) for name in names)
            + " |"
        )
    totals = []
    for name in names:
        verdicts = [row["checks"][name] for row in rows]
        totals.append(
            f"{sum(v is True for v in verdicts)} PASS / {sum(v is False for v in verdicts)} FAIL"
            + (
                f" / {sum(v is None for v in verdicts)} n/a"
                if any(v is None for v in verdicts)
                else ""
            )
        )
    lines.append("| **total** | " + " | ".join(totals) + " |")
    if not large:
        lines += ["", "Only one scale was measured: growth is n/a."]
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
    for row in rows:
        fails = [name for name, ok in row["checks"].items() if ok is False]
        print(f"{row['label']:<24} " + ("PASS" if not fails else "FAIL: " + ", ".join(fails)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--scales", default="1,100", help="comma-separated, e.g. 1,100")
    parser.add_argument("--quick", action="store_true", help="scale 1 only")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per page and mode (≥3)")
    parser.add_argument("--per-round", type=int, default=5, help="requests of each kind a round")
    parser.add_argument(
        "--time-cap", type=float, default=90.0, help="seconds per page and mode, then stop"
    )
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per request")
    parser.add_argument(
        "--slow", type=float, default=2.0, help="a page request slower than this (s): N=1"
    )
    parser.add_argument(
        "--pages", type=lambda v: set(v.split(",")), default=None, help="only these page keys"
    )
    parser.add_argument(
        "--modes", type=lambda v: set(v.split(",")), default=None, help="e.g. cache_off,warm"
    )
    parser.add_argument("--reuse-data", action="store_true", help="measure what is in the database")
    parser.add_argument("--report-only", action="store_true", help="rebuild the report from JSON")
    parser.add_argument("--note", action="append", default=[], help="a line for the notes")
    parser.add_argument("--notes-file", type=Path, help="markdown lines for the notes")
    parser.add_argument(
        "--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone"
    )
    args = parser.parse_args(argv)
    if args.rounds < 3:
        parser.error("--rounds must be at least 3: a median of fewer ratios says little")
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
