"""Several disaggregations of one figure from a single grouped query."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, localcontext
from typing import Any

from django.db.models import Aggregate, F, QuerySet, Window
from django.db.models.functions import DenseRank


def rolled_up(
    queryset: QuerySet, keys: Sequence[str], **aggregates: Aggregate
) -> dict[str, list[dict[str, Any]]]:
    """For each of ``keys``, the rows ``queryset.values(key).annotate(**aggregates)
    .order_by(key)`` would give, read with one query grouped by every key at once instead
    of one query per key. The aggregates must add up across groups (counts and sums); the
    per-key totals are added here. Each key's order is SQL's own (a DENSE_RANK over the key
    in the same query), so names sort by the database's collation exactly as before."""
    names = list(aggregates)
    return rolled_up_rows(list(rolled_up_query(queryset, keys, **aggregates)), keys, names)


def rolled_up_query(queryset: QuerySet, keys: Sequence[str], **aggregates: Aggregate) -> QuerySet:
    """The one grouped read ``rolled_up`` makes: its rows go to ``rolled_up_rows``."""
    ranks = {
        f"rank_{n}": Window(DenseRank(), order_by=F(_ordering(queryset, key)).asc())
        for n, key in enumerate(keys)
    }
    return queryset.values(*keys).annotate(**aggregates).annotate(**ranks).order_by()


def rolled_up_rows(
    groups: list[dict[str, Any]], keys: Sequence[str], aggregates: Sequence[str]
) -> dict[str, list[dict[str, Any]]]:
    """Per key, the groups of ``rolled_up_query`` added up, in the key's SQL order."""
    result: dict[str, list[dict[str, Any]]] = {}
    # Partial sums of exact SQL numerics: added without rounding.
    with localcontext() as context:
        context.prec = 80
        for n, key in enumerate(keys):
            merged: dict[Any, dict[str, Any]] = {}
            order: dict[Any, int] = {}
            for group in groups:
                row = merged.get(group[key])
                if row is None:
                    row = merged[group[key]] = {key: group[key], **dict.fromkeys(aggregates)}
                    order[group[key]] = group[f"rank_{n}"]
                for name in aggregates:
                    row[name] = _add(row[name], group[name])
            result[key] = sorted(merged.values(), key=lambda r: order[r[key]])
    return result


def _add(total: Any, value: Any) -> Any:
    # SQL's SUM of no values is NULL: a group's None leaves the running total as it was.
    if value is None:
        return total
    if total is None:
        return value
    if isinstance(value, int) and isinstance(total, int):
        return total + value
    return Decimal(total) + Decimal(value)


def _ordering(queryset: QuerySet, key: str) -> str:
    """The field ``order_by(key)`` sorts on: modeltranslation's querysets sort a translated
    name by its column in the active language."""
    (field,) = queryset.order_by(key).query.order_by
    return str(field)
