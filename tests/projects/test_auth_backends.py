"""The signed-in user is read with their staff roles: one query, and a changed role
applies on the next request."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from projects.access import staff_roles
from projects.auth_backends import StaffRolesBackend
from projects.models import StaffMembership, StaffRole
from tests import factories as f

pytestmark = pytest.mark.django_db

# The roles ride on the user row through a PostgreSQL array; elsewhere (SQLite, make run)
# the backend reads them as before, one query more.
one_query_on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the roles subquery is PostgreSQL only"
)


@one_query_on_postgres
def test_it_reads_the_user_and_their_roles_in_one_query(
    manager, org, other_org, django_assert_num_queries
) -> None:
    f.StaffMembershipFactory(user=manager, organisation=other_org, role=StaffRole.VIEWER)
    with django_assert_num_queries(1):
        user = StaffRolesBackend().get_user(manager.pk)
        roles = staff_roles(user)
    assert roles == {org.pk: StaffRole.PROGRAMME_MANAGER, other_org.pk: StaffRole.VIEWER}


@one_query_on_postgres
def test_a_user_without_roles_has_none(db, django_assert_num_queries) -> None:
    user = f.UserFactory()
    with django_assert_num_queries(1):
        assert staff_roles(StaffRolesBackend().get_user(user.pk)) == {}


def test_an_inactive_user_is_not_signed_in(manager) -> None:
    manager.is_active = False
    manager.save()
    assert StaffRolesBackend().get_user(manager.pk) is None


def test_a_role_taken_away_applies_on_the_next_page(client, manager, project) -> None:
    client.force_login(manager)
    url = reverse("staff:project_list")
    assert project.title in client.get(url).content.decode()
    StaffMembership.objects.filter(user=manager).delete()
    assert project.title not in client.get(url).content.decode()


def test_it_reads_the_same_user_as_the_orm(manager, org) -> None:
    # The lean read builds the user from one row: every column must match the ORM's
    # instance, and the user must save like any other (a password change saves it).
    user = StaffRolesBackend().get_user(manager.pk)
    orm_user = type(manager).objects.get(pk=manager.pk)
    for field in type(manager)._meta.concrete_fields:
        assert getattr(user, field.attname) == getattr(orm_user, field.attname), field.name
    assert user._state.adding is False
    user.first_name = "Aida"
    user.save(update_fields=["first_name"])
    assert type(manager).objects.get(pk=manager.pk).first_name == "Aida"


def test_an_unknown_user_id_signs_nobody_in(db) -> None:
    assert StaffRolesBackend().get_user(2**31 - 1) is None


def test_a_role_given_applies_on_the_next_read(manager, other_org) -> None:
    assert other_org.pk not in staff_roles(StaffRolesBackend().get_user(manager.pk))
    f.StaffMembershipFactory(user=manager, organisation=other_org, role=StaffRole.VIEWER)
    assert staff_roles(StaffRolesBackend().get_user(manager.pk))[other_org.pk] == StaffRole.VIEWER
