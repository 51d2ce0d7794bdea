"""Project, news and grant filters: values live in the URL, totals follow the filter."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from projects.models import PartnerRole, ProjectStatus
from tests import factories as f
from tests.public.conftest import MARKERS, Portal


def _titles(html: str, *titles: str) -> list[str]:
    return [title for title in titles if title in html]


@pytest.fixture
def other_project(portal: Portal):
    region = f.RegionFactory(code="TJ-SU", country="TJ", name_en="Sughd Region")
    community = f.CommunityFactory(district=f.DistrictFactory(region=region), country="TJ")
    project = f.ProjectFactory(
        slug="tajik-project",
        title_en="Tajik Border Project",
        status=ProjectStatus.COMPLETED,
        planned_start=dt.date(2015, 1, 1),
        planned_end=dt.date(2016, 12, 31),
    )
    f.ProjectCommunityFactory(project=project, community=community)
    f.PartnershipFactory(project=project, role=PartnerRole.FUNDING)
    return project


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("country=TJ", "Tajik Border Project", "Safer Communities Project"),
        ("country=KG", "Safer Communities Project", "Tajik Border Project"),
        ("region=KG-J", "Safer Communities Project", "Tajik Border Project"),
        ("donor=donor-agency", "Safer Communities Project", "Tajik Border Project"),
        (
            "implementer=foundation-for-tolerance",
            "Safer Communities Project",
            "Tajik Border Project",
        ),
        ("status=completed", "Tajik Border Project", "Safer Communities Project"),
        ("theme=prevention", "Safer Communities Project", "Tajik Border Project"),
        ("year=2015", "Tajik Border Project", "Safer Communities Project"),
        ("year=2022", "Safer Communities Project", "Tajik Border Project"),
        ("q=Border", "Tajik Border Project", "Safer Communities Project"),
    ],
)
def test_project_filters(
    client: Client, other_project, query: str, shown: str, hidden: str
) -> None:
    html = client.get(f"/en/projects/?{query}").content.decode()
    assert shown in html
    assert hidden not in html
    # The form shows the chosen value so the URL and the page agree.
    name, value = query.split("=")
    assert f'name="{name}"' in html
    assert f'value="{value}"' in html


@pytest.mark.django_db
def test_project_list_paginates_and_keeps_filters_in_page_links(
    client: Client, portal: Portal
) -> None:
    f.ProjectFactory.create_batch(25, status=ProjectStatus.ACTIVE)
    html = client.get("/en/projects/?status=active").content.decode()
    assert "26 projects found" in html
    assert 'href="?status=active&amp;page=2"' in html
    second = client.get("/en/projects/?status=active&page=2").content.decode()
    assert "Page 2 of 2" in second


@pytest.mark.django_db
def test_unknown_filter_values_do_not_break_the_list(client: Client, portal: Portal) -> None:
    response = client.get("/en/projects/?region=nowhere&year=abc&page=999")
    assert response.status_code == 200


@pytest.mark.django_db
def test_grants_directory_totals_follow_the_filter(client: Client, portal: Portal) -> None:
    html = client.get("/en/grants/").content.decode()
    assert "2 grants" in html
    assert "$14,000" in html and "1,250,000" in html
    html = client.get("/en/grants/?grantee_type=local_government").content.decode()
    assert "1 grant<" in html
    assert "Youth peace club" not in html
    html = client.get("/en/grants/?year=2022&programme=small-grants").content.decode()
    assert "1 grant<" in html and "$14,000" in html
    html = client.get(f"/en/grants/?region={portal.region.code}").content.decode()
    assert "2 grants" in html


@pytest.mark.django_db
def test_grant_totals_never_include_hidden_programmes(client: Client, portal: Portal) -> None:
    html = client.get(f"/en/grants/?region={portal.region.code}").content.decode()
    assert "999,999" not in html


@pytest.mark.django_db
def test_grant_totals_say_how_many_have_no_amount(client: Client, portal: Portal) -> None:
    f.GrantFactory(programme=portal.programme, amount=None, start_date=dt.date(2022, 5, 1))
    html = client.get("/en/grants/?year=2022").content.decode()
    assert "2 grants" in html
    assert "1 without a published amount" in html
    assert "$14,000" in html  # the unknown amount is not counted as zero or anything else


@pytest.mark.django_db
def test_news_can_be_filtered_by_project(client: Client, portal: Portal) -> None:
    other = f.ProjectFactory(slug="other")
    f.ActivityFactory(project=other, published=True, title_en="Other news")
    html = client.get(f"/en/news/?project={portal.project.slug}").content.decode()
    assert "Residents meet the police" in html and "Other news" not in html
    assert f'href="/en/projects/{portal.project.slug}/feed/"' in html


@pytest.mark.django_db
def test_news_are_newest_first(client: Client, portal: Portal) -> None:
    f.ActivityFactory(
        project=portal.project, published=True, title_en="Newer news", date=dt.date(2023, 1, 1)
    )
    html = client.get("/en/news/").content.decode()
    assert html.index("Newer news") < html.index("Residents meet the police")


@pytest.mark.django_db
def test_long_organisation_drop_downs_list_the_busiest_and_still_accept_any_other(
    client: Client, portal: Portal, monkeypatch: pytest.MonkeyPatch
) -> None:
    from core import filters

    monkeypatch.setattr(filters, "LISTED_CHOICES", 2)
    busy = f.OrganisationFactory(slug="busy-donor", name_en="Busy Donor")
    quiet = f.OrganisationFactory(slug="quiet-donor", name_en="Quiet Donor")
    for _ in range(3):
        project = f.ProjectFactory()
        f.PartnershipFactory(project=project, organisation=busy, role=PartnerRole.FUNDING)
    lone = f.ProjectFactory(title_en="Quietly funded project")
    f.PartnershipFactory(project=lone, organisation=quiet, role=PartnerRole.FUNDING)

    html = client.get("/en/projects/").content.decode()
    start = html.index('name="donor"')
    donor_select = html[start : html.index("</select>", start)]
    assert 'value="busy-donor"' in donor_select
    assert 'value="quiet-donor"' not in donor_select  # third busiest: beyond the list
    assert donor_select.count("<option") == 3  # "All donors" and two donors

    # Reached from the organisation's page: filters, and the form shows the choice.
    html = client.get("/en/projects/?donor=quiet-donor").content.decode()
    assert "Quietly funded project" in html
    assert "Safer Communities Project" not in html
    assert '<option value="quiet-donor" selected>Quiet Donor</option>' in html


@pytest.mark.django_db
def test_news_project_drop_down_is_bounded_and_accepts_any_public_project(
    client: Client, portal: Portal, monkeypatch: pytest.MonkeyPatch
) -> None:
    from core import filters

    monkeypatch.setattr(filters, "LISTED_CHOICES", 1)
    newer = f.ProjectFactory(
        slug="newer", planned_start=dt.date(2030, 1, 1), planned_end=dt.date(2031, 1, 1)
    )
    html = client.get("/en/news/").content.decode()
    assert 'value="newer"' in html
    assert f'value="{portal.project.slug}"' not in html

    html = client.get(f"/en/news/?project={portal.project.slug}").content.decode()
    assert "Residents meet the police" in html
    assert f'<option value="{portal.project.slug}" selected>' in html
    assert newer.slug in html
    # A hidden project is not a valid choice: nothing of it is shown.
    assert client.get(f"/en/news/?project={portal.hidden_project.slug}").status_code == 200


@pytest.mark.django_db
def test_grant_programme_drop_down_is_bounded_and_accepts_any_public_programme(
    client: Client, portal: Portal, monkeypatch: pytest.MonkeyPatch
) -> None:
    from core import filters

    monkeypatch.setattr(filters, "LISTED_CHOICES", 1)
    busy = f.GrantProgrammeFactory(slug="busy-programme", name_en="Busy programme")
    for index in range(3):
        f.GrantFactory(programme=busy, title_en=f"Busy grant {index}")
    html = client.get("/en/grants/").content.decode()
    select = html[
        html.index('name="programme"') : html.index("</select>", html.index('name="programme"'))
    ]
    assert 'value="busy-programme"' in select
    assert 'value="small-grants"' not in select

    html = client.get("/en/grants/?programme=small-grants").content.decode()
    assert "Busy grant" not in html
    assert "Youth peace club" in html
    assert '<option value="small-grants" selected>' in html
    assert client.get("/en/grants/?programme=hidden-programme").status_code == 200


@pytest.mark.django_db
def test_a_year_filter_reads_the_grant_years_once(client: Client, portal: Portal) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        html = client.get("/en/grants/?year=2022").content.decode()
    assert 'value="2022"' in html and "grant<" in html
    # PostgreSQL walks the start_date index year by year (WITH RECURSIVE); SQLite truncates.
    years = [
        q
        for q in queries.captured_queries
        if "DATE_TRUNC" in q["sql"].upper() or "WITH RECURSIVE" in q["sql"].upper()
    ]
    assert len(years) == 1


@pytest.mark.django_db
def test_grant_years_skip_empty_years_and_hidden_programmes(portal: Portal) -> None:
    from grants.selectors import grant_years

    hidden = f.GrantProgrammeFactory(is_public=False)
    f.GrantFactory(programme=hidden, start_date=dt.date(2010, 6, 1))
    f.GrantFactory(programme=portal.programme, start_date=dt.date(2019, 12, 31))
    f.GrantFactory(programme=portal.programme, start_date=dt.date(2019, 1, 1))
    f.GrantFactory(programme=portal.programme, start_date=dt.date(2017, 3, 5))
    f.GrantFactory(programme=portal.programme, start_date=None)

    years = grant_years()

    assert years == sorted(set(years), reverse=True)
    assert {2019, 2017} <= set(years)
    assert 2018 not in years and 2010 not in years


@pytest.mark.django_db
def test_project_years_run_from_the_earliest_date_to_the_latest(client: Client) -> None:
    f.ProjectFactory(planned_start=dt.date(2013, 5, 1), planned_end=None)
    f.ProjectFactory(planned_start=None, planned_end=dt.date(2027, 1, 31))
    f.ProjectFactory(planned_start=dt.date(2009, 1, 1), is_public=False)

    html = client.get("/en/projects/").content.decode()
    start = html.index('name="year"')
    select = html[start : html.index("</select>", start)]

    shown = [int(year) for year in re.findall(r'<option value="(\d{4})"', select)]
    assert shown == list(range(2027, 2012, -1))


@pytest.mark.django_db
def test_donor_drop_down_counts_only_funding_on_public_projects(client: Client) -> None:
    donor = f.OrganisationFactory(slug="public-donor", name_en="Public Donor")
    hidden_only = f.OrganisationFactory(slug="hidden-donor", name_en="Hidden Donor")
    implementer_only = f.OrganisationFactory(slug="implementer-only", name_en="Implementer")
    f.PartnershipFactory(project=f.ProjectFactory(), organisation=donor, role=PartnerRole.FUNDING)
    f.PartnershipFactory(
        project=f.ProjectFactory(is_public=False),
        organisation=hidden_only,
        role=PartnerRole.FUNDING,
    )
    f.PartnershipFactory(
        project=f.ProjectFactory(is_archived=True),
        organisation=hidden_only,
        role=PartnerRole.FUNDING,
    )
    f.PartnershipFactory(
        project=f.ProjectFactory(), organisation=implementer_only, role=PartnerRole.IMPLEMENTING
    )

    html = client.get("/en/projects/").content.decode()
    start = html.index('name="donor"')
    select = html[start : html.index("</select>", start)]

    assert 'value="public-donor"' in select
    assert 'value="hidden-donor"' not in select
    assert 'value="implementer-only"' not in select


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/{language}/projects/", "/{language}/grants/"])
def test_it_marks_a_region_option_shown_in_another_language(
    client: Client, portal: Portal, path: str
) -> None:
    # The portal's region has no Kyrgyz name: a Kyrgyz page offers its Russian form, marked
    # in the option's text as the pages mark it beside the name; a Russian page does not.
    option = '<option value="KG-J">{}</option>'
    html = client.get(path.format(language="ky")).content.decode()
    assert option.format("Джалал-Абадская область (орусча көрсөтүлдү)") in html
    html = client.get(path.format(language="ru")).content.decode()
    assert option.format("Джалал-Абадская область") in html


def _options(html: str, name: str) -> list[str]:
    start = html.index(f'name="{name}"')
    select = html[start : html.index("</select>", start)]
    return re.findall(r'<option value="([^"]+)"', select)


@pytest.mark.django_db
def test_project_drop_downs_follow_a_project_made_public(client: Client, portal: Portal) -> None:
    """The region, theme and year options are kept per version of the projects section: a
    project made public offers its region, theme and years on the next list view."""
    region = f.RegionFactory(code="TJ-SU", country="TJ", name_en="Sughd Region")
    community = f.CommunityFactory(district=f.DistrictFactory(region=region), country="TJ")
    theme = f.ThemeFactory(slug="border-cooperation", name_en="Border cooperation")
    project = f.ProjectFactory(
        slug="not-yet-public",
        is_public=False,
        planned_start=dt.date(2009, 3, 1),
        planned_end=dt.date(2010, 6, 30),
    )
    project.themes.add(theme)
    f.ProjectCommunityFactory(project=project, community=community)
    html = client.get("/en/projects/").content.decode()
    assert "TJ-SU" not in _options(html, "region")
    assert "border-cooperation" not in _options(html, "theme")
    assert "2009" not in _options(html, "year")

    project.is_public = True
    project.save()

    html = client.get("/en/projects/?q=border").content.decode()
    assert "TJ-SU" in _options(html, "region")
    assert "border-cooperation" in _options(html, "theme")
    assert {"2009", "2010"} <= set(_options(html, "year"))
    # And the new options are valid choices: the project is found by each of them.
    for query in ("region=TJ-SU", "theme=border-cooperation", "year=2009"):
        page = client.get(f"/en/projects/?{query}").content.decode()
        assert 'href="/en/projects/not-yet-public/"' in page, query
        assert "errorlist" not in page, query


@pytest.mark.django_db
def test_grant_drop_downs_follow_a_new_grant(client: Client, portal: Portal) -> None:
    """The region and year options of the grants directory are kept per version of the
    grants section: a grant saved in a new region and year is offered on the next view."""
    region = f.RegionFactory(code="TJ-KH", country="TJ", name_en="Khatlon Region")
    grantee = f.OrganisationFactory(slug="khatlon-council")
    html = client.get("/en/grants/").content.decode()
    assert "TJ-KH" not in _options(html, "region")
    assert "2011" not in _options(html, "year")

    f.GrantFactory(
        programme=portal.programme,
        grantee=grantee,
        region=region,
        start_date=dt.date(2011, 4, 1),
        end_date=dt.date(2011, 12, 1),
        title_en="Khatlon water council",
    )

    html = client.get("/en/grants/?q=water").content.decode()
    assert "TJ-KH" in _options(html, "region")
    assert "2011" in _options(html, "year")
    page = client.get("/en/grants/?region=TJ-KH&year=2011").content.decode()
    assert "Khatlon water council" in page and "Youth peace club" not in page


@pytest.mark.django_db
def test_a_region_outside_the_options_is_refused_and_the_list_left_whole(
    client: Client, portal: Portal
) -> None:
    html = client.get("/en/projects/?region=TJ-XX").content.decode()
    assert "Select a valid choice" in html
    assert "Safer Communities Project" in html
    html = client.get("/en/grants/?region=TJ-XX").content.decode()
    assert "Select a valid choice" in html
    assert "Youth peace club" in html


@pytest.mark.django_db
def test_grantee_filter_shows_one_organisations_public_grants(
    client: Client, portal: Portal
) -> None:
    html = client.get("/en/grants/?grantee=yiman").content.decode()
    assert "<strong>1 grant</strong>" in html
    assert "Youth peace club" in html
    assert '<input type="hidden" name="grantee" value="yiman"' in html
    # An organisation with nothing public is not a valid choice: the filter is left out
    # (the whole directory, both public grants) and its hidden grant never shows.
    html = client.get("/en/grants/?grantee=hidden-org").content.decode()
    assert "<strong>2 grants</strong>" in html
    assert MARKERS["hidden_grant"] not in html
