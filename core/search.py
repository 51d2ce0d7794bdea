"""Text search over public records.

On PostgreSQL every language column is indexed with its own text-search configuration —
``russian`` and ``english`` stem words, Kyrgyz and Tajik have no PostgreSQL dictionary so
they use ``simple`` — and the query is parsed with all three, so "школы" finds "школа" and a
Kyrgyz word finds itself. On SQLite (local development) it falls back to ``icontains``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet

from core.cache import cached_fragment

CONFIGS = {"en": "english", "ru": "russian", "ky": "simple", "tg": "simple"}
MAX_QUERY_LENGTH = 200
SECTION_LIMIT = 10
# Full-text search builds each row's document at query time, so each section searches its
# most recent CANDIDATES records: the cost stays the same however many years of news and
# grants pile up. Older records remain reachable through the filtered lists.
CANDIDATES = 5000


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


def _columns(fields: Sequence[str], translated: Sequence[str]) -> list[tuple[str, str]]:
    """(column, configuration) pairs: translated fields once per language."""
    columns = []
    for name in fields:
        if name in translated:
            columns += [(f"{name}_{code}", config) for code, config in CONFIGS.items()]
        else:
            columns.append((name, "simple"))
    return columns


def _vector(columns: Sequence[tuple[str, str]]) -> Any:
    from django.contrib.postgres.search import SearchVector
    from django.db.models.expressions import CombinedExpression

    parts = [SearchVector(column, config=config) for column, config in columns]
    vector: SearchVector | CombinedExpression = parts[0]
    for part in parts[1:]:
        vector = vector + part
    return vector


def filter_by_text(
    queryset: QuerySet[Any],
    text: str,
    fields: Sequence[str],
    translated: Sequence[str] = (),
) -> QuerySet[Any]:
    """Restrict ``queryset`` to rows matching ``text`` in any of ``fields``, best first on
    PostgreSQL. ``translated`` names the fields that have one column per language."""
    text = " ".join(text.split())[:MAX_QUERY_LENGTH]
    if not text:
        return queryset
    columns = _columns(fields, translated)
    if uses_full_text():
        from django.contrib.postgres.search import SearchQuery, SearchRank

        query = (
            SearchQuery(text, config="russian", search_type="websearch")
            | SearchQuery(text, config="english", search_type="websearch")
            | SearchQuery(text, config="simple", search_type="websearch")
        )
        # Ranked on the first field (title or name) only: PostgreSQL builds each document
        # again for the rank, and rebuilding every long description of every match cost as
        # much as the search itself. A match in the title ranks first; the rest newest first.
        ranked = [(column, config) for column, config in columns if column.startswith(fields[0])]
        return (
            queryset.annotate(search_document=_vector(columns))
            .filter(search_document=query)
            .annotate(search_rank=SearchRank(_vector(ranked), query))
            .order_by("-search_rank", "-pk")
        )
    condition = Q()
    for column, _config in columns:
        condition |= Q(**{f"{column}__icontains": text})
    return queryset.filter(condition)


def recent_candidates(key: str, queryset: QuerySet[Any]) -> QuerySet[Any]:
    """``queryset`` restricted to its CANDIDATES most recent rows, by an id list kept per
    public content version: every search in that version shares it, and with a plain id
    list PostgreSQL builds text documents for those rows only (given a subquery instead,
    it built one for every organisation before joining)."""

    def build() -> list[int]:
        return list(queryset.order_by("-pk").values_list("pk", flat=True)[:CANDIDATES])

    return queryset.filter(
        pk__in=cached_fragment(f"search-candidates:{key}", build, per_language=False)
    )
