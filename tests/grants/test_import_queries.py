"""The import's query count does not grow with the rows: lookups come from a few cached
queries and writes are bulk (2 vs 20 rows: SQLite splits a bulk insert of ~45 columns
after ~22 rows, so 20 keeps both databases to one batch)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.spreadsheets.formats import read_xlsx
from grants.models import Grant
from grants.resources import GrantResource
from tests.grants.conftest import grant_row, xlsx_bytes

pytestmark = pytest.mark.django_db


def _rows(n: int, prefix: str) -> list[list[object]]:
    communities = ["Наримановский айылный аймак", "Толойконский айылный аймак"]
    return [
        grant_row(
            Grant_ID=f"{prefix}-{i:03d}",
            Community=communities[i % 2],
            Grantee="ОФ «Ыйман»" if i % 2 else f"ОФ «Новая инициатива {prefix} {i}»",
        )
        for i in range(n)
    ]


def _queries(rows: list[list[object]], *, dry_run: bool) -> int:
    dataset = read_xlsx(xlsx_bytes(rows))
    with CaptureQueriesContext(connection) as captured:
        result = GrantResource(language="ru").import_data(dataset, dry_run=dry_run)
    assert not result.has_errors() and not result.has_validation_errors()
    return len(captured)


@pytest.mark.parametrize("dry_run", [True, False])
def test_the_query_count_stays_flat_from_2_to_20_rows(places, programme, yiman, dry_run) -> None:
    # Filling in a stored grantee's legal form is a one-off cost; leave it out here.
    yiman.legal_form = "public_foundation"
    yiman.save()
    few = _queries(_rows(2, "A"), dry_run=dry_run)
    many = _queries(_rows(20, "B"), dry_run=dry_run)
    assert few == many
    if not dry_run:
        assert Grant.objects.count() == 22


def test_updating_20_stored_grants_costs_what_updating_2_does(places, programme, yiman) -> None:
    _queries(_rows(2, "C") + _rows(20, "D"), dry_run=False)
    changed_few = [grant_row(**{**dict(Grant_ID=f"C-{i:03d}"), "Amount": "7"}) for i in range(2)]
    changed_many = [grant_row(**{**dict(Grant_ID=f"D-{i:03d}"), "Amount": "7"}) for i in range(20)]
    assert _queries(changed_few, dry_run=False) == _queries(changed_many, dry_run=False)
