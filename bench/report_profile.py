"""Where an uncached report page spends its time: SQL against Python, per part of the page
and per indicator, for the donor report (one project, a whole donor) and the dashboard as
the benchmark's staff user sees them (``make bench-data`` or ``bench/run.py`` data).

Each page is requested through Django's test client with the cache off, once untimed and
then N times; the figures are medians per request. "sql" is the time spent executing the
part's statements; the rest of a part's time is Python (building queries, reading rows,
formatting, rendering).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_reports \\
        .venv/bin/python bench/report_profile.py [project donor dashboard] [--requests 5]

Run it from two checkouts against the same database, alternately, to compare them: the
machine's load changes more between minutes than most changes do.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

# The checkout run from, as bench/report_figures.py: one script times two versions.
sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
os.environ["BENCH_CACHE_OFF"] = "1"

PERIOD = "date_from=2025-01-01&date_to=2025-12-31"


class Clock:
    """SQL time and statement count, and per-part totals for the current request."""

    def __init__(self) -> None:
        self.sql = 0.0
        self.statements = 0
        self.parts: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])

    def execute(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, ctx: Any):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, ctx)
        finally:
            self.sql += time.perf_counter() - started
            self.statements += 1

    def timed(self, label: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started, sql, statements = time.perf_counter(), self.sql, self.statements
            try:
                return function(*args, **kwargs)
            finally:
                part = self.parts[label]
                part[0] += time.perf_counter() - started
                part[1] += self.sql - sql
                part[2] += self.statements - statements

        return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pages", nargs="*", default=["project", "donor", "dashboard"])
    parser.add_argument("--requests", type=int, default=5)
    args = parser.parse_args()

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse

    from reports import report, staff_views
    from reports.access import reportable_donors, reportable_projects
    from reports.indicators import catalogue

    clock = Clock()
    # The parts of a page, patched where their callers look them up.
    for module, name, label in (
        (staff_views, "_filters_html", "filter form (with its render)"),
        (staff_views, "render_to_string", "templates rendered (form and body)"),
        (report, "grants_table", "grants table"),
        (report, "plans_table", "plans table"),
        (report.selectors, "highlight_activities", "highlights"),
        (report.selectors, "report_reported_figures", "reported figures"),
    ):
        setattr(module, name, clock.timed(label, getattr(module, name)))
    compute = catalogue.Indicator.compute

    def compute_timed(indicator: Any, filters: Any) -> Any:
        return clock.timed(f"  {indicator.code}", compute)(indicator, filters)

    catalogue.Indicator.compute = compute_timed  # type: ignore[method-assign]  # patched on purpose: times each indicator

    user = get_user_model().objects.get(username="bench-admin")
    project = reportable_projects(user).annotate(n=Count("activities")).order_by("-n", "pk")[0]
    donor = reportable_donors(user).filter(partnerships__project=project).order_by("pk")[0]
    urls = {
        "project": f"{reverse('staff:donor_report')}?project={project.pk}&{PERIOD}",
        "donor": f"{reverse('staff:donor_report')}?donor={donor.pk}&{PERIOD}",
        "dashboard": f"{reverse('staff:reports_dashboard')}?{PERIOD}",
    }
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    print(f"load average {os.getloadavg()[0]:.1f}")
    for page in args.pages:
        client.get(urls[page])
        walls, sqls, statements = [], [], []
        parts: dict[str, list[list[float]]] = defaultdict(list)
        with connection.execute_wrapper(clock.execute):
            for _ in range(args.requests):
                clock.sql, clock.statements = 0.0, 0
                clock.parts.clear()
                started = time.perf_counter()
                assert client.get(urls[page]).status_code == 200
                walls.append(time.perf_counter() - started)
                sqls.append(clock.sql)
                statements.append(clock.statements)
                for label, figures in clock.parts.items():
                    parts[label].append(figures)
        print(
            f"== {page}: {statistics.median(walls) * 1000:.0f} ms a request, "
            f"SQL {statistics.median(sqls) * 1000:.0f} ms in {max(statements)} statements"
        )
        for label, runs in parts.items():
            wall = statistics.median(run[0] for run in runs) * 1000
            sql = statistics.median(run[1] for run in runs) * 1000
            count = max(run[2] for run in runs)
            print(f"   {label:<32} {wall:7.1f} ms  SQL {sql:6.1f} ms  {count:.0f} statements")


if __name__ == "__main__":
    main()
