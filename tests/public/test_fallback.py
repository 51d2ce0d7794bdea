"""Content written in one language shows in every other, with a marker naming the language it
is in, in the page's language; feeds, exports and the staff queue follow the same order; and
reviewers add the missing translations while reviewing."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from communities.models import Activity
from core.i18n import fallback_order, shown_language, shown_text
from tests import factories as f

MARKERS = {
    "ru": "(показано на кыргызском)",
    "en": "(shown in Kyrgyz)",
    "tg": "(бо забони қирғизӣ нишон дода шудааст)",
}


@pytest.fixture
def kyrgyz_news(db: None) -> Activity:
    return f.ActivityFactory(
        published=True,
        title_en="",
        title_ru="",
        title_ky="Жаштар менен жолугушуу",
        description_en="",
        description_ky="Жаштар коопсуздук жөнүндө сүйлөштү.",
    )


def test_the_default_order_goes_in_every_direction() -> None:
    assert fallback_order("ky") == ("ru", "en", "tg")
    assert fallback_order("tg") == ("ru", "en", "ky")
    assert fallback_order("ru") == ("en", "ky", "tg")
    assert fallback_order("en") == ("ru", "ky", "tg")


@pytest.mark.parametrize("language", ["ru", "en", "tg"])
@pytest.mark.django_db
def test_a_title_only_in_kyrgyz_shows_with_its_marker_on_the_news_page(
    client: Client, kyrgyz_news: Activity, language: str
) -> None:
    html = client.get(f"/{language}/news/{kyrgyz_news.pk}/").content.decode()
    assert "Жаштар менен жолугушуу" in html
    assert MARKERS[language] in html
    title = html[html.index("<title>") : html.index("</title>")]
    assert "Жаштар менен жолугушуу" in title


@pytest.mark.django_db
def test_a_kyrgyz_page_shows_no_marker_for_kyrgyz_text(
    client: Client, kyrgyz_news: Activity
) -> None:
    html = client.get(f"/ky/news/{kyrgyz_news.pk}/").content.decode()
    heading = html[html.index("<h1") : html.index("</h1>")]
    assert "Жаштар менен жолугушуу" in heading
    assert "lang-note" not in html[html.index("<h1") : html.index("<time")]


@pytest.mark.django_db
def test_a_tajik_title_shows_on_a_kyrgyz_page_and_the_reverse(db: None) -> None:
    tajik = f.ActivityFactory(title_en="", title_ru="", title_tg="Вохӯрӣ бо ҷавонон")
    with translation.override("ky"):
        assert Activity.objects.get(pk=tajik.pk).title == "Вохӯрӣ бо ҷавонон"
    assert shown_text(tajik, "title", "ky") == ("Вохӯрӣ бо ҷавонон", "tg")
    kyrgyz = f.ActivityFactory(title_en="", title_ru="", title_ky="Жолугушуу")
    with translation.override("tg"):
        assert Activity.objects.get(pk=kyrgyz.pk).title == "Жолугушуу"


@pytest.mark.django_db
def test_the_order_is_configurable(db: None) -> None:
    news = f.ActivityFactory(title_en="Meeting", title_ru="", title_ky="Жолугушуу")
    assert shown_language(news, "title", "ru") == "en"
    with override_settings(
        MODELTRANSLATION_FALLBACK_LANGUAGES={"default": ("ru",), "ru": ("ky", "en")}
    ):
        assert shown_language(news, "title", "ru") == "ky"


@pytest.mark.django_db
def test_the_russian_feed_has_the_kyrgyz_title_with_its_marker(
    client: Client, kyrgyz_news: Activity
) -> None:
    body = client.get("/ru/news/feed/").content.decode()
    assert "Жаштар менен жолугушуу (показано на кыргызском)" in body


@pytest.mark.django_db
def test_the_staff_queue_shows_the_kyrgyz_title_not_untitled(
    client: Client, manager: Any, project: Any
) -> None:
    f.ActivityFactory(project=project, title_en="", title_ru="", title_ky="Жолугушуу")
    client.force_login(manager)
    html = client.get("/ru/staff/activities/").content.decode()
    assert "Жолугушуу" in html
    assert "(без названия)" not in html


# --- Reviewers add translations ------------------------------------------------------------


def _translate_url(activity: Activity) -> str:
    return reverse("staff:activity_translate", args=[activity.pk])


@pytest.mark.django_db
def test_translation_posts_matrix(
    client: Client, project: Any, viewer: Any, field_officer: Any, manager: Any, outsider: Any
) -> None:
    activity = f.ActivityFactory(project=project, title_en="", title_ru="", title_ky="Жолугушуу")
    data = {"title_ky": "Жолугушуу", "title_ru": "Встреча"}
    assert client.post(_translate_url(activity), data).status_code == 302  # to login
    for user, expected in ((outsider, 404), (viewer, 403), (field_officer, 403)):
        client.force_login(user)
        assert client.post(_translate_url(activity), data).status_code == expected
    activity.refresh_from_db()
    assert activity.title_ru == ""
    client.force_login(manager)
    assert client.get(_translate_url(activity)).status_code == 405
    response = client.post(_translate_url(activity), data)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.title_ru, activity.title_ky) == ("Встреча", "Жолугушуу")


@pytest.mark.django_db
def test_the_review_page_offers_the_translation_form_to_reviewers_only(
    client: Client, project: Any, manager: Any, field_officer: Any
) -> None:
    activity = f.ActivityFactory(project=project)
    url = reverse("staff:activity_detail", args=[activity.pk])
    client.force_login(manager)
    assert _translate_url(activity) in client.get(url).content.decode()
    client.force_login(field_officer)
    assert _translate_url(activity) not in client.get(url).content.decode()


@pytest.mark.django_db
def test_a_translation_cannot_leave_the_title_empty_in_every_language(
    client: Client, project: Any, manager: Any
) -> None:
    activity = f.ActivityFactory(project=project, title_en="", title_ru="", title_ky="Жолугушуу")
    client.force_login(manager)
    response = client.post(f"/ru{_translate_url(activity)[3:]}", {"title_ky": ""})
    assert response.status_code == 400
    assert "Укажите название хотя бы на одном языке." in response.content.decode()
    activity.refresh_from_db()
    assert activity.title_ky == "Жолугушуу"
