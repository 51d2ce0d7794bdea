"""Staff add the missing translations of a record's title and summary while reviewing it
(issue #21): news (tests/public/test_fallback.py), joint plans and grants here."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from communities.models import JointPlan
from grants.models import Grant
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
