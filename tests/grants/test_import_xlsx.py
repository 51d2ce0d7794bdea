"""The streaming .xlsx reader gives the values openpyxl would, for the cell kinds that
spreadsheets from Excel and LibreOffice contain, and refuses DTDs and entities."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import time
import zipfile

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from core.spreadsheets.formats import ImportFileError, build_dataset, read_xlsx
from core.spreadsheets.xlsx import XmlEntityRefused, iter_rows


def _book_bytes(book: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _openpyxl_rows(data: bytes) -> list[list[object]]:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    sheet = book.active
    sheet.reset_dimensions()
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    book.close()
    return rows


def _trimmed(rows: list[list[object]]) -> list[list[object]]:
    out = []
    for row in rows:
        values = list(row)
        while values and values[-1] is None:
            values.pop()
        out.append(values)
    return out


def _mixed_book() -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Grant ID", "Amount", "Start date", "Flag", "Note"])
    sheet.append(["LIP-01", 1250000, dt.datetime(2021, 4, 1), True, "Ыйман «мир»"])
    sheet.append(["LIP-02", 1250000.5, dt.date(2021, 12, 31), False, "=1+1"])
    sheet["F3"] = "far right"
    sheet["A6"] = "after a gap"
    sheet["B6"] = 0.25
    sheet["B6"].number_format = "0.00%"
    sheet["C6"] = dt.datetime(2022, 2, 28, 0, 0)
    sheet["C6"].number_format = "dd.mm.yyyy"
    sheet["E6"] = CellRichText(["Bold ", TextBlock(InlineFont(b=True), "мир")])
    return book


def test_it_reads_the_same_values_as_openpyxl() -> None:
    data = _book_bytes(_mixed_book())
    ours = _trimmed(list(iter_rows(data)))
    theirs = _trimmed(_openpyxl_rows(data))
    assert ours == theirs
    assert ours[1][2] == dt.datetime(2021, 4, 1)
    assert ours[3] == [] and ours[4] == []  # the missing rows keep their place
    assert ours[5][4] == "Bold мир"


def _excel_style_book() -> bytes:
    """What Excel writes (openpyxl writes inline strings): shared strings with rich-text
    runs and phonetic hints, a custom date format, a relative sheet target."""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook {ns} {rel}>'
            '<sheets><sheet name="Гранты" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/styles" Target="styles.xml"/></Relationships>'
        ),
        "xl/sharedStrings.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><sst {ns} count="3" uniqueCount="3">'
            "<si><t>Номер гранта</t></si>"
            '<si><r><rPr><b/></rPr><t xml:space="preserve">ОФ </t></r><r><t>«Ыйман»</t></r>'
            '<rPh sb="0" eb="1"><t>ふりがな</t></rPh></si>'
            "<si><t>Дата начала</t></si></sst>"
        ),
        "xl/styles.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {ns}>'
            '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd\\.mm\\.yyyy"/></numFmts>'
            '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/>'
            '<xf numFmtId="4" applyNumberFormat="1"/></cellXfs></styleSheet>'
        ),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet {ns}>'
            '<dimension ref="A1:N1048576"/><sheetData>'
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>2</v></c></row>'
            '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" s="1"><v>44287</v></c>'
            '<c r="C2" s="2"><v>1250000.5</v></c><c r="D2" t="b"><v>1</v></c>'
            '<c r="E2" t="str"><f>A2&amp;"!"</f><v>ОФ «Ыйман»!</v></c>'
            '<c r="F2" t="e"><v>#N/A</v></c></row>'
            "</sheetData></worksheet>"
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text.encode("utf-8"))
    return buffer.getvalue()


def test_it_reads_shared_strings_and_styled_dates_as_excel_writes_them() -> None:
    data = _excel_style_book()
    ours = _trimmed(list(iter_rows(data)))
    assert ours == _trimmed(_openpyxl_rows(data))
    assert ours == [
        ["Номер гранта", "Дата начала"],
        ["ОФ «Ыйман»", dt.datetime(2021, 4, 1), 1250000.5, True, "ОФ «Ыйман»!", "#N/A"],
    ]


def test_it_reads_the_active_sheet_not_the_first() -> None:
    book = openpyxl.Workbook()
    book.active.append(["notes"])
    second = book.create_sheet("Grants")
    second.append(["Grant ID"])
    second.append(["LIP-09"])
    book.active = 1
    data = _book_bytes(book)
    assert list(iter_rows(data)) == [["Grant ID"], ["LIP-09"]]


def test_it_reads_a_write_only_book_with_inline_strings() -> None:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["Номер гранта", "Сумма"])
    sheet.append(["B-00001", "1 250 000"])
    data = _book_bytes(book)
    assert b"inlineStr" in zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    assert list(iter_rows(data)) == [["Номер гранта", "Сумма"], ["B-00001", "1 250 000"]]


def test_it_reads_1904_dates() -> None:
    book = openpyxl.Workbook()
    book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    book.active.append(["Start date"])
    book.active.append([dt.datetime(2021, 4, 1)])
    assert list(iter_rows(_book_bytes(book)))[1] == [dt.datetime(2021, 4, 1)]


def _rewrite(data: bytes, member: str, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == member:
                content = change(content)
            target.writestr(info.filename, content)
    return out.getvalue()


def test_an_external_entity_is_refused_before_it_is_fetched() -> None:
    data = _book_bytes(_mixed_book())
    xxe = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    data = _rewrite(
        data, "xl/worksheets/sheet1.xml", lambda c: xxe + c.replace(b"<t>", b"<t>&e;", 1)
    )
    with pytest.raises(XmlEntityRefused):
        list(iter_rows(data))
    with pytest.raises(ImportFileError, match="XML entity"):
        read_xlsx(data)


def test_a_doctype_in_the_shared_strings_is_refused() -> None:
    data = _rewrite(
        _excel_style_book(),
        "xl/sharedStrings.xml",
        lambda c: c.replace(b"?>", b"?><!DOCTYPE sst>", 1),
    )
    with pytest.raises(ImportFileError, match="XML entity"):
        read_xlsx(data)


def test_a_missing_sheet_part_is_reported_as_damaged() -> None:
    data = _book_bytes(_mixed_book())
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if not info.filename.startswith("xl/worksheets/"):
                target.writestr(info.filename, source.read(info.filename))
    with pytest.raises(ImportFileError, match="damaged"):
        read_xlsx(out.getvalue())


def test_prefixed_tags_are_read() -> None:
    data = _book_bytes(_mixed_book())
    prefixed = _rewrite(
        data,
        "xl/worksheets/sheet1.xml",
        lambda c: re.sub(rb"<(/?)(row|c|v|is|t)\b", rb"<\1x:\2", c).replace(
            b"<worksheet ", b'<worksheet xmlns:x="urn:x" ', 1
        ),
    )
    assert build_dataset(iter_rows(prefixed)).dict == build_dataset(iter_rows(data)).dict


# --- sparse sheets: refused or skipped before anything is allocated for the gap ----------


def _one_cell_book() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["Grant ID"])
    book.active.append(["LIP-01"])
    return _book_bytes(book)


def _peak_bytes(call) -> int:
    import tracemalloc

    tracemalloc.start()
    with contextlib.suppress(ImportFileError):
        call()
    _size, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def test_a_row_numbered_beyond_excel_is_refused_cheaply() -> None:
    data = _rewrite(
        _one_cell_book(),
        "xl/worksheets/sheet1.xml",
        lambda c: c.replace(b'r="2"', b'r="3000000"').replace(b'r="A2"', b'r="A3000000"'),
    )
    assert len(data) < 10_000
    started = time.perf_counter()
    with pytest.raises(ImportFileError, match="3000000"):
        read_xlsx(data)
    assert time.perf_counter() - started < 1
    assert _peak_bytes(lambda: read_xlsx(data)) < 5 * 1024 * 1024


def test_a_far_row_within_excel_is_skipped_without_allocating_the_gap() -> None:
    data = _rewrite(
        _one_cell_book(),
        "xl/worksheets/sheet1.xml",
        lambda c: c.replace(b'r="2"', b'r="1000000"').replace(b'r="A2"', b'r="A1000000"'),
    )
    assert _peak_bytes(lambda: read_xlsx(data)) < 5 * 1024 * 1024
    with pytest.raises(ImportFileError, match="empty"):
        # Nothing but the header within reach: the reader stops after a long blank run.
        build_dataset([[]])
    assert len(read_xlsx(data)) == 0


@pytest.mark.parametrize(("reference", "shown"), [(b"AAAAA1", "AAAAA"), (b"XFD1", "XFD")])
def test_a_cell_far_to_the_right_is_refused_cheaply(reference: bytes, shown: str) -> None:
    data = _rewrite(
        _one_cell_book(),
        "xl/worksheets/sheet1.xml",
        lambda c: c.replace(b'r="A1"', b'r="' + reference + b'"'),
    )
    with pytest.raises(ImportFileError, match=f"column {shown}"):
        read_xlsx(data)
    assert _peak_bytes(lambda: read_xlsx(data)) < 5 * 1024 * 1024
