"""Web requests run with a PostgreSQL statement timeout (config/settings/base.py, set by
config/wsgi.py), so a runaway query becomes a logged error page instead of a worker held
until gunicorn kills it; commands and workers run without one."""

from __future__ import annotations

import copy
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.db import OperationalError, connection, connections
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path

ROOT = Path(__file__).resolve().parents[2]
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="statement_timeout is PostgreSQL's"
)


def _slow(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        # What config/wsgi.py's setting does for every web connection, made short here.
        cursor.execute("SET statement_timeout = 100")
        cursor.execute("SELECT pg_sleep(2)")
    return HttpResponse("finished")


urlpatterns = [path("slow/", _slow)]
handler500 = "config.views.server_error"


def _database_options(*, web: bool) -> str:
    code = (
        "import config.wsgi\n" if web else "import django; django.setup()\n"
    ) + "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])"
    env = {
        key: value for key, value in os.environ.items() if key != "DJANGO_DB_STATEMENT_TIMEOUT_MS"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.bench",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/unused",
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_web_processes_get_a_statement_timeout_and_commands_do_not() -> None:
    assert "statement_timeout=5000" in _database_options(web=True)
    assert "statement_timeout" not in _database_options(web=False)


@on_postgresql
@pytest.mark.django_db
def test_a_connection_with_the_web_options_cancels_a_runaway_statement() -> None:
    settings_dict = copy.deepcopy(connection.settings_dict)
    settings_dict["OPTIONS"]["options"] = "-c jit=off -c statement_timeout=100"
    web = type(connections["default"])(settings_dict)
    try:
        with pytest.raises(OperationalError, match="statement timeout"), web.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(2)")
    finally:
        web.close()


@on_postgresql
@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_runaway_query_is_a_logged_error_page_not_an_outage_page(
    caplog: Any,
) -> None:
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR, logger="portal.database"):
        response = client.get("/slow/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert any("statement timeout" in record.getMessage() for record in caplog.records)
