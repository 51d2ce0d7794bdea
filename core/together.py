"""Several small reads of one page in one statement.

A report's indicators are a dozen small grouped reads over different tables (meetings,
problems, plan actions, contributions, grants, activities…), each a few rows, and its filter
form three reads of options. Sent one by one each was a round trip, a statement's parse,
plan and start-up, and a result set: 15 of a donor report's 25-27 statements. Here each
read stays the very SQL Django writes for it, planned on its own as before, and becomes one
column of a single SELECT, its rows returned as a JSON array; PostgreSQL runs them one after
the other in that statement. The database does the same work: what goes is the cost per
statement, not the reads themselves.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet


def read_together(queries: Mapping[str, QuerySet]) -> dict[str, list[dict[str, Any]]]:
    """The rows each ``values()`` queryset of ``queries`` gives (``list(queryset)``, in its
    order), read with one statement on PostgreSQL; elsewhere (SQLite in ``make run``) one
    query each, as before."""
    if not queries:
        return {}
    aliases = {queryset.db for queryset in queries.values()}
    (alias,) = aliases
    connection = connections[alias]
    if connection.vendor != "postgresql" or len(queries) == 1:
        return {name: list(queryset) for name, queryset in queries.items()}
    columns: list[str] = []
    params: list[Any] = []
    decoders: dict[str, tuple[list[str], list[Any]]] = {}
    for name, queryset in queries.items():
        names, fields = _columns(queryset)
        decoders[name] = (names, fields)
        try:
            sql, query_params = queryset.query.get_compiler(alias).as_sql()
        except EmptyResultSet:
            # Nothing can match (an empty scope): no rows, as the query alone would give.
            columns.append("'[]'")
            continue
        positions = ", ".join(f"c{n}" for n in range(len(names)))
        # A JSON array per row, in the subquery's order: with no join or grouping above
        # it, PostgreSQL aggregates the rows in the order the subquery returns them. As
        # text, which is parsed here with every digit of a sum kept (psycopg would decode
        # a json column itself, its numbers as floats).
        columns.append(
            f"(SELECT COALESCE(json_agg(json_build_array({positions})), '[]'::json)::text "  # noqa: S608
            f"FROM ({sql}) AS part({positions}))"
        )
        params.extend(query_params)
    # Every part is Django's own compilation, its values passed as parameters in order.
    statement = "SELECT " + ", ".join(columns)
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        row = cursor.fetchone()
    result: dict[str, list[dict[str, Any]]] = {}
    for (name, (names, fields)), value in zip(decoders.items(), row, strict=True):
        rows = json.loads(value, parse_float=Decimal)
        result[name] = [
            {
                column: _decoded(item, field)
                for column, item, field in zip(names, record, fields, strict=True)
            }
            for record in rows
        ]
    return result


def _columns(queryset: QuerySet) -> tuple[list[str], list[Any]]:
    """The keys of a ``values()`` row, as Django's ValuesIterable names them, and the
    output field of each column."""
    query = queryset.query
    selected = getattr(query, "selected", None)
    if selected:
        names = list(selected)
    else:
        names = [*query.extra_select, *query.values_select, *query.annotation_select]
    compiler = query.get_compiler(queryset.db)
    compiler.setup_query()
    fields = [column[0].output_field for column in compiler.select[: len(names)]]
    if len(fields) != len(names):
        raise ValueError("a values() queryset is expected")
    return names, fields


def _decoded(value: Any, field: Any) -> Any:
    """A JSON value back as the Python type the column's own read gives."""
    if value is None:
        return None
    kind = field.get_internal_type()
    if kind == "DecimalField":
        return Decimal(value) if not isinstance(value, Decimal) else value
    if kind == "FloatField":
        return float(value)
    if kind == "DateField":
        return dt.date.fromisoformat(value)
    if kind in ("DateTimeField", "TimeField", "DurationField", "UUIDField"):
        raise ValueError(f"{kind} columns are not read together")
    return value
