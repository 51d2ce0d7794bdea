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
