"""Safety for every spreadsheet the portal produces (CSV and XLSX).

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a
formula by Excel and LibreOffice (CSV injection). We prefix such text with an apostrophe,
which spreadsheets show as plain text, instead of stripping characters: "-5 %" or
"+996 555 …" stay readable and nothing the user typed is lost.
"""

from __future__ import annotations

from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: Any) -> Any:
    """Return ``value`` safe to put in a spreadsheet cell. Numbers and dates pass through
    untouched so they stay real numbers in XLSX."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def neutralise_row(values: list[Any] | tuple[Any, ...]) -> list[Any]:
    return [neutralise_cell(value) for value in values]
