"""The UI catalogues: every string is translated into Russian, Kyrgyz and Tajik, and pages show it.

The page tests compile the committed .po files into a temporary directory with Babel, so they
check the catalogues themselves rather than whichever .mo files happen to be on disk (the .mo
files are build output and are not committed)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
TRANSLATED = ("ru", "ky", "tg")
PLURAL_FORMS = {"ru": 3, "ky": 2, "tg": 2, "en": 2}
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")


def _catalog(lang: str) -> Catalog:
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "django.po").open("rb") as po:
        return read_po(po, locale=lang)


def _messages(lang: str) -> list:
    return [message for message in _catalog(lang) if message.id]


def _placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


@pytest.fixture
def compiled_locale(settings, tmp_path):
    for lang in (*TRANSLATED, "en"):
        target = tmp_path / lang / "LC_MESSAGES"
        target.mkdir(parents=True)
        with (target / "django.mo").open("wb") as mo:
            write_mo(mo, _catalog(lang))
    # Changing LOCALE_PATHS makes Django drop its cached translations.
    settings.LOCALE_PATHS = [tmp_path]
    yield tmp_path
    translation.activate(settings.LANGUAGE_CODE)


@pytest.mark.parametrize("lang", [*TRANSLATED, "en"])
def test_every_language_has_a_catalogue_with_the_same_strings(lang: str) -> None:
    reference = {message.id for message in _messages("ru")}
    assert reference, "the Russian catalogue is empty: run `make messages`"
    assert {message.id for message in _messages(lang)} == reference


@pytest.mark.parametrize("lang", [*TRANSLATED, "en"])
def test_each_entry_stands_alone_so_union_merges_cannot_glue_two_together(lang: str) -> None:
    # The catalogues merge with `merge=union` (.gitattributes): an entry appended without a
    # blank line before it was glued to its neighbour, which lost a msgstr or kept a
    # duplicate that Babel reads silently and msgfmt refuses.
    text = (LOCALE_DIR / lang / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    blocks = [block for block in text.split("\n\n") if block.strip()]
    msgids = []
    for block in blocks:
        lines = block.splitlines()
        ids = [line for line in lines if line.startswith("msgid ")]
        assert len(ids) == 1, block
        assert any(line.startswith("msgstr") for line in lines), block
        context = [line for line in lines if line.startswith("msgctxt ")]
        msgids.append((tuple(context), "\n".join(lines[lines.index(ids[0]) :])))
    keys = [(context, entry.split("\nmsgstr")[0]) for context, entry in msgids]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("lang", TRANSLATED)
def test_it_leaves_no_string_untranslated_or_fuzzy(lang: str) -> None:
    untranslated = [
        message.id
        for message in _messages(lang)
        if "fuzzy" in message.flags
        or not message.string
        or (message.pluralizable and not all(message.string))
    ]
    assert untranslated == []
    assert not _catalog(lang).fuzzy


@pytest.mark.parametrize("lang", [*TRANSLATED, "en"])
def test_the_catalogue_declares_the_plural_forms_of_its_language(lang: str) -> None:
    catalog = _catalog(lang)
    assert catalog.num_plurals == PLURAL_FORMS[lang]
    for message in _messages(lang):
        if message.pluralizable and lang != "en":
            assert len(message.string) == PLURAL_FORMS[lang], message.id


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_keep_every_placeholder_of_the_english_text(lang: str) -> None:
    broken = []
    for message in _messages(lang):
        if message.pluralizable:
            allowed = {tuple(_placeholders(form)) for form in message.id}
            if any(tuple(_placeholders(form)) not in allowed for form in message.string):
                broken.append(message.id)
        elif _placeholders(message.string) != _placeholders(message.id):
            broken.append(message.id)
    assert broken == []


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ru", ["Портал безопасности сообществ", "Проекты", "Новости", "Места"]),
        ("ky", ["Коомчулуктун коопсуздугу порталы", "Долбоорлор", "Жаңылыктар", "Жерлер"]),
        ("tg", ["Портали амнияти ҷамоа", "Лоиҳаҳо", "Хабарҳо", "Маконҳо"]),
        ("en", ["Community Security Portal", "Projects", "News", "Places"]),
    ],
)
@pytest.mark.django_db
def test_the_home_page_speaks_the_language_in_its_address(
    client, compiled_locale, lang: str, expected: list[str]
) -> None:
    with translation.override(lang):
        url = reverse("projects:home")
    response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert f'lang="{lang}"' in html
    for text in expected:
        assert text in html
    if lang != "en":
        assert "Skip to content" not in html
        assert "Staff login" not in html


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ru", ["Вход для сотрудников", "Пароль", "Забыли пароль?"]),
        ("ky", ["Кызматкерлер үчүн кирүү", "Сырсөз", "Сырсөздү унутуп калдыңызбы?"]),
        ("tg", ["Вуруди кормандон", "Рамз", "Рамзро фаромӯш кардед?"]),
    ],
)
@pytest.mark.django_db
def test_the_staff_login_page_is_translated(
    client, compiled_locale, lang: str, expected: list[str]
) -> None:
    with translation.override(lang):
        url = reverse("staff:login")
    response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    for text in expected:
        assert text in html
    assert "Forgotten your password?" not in html


@pytest.mark.parametrize(
    ("lang", "singular", "few", "many"),
    [
        ("ru", "1 сообщество", "3 сообщества", "5 сообществ"),
        ("ky", "1 коомчулук", "3 коомчулук", "5 коомчулук"),
        ("tg", "1 ҷамоа", "3 ҷамоа", "5 ҷамоа"),
    ],
)
def test_counted_phrases_use_the_plural_rules_of_the_language(
    compiled_locale, lang: str, singular: str, few: str, many: str
) -> None:
    def communities(n: int) -> str:
        return translation.ngettext("%(counter)s community", "%(counter)s communities", n) % {
            "counter": n
        }

    with translation.override(lang):
        assert [communities(1), communities(3), communities(5)] == [singular, few, many]


def test_a_model_name_used_both_alone_and_counted_is_translated_alone(compiled_locale) -> None:
    # "working group" is both a verbose_name and a counted phrase; gettext must still find it.
    with translation.override("ky"):
        assert translation.gettext("working group") == "жумушчу топ"


def test_no_kyrgyz_text_puts_a_number_or_unit_in_the_nominative_before_until() -> None:
    # «чейин» (until) governs the dative: «10 МБга чейин», «10 метрге чейин», not «10 МБ
    # чейин». A bare placeholder before it reads as the nominative; the one exception is
    # the call's deadline, which the date_until filter writes in the dative itself.
    bare = re.compile(r"%(?:\((?!deadline\))\w+\))?[sd](?: ?(?:м|МБ))? чейин")
    found = [m.string for m in _messages("ky") if bare.search(str(m.string))]
    assert found == []


@pytest.mark.parametrize(
    ("lang", "captions"),
    [
        ("ky", ["камтылган коомчулук<", "жигердүү жумушчу топ<", "берилген грант<"]),
        ("tg", ["ҷамоаи фарогирифта<", "гурӯҳи кории фаъол<", "гранти ҷудошуда<"]),
    ],
)
@pytest.mark.django_db
def test_a_figures_caption_after_its_number_keeps_the_noun_singular(
    client, compiled_locale, lang: str, captions: list[str]
) -> None:
    # Kyrgyz and Tajik keep a noun after a numeral in the singular: «25 берилген грант»,
    # «25 гранти ҷудошуда», not «25 берилген гранттар» / «25 грантҳои ҷудошуда».
    with translation.override(lang):
        url = reverse("projects:home")
    html = client.get(url).content.decode()
    for caption in captions:
        assert f'<span class="label">{caption}' in html


def test_the_field_label_communities_covered_stays_plural() -> None:
    # The same English words label a working group's list of communities: a plural there.
    catalogue = _catalog("ky")
    assert catalogue.get("communities covered").string == "камтылган коомчулуктар"
    assert catalogue.get("community covered", "after a number").string == (
        "камтылган коомчулук",
        "камтылган коомчулук",
    )


@pytest.mark.parametrize(
    ("count", "captions"),
    [
        (1, ["охваченное сообщество", "активная рабочая группа", "присуждённый грант"]),
        (3, ["охваченных сообщества", "активные рабочие группы", "присуждённых гранта"]),
        (5, ["охваченных сообществ", "активных рабочих групп", "присуждённых грантов"]),
        (21, ["охваченное сообщество", "активная рабочая группа", "присуждённый грант"]),
    ],
)
def test_a_russian_figures_caption_agrees_with_its_number(
    compiled_locale, count: int, captions: list[str]
) -> None:
    # Russian inflects the caption by the number before it: «1 активная рабочая группа»,
    # «3 активные рабочие группы», «5 активных рабочих групп» (was «1 активных рабочих групп»).
    figures = dict.fromkeys(
        ["communities_covered", "people_covered", "working_groups_active", "plans_approved"],
        count,
    ) | {"grants_awarded": count, "cofinancing_usd": None}
    with translation.override("ru"):
        html = render_to_string("projects/home_top.html", {"figures": figures})
    for caption in captions:
        assert f'<span class="value">{count}</span> <span class="label">{caption}</span>' in html
