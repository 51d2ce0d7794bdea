"""Organisation and community spreadsheets go through the grants import machinery: the same
row/column messages, all-or-nothing saves, idempotence, export round trip and permissions."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.urls import reverse

from communities.gazetteer import GazetteerIndex
from communities.models import Community
from communities.resources import CommunityResource
from core.spreadsheets.formats import SafeXLSX, read_xlsx
from projects.models import Organisation, OrganisationKind
from projects.resources import OrganisationResource
from tests import factories as f
from tests.grants.conftest import xlsx_bytes

pytestmark = pytest.mark.django_db

ORG_HEADERS = ["Slug", "Name [en]", "Name [ru]", "Acronym", "Type", "Country", "Website"]
COMMUNITY_HEADERS = [
    "SOATE code",
    "Region",
    "District",
    "Community",
    "Type",
    "Population",
    "Latitude",
    "Longitude",
]


def messages(result) -> list[str]:
    # Crashes count too: a row error would otherwise pass for "no message".
    assert not result.row_errors(), [e.error for _n, es in result.row_errors() for e in es]
    found = [str(m) for row in result.invalid_rows for ms in row.error_dict.values() for m in ms]
    found += [m for e in result.base_errors for m in getattr(e.error, "messages", [str(e.error)])]
    return found


def import_orgs(rows, headers=ORG_HEADERS, *, dry_run: bool = False):
    dataset = read_xlsx(xlsx_bytes(rows, headers=headers))
    return OrganisationResource(language="ru").import_data(dataset, dry_run=dry_run)


def import_communities(rows, headers=COMMUNITY_HEADERS, *, dry_run: bool = False):
    dataset = read_xlsx(xlsx_bytes(rows, headers=headers))
    return CommunityResource(language="ru").import_data(dataset, dry_run=dry_run)


# --- organisations --------------------------------------------------------------------


def test_it_creates_organisations_and_matches_existing_ones_by_name(yiman) -> None:
    result = import_orgs(
        [
            ["", "", "ОФ «Ыйман»", "Ыйман", "", "Кыргызстан", "yiman.kg"],
            ["", "New Road", "Новый путь", "", "ОФ", "KG", ""],
        ]
    )
    assert not messages(result)
    assert result.totals["update"] == 1 and result.totals["new"] == 1
    yiman.refresh_from_db()
    assert yiman.acronym == "Ыйман" and yiman.website == "https://yiman.kg"
    assert yiman.name_en == "Yiman Public Foundation"  # languages not in the sheet are kept
    created = Organisation.objects.get(name_en="New Road")
    assert created.kind == OrganisationKind.LOCAL_NGO and created.slug == "new-road"
    assert created.match_key == "new road"
    assert created.history.count() == 1


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            ["", "", "", "ABC", "", "", ""],
            "Row 2, Name [en]: the Name [en] is empty.",
        ),
        (
            ["", "", "Ыйман", "", "космос", "", ""],
            "Row 2, Type: «космос» is neither an organisation type",
        ),
        (
            ["", "", "Ыйман", "", "", "Франция", ""],
            "Row 2, Country: «Франция» is not one of: KG (Kyrgyzstan), TJ (Tajikistan).",
        ),
        (
            ["", "", "Ыйман", "", "", "", "not a site"],
            "Row 2, Website: «not a site» is not a web address.",
        ),
        (
            ["Не слаг", "", "Ыйман", "", "", "", ""],
            "Row 2, Slug: «Не слаг» is not a slug",
        ),
        (
            ["", "", "Ыйман", "X" * 41, "", "", ""],
            "Row 2, Acronym: the acronym is longer than 40 characters.",
        ),
    ],
)
def test_each_bad_organisation_cell_names_row_column_and_problem(row, expected) -> None:
    found = messages(import_orgs([row]))
    assert any(m.startswith(expected) for m in found), found
    assert Organisation.objects.count() == 0


def test_one_bad_organisation_row_saves_nothing() -> None:
    rows = [["", f"Org {i}", "", "", "", "", ""] for i in range(50)]
    rows[20] = ["", "Org 20", "", "", "космос", "", ""]
    result = import_orgs(rows)
    assert messages(result) and Organisation.objects.count() == 0


def test_an_organisation_listed_twice_is_reported() -> None:
    found = messages(import_orgs([["", "Same", "", "", "", "", ""]] * 2))
    assert "Row 3: the same record is already in row 2." in found


def test_organisation_export_reimports_unchanged(yiman) -> None:
    f.OrganisationFactory(slug="undp", name_en="=UNDP", acronym="UNDP")
    dataset = OrganisationResource().export()
    reread = read_xlsx(SafeXLSX().export_data(dataset))
    result = OrganisationResource(language="ru").import_data(reread)
    assert not messages(result)
    assert result.totals["skip"] == Organisation.objects.count() == 2
    assert "=UNDP" in [c for r in reread for c in r]


# --- communities ----------------------------------------------------------------------


def test_it_updates_population_and_coordinates_of_a_known_community(places) -> None:
    result = import_communities(
        [
            [
                "",
                "Ошская обл.",
                "Кара-Суйский р-н",
                "Наримановский а/а",
                "",
                "12 500",
                "40,5283",
                72.7985,
            ]
        ]
    )
    assert not messages(result), messages(result)
    assert result.totals["update"] == 1
    nariman = Community.objects.get(pk=places["nariman"].pk)
    assert nariman.population == 12500
    assert nariman.latitude == Decimal("40.528300") and nariman.longitude == Decimal("72.798500")
    assert nariman.history.first().history_type == "~"
    assert nariman.name_ru == "Наримановский айылный аймак"  # a spelling is not a rename
    again = import_communities(
        [["", "Ошская область", "", "Наримановский айылный аймак", "", 12500, 40.5283, 72.7985]]
    )
    assert again.totals["skip"] == 1


def test_a_new_community_needs_its_type(places) -> None:
    found = messages(import_communities([["", "Ошская область", "", "Новое село", "", "", "", ""]]))
    assert found == [
        "Row 2, Community: «Новое село» is not a known community in Osh Region. "
        "To add it, fill in Type."
    ]
    result = import_communities(
        [
            [
                "41711000000001",
                "Ошская область",
                "Ноокатский район",
                "Новое село",
                "айылный аймак",
                900,
                "",
                "",
            ]
        ]
    )
    assert not messages(result), messages(result)
    created = Community.objects.get(soate_code="41711000000001")
    assert created.name_ru == "Новое село" and created.district == places["nookat"]
    assert GazetteerIndex.build().find_community("Новое село") == created


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            ["", "Ошкая обл.", "", "Наримановский айылный аймак", "", "", "", ""],
            "Row 2, Region: «Ошкая обл.» is not a known region. Did you mean Osh Region?",
        ),
        (
            ["", "Джалал-Абадская область", "", "Наримановский айылный аймак", "", "", "", ""],
            "Row 2, Community: «Наримановский айылный аймак» is not a known community in "
            "Jalal-Abad Region.",
        ),
        (
            # The rule grant imports follow too (communities/import_places.py).
            [
                "",
                "Джалал-Абадская область",
                "Кара-Суйский р-н",
                "Наримановский а/а",
                "",
                "",
                "",
                "",
            ],
            "Row 2, District: «Кара-Суйский р-н» is in Osh Region, not in Jalal-Abad Region.",
        ),
        (
            ["", "Ошская область", "", "Наримановский айылный аймак", "", "много", "", ""],
            "Row 2, Population: «много» is not a number of people.",
        ),
        (
            ["", "Ошская область", "", "Наримановский айылный аймак", "", "-5", "", ""],
            "Row 2, Population: «-5» is negative; a population cannot be.",
        ),
        (
            ["", "Ошская область", "", "Наримановский айылный аймак", "", "", "95", "72"],
            "Row 2, Latitude: «95» is outside -90…90 degrees.",
        ),
        (
            ["", "Ошская область", "", "Наримановский айылный аймак", "", "", "40.5", ""],
            "Row 2, Latitude: give both latitude and longitude, or neither.",
        ),
        (
            ["12ab", "Ошская область", "", "Наримановский айылный аймак", "", "", "", ""],
            "Row 2, SOATE code: «12ab» is not a SOATE code (up to 14 digits).",
        ),
        (
            ["", "Ошская область", "", "Наримановский айылный аймак", "остров", "", "", ""],
            "Row 2, Type: «остров» is not one of:",
        ),
    ],
)
def test_each_bad_community_cell_names_row_column_and_problem(places, row, expected) -> None:
    before = list(Community.objects.values_list("population", "latitude").order_by("pk"))
    found = messages(import_communities([row]))
    assert any(m.startswith(expected) for m in found), found
    assert list(Community.objects.values_list("population", "latitude").order_by("pk")) == before


def test_one_bad_community_row_saves_nothing(places) -> None:
    rows = [
        ["", "Ошская область", "", "Наримановский айылный аймак", "", 100, "", ""],
        ["", "Ошская область", "", "Толойконский айылный аймак", "", "сто", "", ""],
    ]
    before = list(Community.objects.values_list("population", flat=True).order_by("pk"))
    assert messages(import_communities(rows))
    assert list(Community.objects.values_list("population", flat=True).order_by("pk")) == before


def test_community_export_reimports_unchanged(places) -> None:
    Community.objects.filter(pk=places["barpy"].pk).update(
        population=3100, latitude=Decimal("41.1"), longitude=Decimal("72.9")
    )
    dataset = CommunityResource().export()
    reread = read_xlsx(xlsx_bytes([list(r) for r in dataset], headers=list(dataset.headers)))
    result = CommunityResource(language="ru").import_data(reread)
    assert not messages(result), messages(result)
    assert result.totals["skip"] == Community.objects.count() == 4


# --- admin ----------------------------------------------------------------------------


def _staff(codenames: list[str], app: str):
    user = f.UserFactory(is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label=app, codename__in=codenames)
    )
    return user


ADMIN_CASES = [
    ("projects", "organisation", ["view_organisation", "add_organisation", "change_organisation"]),
    ("communities", "community", ["view_community", "add_community", "change_community"]),
]


@pytest.mark.parametrize(("app", "model", "base"), ADMIN_CASES)
def test_staff_without_the_import_permission_get_403(client, app, model, base) -> None:
    client.force_login(_staff(base, app))
    for name in ("import", "export", "import_template"):
        assert client.get(reverse(f"admin:{app}_{model}_{name}")).status_code == 403
    assert client.post(reverse(f"admin:{app}_{model}_process_import")).status_code == 403


@pytest.mark.parametrize(("app", "model", "base"), ADMIN_CASES)
def test_anonymous_users_are_sent_to_login(client, app, model, base) -> None:
    response = client.get(reverse(f"admin:{app}_{model}_import"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_admin_imports_organisations_with_preview_and_confirm(client) -> None:
    user = _staff(
        ["view_organisation", "add_organisation", "change_organisation", "import_organisation"],
        "projects",
    )
    client.force_login(user)
    upload = io.BytesIO(xlsx_bytes([["", "Alpha", "Альфа", "", "", "", ""]], ORG_HEADERS))
    upload.name = "orgs.xlsx"
    preview = client.post(
        reverse("admin:projects_organisation_import"),
        {"import_file": upload, "format": "0", "language": "ru", "resource": "0"},
    )
    assert preview.context["counts"] == {"new": 1, "updated": 0, "unchanged": 0, "errors": 0}
    assert Organisation.objects.count() == 0
    confirmed = client.post(
        reverse("admin:projects_organisation_process_import"),
        preview.context["confirm_form"].initial,
    )
    assert confirmed.status_code == 302
    assert Organisation.objects.get().name_ru == "Альфа"
    assert LogEntry.objects.filter(user=user).count() == 1


def test_admin_community_template_download_is_an_xlsx(client) -> None:
    client.force_login(_staff(["view_community", "import_community"], "communities"))
    response = client.get(reverse("admin:communities_community_import_template"))
    assert response.status_code == 200
    dataset = read_xlsx(response.content)
    assert len(dataset) == 1 and "Population" in dataset.headers


@pytest.mark.parametrize(
    ("app", "model"), [("projects", "organisation"), ("communities", "community")]
)
@pytest.mark.parametrize("language", ["ru", "en"])
def test_admin_export_keeps_a_name_written_only_in_kyrgyz(client, places, app, model, language):
    """Issue #21: an organisation or place named only in Kyrgyz is exported with that name (in
    its Kyrgyz column) from a Russian or English admin page; its district reads in Kyrgyz."""
    name = "«Үмүт» коомдук фонду" if model == "organisation" else "Үмүт айыл аймагы"
    if model == "organisation":
        f.OrganisationFactory(slug="umut", name_en="", name_ru="", name_ky=name)
    else:
        district = places["kara_suu"]
        district.name_en, district.name_ru, district.name_ky = "", "", "Кара-Суу району"
        district.save()
        f.CommunityFactory(district=district, name_en="", name_ru="", name_ky=name)
    client.force_login(_staff([f"view_{model}", f"export_{model}"], app))
    response = client.post(
        reverse(f"admin:{app}_{model}_export"),
        {"format": "1", "resource": "0"},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    row = next(r for r in rows[1:] if name in r)
    if model == "community":
        assert "Кара-Суу району" in row
