"""Shared fixtures: the owner / member / outsider users every permission matrix needs.

- ``project``: a public project whose implementing partner is ``org``.
- ``org_admin``, ``manager``, ``field_officer``, ``viewer``: staff of ``org``.
- ``outsider``: a field officer of ``other_org``, which is no partner in ``project``.
"""

from __future__ import annotations

import copy
import os
import shutil
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import translation

from projects.models import PartnerRole, StaffRole
from tests import factories as f

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse
# ORM calls made by the same test.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="session", autouse=True)
def _tests_start_in_english() -> None:
    translation.activate("en")


@pytest.fixture(autouse=True)
def _language_restored() -> Iterator[None]:
    # The test client's requests leave their page's language active in the test's thread
    # (LocaleMiddleware activates it and nothing deactivates it), so without this a test's
    # labels, and a module's shared records, would depend on which test ran before it on the
    # same worker. Tests that need another language say so with translation.override.
    translation.activate("en")
    yield
    translation.activate("en")


def _org():
    return f.OrganisationFactory(slug="owner-org", name_en="Owner Foundation")


def _other_org():
    return f.OrganisationFactory(slug="outsider-org", name_en="Outsider Foundation")


def _project(org):
    project = f.ProjectFactory(slug="owned-project")
    f.PartnershipFactory(project=project, organisation=org, role=PartnerRole.IMPLEMENTING)
    return project


def _staff(org, role: str, username: str):
    user = f.UserFactory(username=username)
    f.StaffMembershipFactory(user=user, organisation=org, role=role)
    return user


@pytest.fixture
def org(db):
    return _org()


@pytest.fixture
def other_org(db):
    return _other_org()


@pytest.fixture
def project(org):
    return _project(org)


@pytest.fixture
def org_admin(org):
    return _staff(org, StaffRole.ORG_ADMIN, "org-admin")


@pytest.fixture
def manager(org):
    return _staff(org, StaffRole.PROGRAMME_MANAGER, "manager")


@pytest.fixture
def field_officer(org):
    return _staff(org, StaffRole.FIELD_OFFICER, "field-officer")


@pytest.fixture
def viewer(org):
    return _staff(org, StaffRole.VIEWER, "viewer")


@pytest.fixture
def outsider(other_org):
    return _staff(other_org, StaffRole.FIELD_OFFICER, "outsider")


# --- The test database -----------------------------------------------------------------------


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings: None, django_db_use_migrations: bool, django_db_blocker: Any
) -> None:
    """Each test database is a copy of a migrated template (tests/db_template.py)."""
    from tests import db_template

    if not django_db_use_migrations:
        return
    with django_db_blocker.unblock():
        db_template.use_template()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """pytest-django's test database, emptied after each transactional test by DELETEs of the
    tables that hold rows instead of Django's TRUNCATE of every table (tests/fast_flush.py)."""
    from tests import fast_flush

    with django_db_blocker.unblock():
        fast_flush.remember_built_state()
    with pytest.MonkeyPatch.context() as patch:
        fast_flush.install(patch)
        yield


# --- The demo, loaded once per run ----------------------------------------------------------


def pytest_configure(config: pytest.Config) -> None:
    # The xdist controller picks the run's id before it starts the workers (xdist makes one
    # itself when none is given), so it knows which loaded demo to drop at the end.
    from tests import demo_db

    if not hasattr(config, "workerinput") and hasattr(config.option, "testrunuid"):
        if config.option.testrunuid is None:
            config.option.testrunuid = uuid.uuid4().hex
        demo_db.set_run_id(config.option.testrunuid)


def pytest_unconfigure(config: pytest.Config) -> None:
    # Once every worker has finished: in the controller, or in a run without workers.
    from tests import demo_db

    if not hasattr(config, "workerinput"):
        demo_db.drop_source(settings.DATABASES["default"])


@pytest.fixture(scope="session")
def _demo_copy(django_db_setup: None, django_db_blocker: Any) -> Iterator[str | None]:
    from tests import demo_db as loaded

    with loaded.worker_copy(django_db_blocker) as copy:
        yield copy


@pytest.fixture(scope="module")
def demo_db(_demo_copy: str | None, django_db_blocker: Any) -> Iterator[None]:
    """The gazetteer and the demo, loaded once per run into a database this worker copied
    (tests/demo_db.py); each test's ``db`` transaction runs on top of it."""
    from tests import demo_db as loaded

    with loaded.demo_database(_demo_copy, django_db_blocker):
        yield


# --- Records built once per module -----------------------------------------------------------


def _shared_transaction(django_db_blocker: Any) -> Iterator[Any]:
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        # Marked like TestCase's own atomics, so a durable atomic block inside a test behaves
        # as it does under TestCase.
        atomic._from_testcase = True  # type: ignore[attr-defined]  # private Django flag, not in django-stubs
        atomic.__enter__()
    try:
        yield django_db_blocker
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def module_db(django_db_setup: None, django_db_blocker: Any) -> Iterator[Any]:
    """A transaction open around one test module, for records its tests share.

    This is the pytest form of Django's ``TestCase.setUpTestData``. A module-scoped fixture
    that takes this one builds its records once, inside ``with module_db.unblock():``. Each
    test's own ``db`` transaction is then a savepoint inside this transaction, so whatever a
    test writes is rolled back before the next test, which sees the module's records exactly
    as they were built. After the module's last test everything is rolled back. Give each
    test a deep copy of the records (the ``records`` fixture; ``setUpTestData`` does the
    same), so changes a test makes to the Python objects do not leak either. Build them in
    the language the module's tests run in: modeltranslation fills a field's own column from
    the active language's value.

    Tests that need committed rows (``transactional_db``, ``live_server``) cannot share a
    module with this transaction; ``pytest_collection_modifyitems`` below refuses the mix.
    """
    yield from _shared_transaction(django_db_blocker)


@pytest.fixture(scope="class")
def class_db(django_db_setup: None, django_db_blocker: Any) -> Iterator[Any]:
    """``module_db`` for the tests of one class: records only they see, rolled back after
    the class's last test."""
    yield from _shared_transaction(django_db_blocker)


@pytest.fixture
def records(shared_records: Any, db: None) -> Any:
    """This test's own deep copy of the module's ``shared_records`` (a module-scoped fixture
    the module defines on top of ``module_db``)."""
    return copy.deepcopy(shared_records)


Built = TypeVar("Built")


def committed_once(django_db_blocker: Any, build: Callable[[], Built]) -> Callable[[], Built]:
    """For a module-scoped fixture of transactional tests (browser tests: the live server
    reads committed rows): records built and committed once, then a function that gives each
    test the same rows again and its own deep copy of the Python objects.

    Each transactional test ends by emptying the database (tests/fast_flush.py); committing
    the records again through the factories cost seconds per test on a loaded machine, while
    writing the snapshot of their rows back with COPY takes milliseconds. The rows keep their
    ids, so the objects built once still name them. Without PostgreSQL the records are built
    for each test, as before."""
    from django.db import connection

    from tests import fast_flush

    if connection.vendor != "postgresql":
        return build
    with django_db_blocker.unblock():
        built = build()
        snapshot = fast_flush.take_snapshot()
        # Left empty, as every transactional test leaves it, until a test asks for the rows.
        fast_flush.empty_database("default")

    def for_test() -> Built:
        fast_flush.restore(snapshot)
        return copy.deepcopy(built)

    return for_test


def _needs_committed_rows(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return True
    names = getattr(item, "fixturenames", ())
    return "transactional_db" in names or "live_server" in names


def _last_share_start(total: int, workers: int) -> int:
    """Where the last worker's share of the run begins: pytest-xdist's worksteal scheduler
    hands the idle workers ``remaining // workers_left`` tests each, in order, from the
    front of the collection."""
    start, remaining = 0, total
    for worker in range(workers - 1):
        share = remaining // (workers - worker)
        start, remaining = start + share, remaining - share
    return start


def _demo_modules_together(items: list[pytest.Item], workers: int) -> list[pytest.Item]:
    """The modules that read the loaded demo (the ``demo_db`` fixture), one after the other at
    the front of the last worker's share: that worker loads the demo and copies it once, and
    runs them while the first worker starts on the migration replay. Spread through the run,
    each worker made its own copy, and the one that came to the demo second sat on the
    advisory lock while the other loaded it (about 100 s on a loaded machine). Work stealing
    takes tests from the back of a worker's queue, so the front stays with its worker."""
    demo_paths = {
        item.nodeid.split("::")[0]
        for item in items
        if "demo_db" in getattr(item, "fixturenames", ())
    }
    demo = [item for item in items if item.nodeid.split("::")[0] in demo_paths]
    if not demo:
        return items
    rest = [item for item in items if item.nodeid.split("::")[0] not in demo_paths]
    at = _last_share_start(len(items), workers)
    return rest[:at] + demo + rest[at:]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # The migration replay is the suite's longest single test (minutes of migration-state
    # rendering on a loaded machine). pytest-xdist's worksteal hands each worker a contiguous
    # share of this order, so put it first: one worker starts on it while the other takes the
    # rest, instead of it starting last and running alone. Runs after pytest-django's own
    # sort (trylast); fast_flush empties the database after it like after any transactional
    # test, so what follows is unaffected.
    items.sort(key=lambda item: item.get_closest_marker("migrations") is None)
    workers = getattr(config, "workerinput", {}).get("workercount", 1)
    items[:] = _demo_modules_together(items, workers)
    modules: dict[str, list[pytest.Item]] = defaultdict(list)
    for item in items:
        modules[item.nodeid.split("::")[0]].append(item)
    for path, module_items in modules.items():
        shared = any(
            {"module_db", "class_db", "demo_db"} & set(getattr(i, "fixturenames", ()))
            for i in module_items
        )
        if shared and any(_needs_committed_rows(i) for i in module_items):
            raise pytest.UsageError(
                f"{path}: module_db/class_db keep a transaction open around shared records "
                "(demo_db a loaded demo every later module reuses), so the module cannot hold "
                "transactional_db or live_server tests; move them out."
            )


@dataclass
class People:
    """The conftest's organisations, project and users, for modules that build them once."""

    org: Any
    other_org: Any
    project: Any
    org_admin: Any
    manager: Any
    field_officer: Any
    viewer: Any
    outsider: Any


def build_people(*, with_project: bool = True) -> People:
    """The same records the ``org`` … ``outsider`` fixtures create one at a time; without
    ``project`` for modules whose counts must not include it."""
    org = _org()
    other_org = _other_org()
    return People(
        org=org,
        other_org=other_org,
        project=_project(org) if with_project else None,
        org_admin=_staff(org, StaffRole.ORG_ADMIN, "org-admin"),
        manager=_staff(org, StaffRole.PROGRAMME_MANAGER, "manager"),
        field_officer=_staff(org, StaffRole.FIELD_OFFICER, "field-officer"),
        viewer=_staff(org, StaffRole.VIEWER, "viewer"),
        outsider=_staff(other_org, StaffRole.FIELD_OFFICER, "outsider"),
    )


@pytest.fixture(scope="module")
def chromium_path() -> str:
    if not CHROMIUM:
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("Chromium not found, and REQUIRE_BROWSER is set")
        pytest.skip("Chromium not found: install Debian's `chromium` to run browser tests")
    return CHROMIUM


@pytest.fixture(scope="module")
def chromium(chromium_path: str) -> Iterator[Any]:
    """One headless Debian Chromium per test module: a launch costs about a second, and each
    test still gets a fresh browser context (cookies, storage, cache) of its own.

    Module scope, not session scope: Playwright's sync API keeps an event loop running in
    this thread while it is open, which other modules' tests should not run beside."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium_path,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(live_server, chromium):
    """A Playwright page in headless Debian Chromium, at phone width by default."""
    ARTIFACTS.mkdir(exist_ok=True)
    context = chromium.new_context(viewport={"width": 375, "height": 812}, locale="ru-RU")
    page = context.new_page()
    page.set_default_timeout(15_000)
    # The live server shares the test database; a crashed page must fail the test.
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors  # type: ignore[attr-defined]  # set on the Playwright object by tests/conftest.py
    yield page
    context.close()


def login_in_browser(
    page, live_server, username: str, password: str = "correct horse battery staple"
):
    page.goto(f"{live_server.url}/en/staff/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")


__all__ = ["ARTIFACTS", "login_in_browser", "settings"]


@pytest.fixture(autouse=True)
def _empty_cache():
    # Public fragments are cached per content version; a rolled-back test must not leave
    # fragments that the next test (same version, no writes) would read.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
