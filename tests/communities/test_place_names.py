"""Place names in the four languages where the sources give only some (communities/place_names.py
and the gazetteer loader)."""

from __future__ import annotations

import csv
from collections import Counter

import pytest
from django.utils import translation

from communities.models import Community, District, Region
from communities.place_names import (
    complete_place_names,
    cyrillic_to_latin,
    latin_to_kyrgyz,
    latin_to_tajik,
    tajik_to_russian,
)


def _loaded_kyrgyz_names(soate_codes: list[str]) -> dict[str, str]:
    """The Kyrgyz names the gazetteer loader gives these units, by SOATE code."""
    from communities.management.gazetteer_loader import load_gazetteer

    load_gazetteer()
    return dict(
        Community.objects.filter(soate_code__in=soate_codes).values_list("soate_code", "name_ky")
    )


@pytest.mark.parametrize(
    ("latin", "tajik"),
    [("Surkh", "Сурх"), ("Jayhun", "Ҷайҳун"), ("Shamsiddin Shohin", "Шамсиддин Шоҳин")],
)
def test_a_tajik_name_is_read_back_from_the_official_romanisation(latin: str, tajik: str) -> None:
    assert latin_to_tajik(latin) == tajik


def test_russian_pages_get_the_tajik_name_in_russian_letters() -> None:
    assert tajik_to_russian("Ҷайҳун") == "Джайхун"
    assert tajik_to_russian("Ҳамадонӣ") == "Хамадони"


@pytest.mark.parametrize(
    ("latin", "kyrgyz"),
    [
        ("Abdy-Suerkulov", "Абды-Суеркулов"),
        ("Kadamjay", "Кадамжай"),
        ("Kyzyl-Kiya", "Кызыл-Кия"),
        ("Tong", "Тоң"),
        # ...and inside a word: «Жангы Жер» was shown for Жаңы-Жер before.
        ("Jangy Jer", "Жаңы Жер"),
        ("Kengesh", "Кеңеш"),
        ("Kongorchok", "Коңорчок"),
        ("Chüy", "Чүй"),
        # й after a vowel only: the second y of "Jayyl" follows й.
        ("Jayyl", "Жайыл"),
        ("Kyzyl-Dyykan", "Кызыл-Дыйкан"),
    ],
)
def test_a_kyrgyz_name_is_read_back_from_its_romanisation(latin: str, kyrgyz: str) -> None:
    assert latin_to_kyrgyz(latin) == kyrgyz


def test_english_names_follow_bgn_pcgn() -> None:
    assert cyrillic_to_latin("Ысык-Көл") == "Ysyk-Köl"
    assert cyrillic_to_latin("Жети-Өгүз") == "Zheti-Ögüz"


def test_a_tajik_region_gets_a_kyrgyz_form_not_the_russian_one() -> None:
    names = complete_place_names(
        {
            "name_en": "Khatlon Region",
            "name_ru": "Хатлонская область",
            "name_ky": "",
            "name_tg": "Вилояти Хатлон",
        },
        country="TJ",
        level="region",
        kind="viloyat",
        code="TJ-KT",
    )
    assert names["name_ky"] == "Хатлон облусу"


def test_an_english_name_drops_the_russian_term_written_before_the_name() -> None:
    names = complete_place_names(
        {"name_en": "", "name_ru": "Айылный аймак Курама", "name_ky": "", "name_tg": ""},
        country="KG",
        level="community",
        kind="ayil_aimak",
    )
    assert names["name_en"] == "Kurama ayil aimak"


def test_sourced_names_are_never_overwritten() -> None:
    given = {"name_en": "Osh", "name_ru": "Ош", "name_ky": "Ош шаары", "name_tg": "Ош"}
    assert complete_place_names(given, country="KG", level="region", kind="city") == given


@pytest.mark.django_db
def test_the_loaded_gazetteer_has_every_place_in_cyrillic_for_ru_ky_and_tg_pages() -> None:
    from communities.management.gazetteer_loader import load_gazetteer

    load_gazetteer()
    surkh = Community.objects.get(name_en="Surkh")
    assert (surkh.name_ru, surkh.name_ky, surkh.name_tg) == ("Сурх", "Сурх", "Сурх")
    assert Region.objects.get(code="TJ-KT").name_ky == "Хатлон облусу"
    assert Region.objects.get(code="KG-B").name_tg == "Вилояти Баткен"
    assert not District.objects.filter(country="TJ", name_ru="").exists()
    assert not Community.objects.filter(country="TJ", name_tg="").exists()
    assert not Community.objects.filter(name_en="").exists()
    ak_bashat = Community.objects.get(soate_code="41708209822000")
    assert (ak_bashat.name_en, ak_bashat.name_ky) == ("Ak-Bashat", "Ак-Башат айыл аймагы")


def test_an_english_name_marked_as_a_russian_romanisation_is_not_read_back() -> None:
    names = {"name_en": "Kek-Moynok", "name_ru": "Кек-Мойнокский айылный аймак"}
    kept = complete_place_names(
        names, country="KG", level="community", kind="ayil_aimak", read_back_kyrgyz=False
    )
    assert kept["name_ky"] == ""
    assert kept["name_en"] == "Kek-Moynok"
    read = complete_place_names(names, country="KG", level="community", kind="ayil_aimak")
    assert read["name_ky"] == "Кек-Мойнок айыл аймагы"


@pytest.mark.django_db
def test_kyrgyz_base_names_from_sources_give_the_official_kyrgyz_form() -> None:
    from communities.management.gazetteer_loader import load_gazetteer

    load_gazetteer()
    burgondu = Community.objects.get(soate_code="41703215819000")
    assert burgondu.name_ky == "Бүргөндү айыл аймагы"
    # A sourced Kyrgyz spelling beats reading the English name back ("Kotorma").
    kotormo = Community.objects.get(soate_code="41705258825000")
    assert kotormo.name_ky == "Көтөрмө айыл аймагы"
    # Without a Kyrgyz source no Kyrgyz form is made up: the Russian one is the fallback.
    daryinskiy = Community.objects.get(soate_code="41705214812000")
    assert daryinskiy.name_ky == ""
    unnamed = Community.objects.filter(country="KG", kind="ayil_aimak", name_ky="")
    assert unnamed.count() == 189


@pytest.mark.django_db
def test_english_wikipedia_names_are_read_back_only_where_the_source_writes_o_u() -> None:
    from communities.management.gazetteer_loader import load_gazetteer

    load_gazetteer()
    names = {
        c.soate_code: (c.name_en, c.name_ky)
        for c in Community.objects.filter(
            soate_code__in=[
                "41708209811000",
                "41708209838000",
                "41702220807000",
                "41703225843000",
                "41707225820000",
            ]
        )
    }
    assert names == {
        # Jayyl district's article writes ö/ü: its names are read back.
        "41708209811000": ("Jayyl", "Жайыл айыл аймагы"),
        # Without SOATE's hyphen ("Sarykoo" ↔ Сары-Кооский) the Kyrgyz form is not settled.
        "41708209838000": ("Sarykoo", ""),
        # Tong and Toktogul articles drop ö/ü (Kek-Moynok for Көк-Мойнок): English only.
        "41702220807000": ("Kek-Moynok", ""),
        "41703225843000": ("Abdy-Suerkulov", ""),
        # A sourced Kyrgyz name stays; the English one comes from the Manas district article.
        "41707225820000": ("Kirghizia", "Кыргызстан айыл аймагы"),
    }
    no_english = Community.objects.filter(
        country="KG", kind="ayil_aimak", name_en__endswith=" ayil aimak"
    )
    assert no_english.filter(name_ky="").count() == 162


@pytest.mark.django_db
def test_the_loader_gives_ayil_aimaks_their_kyrgyz_names_from_the_added_sources() -> None:
    names = _loaded_kyrgyz_names(["41707225820000", "41708203845000", "41703220854000"])
    # Kyrgyz Wikipedia (Manas district), mediaportal.kg (Alamüdün), eltr.kg (Suzak).
    assert names == {
        "41707225820000": "Кыргызстан айыл аймагы",
        "41708203845000": "Төмөнкү Ала-Арча айыл аймагы",
        "41703220854000": "С. Атабеков айыл аймагы",
    }
    # The Russian (SOATE) form stays as it was.
    kyrgyzstan = Community.objects.get(soate_code="41707225820000")
    assert kyrgyzstan.name_ru == "Киргизия айылный аймак"
    assert "ky.wikipedia" in kyrgyzstan.source_note


@pytest.mark.django_db
def test_election_catalogue_and_district_sources_name_more_ayil_aimaks_in_kyrgyz() -> None:
    names = _loaded_kyrgyz_names(
        [
            "41708206870000",
            "41706242813000",
            "41706255865000",
            "41706226812000",
            "41702205805000",
            "41703204850000",
        ]
    )
    # CEC press release (Ysyk-Ata), sputnik.kg electoral districts (Nookat), the Aigine
    # sacred-site catalogue (Uzgen), the Kara-Suu district site, the trade union (Ak-Suu),
    # the Ala-Buka district site.
    assert names == {
        "41708206870000": "Туз айыл аймагы",
        "41706242813000": "Т. Кулатов айыл аймагы",
        "41706255865000": "Салам-Алик айыл аймагы",
        "41706226812000": "Катта-Талдык айыл аймагы",
        "41702205805000": "Ак-Булуң айыл аймагы",
        "41703204850000": "1-Май айыл аймагы",
    }
    # The other Ак-Булунский (Tüp district) has no source and keeps the Russian fallback.
    assert Community.objects.get(soate_code="41702225873000").name_ky == ""
    salam_alik = Community.objects.get(soate_code="41706255865000")
    assert "traditionalknowledge.org" in salam_alik.source_note


@pytest.mark.django_db
def test_unit_sites_council_resolutions_and_cec_news_name_more_ayil_aimaks_in_kyrgyz() -> None:
    names = _loaded_kyrgyz_names(
        [
            "41704245829000",
            "41708206821000",
            "41706226850000",
            "41706255853000",
            "41703220812000",
            "41706207814000",
        ]
    )
    # The unit's own site on naryn-region.kg, the CEC's 2024 news on merged councils,
    # council resolutions on the Kara-Suu and Uzgen district sites, the Suzak district
    # site's pages on its ayil aimaks, and the 2025 law on Gulcho's town status.
    assert names == {
        "41704245829000": "Кара-Кужур айыл аймагы",
        "41708206821000": "Интернационал айыл аймагы",
        "41706226850000": "Савай айыл аймагы",
        "41706255853000": "Куршаб айыл аймагы",
        "41703220812000": "Барпы айыл аймагы",
        "41706207814000": "Гүлчө айыл аймагы",
    }
    # The Russian (SOATE) form stays; the row says where the Kyrgyz one comes from.
    kara_kujur = Community.objects.get(soate_code="41704245829000")
    assert kara_kujur.name_ru == "Кара-Куджурский айылный аймак"
    assert "karakujur.naryn-region.kg" in kara_kujur.source_note
    # Sokuluk's names from the 2021 English article (which writes ö/ü) are read back ...
    asylbash = Community.objects.get(soate_code="41708222829000")
    assert (asylbash.name_en, asylbash.name_ky) == ("Asylbash", "Асылбаш айыл аймагы")
    # ... unless the unit's own text spells it otherwise: its charter writes «Кунтуу»,
    # so the read-back «Күн-Туу» of "Kün-Tuu" is not used.
    kuntuu = Community.objects.get(soate_code="41708222832000")
    assert (kuntuu.name_en, kuntuu.name_ky) == ("Kün-Tuu", "Кунтуу айыл аймагы")


@pytest.mark.django_db
def test_press_encyclopedia_and_catalogue_texts_name_more_ayil_aimaks_in_kyrgyz() -> None:
    names = _loaded_kyrgyz_names(
        [
            "41706226868000",
            "41707215843000",
            "41706207823000",
            "41708223809000",
            "41703207842000",
            "41707232804000",
            "41702205850000",
        ]
    )
    # sputnik.kg (Kara-Suu), Kyrgyz Wikipedia (Kara-Buura), the Aigine catalogue (Alay), the
    # Kyrgyz encyclopedia's village article (Chüy), the Bazar-Korgon newspaper, the Aral
    # school news (Talas) and the 2024 reform decree (Ak-Suu).
    assert names == {
        "41706226868000": "Шарк айыл аймагы",
        "41707215843000": "Шекер айыл аймагы",
        "41706207823000": "Кабылан-Көл айыл аймагы",
        "41708223809000": "Бурана айыл аймагы",
        "41703207842000": "Могол айыл аймагы",
        "41707232804000": "Арал айыл аймагы",
        "41702205850000": "Челпек айыл аймагы",
    }
    # The other Аралский units (Nooken, Tüp) have no source and keep the Russian fallback.
    assert Community.objects.get(soate_code="41703215804000").name_ky == ""
    kabylan_kol = Community.objects.get(soate_code="41706207823000")
    assert kabylan_kol.name_ru == "Кабылан-Колский айылный аймак"
    assert "traditionalknowledge.org" in kabylan_kol.source_note


@pytest.mark.django_db
def test_the_2025_electoral_district_list_names_batken_and_kadamjay_ayil_aimaks() -> None:
    names = _loaded_kyrgyz_names(
        ["41705214846000", "41705214852000", "41705214824000", "41705258842000"]
    )
    # The CEC's 2025 electoral-district boundaries (24.kg, azattyk.org) and the Batken city
    # site, which names the city's neighbours.
    assert names == {
        "41705214846000": "Самаркандек айыл аймагы",
        "41705214852000": "Суу-Башы айыл аймагы",
        "41705214824000": "Кара-Булак айыл аймагы",
        # The sourced spelling replaces the read-back «Орозбек» of the English "Orozbek".
        "41705258842000": "Орозбеков айыл аймагы",
    }
    # «Дара айыл өкмөтү» on the same city page is not matched to Дарыинский: no Kyrgyz form.
    assert Community.objects.get(soate_code="41705214812000").name_ky == ""


@pytest.mark.django_db
def test_district_articles_and_kyrgyz_texts_name_more_ayil_aimaks() -> None:
    from communities.management.gazetteer_loader import load_gazetteer

    load_gazetteer()
    codes = [
        "41704235816000",
        "41702210840000",
        "41703220828000",
        "41703220834000",
        "41707215805000",
        "41708222822000",
        "41707232820000",
        "41708203864000",
        "41706207811000",
        "41708203852000",
    ]
    names = {
        c.soate_code: (c.name_en, c.name_ky) for c in Community.objects.filter(soate_code__in=codes)
    }
    assert names == {
        # Kyrgyz Wikipedia's village article «Кочкор (айыл)» and Turmush's Kyrgyz text on Lipenka:
        # no English source, so the English name is the romanised Kyrgyz one.
        "41704235816000": ("Kochkor ayil aimak", "Кочкор айыл аймагы"),
        "41702210840000": ("Lipenka ayil aimak", "Липенка айыл аймагы"),
        # The 2021 Suzak, Aitmatov (Kara-Buura), Sokuluk, Alamüdün and Alay articles write ö/ü
        # (and ng for ң), so their names are read back.
        "41703220828000": ("Kara-Daryya", "Кара-Дарыя айыл аймагы"),
        "41707215805000": ("Beysheke", "Бейшеке айыл аймагы"),
        "41708222822000": ("Jangy-Jer", "Жаңы-Жер айыл аймагы"),
        "41708203864000": ("Tash-Döbö", "Таш-Дөбө айыл аймагы"),
        "41706207811000": ("Bülölü", "Бүлөлү айыл аймагы"),
        # A Russian name whose soft sign the read-back would lose («Октябр»): English only.
        "41708203852000": ("Oktyabr", ""),
        # suzak.kg's «Көк-Арт» ↔ Кегартский, settled by the article's list of the 13 units.
        "41703220834000": ("Kök-Art", "Көк-Арт айыл аймагы"),
        # The 2009 Talas article writes "Kok-Oy" for Көк-Ой: English only, nothing read back.
        "41707232820000": ("Kok-Oy", ""),
    }
    kegart = Community.objects.get(soate_code="41703220834000")
    assert kegart.name_ru == "Кегартский айылный аймак"
    assert "suzak.kg" in kegart.source_note
    assert "Suzak District" in kegart.source_note


@pytest.mark.django_db
def test_bakay_ata_names_from_the_article_that_writes_o_u_are_read_back() -> None:
    from communities.management.gazetteer_loader import load_gazetteer

    load_gazetteer()
    names = dict(
        Community.objects.filter(
            soate_code__in=["41707220828000", "41707220835000", "41707220830000"]
        ).values_list("soate_code", "name_ky")
    )
    assert names == {
        # "Keng-Aral" and "Özgörüsh": ng is ң and ö/ü are ө/ү, as the article writes them.
        "41707220828000": "Кең-Арал айыл аймагы",
        "41707220835000": "Өзгөрүш айыл аймагы",
        # The article's "Bakay-Ata aiyl okmotu" is a renaming of Ленинпольский, not applied.
        "41707220830000": "",
    }


@pytest.mark.django_db
def test_sughd_region_takes_the_kyrgyz_form_kyrgyz_press_writes() -> None:
    from communities.management.gazetteer_loader import load_gazetteer

    load_gazetteer()
    # 24.kg writes «Согд облусу»; the pattern alone would give «Сугд облусу».
    assert Region.objects.get(code="TJ-SU").name_ky == "Согд облусу"
    assert Region.objects.get(code="TJ-KT").name_ky == "Хатлон облусу"


def _sourced_tajik_names_by_type() -> Counter[str]:
    """Tajik rows of municipalities.csv whose Tajik name a source gives (``name_local``)."""
    from communities.management.gazetteer_loader import DEFAULT_DATA_DIR

    with (DEFAULT_DATA_DIR / "municipalities.csv").open(encoding="utf-8", newline="") as handle:
        return Counter(
            row["type"]
            for row in csv.DictReader(handle)
            if row["country"] == "TJ" and row["name_local"]
        )


def test_jamoats_and_towns_carry_tajik_names_from_sources() -> None:
    # Before the Tajik sources pass: 2 jamoats, 0 towns and 15 cities of 372, 55 and 18. The
    # other rows still get the read-back of their English name at load time.
    assert _sourced_tajik_names_by_type() == {"jamoat": 48, "town": 13, "city": 16}


@pytest.mark.django_db
def test_a_sourced_tajik_name_replaces_the_read_back_of_the_english_one() -> None:
    from communities.management.gazetteer_loader import load_gazetteer

    load_gazetteer()
    names = {
        (c.district.name_en, c.name_en): (c.name_tg, c.name_ru)
        for c in Community.objects.filter(country="TJ", district__isnull=False).select_related(
            "district"
        )
    }
    # Tajik name as the source writes it; the Russian form follows it (ӯ → у, ҳ → х, ҷ → дж).
    # The read-back of the English name lost ӯ, ӣ, ъ, ғ and the final ҳ: «Чорку», «Рушон»,
    # «Навди», «Ниҷони», «Варзобқала», «Ғончи», «Газантарак», «Унҷи».
    assert names[("Isfara", "Chorku")] == ("Чоркӯҳ", "Чоркух")
    assert names[("Rushon", "Rushon")] == ("Рӯшон", "Рушон")
    assert names[("Rasht", "Navdi")] == ("Навдӣ", "Навди")
    assert names[("Istaravshan", "Nijoni")] == ("Ниҷонӣ", "Ниджони")
    assert names[("Varzob", "Varzobqala")] == ("Варзобқалъа", "Варзобкалъа")
    assert names[("Devashtich", "Ghonchi")] == ("Ғончӣ", "Гончи")
    assert names[("Devashtich", "Gazantarak")] == ("Ғазантарак", "Газантарак")
    assert names[("Bobojon Ghafurov", "Unji")] == ("Унҷӣ", "Унджи")
    # The Guliston city site writes «Чоруқдаррон»; the English list has "Choruqdayrron".
    assert names[("Guliston", "Choruqdayrron")] == ("Чоруқдаррон", "Чорукдаррон")
    # A source that writes what the read-back gave changes nothing on the page.
    assert names[("Isfara", "Surkh")] == ("Сурх", "Сурх")
    # Without a source the read-back stays («Кулканд», not the «Қулқанд» no source gives here).
    assert names[("Isfara", "Kulkand")] == ("Кулканд", "Кулканд")
    chorku = Community.objects.get(district__name_en="Isfara", name_en="Chorku")
    assert "pressa.tj" in chorku.source_note


@pytest.mark.django_db
def test_a_jamoat_shows_its_sourced_tajik_name_on_the_tajik_page_without_a_marker(client) -> None:
    from communities.management.gazetteer_loader import load_gazetteer
    from tests import factories as f

    load_gazetteer()
    chorku = Community.objects.get(district__name_en="Isfara", name_en="Chorku")
    f.ActivityFactory(published=True).communities.add(chorku)
    html = client.get(f"/tg/places/communities/{chorku.pk}/").content.decode()
    assert "Чоркӯҳ</h1>" in html
    assert '</h1> <span class="lang-note">' not in html
    html = client.get(f"/ru/places/communities/{chorku.pk}/").content.decode()
    assert "Чоркух</h1>" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("soate_code", "kyrgyz_name", "russian_form"),
    [
        # Sourced in an earlier pass.
        ("41707225818000", "Кайыңды айыл аймагы", "Каиндинский"),
        # Sourced in the latest pass, spelled ө where SOATE writes е/о.
        ("41706211829000", "Төө-Моюн айыл аймагы", "Тео-Моюнский"),
        # Sourced from a Kyrgyz Wikipedia village article, and read back from the 2021 Suzak
        # article, which writes ö/ü.
        ("41704235816000", "Кочкор айыл аймагы", "Кочкорский"),
        ("41703220838000", "Кыз-Көл айыл аймагы", "Кыз-Кельский"),
    ],
)
def test_a_sourced_ayil_aimak_shows_its_kyrgyz_name_without_the_marker(
    client, soate_code: str, kyrgyz_name: str, russian_form: str
) -> None:
    from communities.management.gazetteer_loader import load_gazetteer
    from tests import factories as f

    load_gazetteer()
    community = Community.objects.get(soate_code=soate_code)
    f.ActivityFactory(published=True).communities.add(community)
    html = client.get(f"/ky/places/communities/{community.pk}/").content.decode()
    assert f"{kyrgyz_name}</h1>" in html
    # The place's own name carries no marker (the news on the page may carry theirs).
    assert '</h1> <span class="lang-note">' not in html
    assert russian_form not in html.split("</h1>")[0].rsplit("<h1", 1)[-1]


@pytest.mark.django_db
def test_a_place_without_a_kyrgyz_name_is_marked_on_the_kyrgyz_page(client) -> None:
    from tests import factories as f

    russian_only = f.CommunityFactory(name_en="", name_ru="Дарыинский айылный аймак", name_ky="")
    kyrgyz = f.CommunityFactory(
        name_en="", name_ru="Тестовый айылный аймак", name_ky="Тест айыл аймагы"
    )
    news = f.ActivityFactory(published=True)
    news.communities.add(russian_only, kyrgyz)
    html = client.get(f"/ky/places/communities/{russian_only.pk}/").content.decode()
    marker = '</h1> <span class="lang-note">(орусча көрсөтүлдү)</span>'
    assert "Дарыинский айылный аймак" in html
    assert marker in html
    html = client.get(f"/ky/places/communities/{kyrgyz.pk}/").content.decode()
    assert "Тест айыл аймагы" in html
    assert marker not in html


@pytest.mark.django_db
def test_a_district_page_marks_each_community_it_lists_in_russian(client) -> None:
    from tests import factories as f

    russian_only = f.CommunityFactory(name_en="", name_ru="Дарыинский айылный аймак", name_ky="")
    kyrgyz = f.CommunityFactory(
        name_en="",
        name_ru="Тестовый айылный аймак",
        name_ky="Тест айыл аймагы",
        district=russian_only.district,
    )
    news = f.ActivityFactory(published=True)
    news.communities.add(russian_only, kyrgyz)
    html = client.get(f"/ky/places/districts/{russian_only.district_id}/").content.decode()
    # The list marks the Russian form as the page does («(орусча көрсөтүлдү)»); a unit with a
    # Kyrgyz name is listed without a marker.
    assert 'Дарыинский айылный аймак</a> <span class="lang-note">(орусча көрсөтүлдү)</span>' in html
    assert 'Тест айыл аймагы</a> <span class="small">' in html


@pytest.mark.django_db
def test_a_unit_named_from_english_wikipedia_shows_its_english_name_without_a_marker(
    client,
) -> None:
    from communities.management.gazetteer_loader import load_gazetteer
    from tests import factories as f

    load_gazetteer()
    kek_moynok = Community.objects.get(soate_code="41702220807000")
    f.ActivityFactory(published=True).communities.add(kek_moynok)
    html = client.get(f"/en/places/communities/{kek_moynok.pk}/").content.decode()
    heading = html.split("</h1>")[0].rsplit("<h1", 1)[-1]
    assert "Kek-Moynok" in heading
    assert "Kek-Moynokskiy" not in heading
    assert '</h1> <span class="lang-note">' not in html
    # Its Kyrgyz page shows the Russian form, marked, not a wrong read-back «Кек-Мойнок».
    html = client.get(f"/ky/places/communities/{kek_moynok.pk}/").content.decode()
    assert "Кек-Мойнокский айылный аймак" in html
    assert '</h1> <span class="lang-note">(орусча көрсөтүлдү)</span>' in html


def _breadcrumbs(html: str) -> str:
    return html[html.index('<nav class="breadcrumbs"') : html.index("</nav>", html.index("<main"))]


def _title(html: str) -> str:
    return html[html.index("<title>") : html.index("</title>")]


@pytest.mark.django_db
def test_it_marks_a_russian_form_in_the_kyrgyz_pages_title_and_breadcrumbs(client) -> None:
    from tests import factories as f

    region = f.RegionFactory(name_en="", name_ru="Тестовая область", name_ky="")
    district = f.DistrictFactory(
        region=region, name_en="", name_ru="Тестовый район", name_ky="Тест району"
    )
    russian_only = f.CommunityFactory(
        district=district, name_en="", name_ru="Дарыинский айылный аймак", name_ky=""
    )
    f.ActivityFactory(published=True).communities.add(russian_only)
    marker = "(орусча көрсөтүлдү)"
    html = client.get(f"/ky/places/communities/{russian_only.pk}/").content.decode()
    # The <title> holds text only: the marker is written into it, as the heading's note says.
    assert f"<title>Дарыинский айылный аймак {marker} — " in html
    crumbs = _breadcrumbs(html)
    assert f'Дарыинский айылный аймак <span class="lang-note">{marker}</span></li>' in crumbs
    assert f'Тестовая область</a> <span class="lang-note">{marker}</span></li>' in crumbs
    # The district has its Kyrgyz name: no marker after it.
    assert "Тест району</a></li>" in crumbs
    with translation.override("ky"):
        district_page, region_page = district.get_absolute_url(), region.get_absolute_url()
    html = client.get(district_page).content.decode()
    assert "<title>Тест району — " in html
    assert f'Тестовая область</a> <span class="lang-note">{marker}</span></li>' in html
    html = client.get(region_page).content.decode()
    assert f"<title>Тестовая область {marker} — " in html


@pytest.mark.django_db
def test_it_leaves_a_place_with_a_kyrgyz_name_unmarked_in_title_and_breadcrumbs(client) -> None:
    from tests import factories as f

    kyrgyz = f.CommunityFactory(
        name_en="", name_ru="Тестовый айылный аймак", name_ky="Тест айыл аймагы"
    )
    for unit in (kyrgyz.region, kyrgyz.district):
        unit.name_ky = f"Ky {unit.name_ru}"
        unit.save()
    f.ActivityFactory(published=True).communities.add(kyrgyz)
    html = client.get(f"/ky/places/communities/{kyrgyz.pk}/").content.decode()
    assert "<title>Тест айыл аймагы — " in html
    assert '<li aria-current="page">Тест айыл аймагы</li>' in _breadcrumbs(html)
    assert "lang-note" not in _breadcrumbs(html)
    assert "орусча" not in _title(html)
