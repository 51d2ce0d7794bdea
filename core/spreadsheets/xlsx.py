"""A streaming .xlsx cell reader for imports, on pyexpat with entities refused.

Why not openpyxl here: with defusedxml installed (the tests install it), openpyxl parses every
sheet through defusedxml's pure-Python ElementTree parser, and without it through an expat
that does not refuse DTDs; in read-only mode it parses a sheet without a ``<dimension>``
twice. A 10,000-row template took ~15 s to read that way; this reader takes well under a
second. It reads only what an import needs: the active sheet's cell values (shared and
inline strings, numbers, booleans, errors as text, and dates — ISO cells and numbers whose
style is a date format, via openpyxl's own format rules).

Safety: DOCTYPE, entity declarations and external references raise ``XmlEntityRefused`` as
soon as the parser meets them, before any expansion, so "billion laughs" and XXE files fail
in microseconds; the zip size checks stay in core/spreadsheets/formats.py.
"""

from __future__ import annotations

import contextlib
import io
import posixpath
import zipfile
from collections.abc import Iterator
from typing import Any
from xml.parsers import expat

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import (
    CALENDAR_MAC_1904,
    CALENDAR_WINDOWS_1900,
    from_excel,
    from_ISO8601,
)

CHUNK = 64 * 1024
_RELATIONSHIP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


class XmlEntityRefused(ValueError):
    """The file declares a DTD or entities; refused for safety."""


class XlsxStructureError(ValueError):
    """A part the reader needs is missing or malformed."""


# Excel's own limits: a row or column number beyond them is not a real spreadsheet.
MAX_ROW = 1_048_576
MAX_COLUMN = 16_384
# No import template comes near this many columns; a value further right is refused
# rather than padded to (a cell at column XFD would allocate 16,384 slots per row).
MAX_VALUE_COLUMN = 256


class SheetTooSparse(ValueError):
    """A cell or row lies beyond what an import sheet can hold. ``row``/``column`` are
    1-based; the check runs before anything is allocated for the gap."""

    def __init__(self, *, row: int = 0, column: int = 0, letters: str = "") -> None:
        super().__init__(f"row {row}, column {letters or column}")
        self.row = row
        self.column = column
        self.letters = letters or (column_letters(column) if column else "")


def column_letters(index: int) -> str:
    """1-based column number → ``"A"``, ``"AB"``…"""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_LOCAL_NAMES: dict[str, str] = {}


def _local(name: str) -> str:
    # Tags may carry a prefix (``x:c``); keep the name. Memoised: a sheet has a handful of
    # distinct tags but millions of elements.
    local = _LOCAL_NAMES.get(name)
    if local is None:
        local = name.rpartition(":")[2]
        if len(_LOCAL_NAMES) < 1000:
            _LOCAL_NAMES[name] = local
    return local


def _refuse(*_args: Any) -> Any:
    raise XmlEntityRefused


def _parser() -> Any:
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.buffer_size = CHUNK
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.UnparsedEntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    return parser


def _parse_part(archive: zipfile.ZipFile, name: str, parser: Any) -> None:
    with archive.open(name) as stream:
        while chunk := stream.read(CHUNK):
            parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _elements(archive: zipfile.ZipFile, name: str, wanted: set[str]) -> list[dict[str, str]]:
    """Attributes of every element named in ``wanted`` (small parts: workbook, rels)."""
    found: list[dict[str, str]] = []
    parser = _parser()

    def start(tag: str, attrs: dict[str, str]) -> None:
        local = _local(tag)
        if local in wanted:
            found.append({"__tag__": local, **{_local(k): v for k, v in attrs.items()}})

    parser.StartElementHandler = start
    _parse_part(archive, name, parser)
    return found


def _part_names(archive: zipfile.ZipFile) -> dict[str, str]:
    # Zip member names are case-sensitive but some writers vary the case of part names.
    return {n.casefold(): n for n in archive.namelist()}


def _active_sheet(archive: zipfile.ZipFile, names: dict[str, str]) -> tuple[str, bool]:
    workbook = names.get("xl/workbook.xml")
    if workbook is None:
        raise XlsxStructureError("xl/workbook.xml is missing")
    elements = _elements(archive, workbook, {"sheet", "workbookView", "workbookPr"})
    sheets = [e for e in elements if e["__tag__"] == "sheet"]
    if not sheets:
        raise XlsxStructureError("the workbook has no sheets")
    views = [e for e in elements if e["__tag__"] == "workbookView"]
    date1904 = any(
        e.get("date1904") in ("1", "true") for e in elements if e["__tag__"] == "workbookPr"
    )
    try:
        active = int(views[0].get("activeTab", "0")) if views else 0
    except ValueError:
        active = 0
    sheet = sheets[active] if 0 <= active < len(sheets) else sheets[0]
    rel_id = sheet.get("id")
    rels_name = names.get("xl/_rels/workbook.xml.rels")
    target = None
    if rels_name is not None and rel_id:
        for rel in _elements(archive, rels_name, {"Relationship"}):
            if rel.get("Id") == rel_id:
                target = rel.get("Target")
                break
    if not target:
        raise XlsxStructureError("the active sheet's part is not found")
    path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
    path = posixpath.normpath(path)
    if path.casefold() not in names:
        raise XlsxStructureError(f"{path} is missing")
    return names[path.casefold()], date1904


def _shared_strings(archive: zipfile.ZipFile, names: dict[str, str]) -> list[str]:
    name = names.get("xl/sharedstrings.xml")
    if name is None:
        return []
    strings: list[str] = []
    parts: list[str] = []
    state = {"text": False, "phonetic": 0}
    parser = _parser()

    def start(tag: str, _attrs: dict[str, str]) -> None:
        local = _local(tag)
        if local == "si":
            parts.clear()
        elif local == "t":
            state["text"] = True
        elif local == "rPh":
            state["phonetic"] += 1

    def end(tag: str) -> None:
        local = _local(tag)
        if local == "si":
            strings.append("".join(parts))
        elif local == "t":
            state["text"] = False
        elif local == "rPh":
            state["phonetic"] -= 1

    def text(data: str) -> None:
        if state["text"] and not state["phonetic"]:
            parts.append(data)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    _parse_part(archive, name, parser)
    return strings


def _date_styles(archive: zipfile.ZipFile, names: dict[str, str]) -> tuple[set[int], set[int]]:
    """Indexes of cell styles whose number format shows a date (or a duration)."""
    name = names.get("xl/styles.xml")
    if name is None:
        return set(), set()
    custom: dict[int, str] = {}
    formats: list[int] = []
    depth = {"cellXfs": 0}
    parser = _parser()

    def start(tag: str, attrs: dict[str, str]) -> None:
        local = _local(tag)
        if local == "numFmt":
            with contextlib.suppress(ValueError):
                custom[int(attrs.get("numFmtId", ""))] = attrs.get("formatCode", "")
        elif local == "cellXfs":
            depth["cellXfs"] += 1
        elif local == "xf" and depth["cellXfs"]:
            try:
                formats.append(int(attrs.get("numFmtId", "0")))
            except ValueError:
                formats.append(0)

    def end(tag: str) -> None:
        if _local(tag) == "cellXfs":
            depth["cellXfs"] -= 1

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    _parse_part(archive, name, parser)
    dates: set[int] = set()
    durations: set[int] = set()
    for index, format_id in enumerate(formats):
        code = custom.get(format_id) or BUILTIN_FORMATS.get(format_id) or "General"
        if is_date_format(code):
            dates.add(index)
        if is_timedelta_format(code):
            durations.add(index)
    return dates, durations


_COLUMNS: dict[str, int] = {}


def _column(reference: str) -> int:
    """``"AB12"`` → 27 (0-based column), memoised: a sheet reuses a few dozen letters."""
    letters = reference.rstrip("0123456789")
    index = _COLUMNS.get(letters)
    if index is None:
        if len(letters) > 3:
            raise SheetTooSparse(column=MAX_COLUMN + 1, letters=letters.upper()[:10])
        index = 0
        for char in letters.upper():
            index = index * 26 + (ord(char) - 64)
        index -= 1
        if index >= MAX_COLUMN:
            raise SheetTooSparse(column=index + 1)
        if len(_COLUMNS) < 20000:
            _COLUMNS[letters] = index
    return index


def iter_rows(data: bytes | zipfile.ZipFile) -> Iterator[list[Any]]:
    """Each row of the active sheet as a list of values, in order; rows missing from the
    file come out as empty lists (generated one by one, as the caller asks) so row numbers
    stay those of the sheet. A row beyond Excel's last row or a value beyond column
    MAX_VALUE_COLUMN raises ``SheetTooSparse`` before anything is allocated for it."""
    archive = data if isinstance(data, zipfile.ZipFile) else zipfile.ZipFile(io.BytesIO(data))
    names = _part_names(archive)
    sheet, date1904 = _active_sheet(archive, names)
    shared = _shared_strings(archive, names)
    date_styles, duration_styles = _date_styles(archive, names)
    epoch = CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900

    ready: list[list[Any] | int] = []
    row: list[Any] = []
    text: list[str] = []
    cell: dict[str, Any] = {"type": "n", "style": 0, "col": -1, "value": None}
    state = {"row": 0, "capture": False, "inline": False, "phonetic": 0}

    def start(tag: str, attrs: dict[str, str]) -> None:
        # Inlined memo lookup: these two handlers run for every element of the sheet.
        local = _LOCAL_NAMES.get(tag) or _local(tag)
        if local == "c":
            reference = attrs.get("r")
            cell["col"] = _column(reference) if reference else len(row)
            cell["type"] = attrs.get("t", "n")
            style = attrs.get("s")
            cell["style"] = int(style) if style else 0
            cell["value"] = None
            text.clear()
        elif local == "v":
            state["capture"] = True
            text.clear()
        elif local == "is":
            state["inline"] = True
            text.clear()
        elif local == "t" and state["inline"]:
            state["capture"] = not state["phonetic"]
        elif local == "rPh":
            state["phonetic"] += 1
        elif local == "row":
            number = attrs.get("r")
            target = int(number) if number and number.isdigit() else state["row"] + 1
            if target > MAX_ROW:
                raise SheetTooSparse(row=target)
            gap = target - state["row"] - 1
            if gap > 0:
                # A count, not a list of empty rows: `<row r="3000000">` in a 5 KB file
                # must not allocate three million lists. iter_rows expands it lazily and
                # the reader stops after a long blank run anyway.
                ready.append(gap)
            state["row"] = target
            row.clear()

    def end(tag: str) -> None:
        local = _LOCAL_NAMES.get(tag) or _local(tag)
        if local == "v":
            state["capture"] = False
            cell["value"] = "".join(text)
        elif local == "t":
            state["capture"] = False
        elif local == "rPh":
            state["phonetic"] -= 1
        elif local == "is":
            state["inline"] = False
            cell["value"] = "".join(text)
            cell["type"] = "inlineStr"
        elif local == "c":
            value = _convert(cell, shared, date_styles, duration_styles, epoch)
            column = cell["col"]
            if value is not None:
                if column >= MAX_VALUE_COLUMN:
                    raise SheetTooSparse(row=state["row"], column=column + 1)
                if column >= len(row):
                    row.extend([None] * (column - len(row) + 1))
                row[column] = value
        elif local == "row":
            ready.append(list(row))

    def characters(data: str) -> None:
        if state["capture"]:
            text.append(data)

    parser = _parser()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters

    def drain() -> Iterator[list[Any]]:
        for item in ready:
            if isinstance(item, int):
                for _gap in range(item):
                    yield []
            else:
                yield item
        ready.clear()

    with archive.open(sheet) as stream:
        while chunk := stream.read(CHUNK):
            parser.Parse(chunk, False)
            if ready:
                yield from drain()
        parser.Parse(b"", True)
    yield from drain()


def _convert(
    cell: dict[str, Any],
    shared: list[str],
    date_styles: set[int],
    duration_styles: set[int],
    epoch: Any,
) -> Any:
    raw = cell["value"]
    kind = cell["type"]
    if kind == "inlineStr":
        return raw
    if not raw:
        return None
    if kind == "s":
        try:
            return shared[int(raw)]
        except (ValueError, IndexError):
            raise XlsxStructureError("a cell points to a missing shared string") from None
    if kind in ("str", "e"):
        return raw
    if kind == "b":
        return raw.strip() in ("1", "true")
    if kind == "d":
        return from_ISO8601(raw)
    number: int | float = float(raw) if ("." in raw or "e" in raw or "E" in raw) else int(raw)
    style = cell["style"]
    if style in date_styles:
        try:
            return from_excel(number, epoch, timedelta=style in duration_styles)
        except (OverflowError, ValueError):
            return "#VALUE!"
    return number
