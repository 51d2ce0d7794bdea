"""The newest news of a place read through the links' copy of each activity's sort key and
public-ness (communities migration 0019's triggers) are the news the place's activities give,
whatever the writes were; a refill after writes that skipped the triggers gives the same rows."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from django.db import connection

from communities.models import Activity, ActivityStatus, Community
from communities.news_selectors import newest_news_in, news_cards, public_news_in
from communities.summary_services import activity_place_keys_rebuild
from core.db import id_set
from projects.models import Project
from tests import factories as f

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the sort keys exist on PostgreSQL only"
    ),
]


def _link_rows() -> list[tuple[Any, ...]]:
    """Every link with its stored copy, in a stable order."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT activity_id, community_id, activity_date, activity_published_at,"
            " is_public_news FROM projects_activity_communities ORDER BY activity_id, community_id"
        )
        return list(cursor.fetchall())


def _expected_link_rows() -> list[tuple[Any, ...]]:
    """The same rows worked out from the activities and projects in Python."""
    public = set(Activity.objects.published().values_list("pk", flat=True))
    rows = []
    for activity in Activity.objects.prefetch_related("communities"):
        for community in activity.communities.all():
            rows.append(
                (
                    activity.pk,
                    community.pk,
                    activity.date,
                    activity.published_at,
                    activity.pk in public,
                )
            )
    return sorted(rows, key=lambda row: (row[0], row[1]))


def _newest_ids(communities: list[int], limit: int) -> list[int]:
    return [activity.pk for activity in news_cards(newest_news_in(communities, limit), limit)]


def _reference_ids(communities: list[int], limit: int) -> list[int]:
    """The place's newest news read the old way: every published item of the place, sorted."""
    return [a.pk for a in news_cards(public_news_in(id_set(communities)), limit)]


def _random_writes(rng: random.Random, communities: list[Community]) -> None:
    projects = [f.ProjectFactory() for _ in range(4)]
    activities: list[Activity] = []
    for number in range(60):
        published = rng.random() < 0.7
        activity = f.ActivityFactory(
            project=rng.choice(projects),
            # Few dates, so ties on the date are broken by publication time and id.
            date=dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(6)),
            status=ActivityStatus.PUBLISHED if published else ActivityStatus.DRAFT,
            published_at=(
                dt.datetime(2024, 2, 1, tzinfo=dt.UTC) + dt.timedelta(hours=rng.randrange(3))
                if published
                else None
            ),
            is_illustrative=rng.random() < 0.1,
            title_en=f"News {number}",
        )
        activity.communities.set(rng.sample(communities, rng.randint(1, 3)))
        activities.append(activity)
    for _ in range(40):
        activity = rng.choice(activities)
        change = rng.randrange(6)
        if change == 0:
            activity.date = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(8))
            activity.save()
        elif change == 1:
            activity.status = ActivityStatus.PUBLISHED
            activity.published_at = dt.datetime(2024, 3, 1, tzinfo=dt.UTC)
            activity.save()
        elif change == 2:
            Activity.objects.filter(pk=activity.pk).update(
                status=ActivityStatus.RETURNED, published_at=None
            )
        elif change == 3:
            activity.communities.set(rng.sample(communities, rng.randint(0, 3)))
        elif change == 4:
            Activity.objects.filter(pk=activity.pk).update(project=rng.choice(projects))
        else:
            project = rng.choice(projects)
            Project.objects.filter(pk=project.pk).update(
                is_public=rng.random() < 0.6, is_archived=rng.random() < 0.2
            )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_it_keeps_the_links_sort_keys_and_shows_the_same_newest_news_after_random_writes(
    seed: int,
) -> None:
    rng = random.Random(seed)
    communities = [f.CommunityFactory() for _ in range(6)]
    _random_writes(rng, communities)

    assert _link_rows() == _expected_link_rows()
    ids = [community.pk for community in communities]
    for place in (ids[:1], ids[:2], ids[2:5], ids):
        for limit in (1, 3, 10):
            assert _newest_ids(place, limit) == _reference_ids(place, limit)


def test_it_refills_keys_lost_to_writes_that_skipped_the_triggers() -> None:
    rng = random.Random(7)
    communities = [f.CommunityFactory() for _ in range(4)]
    _random_writes(rng, communities)
    kept = _link_rows()
    # What a COPY in replica mode leaves: the columns' defaults.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE projects_activity_communities"
            " SET activity_date = NULL, activity_published_at = NULL, is_public_news = false"
        )

    refilled = activity_place_keys_rebuild()

    assert refilled > 0
    assert _link_rows() == kept
    assert activity_place_keys_rebuild() == 0


def test_it_shows_a_news_item_once_when_it_names_several_communities_of_the_place() -> None:
    first, second = f.CommunityFactory(), f.CommunityFactory()
    both = f.ActivityFactory(published=True, date=dt.date(2024, 5, 2))
    both.communities.set([first, second])
    older = f.ActivityFactory(published=True, date=dt.date(2024, 5, 1))
    older.communities.set([second])

    assert _newest_ids([first.pk, second.pk], 2) == [both.pk, older.pk]


def test_it_hides_the_news_of_a_project_made_private() -> None:
    community = f.CommunityFactory()
    activity = f.ActivityFactory(published=True)
    activity.communities.set([community])
    assert _newest_ids([community.pk], 10) == [activity.pk]

    project = activity.project
    project.is_public = False
    project.save()

    assert _newest_ids([community.pk], 10) == []
