"""Safety for every spreadsheet the portal produces (CSV and XLSX).

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a
formula by Excel and LibreOffice (CSV injection).

- CSV: we prefix such text with an apostrophe, which spreadsheets show as plain text,
  instead of stripping characters: "-5 %" or "+996 555 …" stay readable and nothing the
  user typed is lost. Excel in Russian, Kyrgyz and Tajik locales splits a CSV line on
  ``;`` whatever the quoting, so ``FXI;=1+1;`` becomes a cell ``=1+1``: a trigger right
  after a ``;`` gets the apostrophe too.
- XLSX: the cell is written with the string type (``t="s"``), which no spreadsheet
  evaluates, so donors see exactly what was typed, without an apostrophe
  (``set_text_cell``).
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# A trigger that would start a new cell once Excel splits the line on ";".
_AFTER_SEMICOLON = re.compile(r";(?=[=+\-@\t\r])")


def neutralise_cell(value: Any) -> Any:
    """Return ``value`` safe to put in a CSV cell. Numbers and dates pass through
    untouched so they stay numbers."""
    if not isinstance(value, str):
        return value
    if ";" in value:
        value = _AFTER_SEMICOLON.sub(";'", value)
    if value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def neutralise_row(values: list[Any] | tuple[Any, ...]) -> list[Any]:
    return [neutralise_cell(value) for value in values]


def is_risky(value: Any) -> bool:
    """Would a spreadsheet read this value as a formula if it were not typed as text?"""
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def set_text_cell(cell: Any) -> Any:
    """Make an openpyxl cell holding risky text a plain string cell (openpyxl would
    otherwise store ``=…`` as a formula)."""
    if is_risky(cell.value):
        cell.data_type = "s"
    return cell
