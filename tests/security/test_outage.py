"""A database outage gives a clean 503 page with Retry-After, never a traceback or a 500."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import OperationalError, connections
from django.test import Client

from tests.factories import UserFactory


@contextmanager
def database_down() -> Iterator[None]:
    """Make every query fail the way a restarting PostgreSQL does. The test transaction
    holds the real connection, so the failure is injected where a connection is (re)opened;
    bench/faults.py restarts a real PostgreSQL for the end-to-end version."""
    conn = connections["default"]
    with mock.patch.object(
        type(conn), "ensure_connection", side_effect=OperationalError("connection refused")
    ):
        yield


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/", "/en/staff/"])
def test_a_database_outage_shows_a_503_page_not_a_traceback(path: str) -> None:
    client = Client(raise_request_exception=False)
    # A returning visitor's session cookie makes even the home page read the database.
    client.cookies["sessionid"] = "returning-visitor-session"
    with database_down():
        response = client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "briefly unavailable" in html
    assert "Traceback" not in html
    assert "OperationalError" not in html


@pytest.mark.django_db
def test_a_logged_in_user_also_gets_the_503_page(client: Client) -> None:
    client.force_login(UserFactory())
    client.raise_request_exception = False
    with database_down():
        response = client.get("/en/staff/")
    assert response.status_code == 503
    assert "briefly unavailable" in response.content.decode()


@pytest.mark.django_db
def test_the_503_page_is_translated() -> None:
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "returning-visitor-session"
    with database_down():
        response = client.get("/ru/")
    html = response.content.decode()
    assert response.status_code == 503
    assert '<html lang="ru">' in html
    assert "briefly unavailable" not in html


@pytest.mark.django_db
def test_other_errors_still_give_a_plain_500_page() -> None:
    client = Client(raise_request_exception=False)
    with mock.patch("config.pages.home.render", side_effect=ValueError("bug")):
        response = client.get("/en/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert "ValueError" not in html


@pytest.mark.django_db
def test_the_database_comes_back_for_the_next_request(client: Client) -> None:
    client.raise_request_exception = False
    client.cookies["sessionid"] = "returning-visitor-session"
    with database_down():
        assert client.get("/en/").status_code == 503
    assert client.get("/en/").status_code == 200
