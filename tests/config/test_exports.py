import datetime as dt
from decimal import Decimal

import pytest

from core.exports import neutralise_cell, neutralise_row


@pytest.mark.parametrize("payload", ["=1+1", "+996 555", "-2+3", "@SUM(A1)", "\tx", "\rcmd"])
def test_it_prefixes_formula_triggers_with_an_apostrophe(payload: str) -> None:
    assert neutralise_cell(payload) == "'" + payload


def test_it_leaves_numbers_dates_and_plain_text_alone() -> None:
    row = [Decimal("-5"), -5, dt.date(2022, 1, 1), "Кара-Суу", None]
    assert neutralise_row(row) == row


@pytest.mark.parametrize(
    ("payload", "safe"),
    [
        ("FXI;=1+1;", "FXI;'=1+1;"),
        ("a;+1;b;-2;@x", "a;'+1;b;'-2;'@x"),
        ("=1;=2", "'=1;'=2"),
        ("1; 2; -", "1; 2; -"),
    ],
)
def test_it_neutralises_a_formula_that_starts_after_a_semicolon(payload: str, safe: str) -> None:
    # Excel in ru/ky/tg locales splits CSV lines on ";", whatever the quoting.
    assert neutralise_cell(payload) == safe


def test_an_xlsx_cell_with_formula_text_is_typed_as_a_string() -> None:
    from openpyxl import Workbook

    from core.exports import set_text_cell

    sheet = Workbook().active
    sheet.append(["=1+1", "plain", 5])
    cells = [set_text_cell(c) for c in sheet[1]]
    assert [c.data_type for c in cells] == ["s", "s", "n"]
    assert cells[0].value == "=1+1"
