"""Project setup in Chromium at phone size (390 × 844), in Russian: a programme manager (not
``is_staff``) creates a project from the dashboard, adds a partner, a budget line and a
district-level target area, and the project page shows them."""

from __future__ import annotations

import pytest

from communities.models import AreaLevel
from projects.models import PartnerRole, Project
from tests import factories as f
from tests.conftest import ARTIFACTS, login_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_manager_sets_up_a_project_on_a_phone_in_russian(
    browser_page, live_server, org, manager
) -> None:
    assert not manager.is_staff
    acted = f.OrganisationFactory(slug="acted", name_en="ACTED", name_ru="АКТЕД")
    f.PartnershipFactory(organisation=acted)  # a partner on a public project: choosable
    district = f.DistrictFactory(name_en="Sverdlov", name_ru="Свердловский район")
    community = f.CommunityFactory(district=district, name_ru="Ак-Жар")
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    login_in_browser(page, live_server, "manager")
    page.wait_for_url("**/staff/")
    page.goto(f"{live_server.url}/ru/staff/")

    # One tap from the dashboard to the form.
    page.click("#new a:text('Новый проект')")
    page.wait_for_url("**/ru/staff/projects/new/")
    _no_sideways_scroll(page)
    page.fill("input[name=title_ru]", "Активные сообщества")
    page.select_option("select[name=lead_organisation]", str(org.pk))
    page.select_option("select[name=status]", "active")
    page.fill("input[name=start_year]", "2016")
    page.fill("input[name=end_year]", "2019")
    page.select_option("select[name=end_month]", "9")
    page.screenshot(path=str(ARTIFACTS / "staff-project-form-phone-ru.png"), full_page=True)
    page.click("button:text('Создать проект')")
    page.wait_for_url("**/ru/staff/projects/aktivnye-soobshchestva/")
    assert "Проект создан" in page.content()
    # "2016" is shown as 2016, not as 1 January 2016.
    assert "2016 –" in page.inner_text("dl.facts")

    page.click("a:text('Добавить партнёра')")
    page.select_option("select[name=organisation]", str(acted.pk))
    page.select_option("select[name=role]", PartnerRole.FUNDING)
    page.fill("input[name=funding_amount]", "500000")
    page.select_option("select[name=currency]", "USD")
    _no_sideways_scroll(page)
    page.click("button:text('Сохранить')")
    page.wait_for_url("**/projects/aktivnye-soobshchestva/")

    page.click("a:text('Добавить статью бюджета')")
    page.fill("input[name=year]", "2017")
    page.select_option("select[name=source_kind]", "local_budget")
    page.fill("input[name=amount]", "14000000")
    page.select_option("select[name=currency]", "KGS")
    page.click("button:text('Сохранить')")
    page.wait_for_url("**/projects/aktivnye-soobshchestva/")

    page.click("a:text('Добавить целевую территорию')")
    # htmx swaps the place fields when the level changes: community asks for the district too.
    page.select_option("select[name=level]", AreaLevel.COMMUNITY)
    page.wait_for_selector("select[name=community]")
    page.select_option("select[name=district]", str(district.pk))
    page.wait_for_selector(
        f"select[name=community] option[value='{community.pk}']", state="attached"
    )
    # Let the district's swap settle first, or it could land after the level's and bring the
    # community list back.
    page.wait_for_load_state("networkidle")
    page.select_option("select[name=level]", AreaLevel.DISTRICT)
    page.wait_for_selector("select[name=community]", state="detached", timeout=30_000)
    page.select_option("select[name=district]", str(district.pk))
    _no_sideways_scroll(page)
    page.click("button:text('Добавить территорию')")
    page.wait_for_url("**/projects/aktivnye-soobshchestva/")

    body = page.inner_text("main") if page.query_selector("main") else page.inner_text("body")
    assert "АКТЕД" in body
    assert "Свердловский район" in body
    _no_sideways_scroll(page)
    page.screenshot(path=str(ARTIFACTS / "staff-project-setup-phone-ru.png"), full_page=True)

    project = Project.objects.get(slug="aktivnye-soobshchestva")
    assert project.partnerships.get(is_lead=True).organisation == org
    funder = project.partnerships.get(organisation=acted)
    assert (funder.role, funder.funding_amount, funder.currency) == ("funding", 500000, "USD")
    line = project.budget_lines.get()
    assert (line.year, line.source_kind, line.amount, line.currency) == (
        2017,
        "local_budget",
        14000000,
        "KGS",
    )
    area = project.areas.get()
    assert (area.level, area.district) == (AreaLevel.DISTRICT, district)
    assert page.js_errors == []
