"""The admin's confirmation reads the rows its preview kept (core/spreadsheets/stored.py)
instead of parsing the upload again."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from core.spreadsheets.stored import MAGIC
from grants.models import Grant, ImportUpload
from tests import factories as f
from tests.grants.conftest import grant_permissions, grant_row, xlsx_bytes


@pytest.mark.django_db
def test_the_confirmation_imports_the_rows_the_preview_kept(
    client, places, programme, yiman
) -> None:
    importer = f.UserFactory(is_staff=True)
    importer.user_permissions.set(grant_permissions("import_grant", "view_grant", "add_grant"))
    client.force_login(importer)
    upload = io.BytesIO(xlsx_bytes([grant_row(), grant_row(Grant_ID="LIP-02")]))
    upload.name = "grants.xlsx"
    preview = client.post(
        reverse("admin:grants_grant_import"),
        {"import_file": upload, "format": "0", "language": "ru", "resource": "0"},
    )
    initial = preview.context["confirm_form"].initial

    stored = ImportUpload.objects.get(name=initial["import_file_name"])
    assert bytes(stored.content).startswith(MAGIC)
    response = client.post(reverse("admin:grants_grant_process_import"), initial)

    assert response.status_code == 302
    assert sorted(Grant.objects.values_list("reference", flat=True)) == ["LIP-01", "LIP-02"]
