"""Shared fixtures: the owner / member / outsider users every permission matrix needs.

- ``project``: a public project whose implementing partner is ``org``.
- ``org_admin``, ``manager``, ``field_officer``, ``viewer``: staff of ``org``.
- ``outsider``: a field officer of ``other_org``, which is no partner in ``project``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from projects.models import PartnerRole, StaffRole
from tests import factories as f

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse
# ORM calls made by the same test.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def org(db):  # type: ignore[no-untyped-def]
    return f.OrganisationFactory(slug="owner-org", name_en="Owner Foundation")


@pytest.fixture
def other_org(db):  # type: ignore[no-untyped-def]
    return f.OrganisationFactory(slug="outsider-org", name_en="Outsider Foundation")


@pytest.fixture
def project(org):  # type: ignore[no-untyped-def]
    project = f.ProjectFactory(slug="owned-project")
    f.PartnershipFactory(project=project, organisation=org, role=PartnerRole.IMPLEMENTING)
    return project


def _staff(org, role: str, username: str):  # type: ignore[no-untyped-def]
    user = f.UserFactory(username=username)
    f.StaffMembershipFactory(user=user, organisation=org, role=role)
    return user


@pytest.fixture
def org_admin(org):  # type: ignore[no-untyped-def]
    return _staff(org, StaffRole.ORG_ADMIN, "org-admin")


@pytest.fixture
def manager(org):  # type: ignore[no-untyped-def]
    return _staff(org, StaffRole.PROGRAMME_MANAGER, "manager")


@pytest.fixture
def field_officer(org):  # type: ignore[no-untyped-def]
    return _staff(org, StaffRole.FIELD_OFFICER, "field-officer")


@pytest.fixture
def viewer(org):  # type: ignore[no-untyped-def]
    return _staff(org, StaffRole.VIEWER, "viewer")


@pytest.fixture
def outsider(other_org):  # type: ignore[no-untyped-def]
    return _staff(other_org, StaffRole.FIELD_OFFICER, "outsider")


@pytest.fixture
def chromium_path() -> str:
    if not CHROMIUM:
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("Chromium not found, and REQUIRE_BROWSER is set")
        pytest.skip("Chromium not found: install Debian's `chromium` to run browser tests")
    return CHROMIUM


@pytest.fixture
def browser_page(live_server, chromium_path):  # type: ignore[no-untyped-def]
    """A Playwright page in headless Debian Chromium, at phone width by default."""
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
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
        context = browser.new_context(viewport={"width": 375, "height": 812}, locale="ru-RU")
        page = context.new_page()
        page.set_default_timeout(15_000)
        # The live server shares the test database; a crashed page must fail the test.
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.js_errors = errors  # type: ignore[attr-defined]
        yield page
        context.close()
        browser.close()


def login_in_browser(
    page, live_server, username: str, password: str = "correct horse battery staple"
):  # type: ignore[no-untyped-def]
    page.goto(f"{live_server.url}/en/staff/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")


__all__ = ["ARTIFACTS", "login_in_browser", "settings"]


@pytest.fixture(autouse=True)
def _empty_cache():  # type: ignore[no-untyped-def]
    # Public fragments are cached per content version; a rolled-back test must not leave
    # fragments that the next test (same version, no writes) would read.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
