"""Which queries make a page slow: render each page in-process and list its queries by time.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench \\
        .venv/bin/python bench/queries.py [page-key ...] [--explain]

Uses the same page discovery as bench/run.py, the Django test client (staff pages logged in
as the generated administrator) and bench settings. With --explain, the slowest query of each
page is shown with EXPLAIN ANALYZE.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_bench")


def main(argv: list[str]) -> int:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    # bench/ is not put on sys.path: bench/reports.py would shadow the reports app.
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    assert spec and spec.loader
    bench_run = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = bench_run
    spec.loader.exec_module(bench_run)
    discover_pages = bench_run.discover_pages

    from bench.generation.constants import STAFF_USERNAME

    explain = "--explain" in argv
    wanted = [a for a in argv if not a.startswith("--")]
    client = Client(HTTP_HOST="127.0.0.1")
    staff = Client(HTTP_HOST="127.0.0.1")
    staff.force_login(get_user_model().objects.get(username=STAFF_USERNAME))
    for page in discover_pages():
        if page.path is None or (wanted and page.key not in wanted):
            continue
        browser = staff if page.audience == "staff" else client
        browser.get(page.path)  # warm caches and imports
        timings: list[tuple[float, str, object]] = []

        def timer(execute, sql, params, many, context, timings=timings):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                timings.append((time.perf_counter() - started, sql, None if many else params))

        started = time.perf_counter()
        with CaptureQueriesContext(connection), connection.execute_wrapper(timer):
            response = browser.get(page.path)
        total = time.perf_counter() - started
        db = sum(t for t, _, _ in timings)
        print(
            f"\n## {page.label} {page.path} HTTP {response.status_code}: {total * 1000:.0f} ms, "
            f"{len(timings)} queries, {db * 1000:.0f} ms in the database"
        )
        for seconds, sql, params in sorted(timings, key=lambda t: -t[0])[:5]:
            print(f"  {seconds * 1000:8.1f} ms  {sql[:600]}  params={params!r:.200}")
        if explain and timings:
            _, slowest, params = max(timings, key=lambda t: t[0])
            if slowest.lstrip().upper().startswith("SELECT"):
                with connection.cursor() as cursor:
                    try:
                        cursor.execute("EXPLAIN ANALYZE " + slowest, params)
                        print("\n".join("    " + r[0] for r in cursor.fetchall()[:25]))
                    except Exception as exc:
                        print(f"    (EXPLAIN failed: {exc.__class__.__name__})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
