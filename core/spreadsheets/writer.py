"""The .xlsx files the portal hands out: exports and import templates.

- The sheet has a real name (the records it holds, in the user's language), not
  tablib's "Tablib Dataset".
- Text that starts like a formula is stored as a string cell (core/exports.py), so it
  is neither run nor shown with an apostrophe.
- A template's header cells carry comments saying what each column takes, and a column
  with a fixed set of values gets a drop-down list (data validation) whose values sit on
  a second, hidden sheet: lists in the formula itself are capped at 255 characters,
  which the legal forms in Russian do not fit in.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from core.exports import set_text_cell

# Excel refuses sheet names longer than this or containing any of these characters.
SHEET_NAME_MAX = 31
_SHEET_NAME_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


@dataclass
class TemplateColumn:
    header: str
    note: str = ""
    choices: Sequence[str] = field(default_factory=list)
    # A drop-down that only warns: the column also takes values outside the list
    # (abbreviations, other spellings), which the importer recognises.
    choices_strict: bool = True


def sheet_name(text: object, fallback: str = "Sheet") -> str:
    name = " ".join(str(text).translate(_SHEET_NAME_FORBIDDEN).split()).strip("'")
    return (name or fallback)[:SHEET_NAME_MAX]


def _cell_value(value: Any) -> Any:
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


def write_workbook(
    *,
    title: str,
    headers: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    columns: Sequence[TemplateColumn] | None = None,
    lists_title: str = "Lists",
    validation_rows: int = 0,
) -> bytes:
    """One sheet named ``title`` with a bold, frozen header row. With ``columns`` (a
    template), header comments and drop-down lists for the first ``validation_rows``
    data rows are added."""
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_name(title)
    sheet.append([_cell_value(h) for h in headers])
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
        set_text_cell(cell)
    sheet.freeze_panes = "A2"
    widths = [max(10, min(len(str(h)) + 2, 40)) for h in headers]
    for row in rows:
        sheet.append([_cell_value(v) for v in row])
        for cell in sheet[sheet.max_row]:
            set_text_cell(cell)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width

    if columns:
        lists = None
        list_column = 0
        last_row = max(validation_rows, 2) + 1
        for index, column in enumerate(columns, start=1):
            if column.note:
                comment = Comment(str(column.note), "")
                comment.width = 320
                comment.height = 160
                sheet.cell(row=1, column=index).comment = comment
            if not column.choices:
                continue
            if lists is None:
                lists = book.create_sheet(sheet_name(lists_title, "Lists"))
                lists.sheet_state = "hidden"
            list_column += 1
            letter = get_column_letter(list_column)
            lists.cell(row=1, column=list_column, value=str(column.header))
            for number, choice in enumerate(column.choices, start=2):
                set_text_cell(lists.cell(row=number, column=list_column, value=str(choice)))
            quoted = lists.title.replace("'", "''")
            validation = DataValidation(
                type="list",
                formula1=f"'{quoted}'!${letter}$2:${letter}${len(column.choices) + 1}",
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="stop" if column.choices_strict else "warning",
            )
            validation.prompt = str(column.note)[:255] if column.note else None
            validation.showInputMessage = bool(column.note)
            target = get_column_letter(index)
            validation.add(f"{target}2:{target}{last_row}")
            sheet.add_data_validation(validation)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
