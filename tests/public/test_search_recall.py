"""Recall@5 of site search on the demo data (bench/search_recall.json): at least 95% of the
records each query names are among the first five of their section. PostgreSQL only: the
SQLite fallback has no ranking, folds or typo tolerance (docs/search.md)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection, transaction

from bench.search_recall import TARGET, evaluate, load_queries
from core.search_index import rebuild

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL full-text search"
)


@pytest.fixture(scope="module")
def _demo(demo_db: None, django_db_blocker: Any) -> Any:
    # The run's loaded demo (tests/demo_db.py) indexed its records as they were saved; the
    # index is built again from scratch here, as the loaders do after a bulk load, inside a
    # transaction rolled back after the module.
    with django_db_blocker.unblock(), transaction.atomic():
        rebuild()
        yield
        transaction.set_rollback(True)


def test_the_recall_set_covers_four_languages_both_scripts_and_every_kind() -> None:
    queries = load_queries()
    assert len(queries) >= 60
    assert {q["language"] for q in queries} == {"ru", "ky", "tg", "en"}
    latin = [q for q in queries if q["query"].isascii()]
    assert latin and len(latin) < len(queries)
    sections = {e["section"] for q in queries for e in q["expect"]}
    assert sections == {"places", "projects", "organisations", "grants", "news"}


def test_recall_at_5_on_the_demo_data_meets_the_target(_demo: Any, db: None) -> None:
    report = evaluate()
    assert report.recall >= TARGET, report.misses
