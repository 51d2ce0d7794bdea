"""The rows a passing preview read are kept, signed, for the confirmation; anything not
signed by this server is read as an upload."""

from __future__ import annotations

import datetime as dt

import pytest
import tablib

from core.spreadsheets.formats import ImportFileError, SafeCSV, SafeXLSX
from core.spreadsheets.stored import dump_rows, load_rows


def _dataset() -> tablib.Dataset:
    dataset = tablib.Dataset(headers=["Grant ID", "Start date", "Amount", "Paid", "__row__"])
    dataset.append(["LIP-01", dt.datetime(2021, 4, 1, 0, 0), 1250000, True, 2])
    dataset.append(["Ыйман «ОФ»", dt.date(2021, 12, 31), 12.5, None, 3])
    dataset.append(["", dt.timedelta(hours=36), "=SUM(A1)", False, 5])
    return dataset


def test_rows_come_back_with_their_types_and_row_numbers() -> None:
    dataset = _dataset()

    loaded = load_rows(dump_rows(dataset))

    assert loaded is not None
    assert loaded.headers == dataset.headers
    assert list(loaded) == list(dataset)
    assert type(loaded[0][1]) is dt.datetime and type(loaded[1][1]) is dt.date


def test_rows_with_a_wrong_signature_are_read_as_an_upload() -> None:
    stored = dump_rows(_dataset())
    signature_end = stored.index(b"\n")
    last = stored[signature_end - 1 : signature_end]
    forged = stored[: signature_end - 1] + (b"1" if last == b"0" else b"0") + stored[signature_end:]

    assert load_rows(forged) is None
    assert load_rows(b"Grant ID,Amount\r\nLIP-01,5\r\n") is None
    with pytest.raises(ImportFileError):
        SafeXLSX().create_dataset(forged)
    assert len(SafeCSV().create_dataset(stored)) == 3
