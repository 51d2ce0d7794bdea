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
