"""The signed-in user read with their staff roles, in one query per request.

Every staff page asks ``projects.access.staff_roles`` which organisations the user works
for, in which role: a query of its own after the user's, on every page. This backend reads
the roles beside the user row (PostgreSQL), so that question costs nothing; the roles are
read fresh on every request, as before, so a changed role applies at once.

The statement is written once per process and database, and the row becomes a ``User``
through ``Model.from_db``, as the ORM itself builds one: going through a QuerySet spent
about 1 ms of Python a request (building the query, compiling it, its converters) on a
statement PostgreSQL answers in a tenth of that, and every page, the no-query floor view
included, reads the user (core.middleware.CacheControlMiddleware asks whether the visitor
is signed in). Built with ``ArraySubquery`` it was worse still (about 5 ms under load).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.signals import setting_changed
from django.db import connections
from django.dispatch import receiver

from projects.access import remember_staff_roles
from projects.models import StaffMembership

# Per database alias: the statement and the user's column names in the order it reads
# them, or None where the ORM must read the user (not PostgreSQL, or a column that needs
# Django's conversion).
_statements: dict[str, tuple[str, tuple[str, ...]] | None] = {}


@receiver(setting_changed)
def _forget_statements(*, setting: str, **kwargs: Any) -> None:
    if setting in ("AUTH_USER_MODEL", "DATABASES"):
        _statements.clear()


def _user_statement(alias: str) -> tuple[str, tuple[str, ...]] | None:
    """SELECT of every column of the user, then the organisation ids and roles of their
    staff memberships as two arrays in the same order (NULL for none)."""
    if alias in _statements:
        return _statements[alias]
    connection = connections[alias]
    user_model = get_user_model()
    fields = user_model._meta.concrete_fields
    if connection.vendor != "postgresql" or any(
        # None on PostgreSQL for the stock User: psycopg returns its columns as Python
        # values already. A custom field that needs converting leaves the read to the ORM.
        connection.ops.get_db_converters(field.get_col(user_model._meta.db_table))
        or field.get_db_converters(connection)
        for field in fields
    ):
        _statements[alias] = None
        return None
    quote = connection.ops.quote_name
    columns = ", ".join(f"u.{quote(str(field.column))}" for field in fields)
    membership = StaffMembership._meta
    organisation = quote(str(membership.get_field("organisation").column))
    role = quote(str(membership.get_field("role").column))
    user = quote(str(membership.get_field("user").column))
    user_pk = quote(str(user_model._meta.pk.column))
    # Only the models' own table and column names are written into the SQL; the user id
    # is a parameter.
    sql = (
        f"SELECT {columns}, r.organisations, r.roles "  # noqa: S608
        f"FROM {quote(user_model._meta.db_table)} u "
        f"LEFT JOIN LATERAL (SELECT array_agg(m.{organisation}) AS organisations, "
        f"array_agg(m.{role}) AS roles FROM {quote(membership.db_table)} m "
        f"WHERE m.{user} = u.{user_pk}) r ON TRUE "
        f"WHERE u.{user_pk} = %s"
    )
    cached = (sql, tuple(field.attname for field in fields))
    _statements[alias] = cached
    return cached


class StaffRolesBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        user_model = get_user_model()
        alias = user_model._default_manager.db
        statement = _user_statement(alias)
        if statement is None:
            # Elsewhere (SQLite, make run) the roles are read by staff_roles, one query more.
            return super().get_user(user_id)
        sql, attnames = statement
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, [user_id])
            row = cursor.fetchone()
        if row is None:
            return None
        count = len(attnames)
        user = user_model.from_db(alias, list(attnames), row[:count])
        if not self.user_can_authenticate(user):
            return None
        organisations, roles = row[count], row[count + 1]
        remember_staff_roles(user, dict(zip(organisations or (), roles or (), strict=True)))
        return user
