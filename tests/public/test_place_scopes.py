"""Place pages and the home page keyed by what a write touches (core/cache.py scopes,
communities/cache_scopes.py): news written in one place retires that place's community,
district, region and country pages, with the fresh news on them, and leaves the pages of
other places served from the cache."""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.core.cache.backends.base import CacheKeyWarning
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from communities.cache_scopes import PUBLIC_PLACES
from communities.models import ActivityStatus, Sector
from communities.selectors import public_community_scopes
from core.cache import fragment_key, scope_versions
from core.choices import Country
from tests import factories as f
from tests.public.conftest import MARKERS, Portal

pytestmark = pytest.mark.django_db

NEWS_TITLE = "Lamp posts repaired by the working group"


@dataclass
class Place:
    """A public community and the addresses of its pages, its own up to its country's."""

    community: Any
    urls: list[str]


def _place_urls(community: Any) -> list[str]:
    return [
        f"/en/places/communities/{community.pk}/",
        f"/en/places/districts/{community.district_id}/",
        f"/en/places/regions/{community.region.code.lower()}/",
        f"/en/places/{community.country.lower()}/",
    ]


def _html(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _served_from_cache(client: Client, url: str, before: str) -> bool:
    """The page comes back as it was, with no query: the stored page, not a new one."""
    with CaptureQueriesContext(connection) as queries:
        html = _html(client, url)
    return len(queries) == 0 and html == before


@pytest.fixture
def here(portal: Portal) -> Place:
    return Place(portal.community, _place_urls(portal.community))


@pytest.fixture
def elsewhere(portal: Portal) -> Place:
    """A community of the same public project in a region of Tajikistan."""
    region = f.RegionFactory(country=Country.TAJIKISTAN, code="TJ-TST", name_en="Sughd Test")
    community = f.CommunityFactory(district=f.DistrictFactory(region=region), name_en="Isfara Test")
    f.ProjectCommunityFactory(project=portal.project, community=community)
    return Place(community, _place_urls(community))


def _published_news(portal: Portal, community: Any) -> Any:
    activity = f.ActivityFactory(project=portal.project, title_en=NEWS_TITLE)
    activity.communities.add(community)
    activity.status = ActivityStatus.PUBLISHED
    activity.published_at = timezone.now()
    activity.save()
    return activity


def test_it_retires_the_pages_of_the_place_a_news_item_is_published_in(
    client: Client, portal: Portal, here: Place, elsewhere: Place
) -> None:
    activity = f.ActivityFactory(project=portal.project, title_en=NEWS_TITLE)
    activity.communities.add(here.community)
    cached = {url: _html(client, url) for url in here.urls + elsewhere.urls}
    assert not any(NEWS_TITLE in html for html in cached.values())

    activity.status = ActivityStatus.PUBLISHED
    activity.published_at = timezone.now()
    activity.save()

    for url in here.urls:
        assert NEWS_TITLE in _html(client, url), url
    for url in elsewhere.urls:
        assert _served_from_cache(client, url, cached[url]), url


def test_it_retires_both_places_when_news_moves_to_another_community(
    client: Client, portal: Portal, here: Place, elsewhere: Place
) -> None:
    activity = _published_news(portal, here.community)
    for url in here.urls:
        assert NEWS_TITLE in _html(client, url), url
    for url in elsewhere.urls:
        assert NEWS_TITLE not in _html(client, url), url

    # The links alone change (no save of the activity): the pages the news leaves must
    # follow as well as those it reaches.
    activity.communities.set([elsewhere.community])

    for url in here.urls:
        assert NEWS_TITLE not in _html(client, url), url
    for url in elsewhere.urls:
        assert NEWS_TITLE in _html(client, url), url


def test_it_keeps_the_maps_when_news_is_published_in_a_targeted_community(
    client: Client, portal: Portal, here: Place
) -> None:
    places_index = _html(client, "/en/places/")
    home_map = fragment_key("home-map", scopes=public_community_scopes())
    _html(client, "/en/")

    _published_news(portal, here.community)

    assert _served_from_cache(client, "/en/places/", places_index)
    assert NEWS_TITLE in _html(client, "/en/")
    assert fragment_key("home-map", scopes=public_community_scopes()) == home_map


def test_it_shows_a_community_that_only_news_makes_public_on_the_maps(
    client: Client, portal: Portal
) -> None:
    newcomer = f.CommunityFactory(district=portal.district, name_en="Tash-Kumyr Newcomer")
    for url in ["/en/", "/en/places/", *_place_urls(newcomer)[1:]]:
        assert "Tash-Kumyr Newcomer" not in _html(client, url), url

    activity = _published_news(portal, newcomer)

    for url in ["/en/", "/en/places/", *_place_urls(newcomer)]:
        assert "Tash-Kumyr Newcomer" in _html(client, url), url

    activity.status = ActivityStatus.DRAFT
    activity.save()

    for url in ["/en/", "/en/places/", *_place_urls(newcomer)[1:]]:
        assert "Tash-Kumyr Newcomer" not in _html(client, url), url
    assert client.get(_place_urls(newcomer)[0]).status_code == 404


def test_it_recomputes_only_the_news_of_the_home_page_after_a_publish(
    client: Client, portal: Portal, here: Place
) -> None:
    _html(client, "/en/")
    with CaptureQueriesContext(connection) as hit:
        _html(client, "/en/")
    assert len(hit) == 0

    _published_news(portal, here.community)

    with CaptureQueriesContext(connection) as after_write:
        html = _html(client, "/en/")
    assert NEWS_TITLE in html
    # The figures, the map and the featured projects come from their fragments: only the
    # news cards are read (the news and their photos).
    read = " ".join(query["sql"] for query in after_write.captured_queries)
    assert "projects_activity" in read
    assert "projects_projectcommunity" not in read
    assert "communities_jointplan" not in read


@pytest.mark.parametrize("target_removed_meanwhile", [False, True])
def test_it_looks_again_at_commit_whether_only_news_makes_a_place_public(
    portal: Portal,
    elsewhere: Place,
    django_capture_on_commit_callbacks: Any,
    target_removed_meanwhile: bool,
) -> None:
    before = scope_versions([PUBLIC_PLACES])
    with django_capture_on_commit_callbacks(execute=True):
        _published_news(portal, elsewhere.community)
        # The community is a public project's target: the maps need not change...
        assert scope_versions([PUBLIC_PLACES]) == before
        if target_removed_meanwhile:
            # ...unless another transaction removes that target and commits first: a write
            # this one could not see when it looked (raw SQL: no signal, as unseen).
            with connection.cursor() as cursor:
                cursor.execute(
                    "DELETE FROM projects_projectcommunity WHERE community_id = %s",
                    [elsewhere.community.pk],
                )
    assert (scope_versions([PUBLIC_PLACES]) != before) == target_removed_meanwhile


def test_it_keeps_the_sitemap_sections_a_publish_does_not_change(
    client: Client, portal: Portal, here: Place
) -> None:
    kept = ["/sitemap-communities.xml", "/sitemap-projects.xml", "/sitemap-grants.xml"]
    before = {url: _html(client, url) for url in kept}
    _html(client, "/sitemap-news.xml")

    activity = _published_news(portal, here.community)

    for url in kept:
        assert _served_from_cache(client, url, before[url]), url
    assert f"/en/news/{activity.pk}/" in _html(client, "/sitemap-news.xml")


def _queried_tables(queries: CaptureQueriesContext) -> str:
    return " ".join(query["sql"] for query in queries.captured_queries)


def test_it_recomputes_only_the_news_of_the_place_pages_a_publish_names(
    client: Client, portal: Portal, here: Place
) -> None:
    for url in here.urls:
        _html(client, url)

    _published_news(portal, here.community)

    for url in here.urls:
        with CaptureQueriesContext(connection) as after_write:
            html = _html(client, url)
        assert NEWS_TITLE in html, url
        # The facts (places, projects, groups, plans, co-financing, grants) come from their
        # fragment: only the news is read again.
        read = _queried_tables(after_write)
        assert "projects_activity" in read, url
        for table in [
            "projects_projectcommunity",
            "communities_jointplan",
            "communities_workinggroup",
            "communities_community",
            "grants_grant",
        ]:
            assert table not in read, (url, table)


def test_a_place_page_put_together_after_a_publish_is_the_page_computed_afresh(
    client: Client, portal: Portal, here: Place
) -> None:
    for url in here.urls:
        _html(client, url)
    _published_news(portal, here.community)
    assembled = {url: _html(client, url) for url in here.urls}

    cache.clear()

    for url in here.urls:
        assert _html(client, url) == assembled[url], url


SECTION = r'<section aria-labelledby="{}-heading">.*?</section>'


def _section(html: str, name: str) -> str:
    found = re.search(SECTION.format(name), html, flags=re.S)
    assert found, name
    return found.group(0)


def _write_news(portal: Portal, community: Any) -> str:
    """A published news item edited: its new title."""
    portal.news.title_en = "Residents and police walk the streets at night"
    portal.news.save()
    return "news"


def _publish_news(portal: Portal, community: Any) -> str:
    _published_news(portal, community)
    return "news"


def _approve_plan(portal: Portal, community: Any) -> str:
    group = portal.community.working_groups.get(name=MARKERS["working_group_name"])
    f.JointPlanFactory(working_group=group, community=community, title_en="Night patrol plan 2024")
    return "plans"


def _receive_contribution(portal: Portal, community: Any) -> str:
    action = f.PlanActionFactory(plan=portal.community.plans.filter(status="approved")[0])
    f.ContributionFactory(action=action, amount=Decimal("777000"), currency="KGS")
    return "plans"


def _seat_members(portal: Portal, community: Any) -> str:
    group = portal.community.working_groups.get(name=MARKERS["working_group_name"])
    for _ in range(5):
        f.MembershipFactory(working_group=group, sector=Sector.YOUTH)
    return "groups"


@pytest.mark.parametrize(
    "write",
    [_write_news, _publish_news, _approve_plan, _receive_contribution, _seat_members],
    ids=["activity edited", "news published", "plan", "contribution", "membership"],
)
def test_every_kind_of_write_shows_on_the_next_view_of_its_place_pages(
    client: Client, portal: Portal, here: Place, elsewhere: Place, write: Any
) -> None:
    # Both parts of every page are cached, the news part after a publish of its own, so a
    # write that left either part stale would show here.
    for url in here.urls + elsewhere.urls:
        _html(client, url)
    _published_news(portal, elsewhere.community)
    before = {url: _html(client, url) for url in here.urls + elsewhere.urls}

    section = write(portal, here.community)

    for url in here.urls:
        html = _html(client, url)
        assert _section(html, section) != _section(before[url], section), url
        shown = html
        cache.clear()
        assert _html(client, url) == shown, url


def test_a_region_address_with_any_character_is_a_not_found_page_under_a_valid_cache_key(
    client: Client, portal: Portal
) -> None:
    with warnings.catch_warnings():
        # Memcached refuses keys with spaces or control characters; Django warns on every
        # backend when one would be used.
        warnings.simplefilter("error", CacheKeyWarning)
        response = client.get("/en/places/regions/kg%20j%0a/")

    assert response.status_code == 404
