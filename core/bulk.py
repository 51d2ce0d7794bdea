"""``bulk_create`` for large writes of plain new rows, through PostgreSQL's ``COPY``.

Why: at 20,000 rows an import writes about 100,000 rows (grants, their history, community
links and the links' history, admin log entries). ``bulk_create`` prepares every value in
Python (``pre_save`` and ``get_db_prep_save`` per field, then psycopg quotes the arrays of
its ``UNNEST`` insert client-side): for the grant history's 60 columns that alone took
longer than reading and checking the rows. ``COPY`` takes the values as they are and
psycopg formats them in C.

What it keeps from ``bulk_create``: primary keys are set on the instances (taken from the
table's sequence first, one query), ``auto_now``/``auto_now_add`` and any field behind a
descriptor of its own (modeltranslation's original fields) go through ``pre_save`` as
``bulk_create`` does, a value of any other type than the plain ones goes through
``get_db_prep_save``, a foreign key takes its cached object's pk like ``save()`` does, and
no signals are sent. What it drops: ``ON CONFLICT`` options, and multi-table inheritance
(refused). Other databases (SQLite in a quick local run) get ``bulk_create``.
"""

from __future__ import annotations

import datetime as dt
import inspect
import uuid
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, TypeVar

from django.db import connections, models, router
from django.db.models.query_utils import DeferredAttribute

M = TypeVar("M", bound=models.Model)

# Values psycopg writes exactly as get_db_prep_save would leave them. Exact types only: a
# naive datetime or a lazy string goes through Django's own preparation.
_PLAIN_TYPES = frozenset({str, int, bool, float, Decimal, dt.date, uuid.UUID})
_MISSING = object()


def _through_pre_save(model: type[models.Model], field: models.Field[Any, Any]) -> bool:
    """Whether bulk_create's ``pre_save`` can differ from the attribute's stored value."""
    descriptor = inspect.getattr_static(model, field.attname, None)
    return bool(
        getattr(field, "auto_now", False)
        or getattr(field, "auto_now_add", False)
        or not isinstance(descriptor, DeferredAttribute)
    )


def _row(
    obj: models.Model,
    attnames: Sequence[str],
    fields: Sequence[models.Field[Any, Any]],
    pre_saved: Sequence[int],
    connection: Any,
) -> list[Any]:
    # Inlined rather than a reader per field: this runs for every value of every row.
    values = obj.__dict__
    row = [values.get(name, _MISSING) for name in attnames]
    for i in pre_saved:
        row[i] = fields[i].pre_save(obj, True)
    for i, value in enumerate(row):
        if value is None or type(value) in _PLAIN_TYPES:
            continue
        if type(value) is dt.datetime and value.tzinfo is not None:
            continue
        if value is _MISSING:
            value = fields[i].pre_save(obj, True)
            if value is None or type(value) in _PLAIN_TYPES:
                row[i] = value
                continue
        row[i] = fields[i].get_db_prep_save(value, connection)
    return row


def _link_related(obj: models.Model, foreign_keys: Sequence[Any]) -> None:
    # save()'s rule (Model._prepare_related_fields_for_save), for the foreign keys only.
    for field in foreign_keys:
        if not field.is_cached(obj):
            continue
        related = field.get_cached_value(obj)
        if related is None:
            continue
        if related.pk is None:
            raise ValueError(
                f"bulk insert of {obj._meta.label} prohibited to prevent data loss due to "
                f"unsaved related object '{field.name}'."
            )
        if getattr(obj, field.attname) in field.empty_values:
            setattr(obj, field.attname, related.pk)


def copy_insert(model: type[M], instances: Sequence[M]) -> Sequence[M]:
    """Insert new ``instances`` of ``model`` and give them their primary keys."""
    if not instances:
        return instances
    alias = router.db_for_write(model)
    connection = connections[alias]
    opts = model._meta
    if connection.vendor != "postgresql":
        return model._default_manager.bulk_create(instances)
    if opts.parents:
        raise ValueError(f"copy_insert cannot write {opts.label}: it inherits another table.")
    pk = opts.pk
    assert pk is not None
    # Concrete fields all have a column; the filter is for the type checker.
    fields = [f for f in opts.concrete_fields if f.column]
    foreign_keys = [f for f in fields if f.is_relation and f.many_to_one]
    attnames = [f.attname for f in fields]
    pre_saved = [i for i, f in enumerate(fields) if _through_pre_save(model, f)]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        missing = [obj for obj in instances if obj.pk is None]
        if missing:
            if not isinstance(pk, models.AutoField):
                raise ValueError(f"copy_insert needs a key for every {opts.label}.")
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [quote(opts.db_table), pk.column, len(missing)],
            )
            for obj, (value,) in zip(missing, cursor.fetchall(), strict=True):
                setattr(obj, pk.attname, value)
        columns = ", ".join(quote(f.column) for f in fields if f.column)
        # Django's cursor hands copy() to psycopg's; the statement names only our tables.
        with cursor.copy(f"COPY {quote(opts.db_table)} ({columns}) FROM STDIN") as copy:
            for obj in instances:
                if foreign_keys:
                    _link_related(obj, foreign_keys)
                copy.write_row(_row(obj, attnames, fields, pre_saved, connection))
    for obj in instances:
        obj._state.adding = False
        obj._state.db = alias
    return instances
