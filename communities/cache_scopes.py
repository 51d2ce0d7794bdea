"""What a write to the activity log retires from the public cache (core/cache.py): the news
item itself, its project's pages, the pages of the places it names (each community and its
district, region and country) and the news lists. Activities are the write staff make most
often (from phones, all day): a publish no longer empties grant pages, other projects' pages
or the pages of other places. Registered in CommunitiesConfig.ready()."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper

from communities.models import ActivityStatus
from core.cache import invalidate, register_write_scopes
from projects.cache_scopes import project_scope
from projects.models import Project, public_project_q

# News lists, feeds and sitemaps.
NEWS = "news"
# Which communities are public (communities.selectors.public_communities): the maps, the
# region lists and the sitemap. News makes a community public too, but an activity write
# bumps this only when it names a community that nothing but news makes public: a publish
# in a place some public project targets leaves the maps alone.
PUBLIC_PLACES = "public-places"
# Published news by blocks of ids, the size of a page of the news sitemap (config.sitemaps
# pages news by ranges of ids): an activity written bumps its own block, so the sitemap
# pages of other ids keep their stored copies.
NEWS_ID_BLOCK = 500


def place_scope(community_pk: int) -> str:
    """A community's page depends on this (and on the project and grant sections)."""
    return f"place:{community_pk}"


def district_scope(district_pk: int) -> str:
    return f"district:{district_pk}"


def region_scope(code: str) -> str:
    # By code, as the region page's address names it (in any case): the page finds its
    # scopes with no query. Quoted: an address may carry any character (a space, a line
    # break), a cache key may not (Memcached refuses them); real codes ("KG-O") are kept.
    return f"region:{quote(code.upper(), safe='-')}"


def country_scope(code: str) -> str:
    return f"country:{code.upper()}"


def activity_scope(activity_pk: int) -> str:
    return f"activity:{activity_pk}"


def news_ids_scope(activity_pk: int) -> str:
    return f"news-ids:{(activity_pk - 1) // NEWS_ID_BLOCK}"


def news_ids_scopes(low: int, high: int) -> list[str]:
    """The scopes of the blocks holding the activity ids in (low, high]."""
    first, last = low // NEWS_ID_BLOCK, (max(high, low + 1) - 1) // NEWS_ID_BLOCK
    return [f"news-ids:{block}" for block in range(first, last + 1)]


def activity_scopes(activity: Any) -> Iterable[str]:
    scopes = [NEWS]
    project = (
        Project.objects.filter(pk=activity.project_id)
        .annotate(shown=ExpressionWrapper(public_project_q(), output_field=BooleanField()))
        .values_list("slug", "shown")
        .first()
    )
    slug, project_shown = project or ("", False)
    if slug:
        scopes.append(project_scope(slug))
    if activity.pk is None:
        return scopes
    scopes += [activity_scope(activity.pk), news_ids_scope(activity.pk)]
    places = list(activity.communities.values_list("pk", "district_id", "region__code", "country"))
    for community_pk, district_pk, region_code, country in places:
        scopes += [place_scope(community_pk), region_scope(region_code), country_scope(country)]
        if district_pk is not None:
            scopes.append(district_scope(district_pk))
    # Only public news makes its places public (ActivityQuerySet.published()); called for
    # the row before the write and after it, this sees a publish, an unpublish, a move and
    # a deletion. A project made public or private bumps PROJECTS itself.
    if places and activity.status == ActivityStatus.PUBLISHED and not activity.is_illustrative:
        named = {community_pk for community_pk, *_rest in places}
        if project_shown and _public_only_through_news(named):
            scopes.append(PUBLIC_PLACES)
        elif transaction.get_connection().in_atomic_block:
            # What else makes these places public (a project's target, the project made
            # public) may be written by another transaction that commits first, unseen
            # here: look again once this one commits, when both are visible. (One that
            # commits later retires every entry, or PROJECTS, itself.)
            transaction.on_commit(lambda: _retire_places_public_only_through_news(named))
    return scopes


def _public_only_through_news(communities: set[int]) -> bool:
    # Inside the function: communities.selectors imports this module's scope names.
    from communities.selectors import communities_public_besides_news

    return bool(communities - communities_public_besides_news(communities))


def _retire_places_public_only_through_news(communities: set[int]) -> None:
    if _public_only_through_news(communities):
        invalidate(PUBLIC_PLACES)


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
