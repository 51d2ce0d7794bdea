"""Records with dependants cannot be deleted (PROTECT); archiving hides them instead."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import Model, ProtectedError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from communities import models as cm
from projects import models as pm
from tests.factories import UserFactory
from tests.security.world import World, build_world


@pytest.fixture(scope="module")
def shared_records(module_db: Any) -> World:
    # Built once per module (tests/conftest.py: module_db); each test's deletions and archiving
    # roll back with its own savepoint.
    with module_db.unblock(), translation.override("en"):
        return build_world("A")


@pytest.fixture
def world(records: World) -> World:
    return records


def _targets(w: World) -> dict[str, Model]:
    return {
        "organisation": w.org,
        "project": w.private_project,
        "working group": w.working_group,
        "community": w.community,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["organisation", "project", "working group", "community"])
def test_deleting_a_record_with_dependants_is_refused_by_the_database_layer(
    world: World, kind: str
) -> None:
    target = _targets(world)[kind]
    with pytest.raises(ProtectedError):
        target.delete()
    assert type(target)._default_manager.filter(pk=target.pk).exists()
    assert cm.Membership.objects.filter(pk=world.member.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["organisation", "project", "working group", "community"])
def test_the_admin_explains_why_it_cannot_delete(world: World, kind: str) -> None:
    target = _targets(world)[kind]
    meta = target._meta
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_delete", args=[target.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Cannot delete" in html
    assert "protected related objects" in html
    confirmed = client.post(url, {"post": "yes"})
    assert confirmed.status_code in (200, 403)
    assert type(target)._default_manager.filter(pk=target.pk).exists()


@pytest.mark.django_db
def test_an_archived_project_vanishes_from_public_querysets_and_pages(
    client: Client, world: World
) -> None:
    project = world.project
    assert pm.Project.objects.public().filter(pk=project.pk).exists()
    assert client.get(project.get_absolute_url()).status_code == 200
    # Archive the way the admin does (save(), so signals that clear public caches run).
    project.is_archived = True
    project.save()

    assert not pm.Project.objects.public().filter(pk=project.pk).exists()
    assert not cm.Activity.objects.published().filter(project=project).exists()
    assert client.get(project.get_absolute_url()).status_code == 404
    assert project.title_en not in client.get("/en/projects/").content.decode()
    # Archived, not deleted: the record and its history remain for audits.
    assert pm.Project.objects.filter(pk=project.pk).exists()


@pytest.mark.django_db
def test_archived_organisations_and_working_groups_leave_the_active_lists(world: World) -> None:
    pm.Organisation.objects.filter(pk=world.org.pk).update(is_archived=True)
    cm.WorkingGroup.objects.filter(pk=world.working_group.pk).update(is_archived=True)
    assert not pm.Organisation.objects.active().filter(pk=world.org.pk).exists()
    assert not cm.WorkingGroup.objects.active().filter(pk=world.working_group.pk).exists()
