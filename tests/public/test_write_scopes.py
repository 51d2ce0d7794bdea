"""What a news write costs the pages that show it, and what it leaves alone (core/cache.py
scopes): the home page re-renders its news part alone, open data and the sitemap index
keep their stored copies, and a news sitemap page follows only the ids in its range. Every
write that changes one of these pages still shows on its next view, in English and Russian,
and the page then matches one rendered on an empty cache."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from communities.cache_scopes import NEWS_ID_BLOCK, news_ids_scope, news_ids_scopes
from communities.models import Activity, ActivityStatus, Contribution
from tests import factories as f
from tests.public.conftest import Portal

pytestmark = pytest.mark.django_db

TITLE = {"en": "Street lamps repaired by residents", "ru": "Жители починили фонари"}
EDITED = {"en": "Street lamps and benches repaired", "ru": "Жители починили фонари и скамейки"}
HOME = {"en": "/en/", "ru": "/ru/"}


def _html(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _with_queries(client: Client, url: str) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        html = _html(client, url)
    return html, len(queries)


def _fresh(client: Client, url: str) -> str:
    """The page as an empty cache renders it."""
    cache.clear()
    return _html(client, url)


def _news(portal: Portal, **fields: Any) -> Activity:
    activity = f.ActivityFactory(
        project=portal.project, title_en=TITLE["en"], title_ru=TITLE["ru"], **fields
    )
    activity.communities.add(portal.community)
    return activity


def _publish(activity: Activity) -> None:
    activity.status = ActivityStatus.PUBLISHED
    activity.published_at = timezone.now()
    activity.save()


# --- Home page ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_it_shows_news_published_edited_unpublished_and_deleted_on_the_next_home_view(
    client: Client, portal: Portal, lang: str
) -> None:
    url = HOME[lang]
    activity = _news(portal)
    assert TITLE[lang] not in _html(client, url)

    _publish(activity)
    assert TITLE[lang] in _html(client, url)

    activity.title_en, activity.title_ru = EDITED["en"], EDITED["ru"]
    activity.save()
    shown = _html(client, url)
    assert EDITED[lang] in shown
    assert shown == _fresh(client, url)

    activity.status = ActivityStatus.DRAFT
    activity.save()
    assert EDITED[lang] not in _html(client, url)

    _publish(activity)
    assert EDITED[lang] in _html(client, url)
    activity.delete()
    shown = _html(client, url)
    assert EDITED[lang] not in shown
    assert shown == _fresh(client, url)


def test_it_renders_only_the_news_part_of_the_home_page_after_a_publish(
    client: Client, portal: Portal
) -> None:
    activity = _news(portal)
    _html(client, "/en/")
    with CaptureQueriesContext(connection) as cold:
        _fresh(client, "/en/")

    _publish(activity)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/")
    html = response.content.decode()

    assert TITLE["en"] in html
    # The news cards and their photos; the figures, the map and the featured projects come
    # from their stored parts, rendered.
    assert len(queries) <= 2 < len(cold)
    rendered = {template.name for template in response.templates}
    assert "projects/home_news.html" in rendered
    assert not rendered & {"includes/map.html", "includes/project_cards.html"}
    assert html == _fresh(client, "/en/")


def test_it_shows_a_project_edit_in_every_part_of_the_home_page(
    client: Client, portal: Portal
) -> None:
    _publish(_news(portal))
    before = _html(client, "/ru/")
    assert before.count("Проект «Безопасные сообщества»") >= 2  # a news card and a featured card

    portal.project.title_ru = "Проект «Безопасные махалли»"
    portal.project.save()

    after = _html(client, "/ru/")
    assert "Проект «Безопасные сообщества»" not in after
    assert after == _fresh(client, "/ru/")


def test_it_shows_a_new_figure_on_the_home_page_after_a_contribution_is_written(
    client: Client, portal: Portal
) -> None:
    before = _html(client, "/en/")
    received = Contribution.objects.get()
    f.ContributionFactory(action=received.action, amount=Decimal("500"), currency="USD")
    after = _html(client, "/en/")
    assert after != before
    assert after == _fresh(client, "/en/")


# --- Open data ----------------------------------------------------------------------------


@pytest.fixture
def publishable(portal: Portal) -> Portal:
    """The portal's project as open data lists it: dated, with a partner that has an IATI
    identifier."""
    portal.donor.iati_identifier = "XM-DAC-41114"
    portal.donor.save()
    portal.project.planned_start = dt.date(2022, 1, 1)
    portal.project.save()
    return portal


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_it_keeps_the_open_data_page_when_news_is_published(
    client: Client, publishable: Portal, lang: str
) -> None:
    url = f"/{lang}/reports/open-data/"
    before = _html(client, url)
    assert publishable.project.slug in before

    _publish(_news(publishable))

    html, queries = _with_queries(client, url)
    assert (html, queries) == (before, 0)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_it_shows_project_and_partner_edits_on_the_next_open_data_view(
    client: Client, publishable: Portal, lang: str
) -> None:
    url = f"/{lang}/reports/open-data/"
    assert publishable.project.slug in _html(client, url)

    setattr(publishable.project, f"title_{lang}", "Renamed for open data")
    publishable.project.save()
    assert "Renamed for open data" in _html(client, url)

    publishable.donor.iati_identifier = ""
    publishable.donor.save()
    assert publishable.project.slug not in _html(client, url)

    publishable.donor.iati_identifier = "XM-DAC-41114"
    publishable.donor.save()
    publishable.project.is_public = False
    publishable.project.save()
    shown = _html(client, url)
    assert publishable.project.slug not in shown
    assert shown == _fresh(client, url)


# --- Sitemaps -----------------------------------------------------------------------------


def test_the_id_blocks_of_a_range_cover_exactly_its_ids() -> None:
    block = NEWS_ID_BLOCK
    assert news_ids_scopes(0, block) == [news_ids_scope(1)] == [news_ids_scope(block)]
    assert news_ids_scopes(block, 2 * block) == [news_ids_scope(block + 1)]
    assert news_ids_scope(block) != news_ids_scope(block + 1)
    assert news_ids_scopes(block - 1, block + 1) == [
        news_ids_scope(block),
        news_ids_scope(block + 1),
    ]


def test_it_keeps_the_sitemap_index_when_a_publish_adds_no_page(
    client: Client, portal: Portal
) -> None:
    activity = _news(portal)
    index = _html(client, "/sitemap.xml")

    _publish(activity)

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/sitemap.xml")
    # The one query: the highest public news id, which says the news still has one page;
    # the index itself is the stored one, not rendered again.
    assert (response.content.decode(), len(queries)) == (index, 1)
    assert not response.templates


def test_it_names_a_new_page_of_news_in_the_sitemap_index_and_drops_it_again(
    client: Client, portal: Portal
) -> None:
    beyond = NEWS_ID_BLOCK * 2 + 7  # on page 3
    activity = _news(portal, id=beyond)
    assert "/sitemap-news.xml?p=3" not in _html(client, "/sitemap.xml")

    _publish(activity)
    assert "/sitemap-news.xml?p=3" in _html(client, "/sitemap.xml")
    assert f"/en/news/{beyond}/" in _html(client, "/sitemap-news.xml?p=3")

    activity.delete()
    assert "/sitemap-news.xml?p=3" not in _html(client, "/sitemap.xml")
    assert client.get("/sitemap-news.xml?p=3").status_code == 404


def test_it_follows_the_news_of_a_sitemap_page_and_keeps_the_other_pages(
    client: Client, portal: Portal
) -> None:
    on_page_2 = _news(portal, id=NEWS_ID_BLOCK + 3, published=True)
    _news(portal, id=NEWS_ID_BLOCK + 9, published=True)  # keeps page 2 when on_page_2 leaves
    # An id chosen in the first block: a drawn one lands past it wherever ids follow the
    # highest row (SQLite: 510 here) or a worker's earlier tests (PostgreSQL sequences).
    taken = set(Activity.objects.filter(pk__lte=NEWS_ID_BLOCK).values_list("pk", flat=True))
    on_page_1 = _news(portal, id=max(set(range(1, NEWS_ID_BLOCK + 1)) - taken))
    first, second = (_html(client, f"/sitemap-news.xml?p={page}") for page in (1, 2))
    assert f"/en/news/{on_page_2.pk}/" in second
    assert f"/en/news/{on_page_1.pk}/" not in first

    _publish(on_page_1)
    html, queries = _with_queries(client, "/sitemap-news.xml?p=2")
    assert html == second
    assert queries <= 1  # the page count, after the publish; the page itself is stored
    assert f"/ru/news/{on_page_1.pk}/" in _html(client, "/sitemap-news.xml?p=1")

    on_page_2.status = ActivityStatus.DRAFT
    on_page_2.save()
    assert f"/en/news/{on_page_2.pk}/" not in _html(client, "/sitemap-news.xml?p=2")
    _publish(on_page_2)
    portal.project.is_archived = True
    portal.project.save()
    assert client.get("/sitemap-news.xml?p=2").status_code == 404
    assert f"/en/news/{on_page_1.pk}/" not in _html(client, "/sitemap-news.xml?p=1")


def test_a_stored_sitemap_page_past_the_last_one_is_a_404(client: Client, portal: Portal) -> None:
    last = _news(portal, id=NEWS_ID_BLOCK * 2 + 1, published=True)
    assert "<url>" not in _html(client, "/sitemap-news.xml?p=2")  # no news there, yet a page

    # Unpublished: nothing in page 2's range changes, but page 2 is now past the last page.
    last.status = ActivityStatus.DRAFT
    last.save()

    assert client.get("/sitemap-news.xml?p=2").status_code == 404


# --- Every page that shows news -----------------------------------------------------------


NEWS_PAGES = {
    "home": "/{lang}/",
    "news list": "/{lang}/news/",
    "news feed": "/{lang}/news/feed/",
    "project feed": "/{lang}/projects/safer-communities/feed/",
    "community": "/{lang}/places/communities/{community}/",
    "region": "/{lang}/places/regions/kg-j/",
}


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("page", sorted(NEWS_PAGES))
def test_every_news_write_shows_on_the_next_view_of_each_page_that_shows_news(
    client: Client, portal: Portal, page: str, lang: str
) -> None:
    url = NEWS_PAGES[page].format(lang=lang, community=portal.community.pk)
    activity = _news(portal)
    assert TITLE[lang] not in _html(client, url)

    _publish(activity)
    assert TITLE[lang] in _html(client, url)

    activity.title_en, activity.title_ru = EDITED["en"], EDITED["ru"]
    activity.save()
    assert EDITED[lang] in _html(client, url)

    activity.status = ActivityStatus.SUBMITTED
    activity.save()
    assert EDITED[lang] not in _html(client, url)

    _publish(activity)
    assert EDITED[lang] in _html(client, url)
    activity.delete()
    shown = _html(client, url)
    assert EDITED[lang] not in shown
    assert shown == _fresh(client, url)


# --- News cards kept one by one ---------------------------------------------------------------


def test_it_renders_only_the_written_card_of_a_news_list_after_a_publish(
    client: Client, portal: Portal
) -> None:
    activity = _news(portal)
    before = _html(client, "/en/news/")
    assert "Residents meet the police" in before  # the portal's own news: a kept card

    _publish(activity)
    response = client.get("/en/news/")

    cards = [t.name for t in response.templates if t.name == "includes/news_card.html"]
    assert cards == ["includes/news_card.html"]
    assert TITLE["en"] in response.content.decode()
    assert response.content.decode() == _fresh(client, "/en/news/")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_it_shows_a_photo_added_to_a_kept_news_card(
    client: Client, portal: Portal, lang: str
) -> None:
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from communities.models import ActivityPhoto

    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), "#1d5c8c").save(buffer, format="JPEG")
    activity = _news(portal)
    _publish(activity)
    url = f"/{lang}/news/"
    assert "has-photo" not in _html(client, url)

    ActivityPhoto.objects.create(
        activity=activity,
        image=SimpleUploadedFile("lamp.jpg", buffer.getvalue(), "image/jpeg"),
        position=1,
    )

    shown = _html(client, url)
    assert "has-photo" in shown
    assert shown == _fresh(client, url)
