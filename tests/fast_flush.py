"""Emptying the database after a transactional test without TRUNCATE.

Django's ``TransactionTestCase`` ends each test with ``flush``: one ``TRUNCATE`` of all 115
tables, then the ``post_migrate`` signal, which rebuilds every content type and permission.
PostgreSQL gives each truncated table and index a new file, so that flush cost 7 s per test
on a loaded 2-core machine (and still the largest teardown cost on an idle one), while a
browser or backup test leaves rows in only a handful of tables.

``fast_fixture_teardown`` leaves the database in the same state as ``flush``: it finds the
tables that hold rows (one query) and ``DELETE``s them in one transaction; the foreign keys
Django creates are ``DEFERRABLE INITIALLY DEFERRED``, so the order does not matter. Content
types and permissions are kept when a fingerprint of them (ids and names) is what it was
after the test database was built, which spares ``post_migrate``; a test that changed them
(the migration tests relabel a content type) gets them emptied and rebuilt as ``flush``
would. Other databases and test cases with ``available_apps`` or ``serialized_rollback``
keep Django's own flush.

A module whose transactional tests each need the same committed records (the browser tests'
portal) builds them once and keeps a ``Snapshot`` of the rows: after the flush that ends each
test, ``restore`` puts the same rows back with ``COPY``, with their ids, in milliseconds
instead of the seconds the factories and their signals take to commit them again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.management.sql import emit_post_migrate_signal
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import TransactionTestCase

# Rebuilt by post_migrate, so left in place while their fingerprint is unchanged.
REBUILT = ("django_content_type", "auth_permission")
FINGERPRINT = """
SELECT md5(coalesce((SELECT string_agg(id || ':' || app_label || '.' || model, ',' ORDER BY id)
                     FROM django_content_type), '')
        || '|' || coalesce((SELECT string_agg(id || ':' || content_type_id || '.' || codename,
                                               ',' ORDER BY id)
                            FROM auth_permission), ''))
"""

_fingerprints: dict[str, str] = {}
_django_teardown = TransactionTestCase._fixture_teardown


def _fingerprint(connection: BaseDatabaseWrapper) -> str:
    with connection.cursor() as cursor:
        cursor.execute(FINGERPRINT)
        return str(cursor.fetchone()[0])  # type: ignore[index]  # one row, always


def remember_built_state(alias: str = "default") -> None:
    """Record the content types and permissions of a freshly built test database."""
    connection = connections[alias]
    if connection.vendor == "postgresql":
        _fingerprints[alias] = _fingerprint(connection)


def _filled_tables(connection: BaseDatabaseWrapper, cursor: Any) -> list[str]:
    """The tables that hold at least one row, found in one query."""
    quote = connection.ops.quote_name
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    if not tables:
        return []
    probe = " UNION ALL ".join(
        # Table names come from the catalogue, not from input.
        f"SELECT %s WHERE EXISTS (SELECT 1 FROM {quote(table)})"  # noqa: S608
        for table in tables
    )
    cursor.execute(probe, tables)
    return [row[0] for row in cursor.fetchall()]


def empty_database(alias: str) -> None:
    connection = connections[alias]
    quote = connection.ops.quote_name
    rebuild = _fingerprints.get(alias) != _fingerprint(connection)
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        filled = _filled_tables(connection, cursor)
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table in filled:
            if table in REBUILT and not rebuild:
                continue
            cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608  # names from the catalogue
    if rebuild:
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()
        emit_post_migrate_signal(0, False, alias)
        _fingerprints[alias] = _fingerprint(connection)


@dataclass(frozen=True)
class Snapshot:
    """The committed rows of every table but the content types and permissions, as COPY text."""

    alias: str
    tables: tuple[tuple[str, bytes], ...]


def take_snapshot(alias: str = "default") -> Snapshot:
    """The rows committed so far, to ``restore`` after a flush. Content types and permissions
    are left out: the flush keeps them, and refuses to once a test changed them, so a
    snapshot is only taken while they are as built."""
    connection = connections[alias]
    quote = connection.ops.quote_name
    if _fingerprints.get(alias) != _fingerprint(connection):
        raise RuntimeError("content types or permissions changed since the database was built")
    tables = []
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        # Sorted: the probe's UNION ALL gives no order, and two snapshots of the same rows
        # should be equal.
        for table in sorted(_filled_tables(connection, cursor)):
            if table in REBUILT:
                continue
            # Django's cursor hands copy() to psycopg's; the name comes from the catalogue.
            with cursor.copy(f"COPY {quote(table)} TO STDOUT") as copy:
                tables.append((table, b"".join(bytes(block) for block in copy)))
    return Snapshot(alias=alias, tables=tuple(tables))


def restore(snapshot: Snapshot) -> None:
    """The snapshot's rows written back, ids included, into the emptied tables, in one
    transaction. Triggers stay off while it runs (replica mode, for this transaction only):
    the rows are already what the triggers made of them (search documents, the links' sort
    keys), and a trigger firing on one table's copy would change rows another table's copy
    then brings back, or add them twice. With them off, the order of the tables does not
    matter either. Sequences are not set back: rows a test adds get ids after the snapshot's."""
    connection = connections[snapshot.alias]
    quote = connection.ops.quote_name
    with transaction.atomic(using=snapshot.alias), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        for table, rows in snapshot.tables:
            with cursor.copy(f"COPY {quote(table)} FROM STDIN") as copy:
                copy.write(rows)


def fast_fixture_teardown(self: TransactionTestCase) -> None:
    aliases = list(self._databases_names(include_mirrors=False))  # type: ignore[attr-defined]  # private Django API, not in django-stubs
    if (
        self.available_apps is not None
        or self.serialized_rollback
        or any(
            connections[alias].vendor != "postgresql" or alias not in _fingerprints
            for alias in aliases
        )
    ):
        _django_teardown(self)
        return
    for alias in aliases:
        empty_database(alias)


def install(monkeypatch: Any) -> None:
    monkeypatch.setattr(TransactionTestCase, "_fixture_teardown", fast_fixture_teardown)
