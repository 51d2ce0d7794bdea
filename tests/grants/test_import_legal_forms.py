"""Real grantee lists: «Тип организации» holds the legal form («Общественный фонд», «ОО»,
"Public foundation", «Учреждение»), the legal form is its own field, an unknown value is
reported with its row and the allowed values, and the template explains itself."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from core.spreadsheets.formats import read_xlsx
from grants.models import Grant
from grants.resources import GrantResource
from projects import legal_forms
from projects.models import GranteeType, LegalForm, Organisation, OrganisationKind
from projects.resources import OrganisationResource
from tests import factories as f
from tests.grants.conftest import RU_HEADERS, grant_row, xlsx_bytes
from tests.grants.test_import import messages, run

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("spelling", "code"),
    [
        ("ОФ", LegalForm.PUBLIC_FOUNDATION),
        ("О.Ф.", LegalForm.PUBLIC_FOUNDATION),
        ("Общественный фонд", LegalForm.PUBLIC_FOUNDATION),
        ("Public foundation", LegalForm.PUBLIC_FOUNDATION),
        ("Коомдук фонд", LegalForm.PUBLIC_FOUNDATION),
        ("ОО", LegalForm.PUBLIC_ASSOCIATION),
        ("Общественное объединение", LegalForm.PUBLIC_ASSOCIATION),
        ("ОЮЛ", LegalForm.ASSOCIATION_OF_LEGAL_ENTITIES),
        ("Учреждение", LegalForm.INSTITUTION),
        ("Муассиса", LegalForm.INSTITUTION),
        ("ОсОО", LegalForm.LIMITED_LIABILITY_COMPANY),
        ("ЖЧК", LegalForm.LIMITED_LIABILITY_COMPANY),
        ("АӨ", LegalForm.AYIL_OKMOTU),
        ("айыл өкмөтү", LegalForm.AYIL_OKMOTU),
        ("Aiyl okmotu", LegalForm.AYIL_OKMOTU),
        ("джамоат", LegalForm.JAMOAT),
        ("Ҷамоат", LegalForm.JAMOAT),
    ],
)
def test_it_recognises_legal_forms_in_four_languages_and_abbreviations(spelling, code) -> None:
    table = legal_forms.legal_form_lookup()
    assert table[legal_forms.normalise_legal_form(spelling)] == code


def test_every_legal_form_has_spellings_and_none_is_claimed_twice() -> None:
    # legal_form_table() raises if one spelling is listed under two forms.
    table = legal_forms.legal_form_table()
    assert set(table.values()) == set(LegalForm.values)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("ОФ «Ыйман»", LegalForm.PUBLIC_FOUNDATION),
        ("Yiman Public Foundation", LegalForm.PUBLIC_FOUNDATION),
        ("Айыл өкмөтү Кулунду", LegalForm.AYIL_OKMOTU),
        ("Джамоат Гафуров", LegalForm.JAMOAT),
        ("Ыйман", ""),
    ],
)
def test_it_reads_the_legal_form_written_into_a_name(name, code) -> None:
    assert legal_forms.legal_form_in_name(name) == code


def test_a_russian_list_with_legal_forms_in_the_type_column_imports(places, programme) -> None:
    rows = [
        grant_row(Grant_ID="G-1", Grantee="Ыйман", Grantee_type="Общественный фонд"),
        grant_row(Grant_ID="G-2", Grantee="Мир и согласие", Grantee_type="ОО"),
        grant_row(Grant_ID="G-3", Grantee="Peace Builders", Grantee_type="Public foundation"),
        grant_row(Grant_ID="G-4", Grantee="Центр медиации", Grantee_type="Учреждение"),
        grant_row(Grant_ID="G-5", Grantee="Наримановский", Grantee_type="айыл өкмөтү"),
    ]
    result = run(xlsx_bytes(rows, headers=RU_HEADERS))
    assert not messages(result)
    grants = {g.reference: g for g in Grant.objects.select_related("grantee")}
    assert grants["G-1"].grantee.legal_form == LegalForm.PUBLIC_FOUNDATION
    assert grants["G-2"].grantee.legal_form == LegalForm.PUBLIC_ASSOCIATION
    assert grants["G-3"].grantee.legal_form == LegalForm.PUBLIC_FOUNDATION
    assert grants["G-4"].grantee.legal_form == LegalForm.INSTITUTION
    assert grants["G-5"].grantee.legal_form == LegalForm.AYIL_OKMOTU
    assert grants["G-5"].grantee.kind == OrganisationKind.LOCAL_GOVERNMENT
    assert grants["G-5"].grantee_type == GranteeType.LOCAL_GOVERNMENT
    assert {g.grantee_type for k, g in grants.items() if k != "G-5"} == {GranteeType.CIVIL_SOCIETY}


def test_an_unknown_type_is_reported_with_its_row_and_the_allowed_values(
    places, programme, yiman
) -> None:
    rows = [grant_row(), grant_row(Grant_ID="LIP-02", Grantee_type="Банк")]
    with translation.override("en"):
        found = messages(run(xlsx_bytes(rows, headers=RU_HEADERS)))
    assert len(found) == 1
    assert found[0].startswith("Row 3, Тип организации: «Банк» is neither a grantee type")
    assert "Civil society organisation, Local government" in found[0]
    assert "Public foundation (ОФ, КФ, PF, ФҶ)" in found[0]
    assert not Grant.objects.exists()


def test_a_separate_legal_form_column_is_read_and_checked(places, programme, yiman) -> None:
    headers = [*RU_HEADERS, "Организационно-правовая форма"]
    rows = [
        [*grant_row(), "ОФ"],
        [*grant_row(Grant_ID="LIP-02", Grantee="Новый союз"), "Товарищество"],
    ]
    with translation.override("en"):
        found = messages(run(xlsx_bytes(rows, headers=headers)))
    assert found == [
        "Row 3, Организационно-правовая форма: «Товарищество» is not a legal form we know. "
        "Allowed: " + legal_forms.choices_label() + "."
    ]


def test_a_stored_grantee_without_a_legal_form_gets_the_one_the_list_states(
    places, programme, yiman
) -> None:
    assert yiman.legal_form == ""
    result = run(xlsx_bytes([grant_row(Grantee_type="Общественный фонд")]))
    assert not messages(result)
    yiman.refresh_from_db()
    assert yiman.legal_form == LegalForm.PUBLIC_FOUNDATION
    assert yiman.history.first().history_change_reason == "Legal form from a grants import"
    # The same file again changes nothing.
    again = run(xlsx_bytes([grant_row(Grantee_type="Общественный фонд")]))
    assert again.totals["skip"] == 1


def test_a_local_government_grantee_is_an_organisation_of_its_own_kind(places, programme) -> None:
    result = run(xlsx_bytes([grant_row(Grantee="Джамоат Гафуров", Grantee_type="")]))
    assert not messages(result)
    org = Organisation.objects.get(name_ru="Джамоат Гафуров")
    assert (org.kind, org.legal_form) == (OrganisationKind.LOCAL_GOVERNMENT, LegalForm.JAMOAT)


def test_the_organisation_import_reads_a_legal_form_in_the_type_column(db) -> None:
    headers = ["Название", "Тип"]
    data = xlsx_bytes([["Тоо-Таш", "ОсОО"], ["Ак-Суу", "АӨ"]], headers=headers)
    result = OrganisationResource(language="ru").import_data(read_xlsx(data))
    assert not messages(result)
    kinds = {o.name_ru: (o.kind, o.legal_form) for o in Organisation.objects.all()}
    assert kinds == {
        "Тоо-Таш": (OrganisationKind.BUSINESS, LegalForm.LIMITED_LIABILITY_COMPANY),
        "Ак-Суу": (OrganisationKind.LOCAL_GOVERNMENT, LegalForm.AYIL_OKMOTU),
    }


# --- the template -------------------------------------------------------------------------


def _template(language: str) -> openpyxl.Workbook:
    f.GrantProgrammeFactory(
        slug="pia",
        name_en="Prevention in Action",
        name_ru="Профилактика в действии",
        currency="USD",
    )
    data = GrantResource().template_workbook(language)
    return openpyxl.load_workbook(io.BytesIO(data))


def test_the_template_has_a_named_sheet_comments_and_drop_downs_in_russian() -> None:
    book = _template("ru")
    sheet = book.worksheets[0]
    assert sheet.title == "Гранты"
    assert "Tablib Dataset" not in book.sheetnames
    headers = [c.value for c in sheet[1]]
    type_column = headers.index("Тип организации") + 1
    comment = sheet.cell(row=1, column=type_column).comment
    assert comment is not None and "ОФ" in comment.text
    lists = book.worksheets[1]
    assert lists.sheet_state == "hidden"
    allowed = {c.value for column in lists.iter_cols() for c in column}
    assert "Организация гражданского общества" in allowed
    assert "Общественный фонд" in allowed
    assert "Профилактика в действии" in allowed
    validations = sheet.data_validations.dataValidation
    letters = openpyxl.utils.get_column_letter(type_column)
    assert any(str(v.sqref).startswith(f"{letters}2:") for v in validations)
    assert all(v.type == "list" for v in validations)


def test_the_template_reimports_its_example_row(places, programme) -> None:
    data = GrantResource().template_workbook("ru")
    dataset = read_xlsx(data)
    assert len(dataset) == 1
    with translation.override("ru"):
        result = GrantResource(language="ru").import_data(dataset, dry_run=True)
    assert not messages(result)


def test_the_export_page_lists_the_columns_really_exported(client) -> None:
    from tests.grants.conftest import grant_permissions

    exporter = f.UserFactory(username="exporter", is_staff=True)
    exporter.user_permissions.set(grant_permissions("export_grant", "view_grant"))
    client.force_login(exporter)
    page = client.get(reverse("admin:grants_grant_export")).content.decode()
    assert "Grant ID" in page and "Legal form" in page and "Amount" in page
