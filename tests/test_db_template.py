"""Test databases copied from a migrated template (tests/db_template.py): the copy is fully
migrated, and any change to a migration file names a new template."""

from __future__ import annotations

import sys
import time

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from tests import db_template

# An advisory lock key no real build uses.
PROBE_LOCK = 7_202_699


@pytest.mark.django_db
def test_the_test_database_has_every_migration_applied() -> None:
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="templates are PostgreSQL's")
def test_on_postgresql_the_test_database_is_copied_from_the_current_template() -> None:
    expected = f"{db_template.PREFIX}{db_template.migrations_key()}"
    assert settings.DATABASES["default"]["TEST"]["TEMPLATE"] == expected


def test_a_changed_migration_names_a_new_template(tmp_path, monkeypatch) -> None:
    package = tmp_path / "probe_migrations"
    package.mkdir()
    (package / "__init__.py").write_text("")
    migration = package / "0001_initial.py"
    migration.write_text("operations = []\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    real = MigrationLoader.migrations_module

    def migrations_module(app_label: str) -> tuple[str | None, bool]:
        return ("probe_migrations", True) if app_label == "reports" else real(app_label)

    monkeypatch.setattr(MigrationLoader, "migrations_module", staticmethod(migrations_module))
    before = db_template.migrations_key()
    assert db_template.migrations_key() == before

    migration.write_text("operations = ['changed']\n")
    changed = db_template.migrations_key()
    (package / "0002_more.py").write_text("operations = []\n")
    added = db_template.migrations_key()
    assert len({before, changed, added}) == 3
    sys.modules.pop("probe_migrations", None)


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="templates are PostgreSQL's")
def test_a_new_template_drops_the_ones_older_migrations_left() -> None:
    stale = f"{db_template.PREFIX}stale_probe_{id(connection)}"
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(stale)}")
        db_template._drop_stale_templates(
            cursor,
            keep=settings.DATABASES["default"]["TEST"]["TEMPLATE"],
            quote_name=connection.ops.quote_name,
        )
        cursor.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{db_template.PREFIX}%"]
        )
        names = {name for (name,) in cursor.fetchall()}
    assert stale not in names
    assert settings.DATABASES["default"]["TEST"]["TEMPLATE"] in names


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="templates are PostgreSQL's")
def test_another_branchs_recent_template_is_kept_and_an_old_one_dropped() -> None:
    # Branches whose migrations differ share the cluster: dropping each other's fresh
    # template made every run rebuild its own.
    quote = connection.ops.quote_name
    recent = f"{db_template.PREFIX}recent_probe_{id(connection)}"
    old = f"{db_template.PREFIX}old_probe_{id(connection)}"
    now = int(time.time())
    with connection._nodb_cursor() as cursor:
        for name, built in ((recent, now - 3600), (old, now - db_template.KEEP_SECONDS - 60)):
            cursor.execute(f"CREATE DATABASE {quote(name)}")
            cursor.execute(f"COMMENT ON DATABASE {quote(name)} IS '{db_template.BUILT}{built}'")
        db_template._drop_stale_templates(
            cursor, keep=settings.DATABASES["default"]["TEST"]["TEMPLATE"], quote_name=quote
        )
        cursor.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{db_template.PREFIX}%"]
        )
        names = {name for (name,) in cursor.fetchall()}
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(recent)}")
    assert recent in names
    assert old not in names


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="templates are PostgreSQL's")
def test_a_database_is_built_once_and_a_failed_build_leaves_nothing_to_copy() -> None:
    # The pattern tests/db_template.py and tests/demo_db.py share: a build that dies leaves no
    # database under the final name, the next build makes it, and later calls reuse it.
    quote = connection.ops.quote_name
    name = f"{db_template.PREFIX}once_probe_{id(connection)}"
    built: list[str] = []

    def failing(building: str) -> None:
        built.append(building)
        raise RuntimeError("the build died")

    def exists(cursor, database: str) -> bool:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
        return cursor.fetchone() is not None

    with connection._nodb_cursor() as cursor:
        try:
            with pytest.raises(RuntimeError):
                db_template.build_database_once(cursor, name=name, lock=PROBE_LOCK, build=failing)
            assert built == [f"{name}_building"] and not exists(cursor, name)
            first = db_template.build_database_once(
                cursor, name=name, lock=PROBE_LOCK, build=built.append
            )
            again = db_template.build_database_once(
                cursor, name=name, lock=PROBE_LOCK, build=built.append
            )
            assert (first, again) == (True, False)
            assert len(built) == 2 and exists(cursor, name)
            assert not exists(cursor, f"{name}_building")
        finally:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)}")
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(name + '_building')}")


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="templates are PostgreSQL's")
def test_a_build_does_not_wait_for_the_build_of_another_database() -> None:
    # Runs on one cluster each load a demo database of their own: one run's load held up
    # every other run's while the lock was taken on the key alone.
    quote = connection.ops.quote_name
    other = f"{db_template.PREFIX}other_probe_{id(connection)}"
    name = f"{db_template.PREFIX}free_probe_{id(connection)}"
    with connection._nodb_cursor() as holder, connection._nodb_cursor() as cursor:
        holder.execute("SELECT pg_advisory_lock(%s, hashtext(%s))", [PROBE_LOCK, other])
        try:
            # A wait for the other build's lock fails here instead of hanging the test.
            cursor.execute("SET lock_timeout = '10s'")
            built = db_template.build_database_once(
                cursor, name=name, lock=PROBE_LOCK, build=lambda building: None
            )
            assert built
        finally:
            holder.execute("SELECT pg_advisory_unlock(%s, hashtext(%s))", [PROBE_LOCK, other])
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)}")
