"""Where a public list page's time goes when every request is new: in process, with the cache
off (``BENCH_CACHE_OFF=1``, as bench/run.py's "cache off" server) or on, each page asked with
the varied search words and filter combinations bench/run.py sends, the floor view timed in
the same rounds.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench BENCH_CACHE_OFF=1 \\
        .venv/bin/python bench/list_profile.py [page-key ...] [--requests 30] [--sql] [--profile]

Prints per page: p50 / p95 ms, the ratio to the floor view's p50, queries (min–max), the
share of time in the database, and with --sql the statements that cost most (summed over the
requests by their text up to the first parameter), with --profile the functions that cost
most (cProfile, cumulative).
"""

from __future__ import annotations

import cProfile
import importlib.util
import os
import pstats
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(os.getcwd())
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")

PAGES = ("project_list", "grant_list", "news_list", "organisation_list", "organisation_detail")


def _load_run() -> object:
    # bench/ is not put on sys.path: bench/reports.py would shadow the reports app.
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = module
    spec.loader.exec_module(module)
    return module


def main(argv: list[str]) -> int:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from bench.timing import filter_combinations, form_options, percentile, varied_path

    bench_run = _load_run()
    requests = 30
    if "--requests" in argv:
        requests = int(argv[argv.index("--requests") + 1])
    wanted = [a for a in argv if not a.startswith("--") and not a.isdigit()] or list(PAGES)
    client = Client(HTTP_HOST="127.0.0.1")
    floor = bench_run._reverse(["bench_floor"])  # type: ignore[attr-defined]
    pages = {p.key: p for p in bench_run.discover_pages()}  # type: ignore[attr-defined]
    offset = int(os.environ.get("LIST_PROFILE_OFFSET", "0"))
    for key in wanted:
        page = pages[key]
        combos: list[dict[str, str]] = []
        if page.kind == "list":
            body = client.get(page.path).content.decode()
            options = form_options(body)
            combos = filter_combinations({k: v for k, v in options.items() if k != "language"})
        client.get(page.path)
        client.get(floor)
        statements: dict[str, list[float]] = defaultdict(list)
        timings: list[float] = []

        def timer(execute, sql, params, many, context, timings=timings, statements=statements):  # type: ignore[no-untyped-def]
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                timings.append(time.perf_counter() - started)
                statements[re.sub(r"\s+", " ", sql)[:300]].append(timings[-1])

        page_ms: list[float] = []
        floor_ms: list[float] = []
        ratios: list[float] = []
        queries: list[int] = []
        db_ms: list[float] = []
        profiler = cProfile.Profile() if "--profile" in argv else None
        for index in range(requests):
            path = varied_path(page.path, kind=page.kind, index=offset + index, combinations=combos)
            started = time.perf_counter()
            client.get(floor)
            floor_ms.append((time.perf_counter() - started) * 1000)
            before = len(timings)
            with connection.execute_wrapper(timer):
                if profiler:
                    profiler.enable()
                started = time.perf_counter()
                response = client.get(path)
                page_ms.append((time.perf_counter() - started) * 1000)
                if profiler:
                    profiler.disable()
            assert response.status_code == 200, (path, response.status_code)
            queries.append(len(timings) - before)
            db_ms.append(sum(timings[before:]) * 1000)
            ratios.append(page_ms[-1] / floor_ms[-1])
        floor_p50 = statistics.median(floor_ms)
        print(
            f"## {page.label}: p50 {statistics.median(page_ms):.1f} ms, "
            f"p95 {percentile(page_ms, 0.95):.1f} ms, floor p50 {floor_p50:.2f} ms, "
            f"x floor {statistics.median(page_ms) / floor_p50:.1f} "
            f"(p95 x {percentile(page_ms, 0.95) / floor_p50:.1f}), "
            f"q {min(queries)}-{max(queries)}, db p50 {statistics.median(db_ms):.1f} ms"
        )
        if "--sql" in argv:
            ranked = sorted(statements.items(), key=lambda item: -sum(item[1]))
            for sql, spent in ranked[:8]:
                print(
                    f"   {sum(spent) * 1000 / requests:6.2f} ms/req  n={len(spent):<3} "
                    f"max {max(spent) * 1000:6.1f}  {sql[:220]}"
                )
        if profiler:
            stats = pstats.Stats(profiler)
            if os.environ.get("LIST_PROFILE_DUMP"):
                stats.dump_stats(os.environ["LIST_PROFILE_DUMP"])
            order = os.environ.get("LIST_PROFILE_SORT", "cumulative")
            stats.sort_stats(order).print_stats(int(os.environ.get("LIST_PROFILE_LINES", "40")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
