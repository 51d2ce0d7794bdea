"""Every public page in the four languages: no empty title, and a record written in only one
language shows in the others with the marker naming that language (issue #21)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests import factories as f
from tests.public.conftest import Portal

KYRGYZ_TITLE = "Тынчтык жолу"
KYRGYZ_NEWS = "Жаштар менен жолугушуу"
MARKER = {
    "ru": "(показано на кыргызском)",
    "en": "(shown in Kyrgyz)",
    "tg": "(бо забони қирғизӣ нишон дода шудааст)",
}
UNTITLED = ("(без названия)", "(untitled)", "(бе унвон)", "(аталышы жок)")
LANGUAGES = ["ru", "ky", "tg", "en"]


@pytest.fixture
def kyrgyz_records(portal: Portal) -> dict[str, Any]:
    project = f.ProjectFactory(
        slug="tynchtyk-jolu", title_en="", title_ru="", title_ky=KYRGYZ_TITLE, summary_en=""
    )
    f.ProjectCommunityFactory(project=project, community=portal.community)
    f.PartnershipFactory(project=project, organisation=portal.implementer)
    news = f.ActivityFactory(
        project=project, published=True, title_en="", title_ru="", title_ky=KYRGYZ_NEWS
    )
    news.communities.add(portal.community)
    return {"project": project, "news": news}


def _paths(portal: Portal, records: dict[str, Any]) -> list[str]:
    return [
        reverse("projects:home"),
        reverse("projects:project_list"),
        reverse("projects:project_detail", kwargs={"slug": portal.project.slug}),
        reverse("projects:project_detail", kwargs={"slug": records["project"].slug}),
        reverse("projects:organisation_list"),
        reverse("projects:organisation_detail", kwargs={"slug": portal.implementer.slug}),
        reverse("projects:news_list"),
        reverse("projects:news_detail", kwargs={"pk": portal.news.pk}),
        reverse("projects:news_detail", kwargs={"pk": records["news"].pk}),
        reverse("projects:search") + "?q=Kara-Darya",
        reverse("communities:place_index"),
        portal.region.get_absolute_url(),
        portal.district.get_absolute_url(),
        portal.community.get_absolute_url(),
        reverse("grants:grant_list"),
        portal.grant.get_absolute_url(),
    ]


def _text(html: str, tag: str) -> str:
    match = re.search(rf"<{tag}[^>]*>(.*?)</{tag}>", html, re.S)
    return re.sub(r"<[^>]+>", "", match.group(1)).strip() if match else ""


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_public_page_has_an_empty_title_or_an_unmarked_foreign_text(
    client: Client, portal: Portal, kyrgyz_records: dict[str, Any], language: str
) -> None:
    with translation.override(language):
        paths = _paths(portal, kyrgyz_records)
    for path in paths:
        assert path.startswith(f"/{language}/"), path
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        title = _text(html, "title")
        assert title and not title.startswith("—"), (path, title)
        assert _text(html, "h1"), path
        body = html[html.index("<main") :]
        for untitled in UNTITLED:
            assert untitled not in body, (path, untitled)
        if language != "ky" and (KYRGYZ_TITLE in body or KYRGYZ_NEWS in body):
            assert MARKER[language] in body, path


@pytest.mark.django_db
def test_the_kyrgyz_project_shows_in_every_language(
    client: Client, portal: Portal, kyrgyz_records: dict[str, Any]
) -> None:
    for language in LANGUAGES:
        html = client.get(f"/{language}/projects/tynchtyk-jolu/").content.decode()
        assert KYRGYZ_TITLE in _text(html, "h1"), language
