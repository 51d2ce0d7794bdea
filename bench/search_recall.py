"""Recall@5 of site search on the demo data: `make bench` runs it, tests check it.

Each query of bench/search_recall.json lists records that must be among the first five
results of their section (places, projects, organisations, grants, news). A record is named by
its title in any language. Recall@5 = expected records found in the top 5 / expected records.

    .venv/bin/python bench/search_recall.py            # a dedicated database, demo loaded
    DATABASE_URL=postgres://…/portal .venv/bin/python bench/search_recall.py --no-load

Without DATABASE_URL it uses postgres://postgres@127.0.0.1:5432/portal_recall, creating it and
loading the gazetteer and the demo when it is empty. Prints latency p50/p95 of the queries too.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "bench" / "search_recall.json"
TOP = 5
TARGET = 0.95
SECTIONS = ["places", "projects", "organisations", "grants", "news"]


@dataclass
class RecallReport:
    expected: int = 0
    found: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0


def load_queries() -> list[dict[str, Any]]:
    return json.loads(QUERIES.read_text(encoding="utf-8"))["queries"]


def _titles(document: Any) -> set[str]:
    from core.i18n import content_languages

    return {getattr(document, f"title_{code}") or "" for code in content_languages()}


def evaluate(queries: list[dict[str, Any]] | None = None) -> RecallReport:
    """Run every query through core.search and count expected records in the top 5."""
    from django.utils import translation

    from core.search import search_documents

    report = RecallReport()
    for item in queries if queries is not None else load_queries():
        with translation.override(item.get("language", "ru")):
            started = time.perf_counter()
            found = search_documents(item["query"], SECTIONS, limit=TOP)
            report.seconds.append(time.perf_counter() - started)
        for expected in item["expect"]:
            report.expected += 1
            top = found[expected["section"]].documents[:TOP]
            if any(expected["title"] in _titles(document) for document in top):
                report.found += 1
            else:
                report.misses.append((item["query"], expected["section"], expected["title"]))
    return report


def _prepare_database(url: str, load: bool) -> None:
    import django
    from django.core.management import call_command

    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    django.setup()
    if not load:
        return
    call_command("migrate", verbosity=0)
    from projects.models import Project

    if not Project.objects.exists():
        call_command("load_gazetteer", verbosity=0)
        call_command("load_demo", verbosity=0)
    else:
        call_command("rebuild_search_index", verbosity=0)


def _create_database(url: str) -> None:
    from urllib.parse import urlsplit

    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--no-load", action="store_true", help="use the database as it is")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    url = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/portal_recall"
    if url.startswith("postgres") and not os.environ.get("DATABASE_URL"):
        _create_database(url)
    _prepare_database(url, load=not args.no_load)
    report = evaluate()
    seconds = sorted(report.seconds)
    p95 = seconds[max(0, round(0.95 * len(seconds)) - 1)] if seconds else 0.0
    print(
        f"Search recall@{TOP}: {report.found}/{report.expected} = {report.recall:.1%} "
        f"(target {TARGET:.0%}) over {len(seconds)} queries"
    )
    if seconds:
        print(
            "Search latency (in process, no cache): "
            f"p50 {statistics.median(seconds) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms"
        )
    for query, section, title in report.misses:
        print(f"  missed: {query!r} -> {section}: {title}")
    return 0 if report.recall >= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
