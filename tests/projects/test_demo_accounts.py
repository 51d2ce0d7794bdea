"""demo_accounts and load_demo's guard, on an empty database."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_demo_password_comes_from_the_environment_when_set(db, monkeypatch) -> None:
    monkeypatch.setenv("DEMO_PASSWORD", "another demo secret")
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    assert get_user_model().objects.get(username="admin").check_password("another demo secret")
    assert "another demo secret" not in out.getvalue()
    assert "/admin/" in out.getvalue()


def test_load_demo_without_a_gazetteer_says_what_to_run(db) -> None:
    with pytest.raises(CommandError, match="load_gazetteer"):
        call_command("load_demo", stdout=StringIO())
