import re
from unittest import mock

import pytest
from django.db import OperationalError, connections
from django.test import Client

LANGS = ["en", "ru", "ky", "tg"]


@pytest.mark.django_db
def test_healthz_reports_a_database_round_trip(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["round_trip_ms"] >= 0


@pytest.mark.django_db
def test_healthz_returns_503_when_the_database_is_unreachable(client: Client, settings) -> None:
    # Point the connection at a closed port: the same thing a stopped database looks like.
    conn = connections["default"]
    if conn.vendor == "sqlite":
        # SQLite test databases live in memory and cannot be "stopped": fail the connect.
        with mock.patch.object(
            type(conn), "ensure_connection", side_effect=OperationalError("closed")
        ):
            response = client.get("/healthz")
    else:
        original = dict(conn.settings_dict)
        conn.close()
        conn.settings_dict["PORT"] = "1"
        conn.settings_dict["HOST"] = "127.0.0.1"
        try:
            response = client.get("/healthz")
        finally:
            conn.close()
            conn.settings_dict.update(original)
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


@pytest.mark.django_db
def test_root_redirects_by_accept_language(client: Client) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ky,ru;q=0.8")
    assert response.status_code == 302
    assert response["Location"] == "/ky/"


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_home_is_served_in_each_language_with_a_switcher(client: Client, lang: str) -> None:
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    for other in LANGS:
        assert re.search(rf'href="/{other}/"[^>]*hreflang="{other}"', html)


@pytest.mark.django_db
def test_switcher_links_to_the_same_page_in_other_languages(client: Client) -> None:
    html = client.get("/ru/staff/login/").content.decode()
    for other in LANGS:
        assert f'href="/{other}/staff/login/"' in html


@pytest.mark.django_db
def test_switcher_keeps_the_query_escaped_and_marks_the_current_language(client: Client) -> None:
    html = client.get('/ky/staff/login/?next=/ky/staff/&q="><b>x').content.decode()
    switcher = html[html.index('class="lang-switch"') : html.index("</nav>")]
    assert "<b>" not in switcher
    for other in LANGS:
        current = ' aria-current="true"' if other == "ky" else ""
        assert (
            f'<a href="/{other}/staff/login/?next=/ky/staff/&amp;q=&quot;&gt;&lt;b&gt;x" '
            f'hreflang="{other}" lang="{other}"{current}>{other.upper()}</a>'
        ) in switcher


@pytest.mark.django_db
def test_robots_txt_names_the_sitemap(client: Client) -> None:
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
