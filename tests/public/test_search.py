"""Search across projects, communities, organisations, grants and news; PostgreSQL
full-text search where available, icontains on SQLite; public records only."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client

from config.pages.search import search_everything
from core.search import filter_by_text, uses_full_text
from projects.selectors import project_list
from tests import factories as f
from tests.public.conftest import MARKERS, Portal


def _section(html: str, key: str) -> str:
    start = html.find(f'id="results-{key}"')
    if start == -1:
        return ""
    return html[start : html.find("</section>", start)]


@pytest.mark.django_db
def test_search_finds_each_kind_of_public_record(client: Client, portal: Portal) -> None:
    checks = {
        "projects": ("Safer", "Safer Communities Project"),
        "communities": ("Kara-Darya", "Kara-Darya"),
        "organisations": ("Tolerance", "Foundation for Tolerance"),
        "grants": ("peace club", "Youth peace club"),
        "news": ("police", "Residents meet the police"),
    }
    for key, (query, expected) in checks.items():
        html = client.get("/en/search/", {"q": query}).content.decode()
        assert expected in _section(html, key), key


@pytest.mark.django_db
def test_search_never_returns_non_public_records(client: Client, portal: Portal) -> None:
    for marker in MARKERS.values():
        html = client.get("/en/search/", {"q": marker}).content.decode()
        assert "results for" in html or "result for" in html
        body = html[html.index("<main") :]
        # The query itself is echoed once in the search box and once in the status line.
        assert body.count(marker) <= 2, marker
        for key in ("projects", "communities", "organisations", "grants", "news"):
            assert _section(html, key) == "", (marker, key)


@pytest.mark.django_db
def test_search_matches_text_in_every_language_column(portal: Portal) -> None:
    f.ProjectFactory(title_en="English only", title_ru="", title_ky="Коопсуз айыл")
    results = filter_by_text(project_list(), "Коопсуз", ["title"], ["title"])
    assert [project.title_ky for project in results] == ["Коопсуз айыл"]


@pytest.mark.django_db
def test_empty_or_overlong_queries_are_handled(client: Client, portal: Portal) -> None:
    assert client.get("/en/search/").status_code == 200
    assert client.get("/en/search/", {"q": "x" * 5000}).status_code == 200
    assert client.get("/en/search/", {"q": "'\"&|!():*"}).status_code == 200


@pytest.mark.django_db
def test_search_uses_the_backend_of_the_database(portal: Portal) -> None:
    assert uses_full_text() is (connection.vendor == "postgresql")
    sections = search_everything("Kara-Darya")
    assert {section.key for section in sections} == {
        "projects",
        "communities",
        "organisations",
        "grants",
        "news",
    }


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL full-text search")
def test_postgres_search_stems_russian_and_english(portal: Portal) -> None:
    f.ProjectFactory(
        title_ru="Освещение улиц возле школы", title_en="Lighting streets near schools"
    )
    russian = filter_by_text(project_list(), "школа", ["title"], ["title"])
    assert [p.title_ru for p in russian] == ["Освещение улиц возле школы"]
    english = filter_by_text(project_list(), "school", ["title"], ["title"])
    assert [p.title_en for p in english] == ["Lighting streets near schools"]


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor == "postgresql", reason="the SQLite fallback")
def test_sqlite_search_falls_back_to_substring_matching(portal: Portal) -> None:
    results = filter_by_text(project_list(), "communities proj", ["title"], ["title"])
    assert [p.slug for p in results] == [portal.project.slug]


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL full-text search")
def test_postgres_search_ranks_title_matches_first_then_newest(portal: Portal) -> None:
    in_title = f.ProjectFactory(title_en="Streetlight patrols", summary_en="Residents walk.")
    older = f.ProjectFactory(title_en="Older plan", summary_en="Install a streetlight.")
    newer = f.ProjectFactory(title_en="Newer plan", summary_en="Repair each streetlight.")
    results = filter_by_text(project_list(), "streetlight", ["title", "summary"], ["title"])
    assert [p.pk for p in results] == [in_title.pk, newer.pk, older.pk]


@pytest.mark.django_db
def test_organisations_are_public_through_any_public_link(portal: Portal) -> None:
    from grants.selectors import public_organisations

    public = set(public_organisations().values_list("slug", flat=True))
    assert {portal.implementer.slug, portal.donor.slug} <= public
    assert "hidden-org" not in public
    manager = f.OrganisationFactory(slug="manager")
    f.GrantProgrammeFactory(managing_organisation=manager, is_public=True)
    funder = f.OrganisationFactory(slug="funder")
    f.GrantProgrammeFactory(is_public=True).funders.add(funder)
    hidden_funder = f.OrganisationFactory(slug="hidden-funder")
    f.GrantProgrammeFactory(is_public=False).funders.add(hidden_funder)
    public = set(public_organisations().values_list("slug", flat=True))
    assert {"manager", "funder"} <= public
    assert "hidden-funder" not in public


@pytest.mark.django_db
def test_searches_in_one_content_version_share_their_candidate_rows(portal: Portal) -> None:
    from django.core.cache import cache
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as first:
        search_everything("Kara")
    with CaptureQueriesContext(connection) as second:
        found = search_everything("Safer")
    # The four bounded sections found their candidates once.
    assert len(second) <= len(first) - 4
    assert any(section.results for section in found)
