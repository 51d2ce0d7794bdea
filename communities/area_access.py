"""Who may see and change a project's target areas: the same people as the project's setup
(projects.access). Kept in its own module so the cycle-of-security access rules stay apart."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from communities.models import ProjectArea
from core.inputs import parse_id
from projects.access import can_manage_project, projects_for_user


def get_project_area_for_user(user: Any, pk: int | str, *, manage: bool = False) -> ProjectArea:
    """A target area of one of the user's projects (else 404); with ``manage``, the user must
    be a manager of a partner organisation (else 403)."""
    area = (
        ProjectArea.objects.filter(
            pk=parse_id(pk) or 0, project__in=projects_for_user(user).values("pk")
        )
        .with_places()
        .select_related("project")
        .first()
    )
    if area is None:
        raise Http404("No such project area.")
    if manage and not can_manage_project(user, area.project):
        raise PermissionDenied
    return area
