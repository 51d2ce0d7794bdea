"""Login, logout, lockout, password change and reset, and the `next` parameter."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _login(client, username: str, password: str = PASSWORD, next_url: str | None = None):
    data = {"username": username, "password": password}
    if next_url is not None:
        data["next"] = next_url
    return client.post(reverse("staff:login"), data, REMOTE_ADDR="10.0.0.7")


def test_login_lands_on_my_work(client, field_officer) -> None:
    response = _login(client, "field-officer")
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:dashboard")


def test_login_follows_a_local_next(client, field_officer) -> None:
    response = _login(client, "field-officer", next_url="/en/staff/activities/new/")
    assert response["Location"] == "/en/staff/activities/new/"


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/",
        "https:evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        "https://evil.example/",
        "/\\evil.example",
        "  //evil.example",
    ],
)
def test_login_refuses_open_redirects(client, field_officer, target) -> None:
    response = _login(client, "field-officer", next_url=target)
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:dashboard")


def test_login_page_keeps_only_a_safe_next(client) -> None:
    page = client.get(reverse("staff:login"), {"next": "/en/staff/activities/new/"})
    assert 'value="/en/staff/activities/new/"' in page.content.decode()
    assert "your text is kept" in page.content.decode()
    evil = client.get(reverse("staff:login"), {"next": "//evil.example/"})
    assert '<input type="hidden" name="next" value="">' in evil.content.decode()


def test_logout_is_post_only_and_ends_the_session(client, field_officer) -> None:
    client.force_login(field_officer)
    assert client.get(reverse("staff:logout")).status_code == 405
    assert client.post(reverse("staff:logout")).status_code == 302
    assert client.get(reverse("staff:dashboard")).status_code == 302


def test_lockout_is_per_username_and_ip_and_says_when_to_retry(
    client, field_officer, manager, settings
) -> None:
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        _login(client, "field-officer", password="wrong")
    locked = _login(client, "field-officer")
    assert locked.status_code == 429
    body = locked.content.decode()
    assert "Try again in 15 minutes" in body
    # A colleague behind the same office address still logs in.
    assert _login(client, "manager").status_code == 302


def test_password_change_keeps_the_session_and_logs_out_elsewhere(client, field_officer) -> None:
    from django.test import Client

    other_device = Client()
    other_device.force_login(field_officer)
    client.force_login(field_officer)
    response = client.post(
        reverse("staff:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a new long passphrase 42",
            "new_password2": "a new long passphrase 42",
        },
    )
    assert response.status_code == 302
    assert client.get(reverse("staff:dashboard")).status_code == 200
    assert other_device.get(reverse("staff:dashboard")).status_code == 302


def test_password_reset_sends_a_staff_link(client, field_officer) -> None:
    response = client.post(reverse("staff:password_reset"), {"email": field_officer.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/en/staff/password/reset/" in mail.outbox[0].body
    # Unknown addresses look the same from outside.
    client.post(reverse("staff:password_reset"), {"email": "nobody@example.org"})
    assert len(mail.outbox) == 1


def test_deactivated_user_session_is_rejected(client, field_officer) -> None:
    client.force_login(field_officer)
    field_officer.is_active = False
    field_officer.save()
    assert client.get(reverse("staff:dashboard")).status_code == 302


def test_password_reset_round_trip_sets_a_new_password(client, field_officer) -> None:
    import re

    sent = client.post(reverse("staff:password_reset"), {"email": field_officer.email})
    assert sent["Location"] == reverse("staff:password_reset_done")
    assert client.get(sent["Location"]).status_code == 200
    link = re.search(r"/en/staff/password/reset/[^/]+/[^/]+/", mail.outbox[0].body).group(0)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_url,
        {"new_password1": "river stone lantern 77", "new_password2": "river stone lantern 77"},
    )
    assert done["Location"] == reverse("staff:password_reset_complete")
    assert client.get(done["Location"]).status_code == 200
    field_officer.refresh_from_db()
    assert field_officer.check_password("river stone lantern 77")
    # The link works once.
    again = client.get(link, follow=True)
    assert "invalid or was already used" in again.content.decode()


def test_password_change_done_page_needs_login(client, field_officer) -> None:
    url = reverse("staff:password_change_done")
    assert client.get(url).status_code == 302
    client.force_login(field_officer)
    assert client.get(url).status_code == 200
