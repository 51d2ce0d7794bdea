"""The content fallback rule as SQL expressions (core.i18n): the same text and marker as the
Python helpers give for a loaded record."""

from __future__ import annotations

import pytest
from django.utils import translation

from communities.models import Community, Region
from core.i18n import (
    label_marker,
    language_in_sql,
    marked_label,
    marked_text,
    marked_text_in_sql,
    shown_in_label,
    text_in_sql,
)
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_sql_forms_agree_with_the_python_ones_in_every_page_language() -> None:
    russian_only = f.RegionFactory(code="T90001", name_en="", name_ru="Баткенская область")
    Region.objects.filter(pk=russian_only.pk).update(name_ky="", name_tg="")
    for page in ("ru", "ky", "en", "tg"):
        with translation.override(page):
            row = (
                Region.objects.filter(pk=russian_only.pk)
                .annotate(
                    text=text_in_sql("name"),
                    shown=language_in_sql("name"),
                    marked=marked_text_in_sql("name"),
                )
                .values("text", "shown", "marked")[0]
            )
            region = Region.objects.get(pk=russian_only.pk)
            assert row == {
                "text": "Баткенская область",
                "shown": "ru",
                "marked": marked_text(region, "name", page),
            }, page
    with translation.override("ky"):
        assert row_marked(russian_only.pk) == "Баткенская область (орусча көрсөтүлдү)"


def row_marked(pk: int) -> str:
    return Region.objects.annotate(label=marked_text_in_sql("name")).get(pk=pk).label


def test_a_related_name_follows_the_rule_and_nothing_filled_gives_an_empty_text() -> None:
    region = f.RegionFactory(code="T90002", name_en="Batken", name_ru="", name_ky="Баткен облусу")
    Region.objects.filter(pk=region.pk).update(name_ru="", name_tg="")
    village = f.CommunityFactory(district=f.DistrictFactory(region=region))
    Community.objects.filter(pk=village.pk).update(name_en="", name_ru="", name_ky="", name_tg="")
    with translation.override("ru"):
        row = (
            Community.objects.filter(pk=village.pk)
            .annotate(region_label=marked_text_in_sql("region__name"), label=text_in_sql("name"))
            .values("region_label", "label")[0]
        )
    assert row == {"region_label": "Batken (показано на английском)", "label": ""}


@pytest.mark.parametrize("page", ["en", "ru", "ky", "tg"])
def test_the_translated_getter_gives_what_the_descriptor_gives(page) -> None:
    from core.i18n import translated_getter
    from projects.models import Organisation

    texts = [
        {"name_en": "Fund", "name_ru": "Фонд", "name_ky": "Фонду", "name_tg": "Фонди"},
        {"name_en": "Fund", "name_ru": "", "name_ky": "", "name_tg": ""},
        {"name_en": "", "name_ru": "Фонд", "name_ky": "", "name_tg": ""},
        {"name_en": "", "name_ru": "", "name_ky": "Фонду", "name_tg": ""},
        {"name_en": "", "name_ru": "", "name_ky": "", "name_tg": "Фонди"},
        {"name_en": "", "name_ru": "", "name_ky": "", "name_tg": ""},
    ]
    organisations = [Organisation(**values) for values in texts]
    with translation.override(page):
        name = translated_getter(Organisation, "name")
        assert [name(o) for o in organisations] == [o.name for o in organisations]


@pytest.mark.parametrize("page", ["en", "ru", "ky", "tg"])
def test_a_lists_label_marker_marks_as_marked_label_does(page) -> None:
    organisations = [
        f.OrganisationFactory(acronym="UN"),
        f.OrganisationFactory(name_en="", name_ru="", name_ky="Тынчтык", acronym="ТБ"),
        f.OrganisationFactory(name_en="", name_ru="", name_ky="", name_tg="Сулҳ"),
    ]
    with translation.override(page):
        mark = label_marker("name")
        for organisation in organisations:
            expected = marked_label(organisation, "name")
            assert mark(organisation, str(organisation)) == expected
        # The Kyrgyz-only organisation is marked on every other page, its acronym kept.
        marker = "" if page == "ky" else f" ({shown_in_label('ky')})"
        assert mark(organisations[1], str(organisations[1])) == f"Тынчтык (ТБ){marker}"
