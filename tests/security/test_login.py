"""Login: no open redirects, brute force throttled per account and address, and a session
dies with logout, a password change and deactivation."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"


def _login(client: Client, username: str, password: str = PASSWORD, query: str = "", **extra):
    # Every attempt comes from one office address, as behind a NAT.
    return client.post(
        f"/en/staff/login/{query}",
        {"username": username, "password": password, **extra},
        REMOTE_ADDR="203.0.113.7",
    )


def _dashboard() -> str:
    with translation.override("en"):
        return reverse("staff:dashboard")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "https:evil.example",
        "\\\\evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
        "https://evil.example/",
        "http://testserver@evil.example/",
        " //evil.example",
    ],
)
@pytest.mark.parametrize("where", ["query", "form"])
def test_hostile_next_lands_on_the_default_page(target: str, where: str) -> None:
    UserFactory(username="alice")
    client = Client()
    if where == "query":
        from urllib.parse import quote

        response = _login(client, "alice", query=f"?next={quote(target)}")
    else:
        response = _login(client, "alice", next=target)
    assert response.status_code == 302
    assert response["Location"] == _dashboard()


@pytest.mark.django_db
def test_a_safe_next_is_honoured() -> None:
    UserFactory(username="alice")
    response = _login(Client(), "alice", next="/en/staff/activities/")
    assert response["Location"] == "/en/staff/activities/"


@pytest.mark.django_db
def test_brute_force_locks_the_account_at_that_address_but_not_other_accounts(settings) -> None:
    UserFactory(username="target")
    UserFactory(username="colleague")
    attacker = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        failed = _login(attacker, "target", "wrong password")
        assert failed.status_code in (200, 429)
    # Even the right password is refused now, with the lockout page, not a login.
    locked = _login(attacker, "target")
    assert locked.status_code in (403, 429)
    assert "_auth_user_id" not in attacker.session
    assert "Too many failed logins" in locked.content.decode()

    # A colleague behind the same office NAT address still logs in.
    colleague = Client()
    ok = _login(colleague, "colleague")
    assert ok.status_code == 302
    assert ok["Location"] == _dashboard()


@pytest.mark.django_db
def test_the_session_is_dead_after_logout() -> None:
    UserFactory(username="alice")
    client = Client()
    _login(client, "alice")
    stolen = client.cookies["sessionid"].value
    assert client.get(_dashboard()).status_code == 200
    client.post("/en/staff/logout/")

    thief = Client()
    thief.cookies["sessionid"] = stolen
    response = thief.get(_dashboard())
    assert response.status_code == 302
    assert response["Location"].startswith("/en/staff/login/")


@pytest.mark.django_db
def test_other_sessions_die_when_the_password_changes() -> None:
    UserFactory(username="alice")
    laptop, phone = Client(), Client()
    _login(laptop, "alice")
    _login(phone, "alice")
    with translation.override("en"):
        change = reverse("staff:password_change")
    response = laptop.post(
        change,
        {
            "old_password": PASSWORD,
            "new_password1": "a brand new long passphrase 42",
            "new_password2": "a brand new long passphrase 42",
        },
    )
    assert response.status_code == 302
    # The device that changed it stays logged in; the other one is thrown out.
    assert laptop.get(_dashboard()).status_code == 200
    thrown_out = phone.get(_dashboard())
    assert thrown_out.status_code == 302
    assert thrown_out["Location"].startswith("/en/staff/login/")


@pytest.mark.django_db
def test_a_deactivated_user_loses_the_session_and_cannot_log_in() -> None:
    user = UserFactory(username="leaver")
    client = Client()
    _login(client, "leaver")
    assert client.get(_dashboard()).status_code == 200
    get_user_model().objects.filter(pk=user.pk).update(is_active=False)

    response = client.get(_dashboard())
    assert response.status_code == 302
    assert response["Location"].startswith("/en/staff/login/")
    again = _login(Client(), "leaver")
    assert again.status_code == 200  # the form again, with an error
    assert "_auth_user_id" not in Client().session
