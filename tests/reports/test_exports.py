"""Streamed CSV and JSON writers: the same bytes as one writer call per record, formula
cells neutralised, written in bounded chunks and reading their rows lazily."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
from decimal import Decimal

from django.utils.translation import gettext_lazy

from reports import exports

COLUMNS = ["id", "when", "title", "amount", "share", "flag", "note", "stamp"]
ROWS = [
    [1, dt.date(2022, 2, 10), "Встреча рабочей группы", Decimal("2500.00"), 0.25, True, None,
     dt.datetime(2022, 2, 10, 12, 30, tzinfo=dt.UTC)],
    [2, None, "=cmd|' /C calc'!A0", Decimal("-5"), 1.5, False, "-5 % of the budget", None],
    [3, dt.date(2023, 1, 1), 'Lights, "cameras"\nand a second line', None, None, None, "@SUM(A1)",
     None],
    [4, dt.date(2023, 1, 2), "+996 555 123", Decimal("0"), 0.0, None, gettext_lazy("Meeting"),
     None],
    [5, dt.date(2023, 1, 3), "\tTabbed", 7, -1.0, None, "", None],
]  # fmt: skip


def _reference_csv(columns: list[str], rows: list[list[object]]) -> str:
    """What the export wrote before it was batched: one csv.writer row per record, every
    cell through _csv_value."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([f"'{c}" if c.startswith(("=", "+", "-", "@")) else c for c in columns])
    for row in rows:
        writer.writerow([exports._csv_value(value) for value in row])
    return "\ufeff" + buffer.getvalue()


def _csv_text(columns: list[str], rows: object) -> str:
    return b"".join(exports.csv_chunks(columns, rows)).decode("utf-8")


def test_it_writes_the_same_csv_as_one_writer_row_per_record():
    assert _csv_text(COLUMNS, ROWS) == _reference_csv(COLUMNS, ROWS)


def test_it_neutralises_every_formula_cell_and_keeps_other_values():
    text = _csv_text(COLUMNS, ROWS)
    assert text.startswith("\ufeffid,when,title,")
    records = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert records[1] == [
        "1", "2022-02-10", "Встреча рабочей группы", "2500.00", "0.25", "True", "",
        "2022-02-10T12:30:00+00:00",
    ]  # fmt: skip
    assert records[2][2] == "'=cmd|' /C calc'!A0"
    assert records[2][3] == "-5"  # a number, not text: it stays a number
    assert records[2][6] == "'-5 % of the budget"
    assert records[3][2] == 'Lights, "cameras"\nand a second line'
    assert records[3][6] == "'@SUM(A1)"
    assert records[4][2] == "'+996 555 123" and records[4][6] == "Meeting"
    assert records[5][2] == "'\tTabbed"


def test_it_neutralises_a_formula_in_the_header():
    text = _csv_text(["=HYPERLINK()", "name"], [])
    assert text == "\ufeff'=HYPERLINK(),name\r\n"


def test_it_writes_a_large_csv_in_bounded_chunks():
    rows = [[n, dt.date(2022, 1, 1), f"Activity {n}", Decimal(n)] for n in range(20_000)]
    chunks = list(exports.csv_chunks(["id", "date", "title", "amount"], rows))
    assert len(chunks) > 5
    # At most one batch of rows beyond the chunk size, whatever the row count.
    assert max(len(chunk) for chunk in chunks) < exports.STREAM_CHUNK_CHARS + 256 * 40
    assert b"".join(chunks).decode() == _reference_csv(["id", "date", "title", "amount"], rows)


def test_it_reads_csv_rows_lazily():
    endless = ([n, f"Activity {n}"] for n in itertools.count())
    first = next(exports.csv_chunks(["id", "title"], endless))
    assert first.startswith("\ufeffid,title\r\n0,Activity 0\r\n".encode())
    assert len(first) < 2 * exports.STREAM_CHUNK_CHARS


def test_it_writes_json_records_one_per_line():
    text = b"".join(exports.json_chunks(COLUMNS, ROWS)).decode("utf-8")
    assert text.startswith('[{"id": 1, "when": "2022-02-10", "title": "Встреча рабочей группы"')
    assert text.endswith("}]\n") and text.count("},\n{") == len(ROWS) - 1
    records = json.loads(text)
    assert records[0]["amount"] == 2500.0 and records[0]["stamp"] == "2022-02-10T12:30:00+00:00"
    assert records[1]["title"] == "=cmd|' /C calc'!A0"  # JSON is not a spreadsheet
    assert records[2]["amount"] is None and records[3]["note"] == "Meeting"


def test_it_writes_an_empty_json_array_without_rows():
    assert b"".join(exports.json_chunks(COLUMNS, [])) == b"[]\n"


def test_it_writes_large_json_in_bounded_chunks_read_lazily():
    rows = ([n, f"Activity {n}"] for n in range(20_000))
    chunks = list(exports.json_chunks(["id", "title"], rows))
    assert len(chunks) > 5
    assert max(len(chunk) for chunk in chunks) < exports.STREAM_CHUNK_CHARS + 100
    records = json.loads(b"".join(chunks))
    assert len(records) == 20_000 and records[-1] == {"id": 19_999, "title": "Activity 19999"}
    endless = ([n, "x"] for n in itertools.count())
    assert next(exports.json_chunks(["id", "title"], endless)).startswith(b'[{"id": 0')


def test_stream_csv_is_a_utf8_attachment():
    response = exports.stream_csv(["id"], [[1]], "activities-20260101.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="activities-20260101.csv"'
    assert b"".join(response.streaming_content) == "\ufeffid\r\n1\r\n".encode()


def test_stream_json_is_a_utf8_attachment():
    response = exports.stream_json(["id"], [[1]], "activities-20260101.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="activities-20260101.json"'
    assert b"".join(response.streaming_content) == b'[{"id": 1}]\n'
