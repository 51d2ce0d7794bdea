"""Every public page renders in all four languages, shows what the issue asks for, and
hides what must stay private."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests import factories as f
from tests.public.conftest import LANGS, MARKERS, Portal, public_urls


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_every_page_type_renders_in_each_language(
    client: Client, portal: Portal, lang: str
) -> None:
    for url in public_urls(portal):
        response = client.get(f"/{lang}{url}")
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'<html lang="{lang}">' in html, url
        for other in LANGS:
            assert f'hreflang="{other}"' in html, url


@pytest.mark.django_db
def test_non_public_records_have_no_page(client: Client, portal: Portal) -> None:
    for url in [
        f"/en/projects/{portal.hidden_project.slug}/",
        f"/en/projects/{portal.hidden_project.slug}/feed/",
        f"/en/news/{portal.draft_activity.pk}/",
        f"/en/grants/{portal.hidden_grant.pk}/",
        f"/en/grants/programmes/{portal.hidden_grant.programme.slug}/",
        f"/en/places/communities/{portal.hidden_community.pk}/",
        "/en/organisations/hidden-org/",
        "/en/places/xx/",
        "/en/places/regions/kg-zz/",
    ]:
        assert client.get(url).status_code == 404, url


@pytest.mark.django_db
def test_project_page_shows_partners_budget_communities_groups_and_plans(
    client: Client, portal: Portal
) -> None:
    html = client.get(f"/en/projects/{portal.project.slug}/").content.decode()
    assert "Donor Agency" in html and "Funding" in html
    assert "Foundation for Tolerance" in html and "Implementing" in html
    assert "$14,000,000" in html
    assert "Kara-Darya" in html and "Blagoveshchenka" in html
    # One of the two target communities has no coordinates: listed, not mapped.
    assert "1 community has no coordinates yet" in html
    assert 'id="map-markers"' in html and html.count('"lat"') == 1
    # Working groups: counts and sectors only.
    assert "Police" in html and "Local government" in html
    assert MARKERS["working_group_name"] not in html
    assert "1 of 2" in html  # plan actions done of total
    assert "Local budget" in html
    assert "Youth peace club" in html
    assert "Residents meet the police" in html
    assert 'property="og:title" content="Safer Communities Project"' in html


@pytest.mark.django_db
def test_money_is_formatted_for_the_locale(client: Client, portal: Portal) -> None:
    ru = client.get(f"/ru/projects/{portal.project.slug}/").content.decode()
    assert "1\xa0250\xa0000\xa0сом" in ru
    en = client.get(f"/en/projects/{portal.project.slug}/").content.decode()
    assert "$14,000,000" in en


@pytest.mark.django_db
def test_content_falls_back_to_russian_with_a_note(client: Client, portal: Portal) -> None:
    html = client.get(f"/ky/projects/{portal.project.slug}/").content.decode()
    assert 'lang="ru">Проект «Безопасные сообщества»</h1>' in html
    assert 'class="lang-note"' in html
    en = client.get(f"/en/projects/{portal.project.slug}/").content.decode()
    assert "<h1>Safer Communities Project</h1>" in en


@pytest.mark.django_db
def test_community_page_folds_sensitive_categories(client: Client, portal: Portal) -> None:
    html = client.get(f"/en/places/communities/{portal.community.pk}/").content.decode()
    assert "Other protection concerns" in html
    assert "Street lighting" in html
    assert MARKERS["sensitive_category"] not in html
    assert MARKERS["problem_text"] not in html
    assert "12,500" in html  # population
    assert "Kara-Darya joint plan 2022" in html
    assert MARKERS["draft_plan"] not in html
    # The problem chart has a table alternative.
    assert re.search(r"<svg[^>]*role=\"img\"", html)
    assert "Show as a table" in html


@pytest.mark.django_db
def test_community_counts_only_groups_of_public_projects(client: Client, portal: Portal) -> None:
    html = client.get(f"/en/places/communities/{portal.community.pk}/").content.decode()
    # A second group there works only for the hidden project: not counted.
    assert re.search(r'class="value">1</span> <span class="label">working group<', html)
    # Two members is a small number about people: shown as "fewer than 3" (issue 15).
    assert re.search(
        r'class="value">fewer than 3</span> <span class="label">current members<', html
    )


@pytest.mark.django_db
def test_community_counts_only_public_assessments(client: Client, portal: Portal) -> None:
    html = client.get(f"/en/places/communities/{portal.community.pk}/").content.decode()
    # The hidden project's assessment also raised a street-lighting problem: not counted.
    table = html[html.index("Problems raised, by category") :]
    assert re.search(r"<td>Street lighting</td><td class=\"num\">1</td>", table)


@pytest.mark.django_db
def test_news_page_has_opengraph_tags(client: Client, portal: Portal) -> None:
    html = client.get(f"/en/news/{portal.news.pk}/").content.decode()
    assert 'property="og:type" content="article"' in html
    assert 'property="og:title" content="Residents meet the police"' in html
    assert f'content="http://testserver/en/news/{portal.news.pk}/"' in html


@pytest.mark.django_db
def test_main_navigation_links_every_public_page_type(client: Client, portal: Portal) -> None:
    html = client.get("/en/").content.decode()
    nav = html[html.index('class="wrap main-nav"') : html.index("</nav>", html.index("main-nav"))]
    for href in ["/en/projects/", "/en/places/", "/en/grants/", "/en/news/", "/en/search/"]:
        assert f'href="{href}"' in nav
    assert 'href="/en/reports/open-data/"' in nav


@pytest.mark.django_db
def test_home_shows_figures_map_news_and_featured_projects(client: Client, portal: Portal) -> None:
    html = client.get("/en/").content.decode()
    assert "communities covered" in html
    assert "data-map" in html and "Kara-Darya" in html
    assert "Residents meet the police" in html
    assert "Safer Communities Project" in html
    assert MARKERS["hidden_project"] not in html  # featured, but not public


@pytest.mark.django_db
def test_region_and_district_pages_list_projects_plans_and_news(
    client: Client, portal: Portal
) -> None:
    for url in [
        f"/en/places/regions/{portal.region.code.lower()}/",
        f"/en/places/districts/{portal.district.pk}/",
        "/en/places/kg/",
    ]:
        html = client.get(url).content.decode()
        assert "Safer Communities Project" in html, url
        assert "Kara-Darya joint plan 2022" in html, url
        assert "Residents meet the police" in html, url


@pytest.mark.django_db
def test_organisation_page_lists_projects_and_grants_received(
    client: Client, portal: Portal
) -> None:
    html = client.get("/en/organisations/yiman/").content.decode()
    assert "Youth peace club" in html and "$14,000" in html
    html = client.get(f"/en/organisations/{portal.implementer.slug}/").content.decode()
    assert "Safer Communities Project" in html and "Implementing" in html
    assert MARKERS["hidden_project"] not in html


@pytest.mark.django_db
def test_anonymous_pages_are_publicly_cacheable(client: Client, portal: Portal) -> None:
    for url in public_urls(portal):
        response = client.get(f"/en{url}")
        assert "public" in response["Cache-Control"], url
        assert "max-age=" in response["Cache-Control"], url
        assert not response.cookies, url


@pytest.mark.django_db
def test_pages_for_logged_in_users_are_never_stored(client: Client, portal: Portal) -> None:
    client.force_login(f.UserFactory())
    for url in public_urls(portal):
        response = client.get(f"/en{url}")
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
        assert "private" in response["Cache-Control"], url


@pytest.mark.django_db
def test_news_cards_show_the_first_photo_on_home_project_and_place_pages(
    client: Client, portal: Portal
) -> None:
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from communities.models import ActivityPhoto

    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), "#1d5c8c").save(buffer, format="JPEG")
    photo = ActivityPhoto.objects.create(
        activity=portal.news,
        image=SimpleUploadedFile("lamp.jpg", buffer.getvalue(), "image/jpeg"),
        caption_en="New lamp posts by the school",
    )
    src = photo.thumbnail.url if photo.thumbnail else photo.image.url
    for url in [
        "/en/",
        f"/en/projects/{portal.project.slug}/",
        f"/en/places/communities/{portal.community.pk}/",
        f"/en/places/districts/{portal.district.pk}/",
    ]:
        html = client.get(url).content.decode()
        assert f'<img src="{src}" alt="New lamp posts by the school"' in html, url


@pytest.mark.django_db
def test_organisation_list_pages_through_every_public_organisation_without_counting(
    client: Client, portal: Portal, monkeypatch: pytest.MonkeyPatch
) -> None:
    from config.pages import projects
    from grants.selectors import public_organisations

    monkeypatch.setattr(projects, "ORGANISATIONS_PER_PAGE", 2)
    for index in range(3):
        f.PartnershipFactory(
            project=portal.project, organisation=f.OrganisationFactory(slug=f"partner-{index}")
        )
    public = list(public_organisations().order_by("slug").values_list("slug", flat=True))
    last = -(-len(public) // 2)

    listed = []
    for number in range(1, last + 1):
        html = client.get(f"/en/organisations/?page={number}").content.decode()
        listed += re.findall(r'href="/en/organisations/([^/"]+)/"', html)
        if number < last:
            assert f"Page {number} of more than {number}" in html
            assert f'href="?page={number + 1}" rel="next"' in html
        else:
            assert f"Page {last} of {last}" in html
            assert 'rel="next"' not in html

    assert listed == public
    assert "hidden-org" not in listed
    # A page past the end shows the last one, as before.
    beyond = client.get("/en/organisations/?page=999").content.decode()
    assert f"Page {last} of {last}" in beyond
