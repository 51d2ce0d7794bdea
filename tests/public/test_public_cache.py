"""Cached public fragments (core/cache.py) must follow every publish, unpublish and
visibility change at once: a cached page never shows what is no longer public, nor hides
what just became public."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from communities.models import ActivityStatus
from core.cache import content_version
from tests import factories as f
from tests.public.conftest import Portal


def _html(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.django_db
def test_a_second_request_reads_the_cached_fragments(client: Client, portal: Portal) -> None:
    for url in ["/en/", "/en/places/", f"/en/places/regions/{portal.region.code.lower()}/"]:
        client.get(url)
        with CaptureQueriesContext(connection) as cold:
            cache.clear()
            client.get(url)
        with CaptureQueriesContext(connection) as warm:
            client.get(url)
        assert len(warm) < len(cold), url


@pytest.mark.django_db
def test_news_appears_on_cached_pages_when_published_and_leaves_when_unpublished(
    client: Client, portal: Portal
) -> None:
    region_url = f"/en/places/regions/{portal.region.code.lower()}/"
    community_url = f"/en/places/communities/{portal.community.pk}/"
    urls = ["/en/", region_url, community_url, "/en/news/"]
    activity = f.ActivityFactory(
        project=portal.project, title_en="Lamp posts repaired in Kara-Darya"
    )
    activity.communities.add(portal.community)
    for url in urls:  # cache every page while the activity is a draft
        assert "Lamp posts repaired" not in _html(client, url), url

    activity.status = ActivityStatus.PUBLISHED
    activity.published_at = timezone.now()
    activity.save()
    for url in urls:
        assert "Lamp posts repaired" in _html(client, url), url

    activity.status = ActivityStatus.DRAFT
    activity.save()
    for url in urls:
        assert "Lamp posts repaired" not in _html(client, url), url


@pytest.mark.django_db
def test_a_project_made_private_leaves_every_cached_place_page(
    client: Client, portal: Portal
) -> None:
    urls = [
        "/en/",
        "/en/places/kg/",
        f"/en/places/regions/{portal.region.code.lower()}/",
        f"/en/places/districts/{portal.district.pk}/",
        f"/en/projects/{portal.project.slug}/",
    ]
    for url in urls:
        assert "Safer Communities Project" in _html(client, url), url

    portal.project.is_public = False
    portal.project.save()
    for url in urls[:-1]:
        assert "Safer Communities Project" not in _html(client, url), url
    assert client.get(urls[-1]).status_code == 404


@pytest.mark.django_db
def test_home_figures_follow_a_new_target_community(client: Client, portal: Portal) -> None:
    before = _html(client, "/en/places/")
    newcomer = f.CommunityFactory(district=portal.district, name_en="Tash-Kumyr Newcomer")
    assert "Tash-Kumyr Newcomer" not in before
    f.ProjectCommunityFactory(project=portal.project, community=newcomer)
    assert "Tash-Kumyr Newcomer" in _html(client, "/en/places/")
    assert client.get(f"/en/places/communities/{newcomer.pk}/").status_code == 200


@pytest.mark.django_db
def test_search_results_follow_publishing(client: Client, portal: Portal) -> None:
    activity = f.ActivityFactory(project=portal.project, title_en="Zebra crossing painted")
    assert "Zebra crossing painted" not in _html(client, "/en/search/?q=zebra")
    activity.status = ActivityStatus.PUBLISHED
    activity.published_at = timezone.now()
    activity.save()
    assert "Zebra crossing painted" in _html(client, "/en/search/?q=zebra")


@pytest.mark.django_db
def test_every_watched_write_bumps_the_content_version(portal: Portal, db: Any) -> None:
    before = content_version()
    portal.grant.save()
    after_grant = content_version()
    portal.project.themes.clear()
    assert before < after_grant < content_version()


@pytest.mark.django_db
def test_the_cached_sitemap_is_served_gzipped_and_follows_publishing(
    client: Client, portal: Portal
) -> None:
    import gzip

    activity = f.ActivityFactory(project=portal.project, title_en="Sitemap newcomer")
    location = f"/en/news/{activity.pk}/"
    plain = client.get("/sitemap-news.xml").content.decode()
    assert location not in plain

    activity.status = ActivityStatus.PUBLISHED
    activity.published_at = timezone.now()
    activity.save()
    response = client.get("/sitemap-news.xml", HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert response["Content-Encoding"] == "gzip"
    unzipped = gzip.decompress(response.content).decode()
    assert location in unzipped
    assert unzipped == client.get("/sitemap-news.xml").content.decode()
    index = client.get("/sitemap.xml", HTTP_ACCEPT_ENCODING="gzip")
    assert "/sitemap-news.xml" in gzip.decompress(index.content).decode()


@pytest.mark.django_db
def test_a_stored_page_is_served_gzipped_to_clients_that_accept_it(
    client: Client, portal: Portal
) -> None:
    import gzip

    plain = client.get("/en/").content
    zipped = client.get("/en/", HTTP_ACCEPT_ENCODING="gzip")
    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"]
    assert gzip.decompress(zipped.content) == plain
    assert client.get("/en/").content == plain
