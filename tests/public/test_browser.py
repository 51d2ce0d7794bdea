"""The public portal in a real Chromium, at desktop and at phone size."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from defusedxml import ElementTree
from django.utils import translation
from PIL import Image

from tests.conftest import ARTIFACTS, committed_once
from tests.public.conftest import Portal, build_portal

AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe-core" / "axe.min.js"
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 812}}
ATOM = "{http://www.w3.org/2005/Atom}"


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), "#dde6ee").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture(params=list(VIEWPORTS))
def page(request: Any, browser_page: Any) -> Any:
    browser_page.set_viewport_size(VIEWPORTS[request.param])
    browser_page.viewport_name = request.param
    csp_errors: list[str] = []
    browser_page.on(
        "console",
        lambda message: (
            csp_errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    browser_page.csp_errors = csp_errors
    return browser_page


def _assert_clean(page: Any) -> None:
    assert page.js_errors == []
    assert page.csp_errors == []


@pytest.fixture(scope="module")
def committed_portal(django_db_setup: None, django_db_blocker: Any) -> Callable[[], Portal]:
    def build() -> Portal:
        with translation.override("en"):
            return build_portal()

    return committed_once(django_db_blocker, build)


@pytest.fixture
def portal(committed_portal: Callable[[], Portal], transactional_db: None) -> Portal:
    # Committed for the live server, and emptied after each test: built once per module and
    # its rows written back before each test (tests/conftest.py committed_once).
    return committed_portal()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_filter_projects_open_one_and_switch_language(
    page: Any, live_server: Any, portal: Portal
) -> None:
    page.goto(f"{live_server.url}/en/projects/")
    page.select_option("#id_status", "active")
    page.select_option("#id_region", portal.region.code)
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"status=active"))
    assert f"region={portal.region.code}" in page.url
    page.get_by_role("link", name="Safer Communities Project").click()
    page.wait_for_url(f"{live_server.url}/en/projects/{portal.project.slug}/")
    assert page.locator("h1").inner_text() == "Safer Communities Project"
    # On a phone the languages are behind the menu button, with the rest of the navigation.
    if page.locator(".nav-toggle").is_visible():
        page.locator(".nav-toggle").click()
    page.locator(".lang-switch a[hreflang=ru]").click()
    page.wait_for_url(f"{live_server.url}/ru/projects/{portal.project.slug}/")
    assert "Безопасные сообщества" in page.locator("h1").inner_text()
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    _assert_clean(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_grants_directory_filter_updates_the_total(
    page: Any, live_server: Any, portal: Portal
) -> None:
    page.goto(f"{live_server.url}/en/grants/")
    totals = page.locator("[data-testid=grant-totals]")
    assert totals.inner_text().startswith("2 grants")
    page.select_option("#id_programme", portal.programme.slug)
    page.select_option("#id_grantee_type", "local_government")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"grantee_type=local_government"))
    assert page.locator("[data-testid=grant-totals]").inner_text().startswith("1 grant:")
    assert "1,250,000" in page.locator("[data-testid=grant-totals]").inner_text()
    _assert_clean(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_follow_the_news_feed_to_a_news_page(page: Any, live_server: Any, portal: Portal) -> None:
    page.goto(f"{live_server.url}/en/news/")
    href = page.locator("a.feed-link").first.get_attribute("href")
    response = page.request.get(f"{live_server.url}{href}")
    assert response.ok
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.body())
    entry_link = feed.find(f"{ATOM}entry/{ATOM}link").get("href")
    page.goto(entry_link)
    assert page.locator("h1").inner_text() == "Residents meet the police"
    assert page.locator('meta[property="og:title"]').get_attribute("content") == (
        "Residents meet the police"
    )
    _assert_clean(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_map_shows_markers_with_tiles_and_without(
    page: Any, live_server: Any, portal: Portal, settings: Any
) -> None:
    # No tile URL: markers on a plain background.
    page.goto(f"{live_server.url}/en/projects/{portal.project.slug}/")
    page.wait_for_selector("#map.map-ready")
    # Country and region outlines (vendored Natural Earth) under the markers, never clickable.
    page.wait_for_selector("#map[data-outlines-ready='true']")
    page.wait_for_selector("#map[data-regions-ready='true']")
    # 2 countries and 13 regions (8 in Kyrgyzstan, 5 in Tajikistan).
    assert page.locator("#map path:not(.leaflet-interactive)").count() >= 15
    assert page.locator("#map .leaflet-interactive").count() == 1
    assert page.locator("#map .leaflet-tile").count() == 0

    # Tiles served (stubbed) from our own origin, as CSP requires.
    settings.MAP_TILE_URL = f"{live_server.url}/tiles/{{z}}/{{x}}/{{y}}.png"
    png = _png()
    page.route("**/tiles/**", lambda route: route.fulfill(body=png, content_type="image/png"))
    page.goto(f"{live_server.url}/en/places/")
    page.wait_for_selector("#map .leaflet-tile-loaded")
    assert page.locator("#map .leaflet-interactive").count() >= 1

    # Tiles failing to load: the markers stay.
    page.unroute("**/tiles/**")
    page.route("**/tiles/**", lambda route: route.abort())
    page.goto(f"{live_server.url}/en/places/communities/{portal.community.pk}/")
    page.wait_for_selector("#map.map-ready")
    assert page.locator("#map .leaflet-interactive").count() == 1
    assert page.js_errors == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_screenshots_of_home_project_and_community(
    page: Any, live_server: Any, portal: Portal, lang: str
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pages = {
        "home": f"/{lang}/",
        "project": f"/{lang}/projects/{portal.project.slug}/",
        "community": f"/{lang}/places/communities/{portal.community.pk}/",
    }
    for name, path in pages.items():
        page.goto(f"{live_server.url}{path}")
        page.wait_for_selector("#map.map-ready")
        assert page.locator("html").get_attribute("lang") == lang
        width = page.viewport_size["width"]
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
        target = ARTIFACTS / f"public-{name}-{lang}-{page.viewport_name}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 5000
    _assert_clean(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_axe_finds_no_serious_violations(
    browser_page: Any, live_server: Any, portal: Portal, lang: str
) -> None:
    # axe is injected as an inline script, which the portal's CSP rightly blocks; this
    # context bypasses CSP for the audit only.
    browser = browser_page.context.browser
    for size in VIEWPORTS.values():
        context = browser.new_context(viewport=size, bypass_csp=True)
        page = context.new_page()
        for path in [
            f"/{lang}/",
            f"/{lang}/projects/{portal.project.slug}/",
            f"/{lang}/places/communities/{portal.community.pk}/",
        ]:
            page.goto(f"{live_server.url}{path}")
            page.wait_for_selector("#map.map-ready")
            page.add_script_tag(path=str(AXE))
            result = page.evaluate("async () => await axe.run(document)")
            serious = [
                (violation["id"], [node["target"] for node in violation["nodes"]][:3])
                for violation in result["violations"]
                if violation["impact"] in ("serious", "critical")
            ]
            assert serious == [], (path, size, serious)
        context.close()
