"""Project setup in the staff workspace: a manager creates and edits a project, its
partners (IATI roles, one lead), its budget by year and source and its target areas.

Permission matrix for every setup URL: anonymous → login, outsider organisation → 404,
viewer and field officer → 403, manager and organisation administrator → allowed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse, reverse_lazy
from django.utils import translation

from communities.models import AreaLevel, ProjectArea, ProjectCommunity
from core.partial_dates import DatePrecision, partial_date_format
from projects.models import (
    PartnerRole,
    Partnership,
    Programme,
    Project,
    ProjectBudgetLine,
    ProjectStatus,
)
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def setup(project, org):
    """A budget line, a district-level area and a second partner on the owner's project."""
    district = f.DistrictFactory(name_en="Sverdlovsk")
    partner = Partnership.objects.get(project=project, organisation=org)
    funder = f.PartnershipFactory(
        project=project,
        organisation=f.OrganisationFactory(slug="funder", name_en="Funder Agency"),
        role=PartnerRole.FUNDING,
    )
    line = ProjectBudgetLine.objects.create(
        project=project, year=2021, source_kind="donor", amount=Decimal("1000"), currency="USD"
    )
    area = ProjectArea.objects.create(project=project, level=AreaLevel.DISTRICT, district=district)
    return {"partner": partner, "funder": funder, "line": line, "area": area, "district": district}


def _pages(project: Project, setup: dict[str, Any]) -> list[str]:
    return [
        reverse("staff:project_update", args=[project.slug]),
        reverse("staff:partner_create", args=[project.slug]),
        reverse("staff:partner_update", args=[setup["funder"].pk]),
        reverse("staff:partner_delete", args=[setup["funder"].pk]),
        reverse("staff:budget_line_create", args=[project.slug]),
        reverse("staff:budget_line_update", args=[setup["line"].pk]),
        reverse("staff:budget_line_delete", args=[setup["line"].pk]),
        reverse("staff:area_create", args=[project.slug]),
        reverse("staff:area_place_fields", args=[project.slug]) + "?level=region",
        reverse("staff:area_delete", args=[setup["area"].pk]),
    ]


OBJECTLESS = [reverse_lazy("staff:project_create"), reverse_lazy("staff:programme_create")]


# --- Permission matrix ---------------------------------------------------------------------


def test_anonymous_is_sent_to_login_from_every_setup_page(client, project, setup) -> None:
    for url in [*OBJECTLESS, *_pages(project, setup)]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("staff:login"))


def test_outsider_gets_404_for_another_organisations_project(
    client, project, setup, outsider
) -> None:
    client.force_login(outsider)
    for url in _pages(project, setup):
        assert client.get(url).status_code == 404, url
        if "/places/" not in url:  # the htmx partial answers GET only
            assert client.post(url, {}).status_code == 404, url


@pytest.mark.parametrize("role", ["viewer", "field_officer"])
def test_viewer_and_field_officer_may_not_change_the_setup(
    request, client, project, setup, role
) -> None:
    client.force_login(request.getfixturevalue(role))
    for url in [*OBJECTLESS, *_pages(project, setup)]:
        assert client.get(url).status_code == 403, url
        if "/places/" not in url:
            assert client.post(url, {}).status_code == 403, url
    # They still read the project page, without the setup links.
    body = client.get(reverse("staff:project_detail", args=[project.slug])).content.decode()
    assert reverse("staff:project_update", args=[project.slug]) not in body
    assert ProjectBudgetLine.objects.filter(pk=setup["line"].pk).exists()


@pytest.mark.parametrize("role", ["manager", "org_admin"])
def test_managers_reach_every_setup_page(request, client, project, setup, role) -> None:
    client.force_login(request.getfixturevalue(role))
    for url in [*OBJECTLESS, *_pages(project, setup)]:
        assert client.get(url).status_code == 200, url
    body = client.get(reverse("staff:project_detail", args=[project.slug])).content.decode()
    assert reverse("staff:project_update", args=[project.slug]) in body


def test_a_user_without_organisation_may_not_create_projects(client, django_user_model) -> None:
    client.force_login(django_user_model.objects.create_superuser("boss", "b@example.org", "x"))
    assert client.get(reverse("staff:project_create")).status_code == 403


def test_archived_projects_are_read_only_even_for_managers(client, project, setup, manager) -> None:
    Project.objects.filter(pk=project.pk).update(is_archived=True)
    client.force_login(manager)
    assert client.get(reverse("staff:project_update", args=[project.slug])).status_code == 403


# --- Creating and editing a project --------------------------------------------------------


def _project_post(**overrides: Any) -> dict[str, Any]:
    data = {
        "title_en": "Active Communities",
        "title_ru": "Активные сообщества",
        "lead_role": PartnerRole.IMPLEMENTING,
        "status": ProjectStatus.ACTIVE,
        "start_year": "2016",
        "start_month": "",
        "start_day": "",
        "end_year": "2019",
        "end_month": "9",
        "end_day": "",
    }
    data.update(overrides)
    return data


def test_manager_creates_a_project_led_by_their_organisation(client, org, manager) -> None:
    programme = Programme.objects.create(
        slug="unodc-rp", name_en="UNODC Regional Programme", organisation=org, start_year=2015
    )
    client.force_login(manager)
    response = client.post(
        reverse("staff:project_create"),
        _project_post(lead_organisation=org.pk, programme=programme.pk),
    )
    project = Project.objects.get(title_en="Active Communities")
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:project_detail", args=[project.slug])
    assert project.slug == "active-communities"
    assert project.programme == programme
    assert project.planned_start == dt.date(2016, 1, 1)
    assert project.start_precision == DatePrecision.YEAR
    assert project.planned_end == dt.date(2019, 9, 1)
    assert project.end_precision == DatePrecision.MONTH
    assert not project.is_public  # nothing goes public until the manager says so
    lead = project.partnerships.get()
    assert (lead.organisation, lead.is_lead, lead.role) == (org, True, PartnerRole.IMPLEMENTING)
    # The manager goes on to manage the new project.
    assert client.get(reverse("staff:project_update", args=[project.slug])).status_code == 200


def test_a_russian_title_gives_a_latin_address(client, org, manager) -> None:
    client.force_login(manager)
    client.post(
        reverse("staff:project_create"),
        _project_post(title_en="", title_ru="Активные сообщества", lead_organisation=org.pk),
    )
    assert Project.objects.get(title_ru="Активные сообщества").slug == "aktivnye-soobshchestva"


def test_it_refuses_a_project_without_a_title_in_the_users_language(client, org, manager) -> None:
    client.force_login(manager)
    with translation.override("ru"):
        response = client.post(
            reverse("staff:project_create"),
            _project_post(title_en="", title_ru="", lead_organisation=org.pk),
        )
    assert response.status_code == 400
    assert "хотя бы на одном языке" in response.content.decode()
    assert not Project.objects.exists() or not Project.objects.filter(title_en="").exists()


def test_it_refuses_an_end_before_the_start_and_saves_nothing(client, org, manager) -> None:
    client.force_login(manager)
    before = Project.objects.count()
    response = client.post(
        reverse("staff:project_create"),
        _project_post(lead_organisation=org.pk, start_year="2020", end_year="2019", end_month=""),
    )
    assert response.status_code == 400
    assert "The end cannot be before the start." in response.content.decode()
    assert Project.objects.count() == before
    assert not Partnership.objects.filter(is_lead=True, organisation=org).exists()


def test_it_refuses_a_day_without_a_month(client, org, manager) -> None:
    client.force_login(manager)
    response = client.post(
        reverse("staff:project_create"),
        _project_post(lead_organisation=org.pk, start_year="2016", start_month="", start_day="12"),
    )
    assert response.status_code == 400
    assert "Give the month of that day too." in response.content.decode()


def test_a_manager_cannot_lead_with_an_organisation_they_do_not_manage(
    client, other_org, manager
) -> None:
    client.force_login(manager)
    response = client.post(
        reverse("staff:project_create"), _project_post(lead_organisation=other_org.pk)
    )
    assert response.status_code == 400
    assert not Project.objects.filter(title_en="Active Communities").exists()


def test_manager_edits_the_project_and_the_history_records_it(client, project, manager) -> None:
    client.force_login(manager)
    url = reverse("staff:project_update", args=[project.slug])
    form = client.get(url).context["form"]
    assert form.initial["start"] == (project.planned_start, project.start_precision)
    response = client.post(
        url,
        _project_post(title_en="Renamed project", status=ProjectStatus.COMPLETED, is_public="on"),
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title_en == "Renamed project"
    assert project.status == ProjectStatus.COMPLETED
    assert project.history.count() >= 2


def test_dates_show_only_as_precisely_as_they_are_known() -> None:
    with translation.override("ru"):
        assert partial_date_format(dt.date(2016, 1, 1), DatePrecision.YEAR) == "2016"
        assert "2016" in partial_date_format(dt.date(2016, 6, 1), DatePrecision.MONTH)
        assert "1" not in partial_date_format(dt.date(2016, 6, 1), DatePrecision.MONTH)[:2]
    with translation.override("en"):
        assert partial_date_format(dt.date(2016, 6, 1), DatePrecision.MONTH) == "June 2016"


# --- Partners ------------------------------------------------------------------------------


def test_manager_adds_a_partner_with_an_iati_role(client, project, setup, manager) -> None:
    newcomer = f.OrganisationFactory(slug="acted", name_en="ACTED")
    # A partner on a public project is an organisation the manager may choose.
    f.PartnershipFactory(organisation=newcomer)
    client.force_login(manager)
    response = client.post(
        reverse("staff:partner_create", args=[project.slug]),
        {"organisation": newcomer.pk, "role": PartnerRole.IMPLEMENTING},
    )
    assert response.status_code == 302
    added = project.partnerships.get(organisation=newcomer)
    assert added.iati_role_code == "4"
    assert not added.is_lead


def test_choosing_a_new_lead_takes_the_mark_from_the_old_one(
    client, project, setup, manager
) -> None:
    Partnership.objects.filter(pk=setup["partner"].pk).update(is_lead=True)
    client.force_login(manager)
    response = client.post(
        reverse("staff:partner_update", args=[setup["funder"].pk]),
        {
            "organisation": setup["funder"].organisation_id,
            "role": PartnerRole.FUNDING,
            "is_lead": "on",
        },
    )
    assert response.status_code == 302
    leads = list(project.partnerships.filter(is_lead=True))
    assert leads == [Partnership.objects.get(pk=setup["funder"].pk)]


def test_it_refuses_an_organisation_the_manager_cannot_see(client, project, setup, manager) -> None:
    hidden = f.OrganisationFactory(slug="hidden", name_en="Hidden NGO")
    client.force_login(manager)
    response = client.post(
        reverse("staff:partner_create", args=[project.slug]),
        {"organisation": hidden.pk, "role": PartnerRole.IMPLEMENTING},
    )
    assert response.status_code == 400
    assert not project.partnerships.filter(organisation=hidden).exists()


def test_an_amount_needs_a_currency(client, project, setup, manager) -> None:
    client.force_login(manager)
    with translation.override("ru"):
        response = client.post(
            reverse("staff:partner_update", args=[setup["funder"].pk]),
            {
                "organisation": setup["funder"].organisation_id,
                "role": PartnerRole.FUNDING,
                "funding_amount": "5000",
            },
        )
    assert response.status_code == 400
    assert "Укажите валюту суммы." in response.content.decode()


def test_a_manager_cannot_remove_their_own_organisations_last_place(
    client, project, setup, manager
) -> None:
    client.force_login(manager)
    response = client.post(reverse("staff:partner_delete", args=[setup["partner"].pk]))
    assert response.status_code == 400
    assert Partnership.objects.filter(pk=setup["partner"].pk).exists()
    response = client.post(reverse("staff:partner_delete", args=[setup["funder"].pk]))
    assert response.status_code == 302
    assert not Partnership.objects.filter(pk=setup["funder"].pk).exists()


# --- Budget --------------------------------------------------------------------------------


def test_manager_adds_a_budget_line_by_year_and_source(client, project, setup, manager) -> None:
    client.force_login(manager)
    response = client.post(
        reverse("staff:budget_line_create", args=[project.slug]),
        {
            "year": "2022",
            "source_organisation": setup["funder"].organisation_id,
            "amount": "250000",
            "currency": "KGS",
        },
    )
    assert response.status_code == 302
    line = project.budget_lines.get(year=2022)
    assert (line.amount, line.currency, line.source_label) == (
        Decimal("250000"),
        "KGS",
        "Funder Agency",
    )
    body = client.get(reverse("staff:project_detail", args=[project.slug])).content.decode()
    assert "250,000" in body or "250 000" in body


def test_a_budget_line_needs_a_source(client, project, setup, manager) -> None:
    client.force_login(manager)
    with translation.override("ru"):
        response = client.post(
            reverse("staff:budget_line_create", args=[project.slug]),
            {"year": "2022", "amount": "10", "currency": "KGS"},
        )
    assert response.status_code == 400
    assert "Укажите организацию, от которой поступают деньги" in response.content.decode()
    assert not project.budget_lines.filter(year=2022).exists()


def test_a_negative_amount_is_refused(client, project, setup, manager) -> None:
    client.force_login(manager)
    response = client.post(
        reverse("staff:budget_line_create", args=[project.slug]),
        {"year": "2022", "source_kind": "donor", "amount": "-5", "currency": "USD"},
    )
    assert response.status_code == 400


# --- Target areas --------------------------------------------------------------------------


def test_manager_adds_a_region_and_a_community(client, project, setup, manager) -> None:
    region = f.RegionFactory(code="TJ-XX", country="TJ", name_en="Sughd")
    community = f.CommunityFactory(district=setup["district"], name_en="Ak-Jar")
    client.force_login(manager)
    url = reverse("staff:area_create", args=[project.slug])
    assert client.post(url, {"level": "region", "region": region.pk}).status_code == 302
    assert client.post(url, {"level": "community", "community": community.pk}).status_code == 302
    areas = {(a.level, a.place_name) for a in project.areas.with_places()}
    assert ("region", "Sughd") in areas
    assert ("community", "Ak-Jar") in areas
    # A community-level area is a target community too (indicators and activities read it).
    assert ProjectCommunity.objects.filter(project=project, community=community).exists()
    area = project.areas.get(level="community")
    assert client.post(reverse("staff:area_delete", args=[area.pk])).status_code == 302
    assert not ProjectCommunity.objects.filter(project=project, community=community).exists()


def test_an_area_needs_the_place_of_its_level(client, project, setup, manager) -> None:
    client.force_login(manager)
    with translation.override("ru"):
        response = client.post(
            reverse("staff:area_create", args=[project.slug]),
            {"level": "district", "region": setup["district"].region_id},
        )
    assert response.status_code == 400
    assert "Выберите район." in response.content.decode()
    assert project.areas.count() == 1


def test_the_same_district_is_not_added_twice(client, project, setup, manager) -> None:
    client.force_login(manager)
    response = client.post(
        reverse("staff:area_create", args=[project.slug]),
        {"level": "district", "district": setup["district"].pk},
    )
    assert response.status_code == 400
    assert "already a target area" in response.content.decode()


def test_the_place_fields_follow_the_level(client, project, setup, manager) -> None:
    client.force_login(manager)
    url = reverse("staff:area_place_fields", args=[project.slug])
    body = client.get(url + "?level=community").content.decode()
    assert 'name="community"' in body
    assert 'name="district"' in body
    body = client.get(url + "?level=country").content.decode()
    assert 'name="country"' in body
    assert 'name="community"' not in body


def test_the_database_refuses_an_area_with_the_wrong_place(project, setup) -> None:
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectArea.objects.create(project=project, level=AreaLevel.REGION, country="KG")


# --- Query counts --------------------------------------------------------------------------


def _grow(project: Project, n: int) -> None:
    for index in range(n):
        f.PartnershipFactory(project=project, role=PartnerRole.FUNDING)
        ProjectBudgetLine.objects.create(
            project=project,
            year=2015 + index,
            source_organisation=f.OrganisationFactory(),
            amount=Decimal("10"),
            currency="USD",
        )
        ProjectArea.objects.create(
            project=project, level=AreaLevel.DISTRICT, district=f.DistrictFactory()
        )


def test_the_project_page_costs_the_same_however_much_setup_it_has(
    client, project, setup, manager, django_assert_num_queries
) -> None:
    client.force_login(manager)
    url = reverse("staff:project_detail", args=[project.slug])
    _grow(project, 2)
    client.get(url)  # warm the session and content-type caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(url)
    _grow(project, 6)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200


def test_the_partner_and_budget_forms_cost_the_same_with_more_organisations(
    client, project, setup, manager, django_assert_num_queries
) -> None:
    client.force_login(manager)
    urls = [
        reverse("staff:partner_create", args=[project.slug]),
        reverse("staff:budget_line_create", args=[project.slug]),
    ]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            client.get(url)
        counts.append(len(context.captured_queries))
    for _index in range(5):
        f.PartnershipFactory(organisation=f.OrganisationFactory())
    for url, count in zip(urls, counts, strict=True):
        with django_assert_num_queries(count):
            client.get(url)


def test_manager_adds_a_programme_and_comes_back_to_the_project_form(client, org, manager) -> None:
    client.force_login(manager)
    back = reverse("staff:project_create")
    response = client.post(
        reverse("staff:programme_create"),
        {
            "name": "UNODC Regional Programme for Central Asia",
            "organisation": org.pk,
            "start_year": "2015",
            "end_year": "2019",
            "next": back,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == back
    programme = Programme.objects.get(name_en="UNODC Regional Programme for Central Asia")
    assert str(programme) == "UNODC Regional Programme for Central Asia (2015–2019)"
    form = client.get(back).context["form"]
    assert programme in form.fields["programme"].queryset


def test_a_programme_form_never_sends_the_user_off_site(client, org, manager) -> None:
    client.force_login(manager)
    url = reverse("staff:programme_create") + "?next=javascript:alert(1)"
    body = client.get(url).content.decode()
    assert 'value="javascript:' not in body
    assert 'href="javascript:' not in body
    response = client.post(
        reverse("staff:programme_create"),
        {"name": "X", "organisation": org.pk, "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("staff:project_list")


def test_a_programme_cannot_end_before_it_starts(client, org, manager) -> None:
    client.force_login(manager)
    response = client.post(
        reverse("staff:programme_create"),
        {"name": "X", "organisation": org.pk, "start_year": "2019", "end_year": "2015"},
    )
    assert response.status_code == 400
    assert not Programme.objects.filter(name_en="X").exists()


def test_a_manager_cannot_hand_their_own_last_place_to_another_organisation(
    client, project, setup, manager
) -> None:
    client.force_login(manager)
    response = client.post(
        reverse("staff:partner_update", args=[setup["partner"].pk]),
        {"organisation": setup["funder"].organisation_id, "role": PartnerRole.IMPLEMENTING},
    )
    assert response.status_code == 400
    assert (
        Partnership.objects.get(pk=setup["partner"].pk).organisation_id
        == setup["partner"].organisation_id
    )
