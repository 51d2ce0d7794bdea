"""Spreadsheet readers for the admin import, hardened for files from the real world.

- .xlsx: the upload size and the *unpacked* size (sum of the zip members) are checked
  before anything is parsed, so a zip bomb is refused in milliseconds; the sheet is
  streamed by core/spreadsheets/xlsx.py, which refuses DTDs and entities (openpyxl never reads
  an uploaded file, so defusedxml is no runtime dependency); the stored dimension is ignored
  and reading stops after a long run of empty rows, so LibreOffice's "A1:N1048576" does not
  make us walk a million blank rows.
- .csv: UTF-8 with or without a BOM, or Windows-1251; comma, semicolon or tab separated
  (Russian Excel writes semicolons).

Both return a tablib Dataset with the header row, trailing empty columns dropped, blank
rows skipped and a hidden ``__row__`` column holding each row's number in the sheet, so
messages can say "Row 7" and mean the seventh row the user sees.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any

import tablib
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from import_export.formats.base_formats import CSV, XLSX

from core.exports import neutralise_row
from core.spreadsheets.columns import ROW_NUMBER_COLUMN
from core.spreadsheets.stored import load_rows
from core.spreadsheets.writer import write_workbook
from core.spreadsheets.xlsx import (
    MAX_VALUE_COLUMN,
    SheetTooSparse,
    XmlEntityRefused,
    iter_rows,
)

# A gap this long means the data has ended; LibreOffice pads sheets with blank rows.
BLANK_RUN_LIMIT = 1000


class ImportFileError(ValueError):
    """The file as a whole cannot be read; the message is shown on the import form."""


def check_upload_size(size: int) -> None:
    limit = settings.IMPORT_MAX_UPLOAD_BYTES
    if size > limit:
        raise ImportFileError(
            _("The file is %(size)s; the largest file you can import is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def build_dataset(rows: Iterable[Iterable[Any]]) -> tablib.Dataset:
    iterator: Iterator[Iterable[Any]] = iter(rows)
    header: list[Any] | None = None
    first_row = 0
    for number, row in enumerate(iterator, start=1):
        values = list(row)
        if not all(_is_blank(v) for v in values):
            header, first_row = values, number
            break
        if number >= BLANK_RUN_LIMIT:
            break
    if header is None:
        raise ImportFileError(_("The file is empty: there is no header row."))
    width = max((i + 1 for i, v in enumerate(header) if not _is_blank(v)), default=0)
    headers = [
        str(v).strip() if not _is_blank(v) else f"__blank_{i}" for i, v in enumerate(header[:width])
    ]
    dataset = tablib.Dataset(headers=[*headers, ROW_NUMBER_COLUMN])
    max_rows = settings.IMPORT_MAX_ROWS
    blank_run = 0
    for number, row in enumerate(iterator, start=first_row + 1):
        values = list(row)[:width]
        if all(_is_blank(v) for v in values):
            blank_run += 1
            if blank_run >= BLANK_RUN_LIMIT:
                break
            continue
        blank_run = 0
        if len(dataset) >= max_rows:
            raise ImportFileError(
                _("The file has more than %(max)s rows; split it into smaller files.")
                % {"max": max_rows}
            )
        values.extend([None] * (width - len(values)))
        dataset.append([*values, number])
    return dataset


def read_xlsx(data: bytes) -> tablib.Dataset:
    check_upload_size(len(data))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ImportFileError(_("This is not an .xlsx file, or it is damaged.")) from None
    with archive:
        unpacked = sum(info.file_size for info in archive.infolist())
        limit = settings.IMPORT_MAX_UNPACKED_BYTES
        if unpacked > limit:
            raise ImportFileError(
                _(
                    "The file unpacks to %(size)s, more than the %(limit)s allowed. Is it "
                    "really a spreadsheet of grants?"
                )
                % {"size": filesizeformat(unpacked), "limit": filesizeformat(limit)}
            )
        try:
            return build_dataset(iter_rows(archive))
        except ImportFileError:
            raise
        except SheetTooSparse as exc:
            raise ImportFileError(sparse_message(exc)) from None
        except XmlEntityRefused:
            raise ImportFileError(
                _(
                    "The file contains XML entity or DTD declarations, which are refused for "
                    "safety. Save it again from Excel or LibreOffice."
                )
            ) from None
        except Exception:  # broken zip members, bad XML, missing parts
            raise ImportFileError(_("This is not an .xlsx file, or it is damaged.")) from None


def sparse_message(exc: SheetTooSparse) -> str:
    if exc.column:
        return _(
            "The sheet has a cell in column %(column)s, far to the right of any import "
            "template (at most %(max)s columns). Delete the stray cells or copy the data "
            "into the template, then import again."
        ) % {"column": exc.letters, "max": MAX_VALUE_COLUMN}
    return _(
        "The sheet has a row numbered %(row)s, beyond the last row a spreadsheet can "
        "have. The file is damaged or was not made by a spreadsheet program."
    ) % {"row": exc.row}


def decode_text(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1251")
    except UnicodeDecodeError:
        raise ImportFileError(
            _("The file is neither UTF-8 nor Windows-1251 text. Save it as CSV UTF-8.")
        ) from None


def read_csv(data: bytes | str) -> tablib.Dataset:
    if isinstance(data, str):
        text = data.removeprefix("\ufeff")
    else:
        check_upload_size(len(data))
        text = decode_text(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    if first_line.count(delimiter) == 0:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return build_dataset(reader)
    except csv.Error as exc:
        raise ImportFileError(
            _("The CSV file cannot be read: %(error)s") % {"error": exc}
        ) from None


class SafeXLSX(XLSX):
    def create_dataset(self, in_stream: bytes) -> tablib.Dataset:
        # At confirmation the stored upload is the rows its preview read (stored.py).
        checked = load_rows(in_stream)
        return checked if checked is not None else read_xlsx(in_stream)

    def export_data(self, dataset: tablib.Dataset, **kwargs: Any) -> bytes:
        # Our own writer: a named sheet, and formula-like text typed as a string rather
        # than stripped (tablib's "escape") or prefixed with an apostrophe.
        return write_workbook(
            title=dataset.title or _("Export"), headers=dataset.headers or [], rows=dataset
        )


class SafeCSV(CSV):
    """Kept binary end to end so the encoding is detected here, not assumed by the admin."""

    def is_binary(self) -> bool:
        return True

    def get_read_mode(self) -> str:
        return "rb"

    def create_dataset(self, in_stream: bytes | str) -> tablib.Dataset:
        checked = load_rows(in_stream)
        return checked if checked is not None else read_csv(in_stream)

    def export_data(self, dataset: tablib.Dataset, **kwargs: Any) -> bytes:
        buffer = io.StringIO()
        # A BOM makes Excel open UTF-8 CSV with Cyrillic intact.
        buffer.write("\ufeff")
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(neutralise_row(list(dataset.headers or [])))
        for row in dataset:
            writer.writerow(neutralise_row(["" if v is None else v for v in row]))
        return buffer.getvalue().encode("utf-8")


IMPORT_FORMATS = [SafeXLSX, SafeCSV]
EXPORT_FORMATS = [SafeXLSX, SafeCSV]
