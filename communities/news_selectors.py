"""Public reads of the activity log's published news: the news list, cards on the home,
place and project pages, a news page, and the feeds. Split from ``communities.selectors``
(places, groups and plans), which it builds on."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

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
from django.http import Http404

from communities.models import Activity, ActivityPhoto
from communities.selectors import public_communities
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
