"""Every public page type in the four languages: no empty title, and every record written in
only one language shows in the others with the marker naming that language, next to it
(issue #21, "done when"). The records below exist in one language each, as in the demo:
a Kyrgyz project, news item, partner, grant programme and grant, and Tajik and Russian news.
The marker is looked for in the page's text, in the attributes a reader hears or a sharing
preview shows (an image's alt, a map's accessible name, a meta description, a feed link's
title), and in the feeds, whose elements also name the language of a text in another one.
Dates on Kyrgyz and Tajik pages are checked too: month names in lower case, no Russian «г.»."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import formats, translation

from core.i18n import shown_in_label
from tests import factories as f
from tests.public.conftest import Portal

UNTITLED = ("(без названия)", "(untitled)", "(бе унвон)", "(аталышы жок)")
LANGUAGES = ["ru", "ky", "tg", "en"]
# The marker follows the text it marks within this many characters of the page's text (the
# title's own closing tags and spaces, or the rest of a card's line).
MARKER_REACH = 80

# One-language texts: what each says, in which language.
ONE_LANGUAGE = {
    "Тынчтык жолу": "ky",  # project
    "Жаштар менен жолугушуу": "ky",  # news
    "Тынчтык үчүн аялдар бирикмеси": "ky",  # partner organisation
    "Жамааттык демилгелер": "ky",  # grant programme
    "Суу түтүгүн оңдоо": "ky",  # grant
    "Вохӯрии ҷавонон дар Исфара": "tg",  # news
    "Субботник в парке": "ru",  # news
    "Дарыинский айылный аймак": "ru",  # an ayil aimak with only its Russian form
    # A theme of the Kyrgyz project, in Tajik: the summary's Kyrgyz marker follows it closely.
    "Барои ҷавонон": "tg",
    "Долбоордун жылдык отчету": "ky",  # the source of a figure the Kyrgyz project reported
    # The factories' English-only news description and project summary: marked beside a
    # title in another language.
    "Residents discussed safety problems.": "en",
    "Working groups and joint prevention plans.": "en",
}
# Texts checked in attributes only: a card or a page shows a summary in the same language as
# its title once, after the title («Тынчтык жолу (показано на кыргызском)» over its Kyrgyz
# summary), but a meta description stands alone.
ATTRIBUTE_ONLY = {"Жамааттар менен иштөө": "ky"}  # the Kyrgyz project's summary
# Attributes whose text is read out or shown: an image's alt, a map's or table's accessible
# name, a link's title (the feed links), a meta description.
READ_ATTRIBUTES = ("alt", "aria-label", "title", "content")


def _columns(field: str, language: str, text: str) -> dict[str, str]:
    """A translated field's four columns with only ``language`` filled."""
    return {f"{field}_{code}": text if code == language else "" for code in LANGUAGES}


@pytest.fixture
def one_language_records(portal: Portal) -> dict[str, Any]:
    partner = f.OrganisationFactory(
        slug="tynchtyk-ayaldar",
        **_columns("name", "ky", "Тынчтык үчүн аялдар бирикмеси"),
    )
    project = f.ProjectFactory(
        slug="tynchtyk-jolu",
        # Known to the month: shown in the year-and-month format.
        start_precision="month",
        **_columns("title", "ky", "Тынчтык жолу"),
        **_columns("summary", "ky", "Жамааттар менен иштөө"),
    )
    project.themes.add(f.ThemeFactory(slug="javonon", **_columns("name", "tg", "Барои ҷавонон")))
    f.ReportedFigureFactory(
        project=project,
        source_document=f.SourceDocumentFactory(
            **_columns("title", "ky", "Долбоордун жылдык отчету")
        ),
    )
    f.ProjectCommunityFactory(project=project, community=portal.community)
    russian_only_place = f.CommunityFactory(
        district=portal.district, **_columns("name", "ru", "Дарыинский айылный аймак")
    )
    f.ProjectCommunityFactory(project=project, community=russian_only_place)
    f.PartnershipFactory(project=project, organisation=portal.implementer)
    f.PartnershipFactory(project=project, organisation=partner)
    kyrgyz_news = f.ActivityFactory(
        project=project, published=True, **_columns("title", "ky", "Жаштар менен жолугушуу")
    )
    kyrgyz_news.communities.add(portal.community, russian_only_place)
    tajik_news = f.ActivityFactory(
        project=portal.project,
        published=True,
        **_columns("title", "tg", "Вохӯрии ҷавонон дар Исфара"),
    )
    tajik_news.communities.add(portal.community)
    russian_news = f.ActivityFactory(
        project=portal.project, published=True, **_columns("title", "ru", "Субботник в парке")
    )
    programme = f.GrantProgrammeFactory(
        slug="jamaattyk-demilgeler",
        managing_organisation=portal.implementer,
        **_columns("name", "ky", "Жамааттык демилгелер"),
    )
    grant = f.GrantFactory(
        programme=programme,
        grantee=partner,
        region=portal.region,
        **_columns("title", "ky", "Суу түтүгүн оңдоо"),
    )
    grant.communities.add(portal.community)
    return {
        "project": project,
        "partner": partner,
        "kyrgyz_news": kyrgyz_news,
        "tajik_news": tajik_news,
        "russian_news": russian_news,
        "programme": programme,
        "grant": grant,
        "russian_only_place": russian_only_place,
    }


def _pages(portal: Portal, records: dict[str, Any]) -> list[str]:
    """One address of every public page type, in the active language."""
    return [
        reverse("projects:home"),
        reverse("projects:project_list"),
        reverse("projects:project_detail", kwargs={"slug": portal.project.slug}),
        reverse("projects:project_detail", kwargs={"slug": records["project"].slug}),
        reverse("projects:organisation_list"),
        reverse("projects:organisation_detail", kwargs={"slug": portal.implementer.slug}),
        reverse("projects:organisation_detail", kwargs={"slug": records["partner"].slug}),
        reverse("projects:news_list"),
        reverse("projects:news_detail", kwargs={"pk": portal.news.pk}),
        reverse("projects:news_detail", kwargs={"pk": records["kyrgyz_news"].pk}),
        reverse("projects:news_detail", kwargs={"pk": records["tajik_news"].pk}),
        reverse("projects:news_detail", kwargs={"pk": records["russian_news"].pk}),
        reverse("projects:search") + "?q=Kara-Darya",
        reverse("reports:open_data"),
        reverse("communities:place_index"),
        reverse("communities:country_detail", kwargs={"country": "kg"}),
        portal.region.get_absolute_url(),
        portal.district.get_absolute_url(),
        portal.community.get_absolute_url(),
        records["russian_only_place"].get_absolute_url(),
        reverse("grants:grant_list"),
        portal.grant.get_absolute_url(),
        records["grant"].get_absolute_url(),
        reverse("grants:programme_detail", kwargs={"slug": portal.programme.slug}),
        reverse("grants:programme_detail", kwargs={"slug": records["programme"].slug}),
    ]


def _feeds(records: dict[str, Any]) -> list[str]:
    return [
        reverse("projects:news_feed"),
        reverse("projects:project_feed", kwargs={"slug": records["project"].slug}),
    ]


def _text(html: str, tag: str) -> str:
    match = re.search(rf"<{tag}[^>]*>(.*?)</{tag}>", html, re.S)
    return re.sub(r"<[^>]+>", "", match.group(1)).strip() if match else ""


def _visible_text(html: str) -> str:
    """The page's text as a reader sees it: tags, scripts and attributes gone, one space."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", html)))


def _read_attributes(html: str) -> list[str]:
    names = "|".join(READ_ATTRIBUTES)
    return [html_lib.unescape(v) for v in re.findall(rf'\s(?:{names})="([^"]*)"', html)]


def _misdated(text: str, language: str) -> list[str]:
    """Dates written as Kyrgyz and Tajik do not write them: a capitalised month inside a date
    («4 Декабрь», «Апрель 2021 ж.») or the Russian «г.» on a Tajik page."""
    if language not in ("ky", "tg"):
        return []
    with translation.override(language):
        capitalised = {formats.date_format(dt.date(2024, m, 1), "F") for m in range(1, 13)}
    found = [m for m in capitalised if re.search(rf"(?:\d\s*|\b){re.escape(m)}\b", text)]
    if language == "tg":
        found += re.findall(r"\d{4}\s?г\.", text)
    return found


def _unmarked(text: str, language: str, texts: dict[str, str] = ONE_LANGUAGE) -> list[str]:
    """Each one-language text shown in ``text`` without its marker close after it."""
    misses = []
    for foreign, written_in in texts.items():
        if written_in == language:
            continue
        with translation.override(language):
            marker = f"({shown_in_label(written_in)})"
        for found in re.finditer(re.escape(foreign), text):
            after = text[found.end() : found.end() + MARKER_REACH]
            if marker not in after:
                misses.append(f"{foreign!r} then {after!r}")
    return misses


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_public_page_has_an_empty_title_or_an_unmarked_foreign_text(
    client: Client, portal: Portal, one_language_records: dict[str, Any], language: str
) -> None:
    with translation.override(language):
        paths = _pages(portal, one_language_records)
    failures = []
    for path in paths:
        assert path.startswith(f"/{language}/"), path
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        title = _text(html, "title")
        assert title and not title.startswith("—"), (path, title)
        assert _text(html, "h1"), path
        body = html[html.index("<main") : html.index("</main>")]
        for untitled in UNTITLED:
            assert untitled not in body, (path, untitled)
        failures += [f"{path}: {miss}" for miss in _unmarked(_visible_text(body), language)]
        # Each attribute on its own, in the whole page (the <head>'s meta and feed links too).
        failures += [
            f"{path} attribute: {miss}"
            for value in _read_attributes(html)
            for miss in _unmarked(value, language, ONE_LANGUAGE | ATTRIBUTE_ONLY)
        ]
        failures += [f"{path} date: {miss}" for miss in _misdated(_visible_text(body), language)]
        # The <title> and the breadcrumbs on their own: in the page's text the heading's
        # marker follows the breadcrumb closely enough to pass for the breadcrumb's.
        failures += [
            f"{path} <title>: {miss}" for miss in _unmarked(html_lib.unescape(title), language)
        ]
        crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', body, re.S)
        if crumbs:
            text = _visible_text(crumbs.group(0))
            failures += [f"{path} breadcrumbs: {miss}" for miss in _unmarked(text, language)]
    assert failures == [], "\n".join(failures)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_feeds_have_no_empty_item_title_and_mark_foreign_ones(
    client: Client, portal: Portal, one_language_records: dict[str, Any], language: str
) -> None:
    with translation.override(language):
        paths = _feeds(one_language_records)
    failures = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        feed = response.content.decode()
        assert f'<feed xml:lang="{language}"' in feed, path
        entries = re.findall(r"<entry>(.*?)</entry>", feed, re.S)
        assert entries, (path, feed[:3000])
        # The feed's own title (a project's feed is named after the project) and every
        # entry's title, summary and author (the project) carry the marker in words.
        feed_title = re.search(r"<feed[^>]*><title>(.*?)</title>", feed, re.S)
        texts = [feed_title.group(1) if feed_title else ""]
        for entry in entries:
            title = re.search(r"<title([^>]*)>(.*?)</title>", entry, re.S)
            assert title and title.group(2).strip(), (path, entry)
            texts += [title.group(2), *re.findall(r"<(?:summary|name)[^>]*>(.*?)</", entry, re.S)]
            # Each title in another language names it (RFC 4287: xml:lang on any element).
            for foreign, written_in in ONE_LANGUAGE.items():
                shown = written_in != language and foreign in html_lib.unescape(title.group(2))
                if shown and f'xml:lang="{written_in}"' not in title.group(1):
                    failures.append(f"{path}: {foreign!r} without xml:lang={written_in}")
        failures += [
            f"{path}: {miss}" for t in texts for miss in _unmarked(html_lib.unescape(t), language)
        ]
    assert failures == [], "\n".join(failures)


@pytest.mark.django_db
def test_the_kyrgyz_project_shows_in_every_language(
    client: Client, portal: Portal, one_language_records: dict[str, Any]
) -> None:
    for language in LANGUAGES:
        html = client.get(f"/{language}/projects/tynchtyk-jolu/").content.decode()
        assert "Тынчтык жолу" in _text(html, "h1"), language


def test_the_marker_check_catches_a_text_shown_without_its_marker() -> None:
    # The crawl's own check: a bare Kyrgyz title on a Russian page is reported, a marked one not.
    assert _unmarked("Тынчтык жолу · Проект", "ru")
    assert not _unmarked("Тынчтык жолу (показано на кыргызском) · Проект", "ru")
