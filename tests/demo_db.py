"""The demo (gazetteer + ``demo_load``) loaded once per test run, then copied for each module
that reads it.

Four modules read the whole demo (tests/projects/test_demo.py, tests/reports/test_iati_demo.py,
tests/public/test_demo_pages.py, tests/public/test_search_recall.py). Each used to load it
inside a transaction of its own, about 9 s of Python on an idle 2-core machine, four times a
run. On PostgreSQL the first module to need it now loads it, with the same two calls, into a
database of its own copied from the migrated template (tests/db_template.py), under an
advisory lock; each worker then makes one copy of that database, with ``CREATE DATABASE …
TEMPLATE`` in about a second, and the default connection points at the copy from a demo
module's first test to its last. The demo modules run one after the other at the front of
one worker's share (tests/conftest.py), so under pytest-xdist one worker makes the only copy
and no worker waits on the lock while another loads. Each test runs in its own transaction on
top, rolled back as always, so every module finds the copy exactly as loaded.

The loaded database is named after the run (pytest-xdist's run id), so every run loads the
demo again with the code under test: nothing is kept from one run to the next, and the run
drops it once every worker has finished. Without templates (SQLite, or
``TEST_DB_TEMPLATE=off``) each module loads the demo in a transaction of its own, as before.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from tests import db_template

PREFIX = "portal_test_demo_"
# pg_advisory_lock key, other than the migration template's; taken with the run's demo
# database name, so runs sharing the cluster do not wait for each other's loads.
LOCK = 7_202_621
# The run's id: pytest-xdist's, which the controller sets before it starts the workers
# (tests/conftest.py) and hands to each of them; a run without xdist makes its own.
_RUN: dict[str, str] = {}


def set_run_id(run_id: str) -> None:
    _RUN["id"] = run_id


def _run_id() -> str:
    if "id" not in _RUN:
        _RUN["id"] = os.environ.get("PYTEST_XDIST_TESTRUNUID") or uuid.uuid4().hex
    return _RUN["id"]


def load() -> None:
    """The demo exactly as ``make run`` loads it (after migrate): gazetteer, then demo."""
    from communities.management.gazetteer_loader import load_gazetteer
    from reports.demo import demo_load

    load_gazetteer()
    demo_load()


def _template() -> str | None:
    """The migrated template this worker's test database was copied from, if templates are
    on; built again if another run dropped it since (tests/db_template.py)."""
    if connection.vendor != "postgresql":
        return None
    if not settings.DATABASES["default"].get("TEST", {}).get("TEMPLATE"):
        return None
    return db_template.ensure_template()


def source_name() -> str:
    return f"{PREFIX}{_run_id()[:16]}"


def _ensure_source(template: str) -> str:
    name = source_name()

    def build(building: str) -> None:
        with db_template.connected_to(building), transaction.atomic():
            load()

    with connection._nodb_cursor() as cursor:  # type: ignore[attr-defined]  # private Django API, not in django-stubs
        db_template.build_database_once(
            cursor, name=name, lock=LOCK, build=build, template=template
        )
    return name


@contextmanager
def worker_copy(django_db_blocker: Any) -> Iterator[str | None]:
    """For a session-scoped fixture: this worker's copy of the run's loaded demo, made when a
    module first needs it and dropped at the end of the worker's session; None without
    templates."""
    with django_db_blocker.unblock():
        template = _template()
        if template is None:
            yield None
            return
        source = _ensure_source(template)
        quote = connection.ops.quote_name
        copy = f"{source}_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
        with connection._nodb_cursor() as cursor:  # type: ignore[attr-defined]  # private Django API, not in django-stubs
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(copy)}")
            cursor.execute(f"CREATE DATABASE {quote(copy)} TEMPLATE {quote(source)}")
    try:
        yield copy
    finally:
        with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:  # type: ignore[attr-defined]  # private Django API, not in django-stubs
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(copy)}")


@contextmanager
def demo_database(copy: str | None, django_db_blocker: Any) -> Iterator[None]:
    """For a module-scoped fixture: the loaded demo under the default connection until the
    module's last test; each test's ``db`` transaction runs on top of it and is rolled back,
    so the worker's copy is the loaded demo again for the next module (modules that commit,
    with ``transactional_db`` or ``live_server``, cannot use it: tests/conftest.py refuses
    them)."""
    with django_db_blocker.unblock():
        if copy is None:
            with transaction.atomic():
                load()
                yield
                transaction.set_rollback(True)
            return
        with db_template.connected_to(copy):
            yield


def drop_source(settings_dict: dict[str, Any]) -> None:
    """Once the run is over (the xdist controller, after every worker has finished): the
    run's loaded demo. A plain connection: the controller has no test database."""
    if settings_dict.get("ENGINE") != "django.db.backends.postgresql":
        return
    import psycopg

    try:
        admin = psycopg.connect(
            host=settings_dict.get("HOST") or "127.0.0.1",
            port=settings_dict.get("PORT") or "5432",
            user=settings_dict.get("USER") or None,
            password=settings_dict.get("PASSWORD") or None,
            dbname="postgres",
            autocommit=True,
        )
    except psycopg.Error:
        # A run that never reached the database loaded no demo either.
        return
    with admin:
        for name in (source_name(), f"{source_name()}_building"):
            try:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}"')  # type: ignore[arg-type]  # psycopg types only literal SQL; the name is ours
            except psycopg.Error:
                continue


__all__ = ["demo_database", "drop_source", "load", "set_run_id", "source_name", "worker_copy"]
