"""A small real gazetteer (names as the seeds spell them), a programme and helpers that
build spreadsheets in memory."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.contrib.auth.models import Permission

from communities.models import CommunityKind, DistrictKind, RegionKind
from tests import factories as f

EN_HEADERS = [
    "Grant ID",
    "Programme",
    "Region",
    "District",
    "Community",
    "Grantee",
    "Grantee type",
    "Title",
    "Summary",
    "Amount",
    "Currency",
    "Start date",
    "End date",
    "Status",
]
RU_HEADERS = [
    "Номер гранта",
    "Программа",
    "Область",
    "Район",
    "Населённый пункт",
    "Грантополучатель",
    "Тип организации",
    "Название проекта",
    "Краткое описание",
    "Сумма",
    "Валюта",
    "Дата начала",
    "Дата окончания",
    "Статус",
]


@pytest.fixture
def places(db) -> dict[str, Any]:
    osh = f.RegionFactory(
        code="KG-O",
        kind=RegionKind.OBLAST,
        name_en="Osh Region",
        name_ru="Ошская область",
        name_ky="Ош облусу",
    )
    jalal = f.RegionFactory(
        code="KG-J",
        kind=RegionKind.OBLAST,
        name_en="Jalal-Abad Region",
        name_ru="Джалал-Абадская область",
        name_ky="Жалал-Абад облусу",
    )
    kara_suu = f.DistrictFactory(
        region=osh,
        name_en="Kara-Suu District",
        name_ru="Кара-Суйский район",
        kind=DistrictKind.DISTRICT,
    )
    nookat = f.DistrictFactory(
        region=osh,
        name_en="Nookat District",
        name_ru="Ноокатский район",
        kind=DistrictKind.DISTRICT,
    )
    suzak = f.DistrictFactory(
        region=jalal,
        name_en="Suzak District",
        name_ru="Сузакский район",
        kind=DistrictKind.DISTRICT,
    )
    nariman = f.CommunityFactory(
        district=kara_suu,
        name_en="Nariman Ayil Aimak",
        name_ru="Наримановский айылный аймак",
        kind=CommunityKind.AYIL_AIMAK,
    )
    toloikon = f.CommunityFactory(
        district=kara_suu,
        name_en="Toloikon Ayil Aimak",
        name_ru="Толойконский айылный аймак",
        kind=CommunityKind.AYIL_AIMAK,
    )
    kyzyl_kiya = f.CommunityFactory(
        district=nookat, name_en="Kyzyl-Kiya Ayil Aimak", name_ru="Кызыл-Кийский айылный аймак"
    )
    barpy = f.CommunityFactory(
        district=suzak, name_en="Barpy Ayil Aimak", name_ru="Барпынский айылный аймак"
    )
    return {
        "osh": osh,
        "jalal": jalal,
        "kara_suu": kara_suu,
        "nookat": nookat,
        "suzak": suzak,
        "nariman": nariman,
        "toloikon": toloikon,
        "kyzyl_kiya": kyzyl_kiya,
        "barpy": barpy,
    }


@pytest.fixture
def programme(db):
    return f.GrantProgrammeFactory(
        slug="living-in-peace",
        name_en="Living in Peace",
        name_ru="Жить в мире",
        currency="KGS",
        envelope=Decimal("10000000"),
    )


@pytest.fixture
def yiman(db):
    return f.OrganisationFactory(
        slug="yiman", name_en="Yiman Public Foundation", name_ru="Общественный фонд «Ыйман»"
    )


def grant_row(**overrides: Any) -> list[Any]:
    values = {
        "Grant ID": "LIP-01",
        "Programme": "Living in Peace",
        "Region": "Ошская область",
        "District": "Кара-Суйский район",
        "Community": "Наримановский айылный аймак",
        "Grantee": "ОФ «Ыйман»",
        "Grantee type": "",
        "Title": "Молодёжь за мир",
        "Summary": "",
        "Amount": "1 250 000",
        "Currency": "сом",
        "Start date": "01.04.2021",
        "End date": "31.12.2021",
        "Status": "",
    }
    values.update({k.replace("_", " "): v for k, v in overrides.items()})
    return [values[h] for h in EN_HEADERS]


def xlsx_bytes(rows: list[list[Any]], headers: list[str] | None = None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers or EN_HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(
    rows: list[list[Any]],
    headers: list[str] | None = None,
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers or EN_HEADERS)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def grant_permissions(*codenames: str) -> list[Permission]:
    return list(Permission.objects.filter(content_type__app_label="grants", codename__in=codenames))


@pytest.fixture(autouse=True)
def _english_messages():
    """Messages are asserted in English; a request in an earlier test may have left another
    language active in this thread (the test client runs views in-thread)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def client(client, settings):
    """The admin lives at /admin/ without a language prefix, so it speaks LANGUAGE_CODE
    (ru) unless the browser asks otherwise; these tests read the English messages."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
