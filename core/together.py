"""Several small reads of one page in one statement.

A report's indicators are a dozen small grouped reads over different tables (meetings,
problems, plan actions, contributions, grants, activities…), each a few rows, and its filter
form three reads of options. Sent one by one each was a round trip, a statement's parse,
plan and start-up, and a result set: 15 of a donor report's 25-27 statements. Here each
read stays the very SQL Django writes for it, planned on its own as before, and becomes one
part of a single SELECT, its rows returned as one array per column; PostgreSQL runs them one
after the other in that statement. The database does the same work: what goes is the cost per
statement, not the reads themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet


@dataclass
class Together:
    """The one statement of several ``values()`` reads and what decodes its row: per read,
    its row keys, its compiler and converters (None: the read matches nothing)."""

    statement: str
    params: list[Any]
    reads: dict[str, tuple[list[str], Any, list[Any]] | None]


def read_together(queries: Mapping[str, QuerySet]) -> dict[str, list[dict[str, Any]]]:
    """The rows each ``values()`` queryset of ``queries`` gives (``list(queryset)``, in its
    order and with the same Python values), read with one statement on PostgreSQL;
    elsewhere (SQLite in ``make run``) one query each, as before."""
    if not queries:
        return {}
    together = compile_together(queries)
    if together is None:
        return {name: list(queryset) for name, queryset in queries.items()}
    return run_together(together, together.params, _alias(queries))


def _alias(queries: Mapping[str, QuerySet]) -> str:
    (alias,) = {queryset.db for queryset in queries.values()}
    return alias


def compile_together(queries: Mapping[str, QuerySet]) -> Together | None:
    """The statement ``read_together`` sends for ``queries``, or None where the reads go
    one by one (not PostgreSQL, or a single read)."""
    alias = _alias(queries)
    connection = connections[alias]
    if connection.vendor != "postgresql" or len(queries) == 1:
        return None
    reads_sql: list[str] = []
    columns_sql: list[str] = []
    params: list[Any] = []
    reads: dict[str, tuple[list[str], Any, list[Any]] | None] = {}
    for number, (name, queryset) in enumerate(queries.items()):
        compiler = queryset.query.get_compiler(alias)
        try:
            sql, read_params = compiler.as_sql()
        except EmptyResultSet:
            # Nothing can match (an empty scope): no rows, as the query alone would give.
            reads[name] = None
            continue
        names = _names(queryset)
        columns = [f"c{n}" for n in range(len(names))]
        # Each read is a materialized CTE, planned on its own as the query alone was, run
        # once; each of its columns comes back as an array, read from it in its order.
        reads_sql.append(f"read{number}({', '.join(columns)}) AS MATERIALIZED ({sql})")
        columns_sql += [
            f"(SELECT array_agg({c}) FROM read{number})"  # noqa: S608
            for c in columns
        ]
        params.extend(read_params)
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        reads[name] = (names, compiler, compiler.get_converters(fields))
    # Every part is Django's own compilation, its values passed as parameters in order.
    # Nothing is joined: joined side by side in FROM, a dozen reads made the planner
    # search join orders among them (seven times the planning of the reads alone).
    statement = f"WITH {', '.join(reads_sql)} SELECT {', '.join(columns_sql)}" if reads_sql else ""
    return Together(statement, params, reads)


def run_together(
    together: Together, params: list[Any], alias: str = DEFAULT_DB_ALIAS
) -> dict[str, list[dict[str, Any]]]:
    """Send ``together``'s statement with ``params`` (its own, or others in the same
    places) and decode each read's rows from its one row."""
    row: list[Any] = []
    if together.statement:
        with connections[alias].cursor() as cursor:
            cursor.execute(together.statement, params)
            row = list(cursor.fetchone())
    result: dict[str, list[dict[str, Any]]] = {}
    for name, read in together.reads.items():
        if read is None:
            result[name] = []
            continue
        names, compiler, converters = read
        per_column, row = row[: len(names)], row[len(names) :]
        # No rows: the arrays of an aggregate over nothing are NULL.
        records = (
            [list(values) for values in zip(*per_column, strict=True)] if per_column[0] else []
        )
        if converters:
            records = [list(values) for values in compiler.apply_converters(records, converters)]
        result[name] = [dict(zip(names, values, strict=True)) for values in records]
    return result


def _names(queryset: QuerySet) -> list[str]:
    """The keys of a ``values()`` row, as Django's ValuesIterable names them."""
    query = queryset.query
    selected = getattr(query, "selected", None)
    if selected:
        return list(selected)
    return [*query.extra_select, *query.values_select, *query.annotation_select]
