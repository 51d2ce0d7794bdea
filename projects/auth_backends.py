"""The signed-in user read with their staff roles, in one query per request.

Every staff page asks ``projects.access.staff_roles`` which organisations the user works
for, in which role: a query of its own after the user's, on every page. This backend reads
the roles as two arrays beside the user row (PostgreSQL), so that question costs nothing;
the roles are read fresh on every request, as before, so a changed role applies at once.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import OuterRef

from projects.access import remember_staff_roles
from projects.models import StaffMembership


def _memberships(column: str) -> ArraySubquery:
    # Both arrays in the order of the memberships' keys, so they pair up.
    return ArraySubquery(
        StaffMembership.objects.filter(user=OuterRef("pk")).order_by("pk").values(column)
    )


class StaffRolesBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        if connection.vendor != "postgresql":
            return super().get_user(user_id)
        user = (
            get_user_model()
            ._default_manager.annotate(
                staff_role_organisations=_memberships("organisation_id"),
                staff_role_names=_memberships("role"),
            )
            .filter(pk=user_id)
            .first()
        )
        if user is None or not self.user_can_authenticate(user):
            return None
        remember_staff_roles(
            user, dict(zip(user.staff_role_organisations, user.staff_role_names, strict=True))
        )
        return user
