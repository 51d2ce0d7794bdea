"""Test databases copied from a migrated template instead of migrated one by one.

Migrating an empty database is the slowest part of starting the suite: every migration's DDL
waits on the disk, so it took 667 s (46 s of CPU) on a loaded 2-core machine, and each
pytest-xdist worker migrated its own database. Copying a migrated database with PostgreSQL's
``CREATE DATABASE … TEMPLATE`` took 1.2 s there.

The template is named after a hash of every installed app's migration files and the Django
version, so it is rebuilt as soon as any migration changes and reused by every run (and every
worker) until then. The first worker to need it builds it under an advisory lock, by running
``migrate`` exactly as the test database would be migrated, under a temporary name that is
renamed only once the migrations have finished; the other workers wait for the lock. Each
worker's database is then a copy (``DATABASES["default"]["TEST"]["TEMPLATE"]``), on which
Django's own ``migrate`` finds nothing left to apply. The migration journey
(tests/communities/test_migrations.py) replays migrations from zero on a database of its own.

The "advisory lock, build under a temporary name, rename" steps are ``build_database_once``,
which tests/demo_db.py uses for the loaded demo too.

``TEST_DB_TEMPLATE=off`` skips the template: every test database is migrated from zero.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.util import find_spec
from pathlib import Path
from typing import Any
from urllib.parse import quote

import django
from django.apps import apps
from django.db import DatabaseError, connection, connections
from django.db.migrations.loader import MigrationLoader

ROOT = Path(__file__).resolve().parents[1]
PREFIX = "portal_test_template_"
# pg_advisory_lock key, with PREFIX as its scope (build_database_once): template builds queue up.
LOCK = 7_202_620
# A template's comment says when it was built; other migrations' templates stay this long.
BUILT = "built at "
KEEP_SECONDS = 24 * 3600


def migrations_key() -> str:
    digest = hashlib.sha256(django.get_version().encode())
    for app_config in sorted(apps.get_app_configs(), key=lambda config: config.label):
        module, _explicit = MigrationLoader.migrations_module(app_config.label)
        spec = find_spec(module) if module else None
        if spec is None or not spec.submodule_search_locations:
            continue
        for directory in spec.submodule_search_locations:
            for path in sorted(Path(directory).glob("*.py")):
                digest.update(f"{app_config.label}/{path.name}\0".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def _database_url(settings_dict: dict[str, Any], name: str) -> str:
    user = quote(settings_dict.get("USER") or "", safe="")
    password = quote(settings_dict.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or "5432"
    return f"postgres://{credentials}{host}:{port}/{name}"


def _migrate(settings_dict: dict[str, Any], name: str) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(settings_dict, name),
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings.test"),
    }
    # The same command Django's create_test_db runs on each test database.
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "--run-syncdb", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


def build_database_once(
    cursor: Any,
    *,
    name: str,
    lock: int,
    build: Callable[[str], None],
    template: str | None = None,
    after_build: Callable[[], None] | None = None,
    lock_scope: str | None = None,
) -> bool:
    """Database ``name`` made by the first run or worker that needs it; True if this call
    made it.

    Under a PostgreSQL advisory lock on ``lock`` and ``lock_scope`` (by default ``name``), so
    the other workers (and other runs on the cluster) that need the same database wait for it
    instead of building it beside it, and builds of other databases go ahead: with ``lock``
    alone, every run's demo load waited for every other run's on a shared cluster (244 s on a
    loaded machine), although each run loads a database of its own. Builds that must not run
    beside each other whatever their names share a ``lock_scope``. ``build`` fills the
    database under a temporary name (``<name>_building``, created empty or as a copy of
    ``template``), which is renamed to ``name`` only once ``build`` has returned: a build that
    dies leaves no half-built ``name`` for the next run to copy, only a ``_building`` leftover
    the next build drops. ``after_build`` runs still under the lock, after the rename.
    ``cursor`` is a cursor on another database of the cluster (``connection._nodb_cursor()``).
    """
    from django.db import connection

    quote = connection.ops.quote_name
    scope = name if lock_scope is None else lock_scope
    cursor.execute("SELECT pg_advisory_lock(%s, hashtext(%s))", [lock, scope])
    try:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is not None:
            return False
        building = f"{name}_building"
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(building)}")
        copy_of = f" TEMPLATE {quote(template)}" if template else ""
        cursor.execute(f"CREATE DATABASE {quote(building)}{copy_of}")
        build(building)
        cursor.execute(f"ALTER DATABASE {quote(building)} RENAME TO {quote(name)}")
        if after_build is not None:
            after_build()
        return True
    finally:
        cursor.execute("SELECT pg_advisory_unlock(%s, hashtext(%s))", [lock, scope])


def ensure_template(alias: str = "default") -> str | None:
    """The name of a migrated template database for ``alias``, built if missing; None when
    templates are off or the database is not PostgreSQL."""
    connection = connections[alias]
    if connection.vendor != "postgresql" or os.environ.get("TEST_DB_TEMPLATE") == "off":
        return None
    name = f"{PREFIX}{migrations_key()}"
    quote_name = connection.ops.quote_name
    with connection._nodb_cursor() as cursor:  # type: ignore[attr-defined]  # private Django API, not in django-stubs

        def build(building: str) -> None:
            _migrate(connection.settings_dict, building)
            # Before the rename, so no run ever sees the template without its date (which
            # _drop_stale_templates would take for a dead build's leftover).
            cursor.execute(
                f"COMMENT ON DATABASE {quote_name(building)} IS '{BUILT}{int(time.time())}'"
            )

        build_database_once(
            cursor,
            name=name,
            lock=LOCK,
            build=build,
            after_build=lambda: _drop_stale_templates(cursor, keep=name, quote_name=quote_name),
            # One lock for every template, whatever its migrations: a build drops the other
            # templates' leftovers, which must not be another build's database in progress.
            lock_scope=PREFIX,
        )
    return name


def _drop_stale_templates(cursor: Any, *, keep: str, quote_name: Any, prefix: str = PREFIX) -> None:
    """Each migration change leaves a template behind, a database's worth of disk each (16 MB):
    the ones built more than ``KEEP_SECONDS`` ago go once a new one is built, and so do
    leftovers of a build that died. Templates built recently stay: on a machine shared by
    branches whose migrations differ, each run used to drop the other branches' template, so
    every run rebuilt its own (a minute of migrating on an idle machine, five on a loaded
    one). One still being copied by another run refuses to be dropped, and is left for the
    next build. ``prefix`` names the family (the migration journey's templates have their own,
    tests/communities/test_migrations.py); a comment may carry more after the build's date."""
    cursor.execute(
        "SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database "
        "WHERE datname LIKE %s AND datname <> %s",
        [f"{prefix}%", keep],
    )
    now = time.time()
    for stale, comment in cursor.fetchall():
        built = (comment or "").removeprefix(BUILT).split(" ", 1)[0]
        if built.isdigit() and now - int(built) < KEEP_SECONDS:
            continue
        try:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote_name(stale)}")
        except DatabaseError:
            continue


@contextmanager
def connected_to(name: str) -> Iterator[None]:
    """The default connection pointed at database ``name``, then back where it was."""
    # Imported here: tests/conftest.py imports this module before the app registry is ready.
    from django.contrib.contenttypes.models import ContentType

    settings_dict = connection.settings_dict
    previous = settings_dict["NAME"]
    connection.close()
    settings_dict["NAME"] = name
    # Content types are cached per alias, and the alias stays "default".
    ContentType.objects.clear_cache()
    try:
        yield
    finally:
        connection.close()
        settings_dict["NAME"] = previous
        ContentType.objects.clear_cache()


def use_template(alias: str = "default") -> None:
    name = ensure_template(alias)
    if name:
        from django.conf import settings

        settings.DATABASES[alias].setdefault("TEST", {})["TEMPLATE"] = name
        connections[alias].settings_dict.setdefault("TEST", {})["TEMPLATE"] = name
