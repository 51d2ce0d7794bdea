"""A large import is written in chunks through COPY (core/bulk.py) and must leave exactly
what one bulk_create of every row left, and nothing at all when a late row is bad."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.db import transaction

from communities.models import Community
from core.spreadsheets import resource as spreadsheet_resource
from core.spreadsheets.formats import read_xlsx
from grants import resources as grant_resources
from grants.models import Grant
from grants.resources import GrantResource
from projects.models import Organisation
from tests import factories as f
from tests.grants.conftest import grant_row, xlsx_bytes

pytestmark = pytest.mark.django_db

ROWS = 2_000


def _rows(count: int = ROWS) -> list[list[Any]]:
    rows = []
    for i in range(count):
        if i % 500 == 499:
            # A new ayil okmotu granted for one community, past the first chunk.
            grantee, community = "Наримановский айыл окмоту", "Наримановский айылный аймак"
        else:
            grantee = "ОФ «Ыйман»" if i % 3 else f"ОФ «Новая инициатива {i % 300}»"
            community = ("Наримановский айылный аймак", "Толойконский айылный аймак")[i % 2]
        rows.append(
            grant_row(
                Grant_ID=f"LIP-{i:05d}",
                Community=community,
                Grantee=grantee,
                Title=f"Молодёжь за мир {i}",
                Summary="Диалог старейшин и молодёжи" if i % 2 else "",
                Amount=str(1000 + i),
                Start_date=f"{1 + i % 28:02d}.04.2021",
            )
        )
    return rows


def _import(rows: list[list[Any]], user: Any) -> Any:
    return GrantResource(language="ru").import_data(
        read_xlsx(xlsx_bytes(rows)),
        dry_run=False,
        user=user,
        admin_log=True,
        file_name="grants.xlsx",
    )


def _records() -> dict[str, Any]:
    slugs = dict(Organisation.objects.values_list("pk", "slug"))
    grants = Grant.objects.values_list(
        "reference", "grantee_id", "grantee_type", "title", "title_ru", "title_en",
        "summary", "summary_ru", "region_id", "district_id", "amount", "currency",
        "start_date", "end_date", "status", "programme_id",
    )  # fmt: skip
    history = Grant.history.values_list(  # type: ignore[attr-defined]  # simple-history adds the manager at run time
        "reference", "grantee_id", "title_ru", "title_en", "amount", "history_type",
        "history_change_reason", "history_user_id",
    )  # fmt: skip
    historical = Grant.history.model  # type: ignore[attr-defined]  # simple-history adds the manager at run time
    link_history = next(
        rel.related_model for rel in historical._meta.related_objects if rel.field.name == "history"
    )
    return {
        "grants": sorted((*g[:1], slugs[g[1]], *g[2:]) for g in grants),
        "links": sorted(
            Grant.communities.through.objects.values_list("grant__reference", "community_id")
        ),
        "history": sorted((*h[:1], slugs.get(h[1]), *h[2:]) for h in history),
        "link_history": sorted(
            link_history.objects.values_list("history__reference", "community_id")
        ),
        "organisations": sorted(
            Organisation.objects.values_list("slug", "name_ru", "kind", "legal_form")
        ),
        "organisation_history": sorted(
            Organisation.history.values_list(  # type: ignore[attr-defined]  # simple-history adds the manager at run time
                "slug", "history_type", "history_change_reason"
            )
        ),
        "governed": sorted(
            (c.pk, slugs.get(c.local_government_id)) for c in Community.objects.all()
        ),
        "log": sorted(
            LogEntry.objects.values_list("object_repr", "action_flag", "change_message", "user_id")
        ),
        "logged_grants": set(LogEntry.objects.values_list("object_id", flat=True))
        == {str(pk) for pk in Grant.objects.values_list("pk", flat=True)},
    }


def test_a_2000_row_import_writes_what_one_bulk_create_of_every_row_wrote(
    places, programme, yiman, monkeypatch
) -> None:
    user = f.UserFactory()
    rows = _rows()

    def bulk_create(model: Any, instances: Any) -> Any:
        return model._default_manager.bulk_create(instances)

    # The way it was written before: every row held to the end, then bulk_create.
    with transaction.atomic():
        with monkeypatch.context() as before:
            before.setattr(spreadsheet_resource, "copy_insert", bulk_create)
            before.setattr(grant_resources, "copy_insert", bulk_create)
            before.setattr(GrantResource._meta, "batch_size", None)
            assert not _import(rows, user).has_validation_errors()
        expected = _records()
        transaction.set_rollback(True)
    assert not Grant.objects.exists()

    result = _import(rows, user)

    assert not result.has_errors() and not result.has_validation_errors()
    written = _records()
    assert len(written["grants"]) == ROWS
    assert len(written["log"]) == ROWS and written["logged_grants"]
    assert {flag for _r, flag, *_rest in written["log"]} == {ADDITION}
    assert written["governed"] != [(pk, None) for pk, _lg in written["governed"]]
    assert written == expected


def test_a_bad_row_after_written_chunks_leaves_nothing_behind(places, programme, yiman) -> None:
    rows = _rows(2_500)
    rows[2_400] = grant_row(Grant_ID="LIP-BAD", Region="Нарнийская область")
    organisations = Organisation.objects.count()

    result = _import(rows, f.UserFactory())

    assert result.has_validation_errors()
    assert not Grant.objects.exists()
    assert not Grant.history.exists()  # type: ignore[attr-defined]  # simple-history adds the manager at run time
    assert not Grant.communities.through.objects.exists()
    assert Organisation.objects.count() == organisations
    assert not LogEntry.objects.exists()
    assert not Community.objects.exclude(local_government=None).exists()


def test_a_written_import_retires_the_public_pages_once_and_a_preview_does_not(
    places, programme, yiman, monkeypatch
) -> None:
    retired: list[bool] = []
    monkeypatch.setattr(spreadsheet_resource, "invalidate_all", lambda: retired.append(True))
    dataset = read_xlsx(xlsx_bytes(_rows(30)))

    GrantResource(language="ru").import_data(dataset, dry_run=True)
    assert retired == []
    GrantResource(language="ru").import_data(read_xlsx(xlsx_bytes(_rows(30))), dry_run=False)

    assert retired == [True]
    assert Grant.objects.count() == 30
