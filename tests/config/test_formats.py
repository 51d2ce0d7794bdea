"""Dates and numbers read as each language writes them (config/formats/): Kyrgyz as the
Unicode CLDR writes it («2024-ж., 4-декабрь»), Tajik as the Government's own papers do
(«4 декабри соли 2024»), month names in lower case inside a date in both, and no Russian «г.»
on a Tajik page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import formats, translation

from core.partial_dates import (
    KYRGYZ_MONTH_DATIVE,
    DatePrecision,
    date_until_format,
    partial_date_format,
)
from core.templatetags.portal import money, number

DAY = dt.date(2024, 12, 4)
MAY_DAY = dt.datetime(2024, 5, 4, 15, 7)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "4 декабря 2024 г."),
        ("ky", "2024-ж., 4-декабрь"),
        ("tg", "4 декабри соли 2024"),
        ("en", "Dec. 4, 2024"),
    ],
)
def test_dates_are_written_the_way_each_language_writes_them(language: str, expected: str) -> None:
    with translation.override(language):
        assert formats.date_format(DAY, "DATE_FORMAT") == expected


@pytest.mark.parametrize(
    ("language", "format_name", "expected"),
    [
        # A project known to the month: «since May 2024».
        ("ky", "YEAR_MONTH_FORMAT", "2024-ж., май"),
        ("tg", "YEAR_MONTH_FORMAT", "майи соли 2024"),
        ("ky", "MONTH_DAY_FORMAT", "4-май"),
        ("tg", "MONTH_DAY_FORMAT", "4 май"),
        # Django's own wrote «4 Май» (the stand-alone month) for Russian.
        ("ru", "MONTH_DAY_FORMAT", "4 мая"),
        ("ky", "DATETIME_FORMAT", "2024-ж., 4-май 15:07"),
        ("tg", "DATETIME_FORMAT", "4 майи соли 2024, 15:07"),
        ("ky", "SHORT_DATE_FORMAT", "04.05.2024"),
        ("tg", "SHORT_DATE_FORMAT", "04.05.2024"),
    ],
)
def test_every_date_format_of_kyrgyz_and_tajik_pages(
    language: str, format_name: str, expected: str
) -> None:
    with translation.override(language):
        assert formats.date_format(MAY_DAY, format_name) == expected


@pytest.mark.parametrize("language", ["ky", "tg"])
@pytest.mark.parametrize(
    "format_name", ["DATE_FORMAT", "DATETIME_FORMAT", "YEAR_MONTH_FORMAT", "MONTH_DAY_FORMAT"]
)
def test_kyrgyz_and_tajik_months_are_lower_case_and_carry_no_russian_abbreviation(
    language: str, format_name: str
) -> None:
    with translation.override(language):
        for month in range(1, 13):
            written = formats.date_format(dt.datetime(2024, month, 4, 9, 30), format_name)
            assert written == written.lower(), written
            assert "г." not in written, written


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ru", "1\xa0234\xa0567,5"), ("ky", "1\xa0234\xa0567,5"), ("tg", "1\xa0234\xa0567,5")],
)
def test_numbers_group_with_spaces_and_a_decimal_comma(language: str, expected: str) -> None:
    with translation.override(language):
        assert formats.number_format(1234567.5, 1, force_grouping=True) == expected


@pytest.mark.parametrize(
    ("language", "count", "amount"),
    [
        ("ru", "245\xa0000", "1\xa0250\xa0000,50\xa0сом"),
        ("ky", "245\xa0000", "1\xa0250\xa0000,50\xa0сом"),
        ("tg", "245\xa0000", "1\xa0250\xa0000,50\xa0сом"),
        ("en", "245,000", "1,250,000.50\xa0сом"),
    ],
)
def test_the_pages_counts_and_amounts_use_the_same_separators(
    language: str, count: str, amount: str
) -> None:
    with translation.override(language):
        assert number(245000) == count
        assert money(1250000.5, "KGS") == amount


# --- dates inside a sentence -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("month", "dative"),
    [
        (1, "январга"),
        (3, "мартка"),
        (4, "апрелге"),
        (5, "майга"),
        (6, "июнга"),
        (8, "августка"),
        (12, "декабрга"),
    ],
)
def test_a_kyrgyz_date_before_until_is_in_the_dative(month: int, dative: str) -> None:
    # «15-декабрь чейин» is the nominative where «чейин» (until) governs the dative.
    with translation.override("ky"):
        assert date_until_format(dt.date(2024, month, 15)) == f"2024-ж., 15-{dative}"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ru", "15 декабря 2024 г."), ("tg", "15 декабри соли 2024"), ("en", "Dec. 15, 2024")],
)
def test_other_languages_write_the_date_before_until_as_always(
    language: str, expected: str
) -> None:
    with translation.override(language):
        assert date_until_format(dt.date(2024, 12, 15)) == expected


def test_every_kyrgyz_month_has_its_dative() -> None:
    with translation.override("ky"):
        for month in range(1, 13):
            written = date_until_format(dt.date(2024, month, 1))
            assert written.endswith(KYRGYZ_MONTH_DATIVE[month]), written
            assert written != formats.date_format(dt.date(2024, month, 1), "DATE_FORMAT")


def test_a_russian_month_and_year_is_lower_case_after_other_words_only() -> None:
    october = dt.date(2019, 10, 1)
    with translation.override("ru"):
        # At the start of a cell, as a sentence begins; after «… –» in lower case.
        assert partial_date_format(october, DatePrecision.MONTH) == "Октябрь 2019 г."
        assert partial_date_format(october, DatePrecision.MONTH, inside=True) == "октябрь 2019 г."
    with translation.override("en"):
        # English capitalises month names everywhere.
        assert partial_date_format(october, DatePrecision.MONTH, inside=True) == "October 2019"
