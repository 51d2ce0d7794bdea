"""Login throttling behind the documented proxy: the client address comes from a trusted
number of proxies, one address cannot lock out someone else's account, one address cannot
try passwords across many accounts, and a lockout cannot be renewed by more failures."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.test import Client, RequestFactory

from config.login_throttle import client_ip_address
from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"
PROXY = "10.0.0.2"
STAFF_LOGIN = "/en/staff/login/"
ADMIN_LOGIN = "/admin/login/"


def _post(url: str, username: str, password: str, *, client_address: str, forwarded=True):
    # Every request reaches gunicorn from the load balancer, which appends the address
    # it saw to X-Forwarded-For.
    meta = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": client_address}
    if not forwarded:
        meta = {"REMOTE_ADDR": client_address}
    return Client().post(url, {"username": username, "password": password}, **meta)


@pytest.fixture
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    return settings


def _request(remote: str, forwarded: str | None = None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post(STAFF_LOGIN, **meta)


def test_without_a_trusted_proxy_x_forwarded_for_is_ignored(settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip_address(_request("198.51.100.9", "203.0.113.50")) == "198.51.100.9"


def test_with_one_proxy_the_rightmost_hop_is_the_client_and_forged_hops_are_ignored(
    settings,
) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    # The attacker wrote "203.0.113.50"; the proxy appended the real address.
    assert client_ip_address(_request(PROXY, "203.0.113.50, 198.51.100.9")) == "198.51.100.9"
    assert client_ip_address(_request(PROXY, "198.51.100.9")) == "198.51.100.9"


def test_with_two_proxies_the_second_hop_from_the_right_is_the_client(settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 2
    forwarded = "203.0.113.50, 198.51.100.9, 10.0.0.1"
    assert client_ip_address(_request(PROXY, forwarded)) == "198.51.100.9"


def test_a_short_or_garbled_header_falls_back_to_the_peer_address(settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip_address(_request(PROXY, "198.51.100.9")) == PROXY
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip_address(_request(PROXY, "not-an-address\x00")) == PROXY


@pytest.mark.django_db
@pytest.mark.parametrize("url", [STAFF_LOGIN, ADMIN_LOGIN])
def test_an_attacker_elsewhere_cannot_lock_the_victim_out(behind_one_proxy, url: str) -> None:
    UserFactory(username="victim", password=PASSWORD, is_staff=True)
    for _ in range(behind_one_proxy.AXES_FAILURE_LIMIT + 2):
        _post(url, "victim", "wrong password", client_address="198.51.100.9")
    locked = _post(url, "victim", PASSWORD, client_address="198.51.100.9")
    assert locked.status_code == 429

    # The victim, from their own address behind the same proxy, still gets in.
    response = _post(url, "victim", PASSWORD, client_address="203.0.113.50")
    assert response.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("url", [STAFF_LOGIN, ADMIN_LOGIN])
def test_one_address_is_stopped_after_twenty_failures_across_usernames(
    behind_one_proxy, url: str
) -> None:
    UserFactory(username="real", password=PASSWORD, is_staff=True)
    attacker = "198.51.100.9"
    # 4 tries each on 5 usernames stays under the per-account limit of 5.
    for index in range(behind_one_proxy.LOGIN_ADDRESS_FAILURE_LIMIT):
        failed = _post(url, f"guess{index // 4}", "wrong", client_address=attacker)
        assert failed.status_code == 200
    refused = _post(url, "real", PASSWORD, client_address=attacker)
    assert refused.status_code == 429
    assert "_auth_user_id" not in refused.client.session
    assert _post(url, "guess9", "wrong", client_address=attacker).status_code == 429
    # Only that address is paused.
    assert _post(url, "real", PASSWORD, client_address="203.0.113.50").status_code == 302


@pytest.mark.django_db
def test_the_address_window_slides_past_old_failures(behind_one_proxy) -> None:
    from datetime import timedelta

    from axes.models import AccessFailureLog
    from django.utils import timezone

    UserFactory(username="real", password=PASSWORD)
    for index in range(behind_one_proxy.LOGIN_ADDRESS_FAILURE_LIMIT):
        _post(STAFF_LOGIN, f"guess{index // 4}", "wrong", client_address="198.51.100.9")
    AccessFailureLog.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = _post(STAFF_LOGIN, "real", PASSWORD, client_address="198.51.100.9")
    assert response.status_code == 302


@pytest.mark.django_db
def test_failures_during_a_lockout_do_not_renew_it(behind_one_proxy) -> None:
    UserFactory(username="victim", password=PASSWORD)
    for _ in range(behind_one_proxy.AXES_FAILURE_LIMIT):
        _post(STAFF_LOGIN, "victim", "wrong", client_address="198.51.100.9")
    attempt = AccessAttempt.objects.get(username="victim")
    locked_at = attempt.attempt_time
    for _ in range(3):
        again = _post(STAFF_LOGIN, "victim", "wrong", client_address="198.51.100.9")
        assert again.status_code == 429
    attempt.refresh_from_db()
    assert attempt.failures_since_start == behind_one_proxy.AXES_FAILURE_LIMIT
    assert attempt.attempt_time == locked_at
