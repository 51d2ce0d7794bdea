"""What a write to the activity log retires from the public cache (core/cache.py): the news
item itself, its project's pages, the pages of the communities it names and the news lists.
Activities are the write staff make most often (from phones, all day): a publish no longer
empties grant pages, other projects' pages or other communities' pages. Registered in
CommunitiesConfig.ready()."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from core.cache import register_write_scopes
from projects.cache_scopes import project_scope
from projects.models import Project

# News lists, feeds and sitemaps.
NEWS = "news"


def place_scope(community_pk: int) -> str:
    """A community's page depends on this (and on the project and grant sections)."""
    return f"place:{community_pk}"


def activity_scope(activity_pk: int) -> str:
    return f"activity:{activity_pk}"


def activity_scopes(activity: Any) -> Iterable[str]:
    scopes = [NEWS]
    slug = Project.objects.filter(pk=activity.project_id).values_list("slug", flat=True).first()
    if slug:
        scopes.append(project_scope(slug))
    if activity.pk is not None:
        scopes.append(activity_scope(activity.pk))
        scopes += [place_scope(pk) for pk in activity.communities.values_list("pk", flat=True)]
    return scopes


def activity_file_scopes(row: Any) -> Iterable[str]:
    """A photo or attachment shows on its activity's pages."""
    from communities.models import Activity

    activity = Activity.objects.filter(pk=row.activity_id).first()
    return activity_scopes(activity) if activity is not None else [NEWS]


def register() -> None:
    from communities.models import Activity, ActivityAttachment, ActivityPhoto

    register_write_scopes(Activity, activity_scopes)
    register_write_scopes(ActivityPhoto, activity_file_scopes)
    register_write_scopes(ActivityAttachment, activity_file_scopes)
