"""Atom feeds and the sitemap: valid XML, public records only, every language linked."""

from __future__ import annotations

from typing import Any

import pytest
from defusedxml import ElementTree
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests import factories as f
from tests.public.conftest import LANGS, MARKERS, Portal

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def _entries(xml: bytes) -> list[Any]:
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


def _index(client: Client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{SITEMAP}sitemapindex"
    return [entry.find(f"{SITEMAP}loc").text for entry in root.findall(f"{SITEMAP}sitemap")]


def _urls(client: Client, location: str) -> list[Any]:
    response = client.get(location.removeprefix("http://testserver"))
    assert response.status_code == 200, location
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{SITEMAP}urlset"
    return root.findall(f"{SITEMAP}url")


def _every_url(client: Client) -> list[Any]:
    """Every <url> reachable from the index, over all sections and pages."""
    return [url for location in _index(client) for url in _urls(client, location)]


def _locations(urls: list[Any]) -> list[str]:
    return [url.find(f"{SITEMAP}loc").text for url in urls]


@pytest.mark.django_db
def test_sitemap_index_names_one_page_per_section(client: Client, portal: Portal) -> None:
    from config.sitemaps import RECORDS_PER_PAGE, SITEMAPS

    expected = []
    for section, sitemap in SITEMAPS.items():
        expected.append(f"http://testserver/sitemap-{section}.xml")
        if getattr(sitemap, "pages_by_pk", False):
            # News and grants are paged by ranges of ids, up to the highest public one: ids
            # drawn by the worker's earlier tests (sequences do not roll back) can put a
            # handful of records past the first range, and the index then names each range.
            highest = sitemap().items().order_by("-pk").values_list("pk", flat=True).first()
            pages = -(-(highest or 0) // RECORDS_PER_PAGE)
            expected += [
                f"http://testserver/sitemap-{section}.xml?p={n}" for n in range(2, pages + 1)
            ]
    assert _index(client) == expected


@pytest.mark.django_db
def test_the_index_counts_each_section_once_with_the_cache_off(
    client: Client, portal: Portal, settings: Any
) -> None:
    # It counts every section to find its stored copy, then renders with the same counts:
    # with no cache between the two, each count used to run twice (23 queries, not 12).
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/sitemap.xml")
    assert response.status_code == 200
    statements = [query["sql"] for query in queries.captured_queries]
    assert [sql for sql in statements if statements.count(sql) > 1] == []
    assert len(statements) <= 12


@pytest.mark.django_db
def test_a_section_longer_than_a_page_is_split_into_pages_the_index_names(
    client: Client, portal: Portal, monkeypatch: pytest.MonkeyPatch
) -> None:
    from config.sitemaps import I18nSitemap

    # Two projects (in four languages each) per page.
    monkeypatch.setattr(I18nSitemap, "limit", 2 * len(LANGS))
    extra = [f.ProjectFactory(title_en=f"Sitemap project {index}") for index in range(3)]
    slugs = [project.slug for project in sorted([portal.project, *extra], key=lambda p: p.pk)]

    index = _index(client)
    assert "http://testserver/sitemap-projects.xml" in index
    assert "http://testserver/sitemap-projects.xml?p=2" in index
    assert "http://testserver/sitemap-projects.xml?p=3" not in index

    second = _locations(_urls(client, "/sitemap-projects.xml?p=2"))
    assert second == [
        f"http://testserver/{lang}/projects/{slug}/" for slug in slugs[2:4] for lang in LANGS
    ]
    first = _locations(_urls(client, "/sitemap-projects.xml"))
    assert first == [
        f"http://testserver/{lang}/projects/{slug}/" for slug in slugs[:2] for lang in LANGS
    ]
    assert client.get("/sitemap-projects.xml?p=3").status_code == 404
    assert client.get("/sitemap-projects.xml?p=x").status_code == 404
    assert client.get("/sitemap-unknown.xml").status_code == 404


@pytest.mark.django_db
def test_a_sitemap_page_reads_only_its_own_rows(
    client: Client,
    portal: Portal,
    monkeypatch: pytest.MonkeyPatch,
    django_assert_num_queries: Any,
) -> None:
    from django.core.cache import cache

    from config.sitemaps import I18nSitemap

    monkeypatch.setattr(I18nSitemap, "limit", 2 * len(LANGS))
    f.ProjectFactory(title_en="Sitemap project")
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        assert len(_urls(client, "/sitemap-news.xml")) <= 2 * len(LANGS)
    created = []
    for _ in range(30):
        activity = f.ActivityFactory(project=portal.project, published=True)
        activity.communities.add(portal.community)
        created.append(activity.pk)
    # News pages are ranges of ids, two ids a page here: the page holding the 11th item.
    page = (created[10] - 1) // 2 + 1
    on_page = [pk for pk in created if (page - 1) * 2 < pk <= page * 2]
    cache.clear()
    with django_assert_num_queries(len(few)):
        locations = _locations(_urls(client, f"/sitemap-news.xml?p={page}"))
    assert locations == [f"http://testserver/{lang}/news/{pk}/" for pk in on_page for lang in LANGS]


@pytest.mark.django_db
def test_every_published_news_item_is_on_exactly_one_sitemap_page(
    client: Client, portal: Portal, monkeypatch: pytest.MonkeyPatch
) -> None:
    from config.sitemaps import I18nSitemap

    monkeypatch.setattr(I18nSitemap, "limit", 3 * len(LANGS))
    published = [portal.news.pk]
    hidden = []
    for index in range(8):
        activity = f.ActivityFactory(project=portal.project, published=index % 3 != 0)
        (published if index % 3 else hidden).append(activity.pk)

    pages = [loc for loc in _index(client) if "sitemap-news.xml" in loc]
    listed = [
        location
        for page in pages
        for location in _locations(_urls(client, page.removeprefix("http://testserver")))
        if location.startswith("http://testserver/en/")
    ]

    news = [int(location.rstrip("/").rsplit("/", 1)[1]) for location in listed]
    assert sorted(news) == sorted(set(news))
    assert set(published) <= set(news)
    assert not set(hidden) & set(news)


@pytest.mark.django_db
def test_sitemap_lists_public_records_with_hreflang_alternates(
    client: Client, portal: Portal
) -> None:
    urls = _every_url(client)
    locations = _locations(urls)
    for lang in LANGS:
        assert f"http://testserver/{lang}/projects/{portal.project.slug}/" in locations
        assert f"http://testserver/{lang}/news/{portal.news.pk}/" in locations
        assert f"http://testserver/{lang}/places/communities/{portal.community.pk}/" in locations
        assert f"http://testserver/{lang}/grants/{portal.grant.pk}/" in locations
        assert f"http://testserver/{lang}/places/districts/{portal.district.pk}/" in locations
        assert f"http://testserver/{lang}/organisations/{portal.implementer.slug}/" in locations
    project_url = next(
        url
        for url in urls
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
    body = "\n".join(_locations(_every_url(client)))
    assert f"/projects/{portal.project.slug}/" in body
    assert f"/projects/{portal.hidden_project.slug}/" not in body
    assert f"/news/{portal.draft_activity.pk}/" not in body
    assert f"/grants/{portal.hidden_grant.pk}/" not in body
    assert f"/places/communities/{portal.hidden_community.pk}/" not in body
    assert "/organisations/hidden-org/" not in body
    assert "/grants/programmes/hidden-programme/" not in body


@pytest.mark.django_db
@pytest.mark.parametrize("section", ["news", "projects", "communities", "grants", "pages"])
def test_a_sitemap_page_is_the_markup_djangos_template_renders(
    portal: Portal, section: str
) -> None:
    """Section pages are written without the template (config.sitemaps.urlset_xml): the
    bytes must stay those the template gives, escaping and time zone included."""
    from django.contrib.sitemaps.views import sitemap
    from django.test import RequestFactory

    from config.sitemaps import RECORDS_PER_PAGE, SITEMAPS, urlset_xml

    f.ActivityFactory(
        project=portal.project, published=True, title_en="Fish & chips <b>\"quoted\"</b> 'news'"
    ).communities.add(portal.community)
    page = 1
    if getattr(SITEMAPS[section], "pages_by_pk", False):
        # Paged by ranges of ids: ids drawn by the worker's earlier tests (sequences do not
        # roll back) can leave the first range empty, so ask for the range of the newest.
        highest = SITEMAPS[section]().items().order_by("-pk").values_list("pk", flat=True)[0]
        page = -(-highest // RECORDS_PER_PAGE)
    request = RequestFactory().get(f"/sitemap-{section}.xml", {"p": page})
    rendered = sitemap(request, SITEMAPS, section=section)
    rendered.render()
    urls = sitemap(request, SITEMAPS, section=section).context_data["urlset"]

    assert urls
    assert urlset_xml(urls) == rendered.content


def test_urlset_xml_escapes_what_the_template_escapes() -> None:
    from config.sitemaps import urlset_xml

    xml = urlset_xml(
        [{"location": "http://testserver/en/?a=1&b='2'", "alternates": [], "priority": ""}]
    )

    assert b"<loc>http://testserver/en/?a=1&amp;b=&#x27;2&#x27;</loc>" in xml
