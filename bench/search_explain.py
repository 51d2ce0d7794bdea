"""Where a new search spends its time, statement by statement, on the database DATABASE_URL
names; and what it finds, to compare two versions of the code.

For each query (bench/search_latency.py's and bench/timing.py's words, and the pairs the
after-write mode asks), runs ``core.search.search_documents`` once, in process, recording
each statement with its time, then (``--explain``) runs each again under
``EXPLAIN (ANALYZE, BUFFERS)`` in the same transaction settings and keeps its shared buffers.
Prints the time per kind of statement and the slowest statements; ``--results FILE`` writes
each query's counts, caps and ids per section (JSON), which two runs can be diffed on.

    DATABASE_URL=postgres://…/portal_x .venv/bin/python bench/search_explain.py --explain
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ["projects", "places", "organisations", "grants", "news"]


def queries() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from bench.search_latency import QUERIES
    from bench.timing import SEARCH_WORDS

    pairs = [f"{a} {SEARCH_WORDS[(i + 1) % len(SEARCH_WORDS)]}" for i, a in enumerate(SEARCH_WORDS)]
    return list(dict.fromkeys([*QUERIES, *SEARCH_WORDS, *pairs[:24]]))


def kind(sql: str) -> str:
    if "json_object_agg" in sql and "set_config" in sql:
        return "settings+words"
    if "json_object_agg" in sql:
        return "words"
    if "set_config" in sql or "to_tsquery" in sql:
        return "settings+parse"
    if "word_similarity" in sql or "%>" in sql or "<%" in sql:
        return "typo"
    if "COUNT(*)" in sql:
        return "count"
    if "AS recent" in sql:
        return "walk"
    if "ROW_NUMBER" in sql.upper():
        return "ranked"
    if sql.strip().upper() in {"BEGIN", "COMMIT", "SAVEPOINT", "ROLLBACK"}:
        return "tx"
    return "other"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--explain", action="store_true", help="EXPLAIN (ANALYZE, BUFFERS) each")
    parser.add_argument("--results", help="write counts and ids per query to this JSON file")
    parser.add_argument("--profile", help="cProfile the searches into this file")
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
    import django

    django.setup()
    from django.db import connection
    from django.utils import translation

    from core import search

    recorded: list[tuple[str, str, Any, float]] = []
    current = [""]

    def record(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            recorded.append((current[0], sql, params, time.perf_counter() - started))

    results: dict[str, Any] = {}
    totals: list[float] = []
    search.search_documents("warmup", SECTIONS)
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
    with translation.override("ru"), connection.execute_wrapper(record):
        for text in queries():
            current[0] = text
            started = time.perf_counter()
            if profiler:
                profiler.enable()
            found = search.search_documents(text, SECTIONS)
            if profiler:
                profiler.disable()
            totals.append(time.perf_counter() - started)
            results[text] = {
                key: [m.count, m.capped, [d.pk for d in m.documents]] for key, m in found.items()
            }
    if profiler:
        profiler.dump_stats(args.profile)
    if args.results:
        Path(args.results).write_text(json.dumps(results, ensure_ascii=False, indent=0))
    by_kind: dict[str, list[float]] = defaultdict(list)
    for _text, sql, _params, seconds in recorded:
        by_kind[kind(sql)].append(seconds)
    print(
        f"{len(totals)} queries: p50 {statistics.median(totals) * 1000:.1f} ms, "
        f"max {max(totals) * 1000:.1f} ms, sum {sum(totals):.2f} s; "
        f"statements {len(recorded)}, SQL {sum(s for *_, s in recorded):.2f} s"
    )
    for name, values in sorted(by_kind.items(), key=lambda item: -sum(item[1])):
        print(f"  {name:16} n={len(values):4} sum {sum(values) * 1000:8.1f} ms")
    slowest = sorted(recorded, key=lambda row: -row[3])[: args.top]
    for text, sql, _params, seconds in slowest:
        print(f"  {seconds * 1000:7.1f} ms {kind(sql):10} {text}")
    if args.explain:
        explain(recorded, args.top)
    return 0


def explain(recorded: list[tuple[str, str, Any, float]], top: int) -> None:
    from django.db import connection, transaction

    from core.search import TYPO_SIMILARITY

    buffers: dict[str, list[int]] = defaultdict(list)
    rows = []
    for text, sql, params, _seconds in recorded:
        if kind(sql) in {"tx", "settings+parse", "settings+words", "words"}:
            continue
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('enable_seqscan', 'off', true),"
                " set_config('pg_trgm.word_similarity_threshold', %s, true)",
                [str(TYPO_SIMILARITY)],
            )
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            plan = "\n".join(line for (line,) in cursor.fetchall())
        hits = re.search(r"Buffers: shared ((?:hit|read)=\d+(?: (?:hit|read)=\d+)?)", plan)
        total = sum(int(n) for n in re.findall(r"=(\d+)", hits.group(1))) if hits else 0
        ms = float(re.search(r"Execution Time: ([\d.]+)", plan).group(1))
        buffers[kind(sql)].append(total)
        rows.append((ms, total, text, kind(sql), plan))
    print("EXPLAIN (ANALYZE, BUFFERS): shared buffers per kind (sum / max)")
    for name, values in sorted(buffers.items(), key=lambda item: -sum(item[1])):
        print(f"  {name:10} n={len(values):4} sum {sum(values):9} max {max(values):7}")
    if os.environ.get("EXPLAIN_GREP"):
        for ms, total, text, name, plan in rows:
            if os.environ["EXPLAIN_GREP"] in plan:
                print(f"=== {ms:.1f} ms, {total} buffers, {name}: {text}")
    for ms, total, text, name, plan in sorted(rows, key=lambda row: -row[0])[:top]:
        print(f"--- {ms:.1f} ms, {total} buffers, {name}: {text}\n{plan}")


if __name__ == "__main__":
    raise SystemExit(main())
