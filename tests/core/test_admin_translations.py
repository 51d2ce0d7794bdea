"""The admin follows the pages' fallback rule (core.admin_translations, issue #21): a record
written only in Kyrgyz is listed, in every other admin language, with its Kyrgyz text and the
marker in that language; in Kyrgyz, without a marker."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from core.i18n import shown_in_label
from tests import factories as f

KYRGYZ_ORGANISATION = "Тынчтык үчүн аялдар"
KYRGYZ_PROGRAMME = "Жамааттык демилгелер"
KYRGYZ_PROJECT = "Тынчтык жолу"
KYRGYZ_APPLICATION = "Жаштар борбору"
KYRGYZ_GRANT = "Суу түтүгү"
KYRGYZ_NEWS = "Жаштар менен жолугушуу"
KYRGYZ_COMMUNITY = "Ак-Суу айыл аймагы"


def _only_ky(field: str, text: str) -> dict[str, str]:
    return {f"{field}_{code}": text if code == "ky" else "" for code in ("en", "ru", "ky", "tg")}


@pytest.fixture
def kyrgyz_records(db: Any) -> None:
    organisation = f.OrganisationFactory(**_only_ky("name", KYRGYZ_ORGANISATION))
    programme = f.GrantProgrammeFactory(
        managing_organisation=organisation, **_only_ky("name", KYRGYZ_PROGRAMME)
    )
    project = f.ProjectFactory(**_only_ky("title", KYRGYZ_PROJECT))
    f.ApplicationFactory(
        programme=programme, applicant=organisation, **_only_ky("title", KYRGYZ_APPLICATION)
    )
    grant = f.GrantFactory(
        programme=programme, grantee=organisation, **_only_ky("title", KYRGYZ_GRANT)
    )
    f.ActivityFactory(project=project, **_only_ky("title", KYRGYZ_NEWS))
    # Records that are not translated themselves but list translated ones.
    f.PartnershipFactory(project=project, organisation=organisation)
    community = f.CommunityFactory(**_only_ky("name", KYRGYZ_COMMUNITY))
    f.ProjectCommunityFactory(project=project, community=community)
    f.DisbursementFactory(grant=grant)
    f.GrantReportFactory(grant=grant)


# Each change list and the Kyrgyz texts it shows (its own title, and the related records').
CHANGE_LISTS = {
    "admin:projects_organisation_changelist": [KYRGYZ_ORGANISATION],
    "admin:projects_project_changelist": [KYRGYZ_PROJECT],
    "admin:grants_grantprogramme_changelist": [KYRGYZ_PROGRAMME, KYRGYZ_ORGANISATION],
    "admin:grants_application_changelist": [
        KYRGYZ_APPLICATION,
        KYRGYZ_ORGANISATION,
        KYRGYZ_PROGRAMME,
    ],
    "admin:grants_grant_changelist": [KYRGYZ_GRANT, KYRGYZ_ORGANISATION, KYRGYZ_PROGRAMME],
    "admin:communities_activity_changelist": [KYRGYZ_NEWS, KYRGYZ_PROJECT],
    # Lists of records with no text of their own, naming translated ones (a grant is listed
    # as «G-0001 — Суу түтүгү»).
    "admin:projects_partnership_changelist": [KYRGYZ_ORGANISATION, KYRGYZ_PROJECT],
    "admin:communities_projectcommunity_changelist": [KYRGYZ_COMMUNITY, KYRGYZ_PROJECT],
    "admin:grants_disbursement_changelist": [KYRGYZ_GRANT],
    "admin:grants_grantreport_changelist": [KYRGYZ_GRANT],
}


@pytest.mark.parametrize("language", ["ru", "en", "tg", "ky"])
def test_admin_lists_show_a_kyrgyz_only_record_with_the_marker_in_every_other_language(
    admin_client: Client, kyrgyz_records: None, language: str
) -> None:
    with translation.override(language):
        marker = f"({shown_in_label('ky')})"
    failures = []
    for name, texts in CHANGE_LISTS.items():
        response = admin_client.get(reverse(name), HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, name
        page = response.content.decode()
        for text in texts:
            if language == "ky":
                expected = text
                shown = text in page and f"{text} {marker}" not in page
            else:
                expected = f"{text} {marker}"
                shown = expected in page
            if not shown:
                at = page.find(text)
                failures.append(f"{name}: {expected} / {page[at - 60 : at + 80]!r}")
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("admin:grants_application_changelist", KYRGYZ_APPLICATION),
        ("admin:grants_application_changelist", KYRGYZ_ORGANISATION),
        ("admin:grants_grant_changelist", KYRGYZ_ORGANISATION),
        ("admin:projects_partnership_changelist", KYRGYZ_PROJECT),
    ],
)
def test_admin_search_finds_a_record_by_its_text_in_any_language(
    admin_client: Client, kyrgyz_records: None, name: str, query: str
) -> None:
    f.PartnershipFactory(project=f.ProjectFactory(**_only_ky("title", KYRGYZ_PROJECT)))
    page = admin_client.get(reverse(name), {"q": query}, HTTP_ACCEPT_LANGUAGE="ru")
    assert page.status_code == 200
    assert page.context["cl"].result_count >= 1
