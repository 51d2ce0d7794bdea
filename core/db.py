"""Query helpers every app's selectors share."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar
from weakref import WeakKeyDictionary

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Count, Model, QuerySet, Window
from django.db.models.base import ModelState
from django.db.models.expressions import RawSQL

M = TypeVar("M", bound=Model)


def first_rows_with_total(rows: QuerySet[Any], limit: int) -> tuple[list[Any], int]:
    """The first ``limit`` rows and how many there are in all, in one query: the total
    is a window over the whole filtered set, computed before LIMIT applies."""
    listed = list(rows.annotate(listed_total=Window(Count("pk")))[:limit])
    return listed, (listed[0].listed_total if listed else 0)


def id_set(ids: list[int]) -> Any:
    """``ids`` for an ``__in`` lookup. On PostgreSQL they travel as one array parameter: a
    country page passes its thousand public community ids to several queries, and as a
    thousand parameters each the driver spent a third of the page splitting and binding
    them."""
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", (list(ids),))
    return ids


def bare_instance(model: type[M], values: dict[str, Any], db: str) -> M:
    """An instance of ``model`` holding just ``values`` (column attribute names), as
    ``Model.from_db`` builds one for ``.only()``, without running ``Model.__init__``:
    modeltranslation wraps it, and for the thousand communities a map page lists, with
    their regions and districts, building them cost three times their query. Columns left
    out stay deferred (read on access, as with ``.only()``). For rows shown, never saved:
    no ``pre_init``/``post_init`` signal runs."""
    instance = model.__new__(model)
    instance.__dict__.update(values)
    state = ModelState()
    state.adding = False
    state.db = db
    instance._state = state
    return instance


class RowReader(Generic[M]):
    """Turns the columns of hand-written statements into bare instances (bare_instance):
    ``fields`` are the model's concrete fields in the order the statement selects them,
    and each value goes through the converters the ORM would apply (SQLite returns decimals
    as floats and dates as text; PostgreSQL needs none for the usual types). For the few
    small reads of a page where Django spent longer building and compiling a query, and
    then instances through ``Model.__init__``, than the database spent running it."""

    def __init__(self, model: type[M], fields: Any) -> None:
        self.model = model
        self.fields = tuple(fields)
        self.names = tuple(field.attname for field in self.fields)
        self.width = len(self.fields)
        # The converters of each connection (one per thread) that read with this reader.
        self._converters: WeakKeyDictionary[BaseDatabaseWrapper, list[Any]] = WeakKeyDictionary()

    def columns(self, alias: str) -> str:
        """The fields as a select list on the table aliased ``alias``."""
        quote = connection.ops.quote_name
        return ", ".join(f"{alias}.{quote(str(field.column))}" for field in self.fields)

    def _converters_of(self, wrapper: BaseDatabaseWrapper) -> list[Any]:
        """The fields that have converters on ``wrapper``, with them. Worked out once per
        connection: looked up on every read, a column and its converters per field cost
        more than building the instances (an application with its programme, applicant and
        decision is a hundred fields)."""
        converters = self._converters.get(wrapper)
        if converters is None:
            converters = []
            for field in self.fields:
                column = field.get_col(field.model._meta.db_table)
                functions = [
                    *wrapper.ops.get_db_converters(column),
                    *column.get_db_converters(wrapper),
                ]
                if functions:
                    converters.append((field.attname, column, functions))
            self._converters[wrapper] = converters
        return converters

    def read(self, rows: Any, start: int = 0) -> list[M]:
        """One bare instance per row, from each row's ``row[start:start + width]``."""
        # The connection of this thread, whose converters the ORM would apply.
        wrapper = connections[DEFAULT_DB_ALIAS]
        converters = self._converters_of(wrapper)
        db = wrapper.alias
        instances: list[M] = []
        for row in rows:
            values = dict(zip(self.names, row[start : start + self.width], strict=True))
            for name, column, functions in converters:
                for convert in functions:
                    values[name] = convert(values[name], column, wrapper)
            instances.append(bare_instance(self.model, values, db))
        return instances


# The SQL of constant reads (a drop-down's options), compiled once per process and database.
_COMPILED: dict[tuple[str, str], tuple[type[Model], str, tuple[Any, ...], tuple[int, ...]]] = {}


def compiled_rows(
    name: str, build: Callable[..., QuerySet[M]], texts: Sequence[str] = ()
) -> list[M]:
    """The rows of ``build(*texts)``, whose SQL is compiled once per process (under ``name``)
    and then only run: for reads that never change with the request (a filter's options, read
    on every new search when nothing is cached), or change only in a few text values compared
    for equality (a slug), where Django spent longer building and compiling the query than
    the database spent running it (an organisation found by its slug: 0.2 ms of SQL, 3-10 ms
    of Python). ``build()`` must not otherwise depend on the request, the language or the
    time. Each of ``texts`` must reach the SQL as one parameter of its own, unchanged
    (``slug=value``, not ``slug__startswith``): it is compiled with a stand-in that is then
    swapped for the value. Instances come from ``raw()``: the same columns, deferred fields
    and annotations as the queryset's."""
    key = (name, connection.vendor)
    compiled = _COMPILED.get(key)
    if compiled is None:
        stand_ins = [f"compiled-rows-stand-in-{index}-{id(build)}" for index in range(len(texts))]
        queryset = build(*stand_ins)
        sql, params = queryset.query.sql_with_params()
        if any(list(params).count(stand_in) != 1 for stand_in in stand_ins):
            raise ValueError(f"{name}: each value must be one parameter of the query")
        positions = tuple(list(params).index(stand_in) for stand_in in stand_ins)
        compiled = _COMPILED[key] = (queryset.model, sql, tuple(params), positions)
    model, sql, params, positions = compiled
    if positions:
        values = list(params)
        for position, text in zip(positions, texts, strict=True):
            values[position] = text
        params = tuple(values)
    rows: list[M] = list(model._default_manager.raw(sql, params))  # type: ignore[arg-type]  # the stubs type raw() rows as the base Model; they are the build()'s model
    return rows
