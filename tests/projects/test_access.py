"""projects.access: scoping comes from staff membership and project partnerships only."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from communities.access import activities_for_user, get_activity_for_user
from projects.access import (
    can_review_project,
    get_project_for_user,
    projects_for_user,
    staff_organisation_ids,
)
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_a_member_works_on_projects_their_organisation_partners_in(
    project, field_officer, org
) -> None:
    assert staff_organisation_ids(field_officer) == [org.pk]
    assert list(projects_for_user(field_officer)) == [project]
    assert get_project_for_user(field_officer, project.slug) == project
    assert get_project_for_user(field_officer, project.pk, write=True) == project


def test_an_outsider_gets_404(project, outsider) -> None:
    assert not projects_for_user(outsider).exists()
    with pytest.raises(Http404):
        get_project_for_user(outsider, project.slug)


def test_a_viewer_reads_but_gets_403_on_write(project, viewer) -> None:
    assert get_project_for_user(viewer, project.slug) == project
    with pytest.raises(PermissionDenied):
        get_project_for_user(viewer, project.slug, write=True)
    assert not projects_for_user(viewer, write=True).exists()


def test_archived_projects_are_read_only(project, field_officer) -> None:
    project.is_archived = True
    project.save()
    with pytest.raises(PermissionDenied):
        get_project_for_user(field_officer, project.slug, write=True)


def test_only_managers_and_admins_review(project, field_officer, manager, org_admin) -> None:
    assert not can_review_project(field_officer, project)
    assert can_review_project(manager, project)
    assert can_review_project(org_admin, project)
    activity = f.ActivityFactory(project=project)
    with pytest.raises(PermissionDenied):
        get_activity_for_user(field_officer, activity.pk, review=True)
    assert get_activity_for_user(manager, activity.pk, review=True) == activity


def test_activities_are_scoped_and_bad_ids_are_404(project, field_officer, outsider) -> None:
    mine = f.ActivityFactory(project=project)
    theirs = f.ActivityFactory()
    assert list(activities_for_user(field_officer)) == [mine]
    for pk in (theirs.pk, "abc", None):
        with pytest.raises(Http404):
            get_activity_for_user(field_officer, pk)  # type: ignore[arg-type]  # bad ids on purpose
    with pytest.raises(Http404):
        get_activity_for_user(outsider, mine.pk)


def test_a_superuser_without_membership_sees_nothing(project, django_user_model) -> None:
    boss = django_user_model.objects.create_superuser("boss", "b@example.org", "x")
    assert not projects_for_user(boss).exists()
