"""Fast inserts: buffered rows written with COPY on PostgreSQL, executemany elsewhere."""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

from django.db import connection, models

from bench.generation.constants import GENERATED_AT

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value: Any) -> str:
    """One value in PostgreSQL's COPY text format; the common types are checked first."""
    kind = type(value)
    if kind is str:
        return value.translate(_ESCAPES)
    if kind is int:
        return str(value)
    if value is None:
        return "\\N"
    if kind is bool:
        return "t" if value else "f"
    if kind is date or kind is datetime:
        return value.isoformat()
    return str(value)


class Sink:
    """Buffered inserts into one table. Rows are dicts keyed by attname; missing columns get
    the field's default, so the callers only spell out what they generate."""

    def __init__(self, model: type[models.Model], *, batch: int = 20_000, auto_id: bool = False):
        self.model = model
        self.table = model._meta.db_table
        self.fields = [f for f in model._meta.concrete_fields if not (auto_id and f.primary_key)]
        self.columns = [f.column for f in self.fields]
        self.defaults: dict[str, Any] = {}
        for f in self.fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.defaults[f.attname] = GENERATED_AT
            elif f.has_default():
                self.defaults[f.attname] = f.get_default()
            elif f.null:
                self.defaults[f.attname] = None
            else:
                self.defaults[f.attname] = ""
        self.batch = batch
        self.rows: list[dict[str, Any]] = []
        self.count = 0
        self.postgres = connection.vendor == "postgresql"

    def add(self, row: dict[str, Any]) -> None:
        self.rows.append(row)
        if len(self.rows) >= self.batch:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        defaults = self.defaults
        attnames = [f.attname for f in self.fields]
        if self.postgres:
            buf = io.StringIO()
            pairs = [(a, defaults[a]) for a in attnames]
            write = buf.write
            for row in self.rows:
                get = row.get
                write("\t".join(map(_copy_text, [get(a, d) for a, d in pairs])))
                write("\n")
            cols = ", ".join(connection.ops.quote_name(c) for c in self.columns)
            sql = f"COPY {self.table} ({cols}) FROM STDIN"
            with connection.cursor() as cursor, cursor.copy(sql) as copy:
                copy.write(buf.getvalue())
        else:
            prepared = [
                [
                    f.get_db_prep_save(
                        row[f.attname] if f.attname in row else defaults[f.attname], connection
                    )
                    for f in self.fields
                ]
                for row in self.rows
            ]
            cols = ", ".join(connection.ops.quote_name(c) for c in self.columns)
            marks = ", ".join(["%s"] * len(self.columns))
            with connection.cursor() as cursor:
                cursor.executemany(f"INSERT INTO {self.table} ({cols}) VALUES ({marks})", prepared)  # noqa: S608
        self.count += len(self.rows)
        self.rows = []


class Ids:
    """Explicit primary keys, so related rows can point at rows not yet written."""

    def __init__(self, model: type[models.Model]):
        top = model.objects.aggregate(top=models.Max("pk"))["top"] or 0
        self.next = top + 1

    def take(self) -> int:
        value = self.next
        self.next += 1
        return value
