"""Dates and numbers read as each language writes them (config/formats/)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import formats, translation

DAY = dt.date(2024, 12, 4)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "4 декабря 2024 г."),
        ("ky", "4 декабрь 2024 ж."),
        ("tg", "4 декабр 2024"),
        ("en", "Dec. 4, 2024"),
    ],
)
def test_dates_are_written_the_way_each_language_writes_them(language: str, expected: str) -> None:
    with translation.override(language):
        assert formats.date_format(DAY, "DATE_FORMAT") == expected


def test_kyrgyz_months_are_lower_case_and_tajik_dates_carry_no_russian_abbreviation() -> None:
    with translation.override("ky"):
        assert "Декабрь" not in formats.date_format(DAY, "DATE_FORMAT")
    with translation.override("tg"):
        assert "г." not in formats.date_format(DAY, "DATE_FORMAT")
        assert "г." not in formats.date_format(DAY, "YEAR_MONTH_FORMAT")


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ru", "1\xa0234\xa0567,5"), ("ky", "1\xa0234\xa0567,5"), ("tg", "1\xa0234\xa0567,5")],
)
def test_numbers_group_with_spaces_and_a_decimal_comma(language: str, expected: str) -> None:
    with translation.override(language):
        assert formats.number_format(1234567.5, 1, force_grouping=True) == expected
