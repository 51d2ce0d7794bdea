"""CSV, XLSX and JSON writers. Every CSV cell goes through neutralise_cell and every XLSX
text cell that starts like a formula is typed as a string (core/exports.py); numbers
stay numbers, and large exports stream row by row from a server-side cursor."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from itertools import islice
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from core.exports import neutralise_cell, neutralise_row, set_text_cell
from reports.report import REPORTED_NOTE, Report, Table

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK_SIZE = 2000


# Streamed downloads are written in chunks of about this many characters: one chunk per
# row cost more in the response machinery (a charset lookup and an encode per chunk) than
# writing the row.
STREAM_CHUNK_CHARS = 64 * 1024
# Rows written between two checks of the buffer size.
STREAM_BATCH_ROWS = 256
# Cell types csv.writer already writes exactly as _csv_value would (None as "", a date as
# its ISO form, numbers as str()): they skip the per-cell function call.
_CSV_AS_IS = frozenset({int, float, Decimal, bool, dt.date, type(None)})


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise_cell(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value if isinstance(value, int | float | Decimal) else neutralise_cell(str(value))


def table_csv(table: Table, filename: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(neutralise_row([str(c) for c in table.columns]))
    for row in table.rows:
        writer.writerow([_csv_value(v) for v in row])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _csv_cells(row: Iterable[Any]) -> list[Any]:
    """``[_csv_value(v) for v in row]``, with the common cell types decided inline: this runs
    for every cell of a million-row export. Every text cell still goes through
    neutralise_cell."""
    return [
        value
        if type(value) in _CSV_AS_IS
        else neutralise_cell(value)
        if type(value) is str
        else _csv_value(value)
        for value in row
    ]


def csv_chunks(columns: list[str], rows: Iterable[Iterable[Any]]) -> Iterator[bytes]:
    """UTF-8 CSV (with a byte-order mark for Excel) in chunks of about
    STREAM_CHUNK_CHARS, reading ``rows`` lazily."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(neutralise_row(columns))
    rows = iter(rows)
    while batch := list(islice(rows, STREAM_BATCH_ROWS)):
        writer.writerows(map(_csv_cells, batch))
        if buffer.tell() >= STREAM_CHUNK_CHARS:
            yield buffer.getvalue().encode()
            buffer = io.StringIO()
            writer = csv.writer(buffer)
    yield buffer.getvalue().encode()


def stream_csv(
    columns: list[str], rows: Iterable[Iterable[Any]], filename: str
) -> StreamingHttpResponse:
    """Stream rows as CSV; ``rows`` should come from ``.iterator(chunk_size=...)``."""
    response = StreamingHttpResponse(
        csv_chunks(columns, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


def json_chunks(columns: list[str], rows: Iterable[Iterable[Any]]) -> Iterator[bytes]:
    """A JSON array of objects, one per line after the first, in chunks of about
    STREAM_CHUNK_CHARS, reading ``rows`` lazily."""
    # One encoder for the whole download: json.dumps() with options builds a new one per
    # call, once per record.
    encode = json.JSONEncoder(default=_json_default, ensure_ascii=False).encode
    parts = ["["]
    size = 0
    separator = ""
    for row in rows:
        part = separator + encode(dict(zip(columns, row, strict=True)))
        parts.append(part)
        separator = ",\n"
        size += len(part)
        if size >= STREAM_CHUNK_CHARS:
            yield "".join(parts).encode()
            parts, size = [], 0
    parts.append("]\n")
    yield "".join(parts).encode()


def stream_json(
    columns: list[str], rows: Iterable[Iterable[Any]], filename: str
) -> StreamingHttpResponse:
    """A JSON array of objects, streamed a chunk of records at a time."""
    response = StreamingHttpResponse(
        json_chunks(columns, rows), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _xlsx_value(value: Any) -> Any:
    """Text stays exactly as typed: a cell that starts like a formula is stored as a
    string cell by ``_append`` (core/exports.py), not prefixed with an apostrophe."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        # openpyxl writes Decimal as a number already; float keeps LibreOffice happy too.
        return float(value)
    if isinstance(value, int | float | dt.date):
        return value
    return str(value)


def _append(sheet: Any, values: list[Any]) -> None:
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        set_text_cell(cell)


def report_workbook(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    bold = Font(bold=True)
    book = Workbook()
    cover = book.active
    cover.title = _("Cover")[:31]
    _append(cover, [_("Indicator report")])
    cover["A1"].font = Font(bold=True, size=14)
    for label, value in report.filters.describe():
        _append(cover, [str(label), _xlsx_value(value)])
    _append(cover, [_("Generated"), report.generated_at.replace(tzinfo=None)])
    cover.column_dimensions["A"].width = 24
    cover.column_dimensions["B"].width = 50

    def write_table(sheet: Any, table: Table) -> None:
        _append(sheet, [_xlsx_value(table.title)])
        sheet.cell(row=sheet.max_row, column=1).font = bold
        _append(sheet, [str(c) for c in table.columns])
        for cell in sheet[sheet.max_row]:
            cell.font = bold
        for row in table.rows:
            _append(sheet, [_xlsx_value(v) for v in row])
        sheet.append([])

    summary = book.create_sheet(_("Indicators")[:31])
    write_table(summary, report.summary)
    if report.reported_figures:
        # Their own sheet, so a donor never adds a stated figure to a counted one.
        reported = book.create_sheet(_("Reported figures")[:31])
        write_table(reported, report.reported)
        _append(reported, [_xlsx_value(REPORTED_NOTE)])
        reported.column_dimensions["A"].width = 40
    for section in report.sections:
        sheet = book.create_sheet(section.title[:31])
        for table in section.all_tables:
            write_table(sheet, table)
        sheet.column_dimensions["A"].width = 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
