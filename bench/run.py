"""`make bench`: generate data, serve it with gunicorn, time every page the way people reach it.

One run: a dedicated PostgreSQL database (portal_bench unless DATABASE_URL says otherwise) is
migrated, the gazetteer loaded and the data generated at each scale (1 and 100 by default).
Every page is then timed in three modes, one request at a time, on loopback:

- **cache off**: a gunicorn started with ``BENCH_CACHE_OFF=1`` (a dummy cache), so every
  request computes its page; list pages and search get a new filter combination or search
  word on every request;
- **after a write**: the normal server; before each timed request the harness publishes a
  news item through a bench-only endpoint, so each timed request is the first view after a write;
  place pages are timed for places that news item does not name and, in this mode only, for
  the places it names (their cached pages are retired by every write: "written");
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
import json
import os
import secrets
import socket
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.client import Sample, fetch, timed  # noqa: E402
from bench.page_report import (  # noqa: E402
    MODE_LABELS,
    REPORT,
    print_table,
    render_markdown,
    write_report,
)
from bench.pages import Page, _reverse, discover_pages  # noqa: E402
from bench.server import (  # noqa: E402
    RESULTS_DIR,
    ensure_database,
    generate_data,
    login,
    run,
    start_gunicorn,
    stop_gunicorn,
    wait_until_idle,
)
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
                    if page.modes and mode not in page.modes:
                        continue
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
