"""Each staff member sees times in their organisation's time zone: Kyrgyzstan's
organisations in Asia/Bishkek, Tajikistan's in Asia/Dushanbe. The zone follows from the
organisation's country; an organisation without one keeps the portal's default zone."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from core.middleware import SESSION_TIME_ZONE_KEY
from projects.models import StaffMembership

COUNTRY_TIME_ZONES = {"KG": "Asia/Bishkek", "TJ": "Asia/Dushanbe"}


def time_zone_for_user(user: Any) -> str:
    """The zone of the user's first organisation (by name) whose country is known."""
    countries = (
        StaffMembership.objects.filter(user=user)
        .exclude(organisation__country="")
        .order_by("organisation__name")
        .values_list("organisation__country", flat=True)
    )
    for country in countries:
        if country in COUNTRY_TIME_ZONES:
            return COUNTRY_TIME_ZONES[country]
    return settings.TIME_ZONE


def store_time_zone_on_login(
    sender: object, request: HttpRequest, user: Any, **kwargs: Any
) -> None:
    """user_logged_in receiver: one query at login, none on later pages."""
    session = getattr(request, "session", None)
    if session is not None:
        session[SESSION_TIME_ZONE_KEY] = time_zone_for_user(user)
