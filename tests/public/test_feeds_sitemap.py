"""Atom feeds and the sitemap: valid XML, public records only, every language linked."""

from __future__ import annotations

import pytest
from defusedxml import ElementTree
from django.test import Client

from tests.public.conftest import LANGS, MARKERS, Portal

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def _entries(xml: bytes) -> list:  # type: ignore[type-arg]
    root = ElementTree.fromstring(xml)
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}") is not None
    entries = root.findall(f"{ATOM}entry")
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{required}") is not None
        assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/")
    return entries


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_news_feed_is_valid_atom_with_published_news_only(
    client: Client, portal: Portal, lang: str
) -> None:
    response = client.get(f"/{lang}/news/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    entries = _entries(response.content)
    links = [entry.find(f"{ATOM}link").get("href") for entry in entries]
    assert links == [f"http://testserver/{lang}/news/{portal.news.pk}/"]
    body = response.content.decode()
    for marker in MARKERS.values():
        assert marker not in body


@pytest.mark.django_db
def test_project_feed_lists_that_projects_news(client: Client, portal: Portal) -> None:
    response = client.get(f"/en/projects/{portal.project.slug}/feed/")
    entries = _entries(response.content)
    assert [entry.find(f"{ATOM}title").text for entry in entries] == ["Residents meet the police"]


@pytest.mark.django_db
def test_pages_advertise_their_feed(client: Client, portal: Portal) -> None:
    html = client.get(f"/en/projects/{portal.project.slug}/").content.decode()
    assert (
        f'<link rel="alternate" type="application/atom+xml" '
        f'href="/en/projects/{portal.project.slug}/feed/"' in html
    )


@pytest.mark.django_db
def test_sitemap_lists_public_records_with_hreflang_alternates(
    client: Client, portal: Portal
) -> None:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    locations = [url.find(f"{SITEMAP}loc").text for url in root.findall(f"{SITEMAP}url")]
    for lang in LANGS:
        assert f"http://testserver/{lang}/projects/{portal.project.slug}/" in locations
        assert f"http://testserver/{lang}/news/{portal.news.pk}/" in locations
        assert f"http://testserver/{lang}/places/communities/{portal.community.pk}/" in locations
        assert f"http://testserver/{lang}/grants/{portal.grant.pk}/" in locations
    project_url = next(
        url
        for url in root.findall(f"{SITEMAP}url")
        if url.find(f"{SITEMAP}loc").text.endswith(f"/ru/projects/{portal.project.slug}/")
    )
    alternates = {
        link.get("hreflang"): link.get("href") for link in project_url.findall(f"{XHTML}link")
    }
    assert set(alternates) == {*LANGS, "x-default"}
    assert alternates["ky"] == f"http://testserver/ky/projects/{portal.project.slug}/"
    # Every language is prefixed, so x-default is the default language's page, not a
    # prefix-less path that would not exist.
    assert alternates["x-default"] == f"http://testserver/ru/projects/{portal.project.slug}/"


@pytest.mark.django_db
def test_sitemap_leaves_out_everything_non_public(client: Client, portal: Portal) -> None:
    body = client.get("/sitemap.xml").content.decode()
    assert f"/projects/{portal.hidden_project.slug}/" not in body
    assert f"/news/{portal.draft_activity.pk}/" not in body
    assert f"/grants/{portal.hidden_grant.pk}/" not in body
    assert f"/places/communities/{portal.hidden_community.pk}/" not in body
    assert "/organisations/hidden-org/" not in body
    assert "/grants/programmes/hidden-programme/" not in body
