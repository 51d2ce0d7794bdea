"""Staff add the missing translations of a record's title and summary while reviewing it
(issue #21): news (tests/public/test_fallback.py); joint plans, grants, applications, grant
programmes and organisations here."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from communities.models import JointPlan
from grants.models import Application, Grant, GrantProgramme
from projects.models import Organisation
from tests import factories as f


@pytest.fixture
def kyrgyz_plan(org: Any) -> JointPlan:
    group = f.WorkingGroupFactory(organisation=org)
    return f.JointPlanFactory(
        working_group=group, title_en="", title_ru="", title_ky="Биргелешкен план"
    )


@pytest.fixture
def kyrgyz_grant(org: Any) -> Grant:
    return f.GrantFactory(
        programme=f.GrantProgrammeFactory(managing_organisation=org),
        title_en="",
        title_ru="",
        title_ky="Тынчтык демилгеси",
        summary_ky="Жаштар үчүн",
    )


@pytest.mark.django_db
def test_plan_translation_posts_matrix(
    client: Client, kyrgyz_plan: JointPlan, viewer: Any, manager: Any, outsider: Any
) -> None:
    url = reverse("staff:plan_translate", args=[kyrgyz_plan.pk])
    data = {"title_ky": "Биргелешкен план", "title_ru": "Совместный план"}
    response = client.post(url, data)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    for user, expected in ((outsider, 404), (viewer, 403)):
        client.force_login(user)
        assert client.post(url, data).status_code == expected
    kyrgyz_plan.refresh_from_db()
    assert kyrgyz_plan.title_ru == ""
    client.force_login(manager)
    assert client.get(url).status_code == 405
    assert client.post(url, data).status_code == 302
    kyrgyz_plan.refresh_from_db()
    assert (kyrgyz_plan.title_ru, kyrgyz_plan.title_ky) == ("Совместный план", "Биргелешкен план")


@pytest.mark.django_db
def test_the_plan_page_offers_the_translation_form_to_its_writers_only(
    client: Client, kyrgyz_plan: JointPlan, viewer: Any, manager: Any
) -> None:
    url = reverse("staff:plan_detail", args=[kyrgyz_plan.pk])
    action = reverse("staff:plan_translate", args=[kyrgyz_plan.pk])
    client.force_login(viewer)
    assert action not in client.get(url).content.decode()
    client.force_login(manager)
    html = client.get(url).content.decode()
    assert action in html
    assert 'name="title_tg"' in html


@pytest.mark.django_db
def test_a_plan_title_cannot_be_emptied_in_every_language(
    client: Client, kyrgyz_plan: JointPlan, manager: Any
) -> None:
    client.force_login(manager)
    url = reverse("staff:plan_translate", args=[kyrgyz_plan.pk])
    response = client.post(url, {"title_ky": "", "title_ru": "", "title_en": "", "title_tg": ""})
    assert response.status_code == 400
    kyrgyz_plan.refresh_from_db()
    assert kyrgyz_plan.title_ky == "Биргелешкен план"


@pytest.mark.django_db
def test_grant_translation_posts_matrix(
    client: Client, kyrgyz_grant: Grant, viewer: Any, manager: Any, outsider: Any
) -> None:
    url = reverse("staff:grant_translate", args=[kyrgyz_grant.pk])
    data = {
        "title_ky": "Тынчтык демилгеси",
        "title_ru": "Инициатива мира",
        "summary_ru": "Для молодёжи",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    for user, expected in ((outsider, 404), (viewer, 403)):
        client.force_login(user)
        assert client.post(url, data).status_code == expected
    kyrgyz_grant.refresh_from_db()
    assert kyrgyz_grant.title_ru == ""
    client.force_login(manager)
    assert client.get(url).status_code == 405
    assert client.post(url, data).status_code == 302
    kyrgyz_grant.refresh_from_db()
    assert (kyrgyz_grant.title_ru, kyrgyz_grant.summary_ru) == ("Инициатива мира", "Для молодёжи")
    # Fields not posted keep their text.
    assert kyrgyz_grant.summary_ky == "Жаштар үчүн"


@pytest.mark.django_db
def test_the_grant_page_offers_the_translation_form_to_the_managing_organisation_only(
    client: Client, kyrgyz_grant: Grant, viewer: Any, manager: Any
) -> None:
    url = reverse("staff:grant_detail", args=[kyrgyz_grant.pk])
    action = reverse("staff:grant_translate", args=[kyrgyz_grant.pk])
    client.force_login(viewer)
    assert action not in client.get(url).content.decode()
    client.force_login(manager)
    html = client.get(url).content.decode()
    assert action in html
    assert 'name="summary_en"' in html


@pytest.mark.django_db
def test_a_translated_grant_loses_its_marker_on_the_public_page(
    client: Client, kyrgyz_grant: Grant, manager: Any
) -> None:
    with translation.override("ru"):
        public = reverse("grants:grant_detail", kwargs={"pk": kyrgyz_grant.pk})
    assert "(показано на кыргызском)" in client.get(public).content.decode()
    client.force_login(manager)
    url = reverse("staff:grant_translate", args=[kyrgyz_grant.pk])
    client.post(url, {"title_ru": "Инициатива мира", "summary_ru": "Для молодёжи"})
    client.logout()
    html = client.get(public).content.decode()
    assert "Инициатива мира" in html
    assert "(показано на кыргызском)" not in html


@pytest.fixture
def kyrgyz_programme(org: Any) -> GrantProgramme:
    return f.GrantProgrammeFactory(
        managing_organisation=org,
        slug="tynchtyk",
        name_en="",
        name_ru="",
        name_ky="Тынчтык гранттары",
        description_ky="Жамааттар үчүн",
    )


@pytest.fixture
def kyrgyz_application(kyrgyz_programme: GrantProgramme) -> Application:
    return f.ApplicationFactory(
        programme=kyrgyz_programme, title_en="", title_ky="Жаштар борбору", summary_ky="Сунуш"
    )


def _posts_matrix(
    client: Client, url: str, data: dict[str, str], users: dict[str, Any]
) -> list[int]:
    """Status codes of a POST as anonymous, outsider, read-only member, allowed member."""
    codes = [client.post(url, data).status_code]
    for role in ("outsider", "viewer", "allowed"):
        client.force_login(users[role])
        codes.append(client.post(url, data).status_code)
    return codes


@pytest.mark.django_db
def test_application_translation_posts_matrix(
    client: Client, kyrgyz_application: Application, viewer: Any, manager: Any, outsider: Any
) -> None:
    url = reverse("staff:application_translate", args=[kyrgyz_application.pk])
    data = {"title_ru": "Молодёжный центр", "summary_ru": "Предложение"}
    users = {"outsider": outsider, "viewer": viewer, "allowed": manager}
    assert _posts_matrix(client, url, data, users) == [302, 404, 403, 302]
    kyrgyz_application.refresh_from_db()
    assert (kyrgyz_application.title_ru, kyrgyz_application.summary_ru) == (
        "Молодёжный центр",
        "Предложение",
    )
    assert kyrgyz_application.title_ky == "Жаштар борбору"
    assert client.get(url).status_code == 405


@pytest.mark.django_db
def test_a_committee_member_outside_the_secretariat_may_not_translate_an_application(
    client: Client, kyrgyz_application: Application
) -> None:
    member = f.CommitteeMemberFactory(programme=kyrgyz_application.programme).user
    client.force_login(member)
    url = reverse("staff:application_translate", args=[kyrgyz_application.pk])
    assert client.post(url, {"title_ru": "Центр"}).status_code == 403
    page = client.get(reverse("staff:application_detail", args=[kyrgyz_application.pk]))
    assert page.status_code == 200
    assert url not in page.content.decode()


@pytest.mark.django_db
def test_the_application_page_offers_the_translation_form_to_the_secretariat(
    client: Client, kyrgyz_application: Application, manager: Any
) -> None:
    client.force_login(manager)
    html = client.get(
        reverse("staff:application_detail", args=[kyrgyz_application.pk])
    ).content.decode()
    assert reverse("staff:application_translate", args=[kyrgyz_application.pk]) in html
    assert 'name="summary_tg"' in html


@pytest.mark.django_db
def test_an_application_title_cannot_be_emptied_in_every_language(
    client: Client, kyrgyz_application: Application, manager: Any
) -> None:
    client.force_login(manager)
    url = reverse("staff:application_translate", args=[kyrgyz_application.pk])
    empty = {f"title_{code}": "" for code in ("en", "ru", "ky", "tg")}
    assert client.post(url, empty).status_code == 400
    kyrgyz_application.refresh_from_db()
    assert kyrgyz_application.title_ky == "Жаштар борбору"


@pytest.mark.django_db
def test_programme_translation_posts_matrix(
    client: Client, kyrgyz_programme: GrantProgramme, viewer: Any, manager: Any, outsider: Any
) -> None:
    url = reverse("staff:programme_translate", args=[kyrgyz_programme.pk])
    data = {"name_ru": "Гранты мира", "description_ru": "Для сообществ"}
    users = {"outsider": outsider, "viewer": viewer, "allowed": manager}
    assert _posts_matrix(client, url, data, users) == [302, 404, 403, 302]
    kyrgyz_programme.refresh_from_db()
    assert (kyrgyz_programme.name_ru, kyrgyz_programme.description_ru) == (
        "Гранты мира",
        "Для сообществ",
    )
    assert kyrgyz_programme.description_ky == "Жамааттар үчүн"


@pytest.mark.django_db
def test_the_programme_page_offers_the_translation_form_to_the_secretariat_only(
    client: Client, kyrgyz_programme: GrantProgramme, viewer: Any, manager: Any
) -> None:
    url = reverse("staff:committee_programme", args=[kyrgyz_programme.pk])
    action = reverse("staff:programme_translate", args=[kyrgyz_programme.pk])
    client.force_login(viewer)
    assert action not in client.get(url).content.decode()
    client.force_login(manager)
    html = client.get(url).content.decode()
    assert action in html
    assert 'name="eligibility_en"' in html


@pytest.mark.django_db
def test_a_translated_programme_loses_its_marker_on_the_public_page(
    client: Client, kyrgyz_programme: GrantProgramme, manager: Any
) -> None:
    with translation.override("ru"):
        public = reverse("grants:programme_detail", kwargs={"slug": kyrgyz_programme.slug})
    assert "(показано на кыргызском)" in client.get(public).content.decode()
    client.force_login(manager)
    url = reverse("staff:programme_translate", args=[kyrgyz_programme.pk])
    client.post(url, {"name_ru": "Гранты мира", "description_ru": "Для сообществ"})
    client.logout()
    html = client.get(public).content.decode()
    assert "Гранты мира" in html
    assert "(показано на кыргызском)" not in html


@pytest.mark.django_db
def test_organisation_translation_matrix(
    client: Client, org: Organisation, viewer: Any, field_officer: Any, manager: Any, outsider: Any
) -> None:
    url = reverse("staff:organisation_translate", args=[org.pk])
    data = {"name_ky": "Толеранттуулук үчүн фонд"}
    users = {"outsider": outsider, "viewer": viewer, "allowed": manager}
    assert _posts_matrix(client, url, data, users) == [302, 404, 403, 302]
    org.refresh_from_db()
    assert org.name_ky == "Толеранттуулук үчүн фонд"
    # A field officer records work but does not speak for the organisation.
    client.force_login(field_officer)
    assert client.get(url).status_code == 403
    client.force_login(manager)
    page = client.get(url)
    assert page.status_code == 200
    assert 'value="Толеранттуулук үчүн фонд"' in page.content.decode()


@pytest.mark.django_db
def test_my_work_links_the_name_translations_for_managers_only(
    client: Client, org: Organisation, viewer: Any, manager: Any
) -> None:
    action = reverse("staff:organisation_translate", args=[org.pk])
    client.force_login(viewer)
    assert action not in client.get(reverse("staff:dashboard")).content.decode()
    client.force_login(manager)
    assert action in client.get(reverse("staff:dashboard")).content.decode()


@pytest.mark.django_db
def test_an_organisation_name_cannot_be_emptied_in_every_language(
    client: Client, org: Organisation, manager: Any
) -> None:
    client.force_login(manager)
    url = reverse("staff:organisation_translate", args=[org.pk])
    empty = {f"name_{code}": "" for code in ("en", "ru", "ky", "tg")}
    assert client.post(url, empty).status_code == 400
    org.refresh_from_db()
    assert org.name_en
