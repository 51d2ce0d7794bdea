"""Column rules of the grants template, with the spellings the seeds and programmes use."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from core.spreadsheets.columns import (
    CellError,
    HeaderError,
    clean_amount,
    clean_currency,
    clean_date,
    clean_text,
    map_headers,
    organisation_match_key,
)
from grants.import_columns import GRANT_COLUMNS
from tests.grants.conftest import EN_HEADERS, RU_HEADERS


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1 250 000", Decimal("1250000.00")),
        ("1,250,000.00", Decimal("1250000.00")),
        ("1 250 000,50", Decimal("1250000.50")),
        ("1.250.000,50", Decimal("1250000.50")),
        ("1\u00a0250\u00a0000", Decimal("1250000.00")),
        (1250000, Decimal("1250000.00")),
        (1250000.5, Decimal("1250000.50")),
        ("", None),
        (None, None),
    ],
)
def test_it_reads_amounts_as_people_write_them(raw: object, expected: Decimal | None) -> None:
    assert clean_amount(raw) == expected


@pytest.mark.parametrize(
    ("raw", "problem"),
    [("много", "is not an amount"), ("-5", "negative"), ("12.345", "two decimal places")],
)
def test_it_rejects_what_is_not_an_amount(raw: str, problem: str) -> None:
    with pytest.raises(CellError, match=problem):
        clean_amount(raw)


def test_it_reads_a_single_comma_before_three_digits_as_thousands() -> None:
    assert clean_amount("1,505") == Decimal("1505.00")


def test_it_rejects_more_than_two_decimals_typed_as_text() -> None:
    with pytest.raises(CellError, match="more than two decimal places"):
        clean_amount("10.555")


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("сом", "KGS"),
        ("Сом", "KGS"),
        ("KGS", "KGS"),
        ("kgs", "KGS"),
        ("сомони", "TJS"),
        ("TJS", "TJS"),
        ("$", "USD"),
        ("доллар", "USD"),
        ("USD", "USD"),
        ("евро", "EUR"),
        ("€", "EUR"),
        ("EUR", "EUR"),
        ("", None),
    ],
)
def test_it_reads_currency_words_and_iso_codes(raw: str, code: str | None) -> None:
    assert clean_currency(raw) == code


def test_it_names_the_accepted_currencies_when_one_is_unknown() -> None:
    with pytest.raises(CellError, match="«рубль» is not a currency we know"):
        clean_currency("рубль")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("01.04.2021", dt.date(2021, 4, 1)),
        ("1.4.2021", dt.date(2021, 4, 1)),
        ("2021-04-01", dt.date(2021, 4, 1)),
        (dt.datetime(2021, 4, 1, 0, 0), dt.date(2021, 4, 1)),
        (dt.date(2021, 4, 1), dt.date(2021, 4, 1)),
        ("", None),
    ],
)
def test_it_reads_dates_typed_or_stored_as_dates(raw: object, expected: dt.date | None) -> None:
    assert clean_date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "problem"), [("31.02.2021", "not a real date"), ("April 2021", "dd.mm.yyyy")]
)
def test_it_explains_bad_dates(raw: str, problem: str) -> None:
    with pytest.raises(CellError, match=problem):
        clean_date(raw)


def test_it_matches_headers_in_either_language_whatever_the_case_and_spacing() -> None:
    messy = [f"  {h.upper()} " for h in EN_HEADERS[:7]] + [h.lower() for h in RU_HEADERS[7:]]
    mapping = map_headers(messy, GRANT_COLUMNS)
    # The legal form is the one column the older template has no header for.
    assert set(mapping.columns) == {c.key for c in GRANT_COLUMNS} - {"legal_form"}


def test_it_reads_language_suffixes_on_text_columns() -> None:
    mapping = map_headers(
        ["Grant ID", "Programme", "Grantee [ky]", "Title [ru]", "Название проекта [en]", "Title"],
        GRANT_COLUMNS,
    )
    assert [(s.header, s.language) for s in mapping.columns["title"]] == [
        ("Title [ru]", "ru"),
        ("Название проекта [en]", "en"),
        ("Title", None),
    ]
    assert mapping.columns["grantee"][0].language == "ky"


def test_it_refuses_unknown_missing_and_repeated_columns() -> None:
    with pytest.raises(HeaderError) as error:
        map_headers(["Grant ID", "Title", "Название проекта", "Colour"], GRANT_COLUMNS)
    text = str(error.value)
    assert "«Colour»" in text
    assert "fill the same field" in text
    assert "Missing required columns: Programme / Программа, Grantee / Грантополучатель" in text


def test_it_refuses_a_language_suffix_on_a_column_with_one_value() -> None:
    with pytest.raises(HeaderError, match="remove the language suffix"):
        map_headers(["Grant ID", "Programme", "Grantee", "Title", "Amount [ru]"], GRANT_COLUMNS)


@pytest.mark.parametrize(
    "spelling",
    [
        "ОФ «Ыйман»",
        'ОФ "Ыйман"',
        "Общественный фонд «Ыйман»",
        "  ыйман ",
        "ОО 'Ыйман'",
        "Ыйман ОФ",
        "PF Ыйман",
    ],
)
def test_it_matches_organisation_names_without_quotes_case_or_legal_form(spelling: str) -> None:
    assert organisation_match_key(spelling) == "ыйман"


def test_it_strips_english_legal_forms_too() -> None:
    assert organisation_match_key("Yiman Public Foundation") == "yiman"
    assert organisation_match_key("PA «Aikol»") == "aikol"
    assert organisation_match_key("ОсОО «Бизнес Плюс»") == "бизнес плюс"


def test_it_takes_off_the_apostrophe_our_exports_put_before_formulas() -> None:
    assert clean_text("'=1+1") == "=1+1"
    assert clean_text("'tis") == "'tis"
