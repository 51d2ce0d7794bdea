"""Latency of a new search (cache off) on the database DATABASE_URL names, in process.

Each round asks the no-query floor view, then `/ru/search/?q=…` with a query not asked before
(place names in both scripts, inflected forms, typos, common words of the generated texts), one
request at a time. Prints p50 and p95 of the search, of the floor, and the median of the
per-round ratios. Used for the before/after figures of issue #21 (docs/search.md).

    DATABASE_URL=postgres://…/portal_bench .venv/bin/python bench/search_latency.py --rounds 60

``--page news`` (or ``grants``, ``projects``) times that list filtered by ``?q=`` instead.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What --page times: the search page, or a list filtered through the same index.
PAGES = {
    "search": "/ru/search/",
    "news": "/ru/news/",
    "grants": "/ru/grants/",
    "projects": "/ru/projects/",
}
QUERIES = [
    "Баткен",
    "Ош",
    "Джалал-Абад",
    "Исфаринский",
    "Исфара",
    "Isfara",
    "Batken",
    "Osh",
    "Jalal-Abad",
    "Хатлон",
    "Khatlon",
    "Ноокат",
    "Nookat",
    "Кара-Суу",
    "Kara-Suu",
    "Узген",
    "безопасность",
    "молодежь",
    "police",
    "school",
    "youth",
    "women",
    "конфликт",
    "вода",
    "Бишкек",
    "Bishkek",
    "Душанбе",
    "Dushanbe",
    "Вахдат",
    "Vahdat",
    "Batkan",
    "Isfra",
    "Кадамжай",
    "Kadamjay",
    "Ысык-Көл",
    "Issyk-Kul",
    "Талас",
    "Talas",
    "Нарын",
    "Naryn",
    "training",
    "meeting",
    "mediation",
    "профилактика",
    "милиция",
    "жаштар",
    "коопсуздук",
    "ҷавонон",
    "амният",
    "Sughd",
    "Согд",
    "Бохтар",
    "Bokhtar",
    "Хорог",
    "Khorugh",
    "pasture",
    "irrigation",
    "markets",
    "Токмок",
    "Tokmok",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, help="queries to ask (default: all of the set)")
    parser.add_argument("--salt", default="", help="appended to each query to defeat caches")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each request")
    parser.add_argument("--page", choices=sorted(PAGES), default="search")
    parser.add_argument("--offset", type=int, default=0, help="start at this query")
    parser.add_argument(
        "--words",
        choices=["latency", "bench"],
        default="latency",
        help="this script's 60 queries, or bench/timing.py's SEARCH_WORDS (what bench/run.py asks)",
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    queries = QUERIES
    if args.words == "bench":
        from bench.timing import SEARCH_WORDS

        queries = list(SEARCH_WORDS)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
    os.environ.setdefault("BENCH_CACHE_OFF", "1")
    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.get("/ru/bench/floor/")
    path = PAGES[args.page]
    client.get(path, {"q": "warmup"})
    floors, searches, ratios = [], [], []
    for number in range(args.rounds or len(queries)):
        index = (number + args.offset) % len(queries)
        query = queries[index] + (f" {args.salt}{number}" if args.salt else "")
        started = time.perf_counter()
        client.get("/ru/bench/floor/")
        floor = time.perf_counter() - started
        started = time.perf_counter()
        response = client.get(path, {"q": query})
        search = time.perf_counter() - started
        assert response.status_code == 200, (query, response.status_code)
        floors.append(floor)
        searches.append(search)
        if args.verbose:
            print(f"  {search * 1000:7.0f} ms  {query}", flush=True)
        ratios.append(search / floor)

    def p95(values: list[float]) -> float:
        ordered = sorted(values)
        return ordered[max(0, round(0.95 * len(ordered)) - 1)]

    search_p50, search_p95 = statistics.median(searches) * 1000, p95(searches) * 1000
    print(
        f"{args.page}: p50 {search_p50:.0f} ms, p95 {search_p95:.0f} ms, "
        f"max {max(searches) * 1000:.0f} ms ({len(searches)} queries)"
    )
    print(
        f"floor p50 {statistics.median(floors) * 1000:.1f} ms; "
        f"ratio p50 {statistics.median(ratios):.1f}x, p95 {p95(ratios):.1f}x"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
