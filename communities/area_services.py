"""Writes for a project's target areas (country, region, district or community).

Keyword-only, atomic, rights re-checked, ``full_clean()`` before saving. A community-level
area also keeps the project's target-community row, which the indicators, the public
project page and the activity form read."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from communities.models import (
    Activity,
    AreaLevel,
    Community,
    District,
    ProjectArea,
    ProjectCommunity,
    Region,
)
from projects.access import can_manage_project
from projects.models import Project

_FIELD_FOR_LEVEL: dict[str, str] = {
    AreaLevel.COUNTRY: "country",
    AreaLevel.REGION: "region",
    AreaLevel.DISTRICT: "district",
    AreaLevel.COMMUNITY: "community",
}


@transaction.atomic
def project_area_create(
    *,
    user: Any,
    project: Project,
    level: str,
    country: str = "",
    region: Region | None = None,
    district: District | None = None,
    community: Community | None = None,
    note: str = "",
) -> ProjectArea:
    project = Project.objects.select_for_update().get(pk=project.pk)
    if not can_manage_project(user, project):
        raise PermissionDenied
    if level not in _FIELD_FOR_LEVEL:
        raise ValidationError({"level": _("Choose the level of the area.")})
    places: dict[str, Any] = {
        "country": country,
        "region": region,
        "district": district,
        "community": community,
    }
    field = _FIELD_FOR_LEVEL[level]
    place = places[field]
    if not place:
        messages = {
            "country": _("Choose the country."),
            "region": _("Choose the region."),
            "district": _("Choose the district."),
            "community": _("Choose the community."),
        }
        raise ValidationError({field: messages[field]})
    # Only the place of the chosen level is kept; a district picked to narrow the
    # community list is not stored with a community-level area.
    area = ProjectArea(project=project, level=level, note=note.strip())
    setattr(area, field, place)
    if ProjectArea.objects.filter(project=project, level=level, **{field: place}).exists():
        raise ValidationError({field: _("This place is already a target area of the project.")})
    area.full_clean()
    area.save()
    if level == AreaLevel.COMMUNITY:
        ProjectCommunity.objects.get_or_create(project=project, community=community)
    return area


@transaction.atomic
def project_area_delete(*, user: Any, area: ProjectArea) -> None:
    area = ProjectArea.objects.select_for_update().select_related("project").get(pk=area.pk)
    if not can_manage_project(user, area.project):
        raise PermissionDenied
    if area.level == AreaLevel.COMMUNITY and area.community_id is not None:
        logged = Activity.objects.filter(project=area.project, communities=area.community_id)
        if logged.exists():
            raise ValidationError(
                _(
                    "Activities of this project are logged in this community, so it stays a "
                    "target area. Change those activities first."
                )
            )
        ProjectCommunity.objects.filter(
            project=area.project, community_id=area.community_id
        ).delete()
    area.delete()
