"""Public open data: documented downloads, public records only, streamed; IATI 2.03."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from projects.models import PartnerRole
from reports import views
from tests import factories as f

pytestmark = pytest.mark.django_db


def _download(client, slug: str, fmt: str):
    response = client.get(reverse("reports:dataset_download", args=[slug, fmt]))
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode("utf-8-sig")


@pytest.fixture
def world(world):
    # The donor funds both public projects; with a registered identifier it can report them.
    world.donor.iati_identifier = "XM-DAC-41128"
    world.donor.save()
    return world


def _funded(world, **kwargs):
    project = f.ProjectFactory(**kwargs)
    f.PartnershipFactory(project=project, organisation=world.donor, role=PartnerRole.FUNDING)
    return project


def test_open_data_page_documents_every_column(client, world):
    response = client.get(reverse("reports:open_data"))
    assert response.status_code == 200
    body = response.content.decode()
    for column in ("population_covered", "grantee_type", "youth", "planned_start"):
        assert f"<code>{column}</code>" in body
    assert reverse("reports:iati_activity", args=[world.project.slug]) in body
    assert world.private_project.slug not in body


def _iati_links(body: str) -> list[str]:
    """Slugs of the projects whose IATI file the page links to, in page order."""
    prefix = reverse("reports:iati_activity", args=["SLUG"]).split("SLUG")[0]
    return [part.split(".xml")[0] for part in body.split(f'href="{prefix}')[1:]]


def test_open_data_pages_through_the_public_projects_by_title(client, world, monkeypatch):
    monkeypatch.setattr(views, "IATI_PROJECTS_PER_PAGE", 2)
    for letter in "DCBA":
        _funded(world, slug=f"project-{letter.lower()}", title_en=f"{letter} project")
    url = reverse("reports:open_data")
    # Public: A, B, C, D, then the world's two "Safer communities project …" (by title).
    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()
    last = client.get(url, {"page": 3}).content.decode()
    assert _iati_links(first) == ["project-a", "project-b"]
    assert _iati_links(second) == ["project-c", "project-d"]
    assert set(_iati_links(last)) == {"safer-batken", "safer-osh"}
    assert 'rel="next"' in first and 'rel="prev"' not in first
    assert "Page 2 of 3" in second and 'href="?page=3"' in second
    assert 'rel="next"' not in last
    # Every page keeps the dataset documentation.
    assert "<code>population_covered</code>" in last
    # A page number past the end shows the last page rather than an error.
    assert _iati_links(client.get(url, {"page": 99}).content.decode()) == _iati_links(last)


def test_open_data_lists_projects_by_the_title_shown_in_the_request_language(client, world):
    # Old order on a Kyrgyz page: by the Kyrgyz column alone, so "" (no Kyrgyz title) first.
    _funded(world, slug="aral", title_en="Ak-Suu", title_ru="Ширин", title_ky="Арал")
    _funded(world, slug="yamal", title_en="Bel", title_ru="Ямал", title_ky="")
    _funded(world, slug="burana", title_en="Chong", title_ru="Кок", title_ky="Бурана")
    mine = {"aral", "yamal", "burana"}
    for language, order in [
        ("ky", ["aral", "burana", "yamal"]),
        ("en", ["aral", "yamal", "burana"]),
    ]:
        body = client.get(f"/{language}/reports/open-data/").content.decode()
        assert [slug for slug in _iati_links(body) if slug in mine] == order, language


def test_open_data_shows_a_newly_published_project_on_the_cached_page(client, world):
    url = reverse("reports:open_data")
    assert "fresh-project" not in client.get(url).content.decode()
    project = _funded(world, slug="fresh-project", title_en="A fresh project", is_public=False)
    assert "fresh-project" not in client.get(url).content.decode()
    project.is_public = True
    project.save()
    assert "fresh-project" in client.get(url).content.decode()


def test_open_data_serves_anonymous_visitors_from_the_cache(client, world):
    url = reverse("reports:open_data")
    first = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert len(queries) == 0
    assert second.status_code == 200 and second.content == first.content
    # A cleared cache computes the page again, with the same content.
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        third = client.get(url)
    assert len(queries) > 0 and third.content == first.content


@pytest.mark.parametrize("extra_projects", [2, 12])
def test_open_data_query_count_does_not_grow_with_projects(
    client, world, django_assert_num_queries, extra_projects
):
    for _ in range(extra_projects):
        _funded(world)
    cache.clear()
    # The count of public projects and one page of them.
    with django_assert_num_queries(2):
        response = client.get(reverse("reports:open_data"))
    assert len(_iati_links(response.content.decode())) == 2 + extra_projects


def test_projects_csv_lists_public_projects_only(client, world):
    rows = list(csv.DictReader(io.StringIO(_download(client, "projects", "csv"))))
    slugs = {row["slug"] for row in rows}
    assert {"safer-batken", "safer-osh"} <= slugs
    assert "internal" not in slugs


def test_activities_json_has_published_activities_only(client, world):
    records = json.loads(_download(client, "activities", "json"))
    assert len(records) == 1
    assert records[0]["women"] == 10 and records[0]["project"] == "safer-batken"


def test_activities_csv_gives_titles_in_the_download_language_safe_for_spreadsheets(client, world):
    untranslated = f.ActivityFactory(
        project=world.project, published=True, title_en="", title_ru="=Встреча в айыл окмоту"
    )
    f.ActivityFactory(project=world.private_project, published=True, title_en="Hidden meeting")
    content = _download(client, "activities", "csv")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(content))}
    assert len(rows) == 2  # the world's published activity and this one; never the private
    row = rows[str(untranslated.pk)]
    # No English title: the Russian one, neutralised as it starts like a formula, and the
    # column beside it says so (the pages' «shown in Russian» marker).
    assert row["title"] == "'=Встреча в айыл окмоту"
    assert row["title_language"] == "ru"
    assert row["date"] == "2022-03-15" and row["project"] == "safer-batken"
    assert (row["women"], row["men"], row["youth"]) == ("10", "8", "5")
    # Absolute, so the address works wherever the file is read.
    assert row["url"] == "http://testserver" + reverse(
        "projects:news_detail", args=[untranslated.pk]
    )
    assert list(rows) == sorted(rows, key=int)


def test_communities_csv_gives_the_covered_population(client, world):
    rows = {
        r["name"]: r for r in csv.DictReader(io.StringIO(_download(client, "communities", "csv")))
    }
    # The private project's larger figure for Aidarken stays hidden.
    assert rows["Aidarken"]["population_covered"] == "4000"
    assert rows["Aidarken"]["projects"] == "1"


def test_grants_csv_neutralises_formulas(client, world):
    f.GrantFactory(programme=world.project.grant_programmes.first(), title_en="=cmd|' /C calc'!A0")
    content = _download(client, "grants", "csv")
    assert "'=cmd" in content
    assert "\n=cmd" not in content and ",=cmd" not in content


def test_unknown_dataset_or_format_is_not_found(client, world):
    assert (
        client.get(reverse("reports:dataset_download", args=["members", "csv"])).status_code == 404
    )
    assert (
        client.get(reverse("reports:dataset_download", args=["grants", "xls"])).status_code == 404
    )


def test_projects_csv_names_the_language_of_each_title(client, world):
    kyrgyz = f.ProjectFactory(
        slug="kyrgyz-only", is_public=True, title_en="", title_ru="", title_ky="Тынчтык долбоору"
    )
    rows = {
        row["slug"]: row
        for row in csv.DictReader(io.StringIO(_download(client, "projects", "csv")))
    }
    assert (rows[kyrgyz.slug]["title"], rows[kyrgyz.slug]["title_language"]) == (
        "Тынчтык долбоору",
        "ky",
    )
    assert rows[world.project.slug]["title_language"] == "en"


def _rows_in(client, language: str, slug: str, key: str) -> dict[str, dict[str, str]]:
    with translation.override(language):
        url = reverse("reports:dataset_download", args=[slug, "csv"])
    response = client.get(url)
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return {row[key]: row for row in csv.DictReader(io.StringIO(content))}


def test_community_and_grant_downloads_name_districts_and_grantees_as_the_pages_do(client, world):
    # Stored in English and Russian, not in Kyrgyz. The district's and the grantee's names
    # were read from the stored base column: Russian in the English file (issue #21: exports
    # follow the pages' fallback order).
    district = f.DistrictFactory(name_en="Leilek", name_ru="Лейлекский район")
    community = f.CommunityFactory(district=district, name_en="Kulundu", name_ru="Кулунду")
    f.ProjectCommunityFactory(project=world.project, community=community)
    grantee = f.OrganisationFactory(name_en="Youth Initiative", name_ru="Молодёжная инициатива")
    grant = f.GrantFactory(programme=world.project.grant_programmes.first(), grantee=grantee)
    english = _rows_in(client, "en", "communities", "id")[str(community.pk)]
    kyrgyz = _rows_in(client, "ky", "communities", "id")[str(community.pk)]
    assert (english["name"], english["district"]) == ("Kulundu", "Leilek")
    # No Kyrgyz names: the first fallback's (Russian), as a Kyrgyz page shows them.
    assert (kyrgyz["name"], kyrgyz["district"]) == ("Кулунду", "Лейлекский район")
    assert _rows_in(client, "en", "grants", "reference")[grant.reference]["grantee"] == (
        "Youth Initiative"
    )
    assert _rows_in(client, "ky", "grants", "reference")[grant.reference]["grantee"] == (
        "Молодёжная инициатива"
    )
