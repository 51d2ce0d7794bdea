"""Security headers: CSP on every page type, and the production transport headers.

The logged-out and logged-in URL sweeps (test_url_sweep.py) repeat the CSP and inline-code
checks on every page the resolver knows; this file covers the page types that are not URL
patterns (errors, admin) and the production-only headers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError, connections
from django.test import Client

from tests.factories import UserFactory
from tests.security.html_checks import csp_problems, inline_code_problems

ROOT = Path(__file__).resolve().parents[2]


def test_the_inline_code_check_catches_what_csp_would_block() -> None:
    html = (
        '<script>alert(1)</script><script src="/static/x.js"></script>'
        '<script type="application/json">{"a": 1}</script>'
        '<img src="x" onerror="alert(1)"><a href=" javascript:alert(1)">x</a>'
        '<p style="color:red">x</p><style>p{}</style>'
    )
    problems = inline_code_problems(html)
    assert len(problems) == 5, problems


def _assert_page_is_csp_clean(response) -> None:
    assert csp_problems(response.get("Content-Security-Policy")) == []
    assert inline_code_problems(response.content.decode()) == []


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/", "/ru/staff/login/", "/admin/login/", "/en/no-such-page/"])
def test_anonymous_page_types_send_csp_without_inline_code(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (200, 404)
    _assert_page_is_csp_clean(response)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/staff/", "/admin/", "/admin/auth/user/"])
def test_logged_in_page_types_send_csp_without_inline_code(client: Client, path: str) -> None:
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(path)
    assert response.status_code == 200
    assert csp_problems(response.get("Content-Security-Policy")) == []
    if not path.startswith("/admin/"):
        # The Django admin ships its own templates (with a JSON data island only); it is
        # covered by the header check and the admin sweep, not by our template rules.
        assert inline_code_problems(response.content.decode()) == []


@pytest.mark.django_db
def test_the_outage_page_sends_csp_without_inline_code() -> None:
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "returning-visitor-session"
    conn = connections["default"]
    with mock.patch.object(type(conn), "ensure_connection", side_effect=OperationalError("down")):
        response = client.get("/en/")
    assert response.status_code == 503
    _assert_page_is_csp_clean(response)


@pytest.mark.django_db
def test_pages_may_not_be_framed(client: Client) -> None:
    assert client.get("/en/")["X-Frame-Options"] == "DENY"


def _production_response(path: str, *, secure: bool) -> dict[str, object]:
    """Request a page through the real production settings in a fresh interpreter."""
    code = (
        "import json, django; django.setup();"
        "from django.test import Client;"
        f"r = Client().get({path!r}, secure={secure}, HTTP_HOST='portal.example.org');"
        "print(json.dumps({'status': r.status_code, 'headers': dict(r.headers),"
        " 'cookies': {k: dict(v) for k, v in r.cookies.items()}}))"
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            **base,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": "p" * 64,
            "DJANGO_ALLOWED_HOSTS": "portal.example.org",
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_sends_hsts_referrer_policy_frame_and_nosniff_headers() -> None:
    response = _production_response("/robots.txt", secure=True)
    headers = response["headers"]
    assert response["status"] == 200
    hsts = headers["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts
    assert "includeSubDomains" in hsts
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert csp_problems(headers.get("Content-Security-Policy")) == []


def test_production_redirects_plain_http_to_https() -> None:
    response = _production_response("/robots.txt", secure=False)
    assert response["status"] == 301
    assert response["headers"]["Location"] == "https://portal.example.org/robots.txt"


def test_production_cookies_are_secure_and_http_only() -> None:
    # Read the settings rather than render a form page: that would need collectstatic's manifest.
    code = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_SECURE,"
        " s.SESSION_COOKIE_SAMESITE)"
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            **base,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": "p" * 64,
            "DJANGO_ALLOWED_HOSTS": "portal.example.org",
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.split() == ["True", "True", "True", "Lax"]
