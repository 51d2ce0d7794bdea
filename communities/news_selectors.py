"""Public reads of the activity log's published news: the news list, cards on the home,
place and project pages, a news page, and the feeds. Split from ``communities.selectors``
(places, groups and plans), which it builds on."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.db.models import (
    CharField,
    Exists,
    Field,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
)
from django.db.models.expressions import RawSQL
from django.http import Http404

from communities.models import Activity, ActivityPhoto
from communities.selectors import public_communities
from core.db import id_set
from core.i18n import translated


def public_news_in(communities: Iterable[int]) -> QuerySet[Activity]:
    """Published news from any of the communities (ids)."""
    return published_news().filter(
        Exists(
            Activity.communities.through.objects.filter(
                activity=OuterRef("pk"), community__in=communities
            )
        )
    )


# A place's newest news: each community's newest ``limit`` public news, read from the
# many-to-many table's own copy of its activity's sort key and public-ness (kept by
# triggers, communities migration 0019) through a partial index in the news order, so
# each community costs ``limit`` index entries and no activity or project row; then the
# place's newest ``limit`` of those, each once.
_NEWEST_PER_COMMUNITY = """
    SELECT newest_in_place.activity_id FROM (
        SELECT DISTINCT newest.activity_id, newest.activity_date, newest.activity_published_at
          FROM unnest(%s::bigint[]) AS place(community_id)
         CROSS JOIN LATERAL (
               SELECT link.activity_id, link.activity_date, link.activity_published_at
                 FROM projects_activity_communities AS link
                WHERE link.community_id = place.community_id AND link.is_public_news
                ORDER BY link.activity_date DESC, link.activity_published_at DESC,
                         link.activity_id DESC
                LIMIT %s
               ) AS newest
         ORDER BY newest.activity_date DESC, newest.activity_published_at DESC,
                  newest.activity_id DESC
         LIMIT %s
    ) AS newest_in_place
"""


# Up to this many communities (every district and region, at scale 10 a region has 112
# public ones) a place's newest news is read per community. A country's (500 at scale 10,
# about 15 µs each) is read the old way: PostgreSQL walks the news in date order and,
# with most of them in the country, stops after a few dozen (1 ms at scales 1 and 10).
NEWEST_PER_COMMUNITY_UP_TO = 200


def newest_news_in(communities: list[int], limit: int) -> QuerySet[Activity]:
    """Published news from any of the communities (ids), newest first, of which the first
    ``limit`` are the place's newest: for ``news_cards(…, limit)``.

    Only each community's own newest ``limit`` can be among the place's newest ``limit``,
    so those are all it reads: ``limit`` index entries per community, however much news
    the place has (sorting every published item of a district read all of them: 42 ms
    for a district at scale 10, 1.2 ms at scale 1). The outer query applies the public
    filter again (``published_news``), so the copy can only ever hide news, never show
    news that is not public; tests/communities/test_place_news.py checks it hides none."""
    if connection.vendor != "postgresql" or len(communities) > NEWEST_PER_COMMUNITY_UP_TO:
        return public_news_in(id_set(communities))
    # A constant statement: the ids and the limit travel as parameters.
    candidates = RawSQL(  # noqa: S611
        _NEWEST_PER_COMMUNITY, (list(communities), limit, limit)
    )
    return published_news().filter(pk__in=candidates)


def _photos() -> Prefetch:
    return Prefetch(
        "photos",
        # A photo still processing has no clean file yet: public pages show only ready ones.
        queryset=ActivityPhoto.objects.ready().order_by("position", "id"),
        to_attr="photo_list",
    )


def published_news() -> QuerySet[Activity]:
    """Published activities, newest first, with what a news card shows."""
    return (
        Activity.objects.published()
        .select_related("project")
        .only(
            "id",
            "date",
            "kind",
            "published_at",
            "updated_at",
            "women",
            "men",
            "project__id",
            "project__slug",
            *translated("title", "description"),
            *[f"project__{name}" for name in translated("title")],
        )
        .prefetch_related(_photos())
        .order_by("-date", "-published_at", "-id")
    )


def news_cards(news: QuerySet[Activity], limit: int) -> list[Activity]:
    """The first ``limit`` news items with their first photo read in the same query (a
    prefetch would cost a second round trip per list), set as ``photo_list`` like the
    prefetch does so the news card template needs no change."""
    first = ActivityPhoto.objects.ready().filter(activity=OuterRef("pk")).order_by("position", "id")
    columns: dict[str, Field[Any, Any]] = {
        "id": IntegerField(),
        # File fields are plain text columns: read them as such.
        "image": CharField(),
        "thumbnail": CharField(),
        # Every caption language, so the translated ``caption`` falls back as usual.
        **{name: CharField() for name in translated("caption")},
    }
    rows = list(
        news.prefetch_related(None).annotate(
            **{
                f"first_photo_{name}": Subquery(first.values(name)[:1], output_field=field)
                for name, field in columns.items()
            }
        )[:limit]
    )
    for activity in rows:
        values = {name: getattr(activity, f"first_photo_{name}") for name in columns}
        activity.photo_list = (  # type: ignore[attr-defined]  # the attribute prefetch_related(to_attr=) would set; templates read it
            []
            if values["id"] is None
            else [
                ActivityPhoto(
                    activity=activity,
                    **{name: value if value is not None else "" for name, value in values.items()},
                )
            ]
        )
    return rows


def get_public_news(pk: int) -> Activity:
    activity = (
        Activity.objects.published()
        .select_related("project")
        .prefetch_related(_photos(), _public_communities_prefetch())
        .filter(pk=pk)
        .first()
    )
    if activity is None:
        raise Http404
    return activity


def _public_communities_prefetch() -> Prefetch:
    return Prefetch(
        "communities",
        queryset=public_communities().select_related("region"),
        to_attr="public_communities",
    )
