"""A staff user with the import permission imports an .xlsx of grants through the Django
admin in a real Chromium: log in, upload, read the preview counts, confirm, see the grants."""

from __future__ import annotations

import pytest

from grants.models import Grant
from tests import factories as f
from tests.conftest import ARTIFACTS
from tests.grants.conftest import grant_permissions, grant_row, xlsx_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_admin_imports_an_xlsx_of_grants_in_the_browser(
    browser_page, live_server, places, programme, yiman
) -> None:
    user = f.UserFactory(username="grants-importer", is_staff=True)
    user.user_permissions.set(
        grant_permissions("import_grant", "view_grant", "add_grant", "change_grant")
    )
    page = browser_page
    page.goto(f"{live_server.url}/admin/login/?next=/admin/grants/grant/import/")
    page.fill("input[name=username]", "grants-importer")
    page.fill("input[name=password]", "correct horse battery staple")
    page.click("input[type=submit]")
    page.wait_for_selector("#import-form")
    assert page.locator("#import-template-link").is_visible()

    data = xlsx_bytes(
        [
            grant_row(Grant_ID="LIP-01", Title="Молодёжь за мир"),
            grant_row(
                Grant_ID="LIP-02", Title="Безопасная дорога в школу", Grantee="ОФ «Новый путь»"
            ),
        ]
    )
    page.set_input_files(
        "input[name=import_file]",
        files=[{"name": "grants.xlsx", "mimeType": XLSX, "buffer": data}],
    )
    page.select_option("select[name=format]", "0")
    page.select_option("select[name=language]", "ru")
    page.click("#import-form input[type=submit]")

    page.wait_for_selector("#import-counts")
    assert page.inner_text("#import-counts .count-new") == "2"
    assert page.inner_text("#import-counts .count-errors") == "0"
    assert Grant.objects.count() == 0  # the preview saves nothing
    page.screenshot(path=str(ARTIFACTS / "grants-import-preview.png"), full_page=True)

    page.click("#confirm-import input[name=confirm]")
    page.wait_for_url("**/admin/grants/grant/")
    listing = page.inner_text("#result_list")
    assert "LIP-01" in listing and "LIP-02" in listing
    assert page.locator(".messagelist .success").count() == 1
    page.screenshot(path=str(ARTIFACTS / "grants-import-done.png"), full_page=True)

    assert set(Grant.objects.values_list("reference", flat=True)) == {"LIP-01", "LIP-02"}
    assert Grant.objects.get(reference="LIP-02").grantee.name_ru == "ОФ «Новый путь»"
    assert page.js_errors == []  # type: ignore[attr-defined]  # set on the Playwright object by tests/conftest.py
