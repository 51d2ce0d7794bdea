"""The session idle timeout: kept alive by use, without a write on every request."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import middleware

pytestmark = pytest.mark.django_db


def _session_writes(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return sum(
        1
        for q in ctx.captured_queries
        if q["sql"].startswith(("UPDATE", "INSERT")) and "django_session" in q["sql"]
    )


def test_it_does_not_write_the_session_on_every_request(client, manager) -> None:
    client.force_login(manager)
    url = reverse("staff:dashboard")
    # Logging in saved the session, which counts as the touch.
    assert _session_writes(client, url) == 0
    assert _session_writes(client, url) == 0
    assert _session_writes(client, url) == 0


def test_it_pushes_the_expiry_back_once_the_touch_interval_has_passed(
    client, manager, monkeypatch, settings
) -> None:
    client.force_login(manager)
    url = reverse("staff:dashboard")
    client.get(url)
    first_expiry = Session.objects.get().expire_date

    later = middleware.time.time() + settings.SESSION_TOUCH_SECONDS + 1
    monkeypatch.setattr(middleware.time, "time", lambda: later)
    assert _session_writes(client, url) == 1
    assert Session.objects.get().expire_date > first_expiry


def test_an_expired_session_cookie_creates_no_session(client) -> None:
    client.cookies["sessionid"] = "no-such-session-key"
    assert client.get(reverse("projects:home")).status_code == 200
    assert not Session.objects.exists()
