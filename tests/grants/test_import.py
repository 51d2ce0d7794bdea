"""Grant import through the resource API and the admin: values, messages, atomicity,
idempotence, export round trip and the hostile-file cases."""

from __future__ import annotations

import csv
import io
import re
import time
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import translation

from core.spreadsheets.formats import ImportFileError, SafeCSV, SafeXLSX, read_csv, read_xlsx
from grants.models import Grant, GrantStatus
from grants.resources import GrantResource
from projects.models import Organisation
from tests import factories as f
from tests.grants.conftest import EN_HEADERS, RU_HEADERS, csv_bytes, grant_row, xlsx_bytes

pytestmark = pytest.mark.django_db


def run(data: bytes, *, dry_run: bool = False, language: str = "ru", csv: bool = False):
    dataset = read_csv(data) if csv else read_xlsx(data)
    return GrantResource(language=language).import_data(dataset, dry_run=dry_run)


def messages(result) -> list[str]:
    found = [str(m) for row in result.invalid_rows for ms in row.error_dict.values() for m in ms]
    found += [m for e in result.base_errors for m in getattr(e.error, "messages", [str(e.error)])]
    return found


def test_it_imports_a_row_with_every_column_resolved(places, programme, yiman) -> None:
    result = run(xlsx_bytes([grant_row(Summary="Спорт и диалог", Status="завершён")]))
    assert not messages(result)
    grant = Grant.objects.get()
    assert grant.programme == programme
    assert grant.grantee == yiman  # «ОФ «Ыйман»» matched "Общественный фонд «Ыйман»"
    assert (grant.region, grant.district) == (places["osh"], places["kara_suu"])
    assert list(grant.communities.all()) == [places["nariman"]]
    assert grant.amount == Decimal("1250000.00") and grant.currency == "KGS"
    assert str(grant.start_date) == "2021-04-01" and str(grant.end_date) == "2021-12-31"
    assert grant.title_ru == "Молодёжь за мир" and grant.summary_ru == "Спорт и диалог"
    assert grant.status == GrantStatus.COMPLETED
    assert grant.history.count() == 1


def test_it_reads_russian_headers_and_fills_the_form_language(places, programme, yiman) -> None:
    result = run(xlsx_bytes([grant_row()], headers=RU_HEADERS), language="en")
    assert not messages(result)
    grant = Grant.objects.get()
    assert grant.title_en == "Молодёжь за мир" and not grant.title_ru


def test_it_fills_each_language_from_suffixed_columns(places, programme, yiman) -> None:
    headers = [
        "Grant ID",
        "Programme",
        "Grantee",
        "Title [en]",
        "Название проекта [ru]",
        "Title [ky]",
    ]
    data = xlsx_bytes(
        [
            [
                "LIP-01",
                "Жить в мире",
                "Yiman",
                "Youth for peace",
                "Молодёжь за мир",
                "Тынчтык үчүн жаштар",
            ]
        ],
        headers=headers,
    )
    assert not messages(run(data))
    grant = Grant.objects.get()
    assert (grant.title_en, grant.title_ru, grant.title_ky) == (
        "Youth for peace",
        "Молодёжь за мир",
        "Тынчтык үчүн жаштар",
    )
    assert grant.grantee == yiman


def test_it_creates_a_grantee_it_cannot_match(places, programme, yiman) -> None:
    result = run(
        xlsx_bytes(
            [
                grant_row(Grantee="ОФ «Новый путь»"),
                grant_row(Grant_ID="LIP-02", Grantee='ОФ "Новый Путь"'),
            ]
        )
    )
    assert not messages(result)
    created = Organisation.objects.get(match_key="новый путь")
    assert created.name_ru == "ОФ «Новый путь»"
    assert Grant.objects.filter(grantee=created).count() == 2


def test_it_reads_real_date_and_number_cells(places, programme, yiman) -> None:
    import datetime as dt

    row = grant_row(
        Amount=1250000.5, Start_date=dt.datetime(2021, 4, 1), End_date=dt.date(2021, 12, 31)
    )
    assert not messages(run(xlsx_bytes([row])))
    grant = Grant.objects.get()
    assert grant.amount == Decimal("1250000.50") and grant.start_date == dt.date(2021, 4, 1)


@pytest.mark.parametrize(
    ("override", "expected"),
    [
        (
            {"Region": "Ошкая обл."},
            "Row 2, Region: «Ошкая обл.» is not a known region. Did you mean Osh Region?",
        ),
        ({"Region": "Марс"}, "Row 2, Region: «Марс» is not a known region."),
        (
            {"District": "Сузакский район"},
            "Row 2, District: «Сузакский район» is in Jalal-Abad Region, not in Osh Region.",
        ),
        (
            {"District": "", "Community": "Барпынский айылный аймак"},
            "Row 2, Community: «Барпынский айылный аймак» lies in Suzak District, "
            "not in Osh Region.",
        ),
        ({"Amount": "много"}, "Row 2, Amount: «много» is not an amount."),
        ({"Currency": "рубль"}, "Row 2, Currency: «рубль» is not a currency we know."),
        ({"Start date": "31.02.2021"}, "Row 2, Start date: «31.02.2021» is not a real date."),
        ({"End date": "01.01.2020"}, "Row 2, End date: the end date 01.01.2020 is before"),
        ({"Programme": "Unknown"}, "Row 2, Programme: «Unknown» is not a known programme."),
        ({"Grant ID": ""}, "Row 2, Grant ID: the Grant ID is empty."),
        ({"Grantee": ""}, "Row 2, Grantee: the grantee is empty."),
        ({"Title": ""}, "Row 2, Title: the Title is empty."),
        ({"Status": "в огне"}, "Row 2, Status: «в огне» is not one of:"),
        ({"Grantee type": "банк"}, "Row 2, Grantee type: «банк» is neither a grantee type"),
    ],
)
def test_it_names_row_column_and_problem(places, programme, yiman, override, expected) -> None:
    from django.utils import translation

    row = grant_row(**{k.replace(" ", "_"): v for k, v in override.items()})
    with translation.override("en"):
        found = messages(run(xlsx_bytes([row])))
    assert any(m.startswith(expected) for m in found), found
    assert Grant.objects.count() == 0


def test_it_numbers_rows_as_the_sheet_does_even_after_blank_rows(places, programme, yiman) -> None:
    rows = [grant_row(), [None] * 14, [None] * 14, grant_row(Grant_ID="LIP-02", Amount="x")]
    found = messages(run(xlsx_bytes(rows)))
    assert found and found[0].startswith("Row 5, Amount:")


def test_it_reports_a_grant_listed_twice(places, programme, yiman) -> None:
    found = messages(run(xlsx_bytes([grant_row(), grant_row()])))
    assert "Row 3: the same record is already in row 2." in found


def test_one_bad_row_among_500_saves_nothing_through_the_resource_api(
    places, programme, yiman
) -> None:
    rows = [grant_row(Grant_ID=f"LIP-{i:03d}") for i in range(500)]
    rows[321] = grant_row(Grant_ID="LIP-321", Region="Ошкая обл.")
    result = run(xlsx_bytes(rows), dry_run=False)
    assert result.has_validation_errors()
    assert Grant.objects.count() == 0
    assert not Organisation.objects.filter(match_key="новый путь").exists()


def test_the_same_file_twice_creates_no_duplicates_and_reports_unchanged(
    places, programme, yiman
) -> None:
    data = xlsx_bytes([grant_row(), grant_row(Grant_ID="LIP-02")])
    run(data)
    second = run(data)
    assert Grant.objects.count() == 2
    assert second.totals["skip"] == 2 and second.totals["new"] == 0


def test_a_changed_row_updates_its_grant_with_history(places, programme, yiman) -> None:
    run(xlsx_bytes([grant_row()]))
    result = run(
        xlsx_bytes([grant_row(Amount="2 000 000", Community="Толойконский айылный аймак")])
    )
    assert result.totals["update"] == 1
    grant = Grant.objects.get()
    assert grant.amount == Decimal("2000000.00")
    assert list(grant.communities.all()) == [places["toloikon"]]
    assert grant.history.count() == 2
    assert [c.community for c in grant.history.first().communities.all()] == [places["toloikon"]]


def test_the_dry_run_writes_nothing(places, programme, yiman) -> None:
    result = run(xlsx_bytes([grant_row(Grantee="Новая организация")]), dry_run=True)
    assert result.totals["new"] == 1
    assert Grant.objects.count() == 0 and Organisation.objects.count() == 2


def test_csv_in_windows_1251_with_semicolons_is_read(places, programme, yiman) -> None:
    data = csv_bytes([grant_row()], headers=RU_HEADERS, encoding="cp1251", delimiter=";")
    assert not messages(run(data, csv=True))
    assert Grant.objects.get().title_ru == "Молодёжь за мир"


def test_csv_in_utf8_with_a_bom_is_read(places, programme, yiman) -> None:
    data = b"\xef\xbb\xbf" + csv_bytes([grant_row()])
    assert not messages(run(data, csv=True))
    assert Grant.objects.count() == 1


def test_export_then_reimport_reports_every_row_unchanged(places, programme, yiman) -> None:
    # Typed into CSV: openpyxl would store "=…" in an .xlsx as a real formula.
    run(
        csv_bytes([grant_row(), grant_row(Grant_ID="LIP-02", Title='=HYPERLINK("x")', Amount="")]),
        csv=True,
    )
    assert Grant.objects.count() == 2
    for fmt in ("xlsx", "csv"):
        dataset = GrantResource().export(Grant.objects.all())
        if fmt == "xlsx":
            from core.spreadsheets.formats import SafeXLSX

            reread = read_xlsx(SafeXLSX().export_data(dataset))
        else:
            from core.spreadsheets.formats import SafeCSV

            reread = read_csv(SafeCSV().export_data(dataset))
        result = GrantResource(language="ru").import_data(reread)
        assert result.totals["skip"] == 2, (fmt, messages(result))


def test_a_csv_export_neutralises_formulas_with_an_apostrophe(places, programme, yiman) -> None:
    run(
        csv_bytes([grant_row(Title="=cmd|' /C calc'!A0", Grantee="@SUM(1)", Summary="-2+3")]),
        csv=True,
    )
    with translation.override("ru"):
        dataset = GrantResource().export(Grant.objects.all())
    text = SafeCSV().export_data(dataset).decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["Название проекта [ru]"] == "'=cmd|' /C calc'!A0"
    assert row["Краткое описание [ru]"] == "'-2+3"
    assert row["Грантополучатель"] == "'@SUM(1)"


def test_a_csv_export_neutralises_a_formula_after_a_semicolon(places, programme, yiman) -> None:
    # Excel in ru/ky/tg locales splits on ";", so "FXI;=1+1;" would become a cell "=1+1".
    run(csv_bytes([grant_row(Title="FXI;=1+1;")]), csv=True)
    with translation.override("ru"):
        dataset = GrantResource().export(Grant.objects.all())
    text = SafeCSV().export_data(dataset).decode("utf-8-sig")
    assert "FXI;'=1+1;" in text
    assert ";=" not in text


def test_an_xlsx_export_stores_formulas_as_text_without_an_apostrophe(
    places, programme, yiman
) -> None:
    run(csv_bytes([grant_row(Title="=cmd|' /C calc'!A0", Summary="-2+3")]), csv=True)
    with translation.override("ru"):
        dataset = GrantResource().export(Grant.objects.all())
    book = openpyxl.load_workbook(io.BytesIO(SafeXLSX().export_data(dataset)))
    sheet = book.active
    assert sheet.title == "Гранты"
    headers = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=headers.index("Название проекта [ru]") + 1)
    assert cell.value == "=cmd|' /C calc'!A0"
    assert cell.data_type == "s"
    # Read back by the importer, the text is what the user typed.
    reread = read_xlsx(SafeXLSX().export_data(dataset))
    assert "=cmd|' /C calc'!A0" in list(reread[0])


def test_a_zip_bomb_is_refused_in_under_a_second(settings) -> None:
    settings.IMPORT_MAX_UNPACKED_BYTES = 5 * 1024 * 1024
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
    started = time.perf_counter()
    with pytest.raises(ImportFileError, match="unpacks to"):
        read_xlsx(buffer.getvalue())
    assert time.perf_counter() - started < 1


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


def test_an_xml_entity_attack_fails_cleanly() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )

    def inject(content: bytes) -> bytes:
        body = content.split(b"?>", 1)[1] if content.startswith(b"<?xml") else content
        return bomb + body.replace(b"Grant ID", b"&lol2;", 1)

    data = _rewrite(xlsx_bytes([grant_row()]), "xl/worksheets/sheet1.xml", inject)
    with pytest.raises(ImportFileError, match="XML entity"):
        read_xlsx(data)


def test_a_libreoffice_sheet_claiming_a_million_rows_reads_quickly(
    places, programme, yiman
) -> None:
    data = xlsx_bytes([grant_row(), grant_row(Grant_ID="LIP-02")])
    data = _rewrite(
        data,
        "xl/worksheets/sheet1.xml",
        lambda c: re.sub(
            rb'<dimension ref="[A-Z0-9:]+"\s*/>', b'<dimension ref="A1:N1048576"/>', c
        ),
    )
    assert b"A1:N1048576" in zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    started = time.perf_counter()
    dataset = read_xlsx(data)
    assert time.perf_counter() - started < 2
    assert len(dataset) == 2


def test_trailing_empty_columns_and_rows_are_ignored(places, programme, yiman) -> None:
    rows = [[*grant_row(), None, None], [None] * 16, [None] * 16]
    dataset = read_xlsx(xlsx_bytes(rows, headers=[*EN_HEADERS, None, "  "]))
    assert len(dataset) == 1
    assert not messages(GrantResource(language="ru").import_data(dataset))


def test_too_many_rows_are_refused_with_the_limit(settings) -> None:
    settings.IMPORT_MAX_ROWS = 3
    with pytest.raises(ImportFileError, match="more than 3 rows"):
        read_xlsx(xlsx_bytes([grant_row()] * 4))


def test_too_large_a_file_is_refused_with_the_limit(settings) -> None:
    settings.IMPORT_MAX_UPLOAD_BYTES = 100
    with pytest.raises(ImportFileError, match="largest file you can import is 100"):
        read_xlsx(xlsx_bytes([grant_row()]))


# --- the admin flow -------------------------------------------------------------------


@pytest.fixture
def importer(db):
    from tests.grants.conftest import grant_permissions

    user = f.UserFactory(username="importer", is_staff=True)
    user.user_permissions.set(
        grant_permissions("import_grant", "export_grant", "view_grant", "add_grant", "change_grant")
    )
    return user


def admin_preview(client, data: bytes, name: str = "grants.xlsx", fmt: str = "0"):
    upload = io.BytesIO(data)
    upload.name = name
    return client.post(
        reverse("admin:grants_grant_import"),
        {"import_file": upload, "format": fmt, "language": "ru", "resource": "0"},
    )


def admin_confirm(client, preview):
    initial = preview.context["confirm_form"].initial
    return client.post(reverse("admin:grants_grant_process_import"), initial)


def test_admin_import_previews_counts_then_saves_on_confirm(
    client, importer, places, programme, yiman
) -> None:
    client.force_login(importer)
    run(xlsx_bytes([grant_row(Grant_ID="LIP-00")]))
    data = xlsx_bytes([grant_row(Grant_ID="LIP-00"), grant_row(), grant_row(Grant_ID="LIP-02")])
    preview = admin_preview(client, data)
    assert preview.status_code == 200
    assert preview.context["counts"] == {"new": 2, "updated": 0, "unchanged": 1, "errors": 0}
    assert Grant.objects.count() == 1
    response = admin_confirm(client, preview)
    assert response.status_code == 302
    assert Grant.objects.count() == 3
    assert LogEntry.objects.filter(user=importer).count() == 2
    assert Grant.objects.get(reference="LIP-02").history.first().history_user == importer


def test_admin_preview_lists_errors_and_offers_no_confirmation(
    client, importer, places, programme, yiman
) -> None:
    client.force_login(importer)
    rows = [grant_row(Grant_ID=f"LIP-{i:03d}") for i in range(500)]
    rows[6] = grant_row(Grant_ID="LIP-006", Region="Ошкая обл.")
    preview = admin_preview(client, xlsx_bytes(rows))
    assert "confirm_form" not in preview.context
    assert preview.context["counts"]["errors"] == 1
    assert any(
        m.startswith("Row 8, Region: «Ошкая обл.» is not a known region")
        for m in preview.context["error_messages"]
    )
    assert Grant.objects.count() == 0


def test_admin_confirm_saves_nothing_if_the_data_went_bad_since_the_preview(
    client, importer, places, programme, yiman
) -> None:
    client.force_login(importer)
    rows = [grant_row(Grant_ID=f"LIP-{i:03d}") for i in range(500)]
    preview = admin_preview(client, xlsx_bytes(rows))
    places["osh"].name_en, places["osh"].name_ru, places["osh"].name_ky = "Gone", "Нет", "Жок"
    places["osh"].save()
    response = admin_confirm(client, preview)
    assert response.status_code == 200 and response.context["nothing_saved"]
    assert Grant.objects.count() == 0


def test_admin_preview_and_confirm_work_across_workers(
    client, importer, places, programme, yiman
) -> None:
    from django.core.cache import cache

    client.force_login(importer)
    preview = admin_preview(client, xlsx_bytes([grant_row()]))
    cache.clear()  # another worker has its own cache; the upload is in the database
    assert admin_confirm(client, preview).status_code == 302
    assert Grant.objects.count() == 1


def test_admin_shows_a_clear_message_for_an_unreadable_file(client, importer) -> None:
    client.force_login(importer)
    response = admin_preview(client, b"not a zip", name="grants.xlsx")
    assert "This is not an .xlsx file, or it is damaged." in response.content.decode()


def test_admin_refuses_an_oversized_upload(client, importer, settings) -> None:
    settings.IMPORT_MAX_UPLOAD_BYTES = 1000
    client.force_login(importer)
    response = admin_preview(client, b"x" * 5000, name="big.csv", fmt="1")
    assert "the largest file you can import is 1000" in response.content.decode()


def test_admin_template_download_is_a_documented_xlsx(client, importer, programme) -> None:
    client.force_login(importer)
    response = client.get(reverse("admin:grants_grant_import_template"))
    assert response.status_code == 200
    dataset = read_xlsx(response.content)
    assert len(dataset) == 1
    assert "Номер гранта" in dataset.headers or "Grant ID" in dataset.headers
    page = client.get(reverse("admin:grants_grant_import")).content.decode()
    assert reverse("admin:grants_grant_import_template") in page


def test_admin_export_in_both_formats_reimports_unchanged(
    client, importer, places, programme, yiman
) -> None:
    client.force_login(importer)
    run(xlsx_bytes([grant_row(), grant_row(Grant_ID="LIP-02", Title="+996 555")]))
    for fmt, name in (("0", "x.xlsx"), ("1", "x.csv")):
        response = client.post(
            reverse("admin:grants_grant_export"), {"format": fmt, "resource": "0"}
        )
        assert response.status_code == 200
        preview = admin_preview(client, response.content, name=name, fmt=fmt)
        assert preview.context["counts"]["unchanged"] == 2, preview.context.get("error_messages")


PROTECTED = [
    "admin:grants_grant_import",
    "admin:grants_grant_export",
    "admin:grants_grant_import_template",
]


@pytest.mark.parametrize("url_name", PROTECTED)
def test_anonymous_users_are_sent_to_the_admin_login(client, url_name) -> None:
    response = client.get(reverse(url_name))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("url_name", [*PROTECTED, "admin:grants_grant_process_import"])
def test_staff_without_the_permissions_get_403(client, url_name) -> None:
    from tests.grants.conftest import grant_permissions

    user = f.UserFactory(username="clerk", is_staff=True)
    user.user_permissions.set(grant_permissions("view_grant", "change_grant", "add_grant"))
    client.force_login(user)
    method = client.post if url_name.endswith("process_import") else client.get
    assert method(reverse(url_name)).status_code == 403


@pytest.mark.parametrize("url_name", PROTECTED)
def test_staff_with_the_permissions_get_the_page(client, importer, url_name) -> None:
    client.force_login(importer)
    assert client.get(reverse(url_name)).status_code == 200


@pytest.mark.parametrize("language", ["ru", "en"])
def test_admin_export_names_records_written_only_in_kyrgyz(
    client, importer, places, language
) -> None:
    """Issue #21: a Russian or English export never leaves a cell empty for a record written
    in Kyrgyz only; single-language cells (programme, grantee, places) follow the pages'
    fallback order, and the title keeps its own Kyrgyz column."""
    from communities.models import District

    programme = f.GrantProgrammeFactory(
        slug="tynchtyk", name_en="", name_ru="", name_ky="Тынчтыкта жашоо"
    )
    grantee = f.OrganisationFactory(
        slug="umut", name_en="", name_ru="", name_ky="«Үмүт» коомдук фонду"
    )
    district = District.objects.get(pk=places["kara_suu"].pk)
    district.name_en, district.name_ru, district.name_ky = "", "", "Кара-Суу району"
    district.save()
    f.GrantFactory(
        reference="KY-01",
        programme=programme,
        grantee=grantee,
        region=district.region,
        district=district,
        title_en="",
        title_ru="",
        title_ky="Жаштар жана карылар",
    )
    client.force_login(importer)
    response = client.post(
        reverse("admin:grants_grant_export"),
        {"format": "1", "resource": "0"},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    row = next(r for r in rows[1:] if r[0] == "KY-01")
    assert row[1:4] == ["Тынчтыкта жашоо", str(district.region), "Кара-Суу району"]
    assert "«Үмүт» коомдук фонду" in row
    assert "Жаштар жана карылар" in row
