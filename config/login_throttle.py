"""Login throttling plumbing for django-axes: the client's real address behind our proxies,
and a second, per-address limit across usernames.

Project-wide plumbing with no domain imports (a candidate for ``core/``). Settings name these
by dotted path: ``AXES_CLIENT_IP_CALLABLE`` and ``AUTHENTICATION_BACKENDS``.
"""

from __future__ import annotations

import ipaddress
from datetime import timedelta
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.helpers import toggleable
from axes.models import AccessFailureLog
from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone


def _valid_address(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip_address(request: HttpRequest) -> str:
    """The address of the client, trusting exactly ``TRUSTED_PROXY_COUNT`` proxies.

    Each trusted proxy appends the address it received the request from to
    ``X-Forwarded-For``, so with N trusted proxies the client is the N-th entry from the
    right; everything left of it was written by the client and may be forged. With no
    trusted proxy the header is ignored entirely: a visitor talking to gunicorn directly
    could otherwise pick any address and lock out someone else's account.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count: int = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < count:
        # Fewer hops than proxies: the request did not come through the whole chain, so
        # nothing in the header can be trusted.
        return remote
    return _valid_address(hops[-count]) or remote


def recent_address_failures(ip_address: str) -> int:
    """Failed logins from this address, under any username, within the address window."""
    since = timezone.now() - timedelta(minutes=settings.LOGIN_ADDRESS_FAILURE_WINDOW_MINUTES)
    return AccessFailureLog.objects.filter(ip_address=ip_address, attempt_time__gte=since).count()


class AddressLimitedAxesBackend(AxesStandaloneBackend):
    """axes' username + address lockout, plus a limit per address across usernames.

    axes has one failure threshold for every lockout parameter, and 5 failures per address
    would lock a whole office behind one NAT address. So the per-address limit (20 in 15
    minutes) is counted here from axes' own failure log: it is in the database, so every
    instance sees the same count without a shared cache, the window slides rather than
    resetting, and failures refused during a lockout are not logged by axes (with
    ``AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False``), so being locked out does
    not extend the lockout.
    """

    @toggleable
    def authenticate(
        self,
        request: HttpRequest,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is not None:
            address = client_ip_address(request)
            if recent_address_failures(address) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
                # Read by axes' failure handler (the attempt is not logged, so the window
                # is not renewed) and by AxesMiddleware, which answers with the lockout page.
                request.axes_locked_out = True  # type: ignore[attr-defined]  # django-axes reads this flag from the request
                # The lockout page says the address, not the account, is paused.
                request.login_address_limited = True  # type: ignore[attr-defined]  # read by the login view to explain the refusal
                raise AxesBackendPermissionDenied("Too many failed logins from this address")
        return super().authenticate(request, username, password, **kwargs)
