"""load_demo: the five seed programmes, idempotent, nothing invented."""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.auth import get_user_model

from communities import models as cm
from core.demo import demo_manifest_read, demo_records_read
from core.i18n import shown_text
from grants import models as gm
from projects import models as pm
from projects.demo_accounts import DEMO_PASSWORD_DEFAULT
from reports.demo import DEMO_DATA_DIR, demo_load

pytestmark = pytest.mark.django_db

ILLUSTRATIVE = "Illustrative example"

COUNTED = (
    pm.Organisation,
    pm.Project,
    pm.Partnership,
    pm.Programme,
    pm.ProjectBudgetLine,
    cm.ProjectCommunity,
    cm.ProjectArea,
    cm.Activity,
    pm.ExchangeRate,
    pm.StaffMembership,
    gm.GrantProgramme,
    gm.Grant,
    cm.WorkingGroup,
    cm.Membership,
    cm.Meeting,
    cm.Assessment,
    cm.IdentifiedProblem,
    cm.JointPlan,
    cm.PlanAction,
    cm.Contribution,
)


@pytest.fixture
def demo(demo_db, db):
    """Gazetteer + demo as loaded once for the run (tests/demo_db.py, the same two calls);
    each test runs in its own transaction on top of the module's copy."""
    return None


def _counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in COUNTED}


def _history() -> dict[str, int]:
    return {m.__name__: m.history.count() for m in COUNTED if hasattr(m, "history")}


def test_running_load_demo_twice_gives_the_same_records(demo) -> None:
    counts, history = _counts(), _history()

    loaded = demo_load()

    assert _counts() == counts
    assert _history() == history
    # Every record of the data files is one row: nothing merged, nothing dropped.
    assert loaded["grants.Grant"] == counts["Grant"] == 25
    assert loaded["communities.Activity"] == counts["Activity"] == 11
    # 212 records of the organisations, projects, grants and the cycle (seats held by bodies,
    # the project-wide local-budget contribution), 13 of project setup (programme, budget
    # lines, target areas), the Ferghana working group, and 40 of sources, reported figures
    # and results frameworks, and 9 illustrative grant committee seats.
    assert loaded["reports.ReportedFigure"] == 14 and loaded["reports.IndicatorPeriod"] == 7
    assert loaded["grants.CommitteeMember"] == 9
    assert sum(loaded.values()) == 275


def test_every_record_says_where_it_comes_from_and_whether_it_is_illustrative(demo) -> None:
    manifest = demo_manifest_read(DEMO_DATA_DIR)
    for record in demo_records_read(DEMO_DATA_DIR, manifest=manifest):
        assert record.provenance.note
        if record.provenance.document is not None:
            assert record.provenance.section
        if "is_illustrative" in record.fields:
            assert record.fields["is_illustrative"] == record.provenance.illustrative
        if record.provenance.illustrative and record.model != "projects.ExchangeRate":
            assert record.file in {"illustrative_sverdlovsk_cycle.json", "grant_committees.json"}


def test_the_five_programmes_are_present_with_their_projects(demo) -> None:
    manifest = demo_manifest_read(DEMO_DATA_DIR)
    records = demo_records_read(DEMO_DATA_DIR, manifest=manifest)
    projects = [r for r in records if r.model == "projects.Project"]
    assert {r.provenance.document for r in projects} == set(manifest.documents)
    slugs = {r.key["slug"] for r in projects}
    assert len(slugs) == 7
    assert set(pm.Project.objects.values_list("slug", flat=True)) == slugs
    assert pm.Project.objects.public().count() == len(slugs)


def test_projects_carry_their_real_partners(demo) -> None:
    lip = pm.Project.objects.get(slug="living-in-peace")
    roles = {(p.organisation.slug, p.role) for p in lip.partnerships.select_related("organisation")}
    assert ("european-union", "funding") in roles
    assert ("international-alert", "implementing") in roles
    ac = pm.Project.objects.get(slug="active-communities")
    assert (ac.budget, ac.currency) == (14_000_000, "USD")
    ferghana = pm.Project.objects.get(slug="community-security-ferghana-valley")
    assert set(ferghana.target_communities.values_list("community__name_en", flat=True)) == {
        "Surkh",
        "Vorukh",
    }


def test_living_in_peace_keeps_its_kyrgyz_name_in_the_kyrgyz_column_only(demo) -> None:
    # The Russian newsletter names the project only by its Kyrgyz name: no Russian form, so
    # a Russian page shows it by the fallback order with the marker, not as Russian text.
    lip = pm.Project.objects.get(slug="living-in-peace")
    assert (lip.title_ky, lip.title_en, lip.title_ru) == ("Ынтымактуу Жашоо", "Living in Peace", "")
    assert shown_text(lip, "title", "ru") == ("Living in Peace", "en")
    assert shown_text(lip, "title", "tg") == ("Living in Peace", "en")


def test_figure_labels_after_a_number_keep_the_kyrgyz_and_tajik_noun_singular() -> None:
    # A figure's own label follows its number («25 маҳал», «2 кошулган жамаат»): Kyrgyz
    # and Tajik keep a noun after a numeral singular, so no head noun takes -лар or -ҳо.
    kyrgyz_plural = re.compile(r"(?:[лтд][аеоө]р)$")
    figures = [
        r
        for r in demo_records_read(DEMO_DATA_DIR, manifest=demo_manifest_read(DEMO_DATA_DIR))
        if r.model == "reports.ReportedFigure" and r.fields.get("kind") == "other"
    ]
    assert figures
    for figure in figures:
        kyrgyz, tajik = figure.fields["label_ky"], figure.fields["label_tg"]
        assert not kyrgyz_plural.search(kyrgyz.split()[-1]), kyrgyz
        assert not re.search(r"ҳо(?:и)?$", tajik.split()[0]), tajik


def test_living_in_peace_has_25_civil_society_grants_without_invented_amounts(demo) -> None:
    grants = gm.Grant.objects.filter(programme__slug="living-in-peace-cso-grants")
    assert grants.count() == 25
    assert not grants.filter(amount__isnull=False).exists()
    first = grants.get(reference="LiP-CSO-01")
    assert first.grantee.slug == "cornelius-society"
    assert first.title_ky == "Биримдик үчүн"
    assert first.region.code == "KG-C"


def test_prevention_in_action_states_12_projects_and_invents_no_grant_rows(demo) -> None:
    # The seed announces 12 projects but names no grantee, title or amount for any of them.
    programme = gm.GrantProgramme.objects.get(slug="prevention-in-action-small-grants")
    assert "12" in programme.description_en
    assert not programme.grants.exists()
    pia = pm.Project.objects.get(slug="prevention-in-action")
    # The eight named ayil aimaks and towns plus the Sverdlovsk district of Bishkek.
    assert pia.target_communities.count() == 9
    assert pia.target_communities.filter(community__kind="city_district").exists()
    assert ("us-inl", "funding") in set(pia.partnerships.values_list("organisation__slug", "role"))


def test_no_money_figure_appears_that_the_seeds_do_not_give(demo) -> None:
    assert set(pm.Project.objects.filter(budget__isnull=False).values_list("slug", flat=True)) == {
        "active-communities"
    }
    assert not pm.Partnership.objects.filter(funding_amount__isnull=False).exists()
    assert not gm.GrantProgramme.objects.filter(envelope__isnull=False).exists()
    # Co-financing of actions exists only on the illustrative plan, and says so.
    for contribution in cm.Contribution.objects.filter(action__isnull=False).select_related(
        "action__plan"
    ):
        assert contribution.action.plan.is_illustrative
        assert ILLUSTRATIVE in contribution.note
    # The one figure the seeds give: "more than 14 million soms from local budgets" for the
    # 2015-2016 joint plans as a whole, recorded against that project.
    seeded = cm.Contribution.objects.get(action__isnull=True)
    assert (seeded.project.slug, seeded.amount, seeded.currency, seeded.source_type) == (
        "joint-crime-prevention-plans-2015-2016",
        14_000_000,
        "KGS",
        "local_budget",
    )


def test_the_sverdlovsk_working_group_has_its_members_and_chair(demo) -> None:
    group = cm.WorkingGroup.objects.get(name__icontains="Sverdlovsk")
    assert group.community.kind == "city_district"
    assert group.community.district.name_ru == "Свердловский район"
    assert group.chair.full_name == "Chinara Borbashova"
    sectors = dict(group.members.exclude(full_name="").values_list("full_name", "sector"))
    assert sectors == {
        "Chinara Borbashova": "local_government",
        "Gulnara Moldobaeva": "local_government",
        "Adisa Imangazieva": "local_government",
        "Bakyt Artykbayev": "police",
    }
    assert "Samarbek Bolotbekov" in group.founding_act_issued_by
    # The bodies the document lists without naming anyone hold seats as bodies.
    bodies = set(group.members.filter(full_name="").values_list("body", flat=True))
    assert len(bodies) == 5 and "Sverdlovsk district akimiat" in bodies


def test_the_problems_people_raised_in_sverdlovsk_are_recorded(demo) -> None:
    problems = cm.IdentifiedProblem.objects.filter(
        assessment__working_group__name__icontains="Sverdlovsk"
    )
    assert set(problems.values_list("category__slug", flat=True)) == {
        "child_abuse",
        "teenage_suicide",
        "road_safety",
        "crime_markets_housing",
    }


def test_illustrative_records_are_flagged_and_say_so(demo) -> None:
    for activity in cm.Activity.objects.filter(is_illustrative=True):
        assert ILLUSTRATIVE in activity.description_en
        assert activity.status != cm.ActivityStatus.PUBLISHED
    for meeting in cm.Meeting.objects.all():
        if meeting.is_illustrative:
            assert ILLUSTRATIVE in meeting.agenda
    plan = cm.JointPlan.objects.get()
    assert plan.is_illustrative and ILLUSTRATIVE in plan.source_note
    for action in plan.actions.all():
        assert ILLUSTRATIVE in action.description_en
    for rate in pm.ExchangeRate.objects.all():
        assert ILLUSTRATIVE in rate.source_note


def test_news_from_the_seeds_is_published_with_seed_dates(demo) -> None:
    news = cm.Activity.objects.published().filter(is_illustrative=False)
    assert news.count() >= 8
    drawings = news.get(title_en__icontains="Ovchi-Kalacha")
    assert drawings.date.isoformat() == "2017-03-22"
    assert drawings.communities.get().name_en == "Ovchi Kalacha"


def test_demo_accounts_log_in_with_the_documented_password(demo, client) -> None:
    user_model = get_user_model()
    admin = user_model.objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(DEMO_PASSWORD_DEFAULT)
    roles = dict(
        pm.StaffMembership.objects.filter(organisation__slug="for-reforms-and-results").values_list(
            "user__username", "role"
        )
    )
    assert roles == {
        "reforms-admin": "org_admin",
        "reforms-manager": "programme_manager",
        "reforms-field": "field_officer",
        "reforms-viewer": "viewer",
    }
    assert pm.StaffMembership.objects.filter(organisation__slug="international-alert").count() == 2


def test_the_home_page_maps_covered_communities_and_does_not_claim_zero_people(
    demo, client
) -> None:
    response = client.get("/en/")

    html = response.content.decode()
    found = re.search(
        r'<script id="map-markers" type="application/json">(.*?)</script>', html, re.S
    )
    assert found is not None
    markers = json.loads(found.group(1))
    assert len(markers) >= 10
    assert all(36.6 <= m["lat"] <= 43.3 and 67.3 <= m["lng"] <= 80.3 for m in markers)
    # No ProjectCommunity in the seeds records population_covered: the figure is unknown.
    assert not cm.ProjectCommunity.objects.filter(population_covered__isnull=False).exists()
    assert "not reported" in html
    covered = cm.Community.objects.covered().filter(latitude__isnull=False).first()
    assert covered is not None
    page = client.get(covered.get_absolute_url()).content.decode()
    assert 'id="map-markers"' in page and covered.get_absolute_url() in page


def test_active_communities_is_led_by_fhi_360_with_its_partners_and_budget(demo) -> None:
    project = pm.Project.objects.get(slug="active-communities")
    lead = project.partnerships.get(is_lead=True)
    assert lead.organisation.slug == "fhi-360"
    others = set(
        project.partnerships.filter(is_lead=False).values_list("organisation__slug", flat=True)
    )
    assert {"acted", "fvlwb"} <= others
    line = project.budget_lines.get()
    assert (line.year, line.amount, line.currency) == (None, 14000000, "USD")
    assert line.source_organisation.slug == "usaid"
    # "Oct. 2019 - Sep. 2024": known to the month.
    assert project.start_precision == project.end_precision == "month"


def test_prevention_in_action_belongs_to_the_unodc_regional_programme(demo) -> None:
    programme = pm.Project.objects.get(slug="prevention-in-action").programme
    assert programme is not None
    assert (programme.start_year, programme.end_year) == (2015, 2019)
    assert programme.organisation.slug == "unodc"


def test_project_areas_at_region_and_district_level(demo) -> None:
    ferghana = cm.ProjectArea.objects.filter(project__slug="community-security-ferghana-valley")
    assert set(ferghana.values_list("region__code", flat=True)) == {"KG-B", "KG-O", "KG-J", "TJ-SU"}
    police = cm.ProjectArea.objects.filter(project__slug="police-public-interaction-tajikistan")
    assert police.filter(level="region", region__code="TJ-SU").exists()
    assert (
        cm.ProjectArea.objects.filter(
            project__slug="prevention-in-action", level="district"
        ).count()
        == 2
    )


def test_every_community_the_demo_names_is_on_the_map(demo) -> None:
    from reports.demo import demo_communities

    communities = demo_communities()
    assert communities.count() >= 30
    assert not communities.filter(latitude__isnull=True).exists()
    approximate = communities.exclude(location_precision=cm.LocationPrecision.PLACE)
    # Surkh (Isfara) has no point of its own in the gazetteer: it stands at its district's
    # centre, marked so; Vorukh keeps its own point.
    assert approximate.filter(name_en="Surkh", location_precision="district_centre").exists()
    assert communities.get(name_en="Vorukh").location_precision == cm.LocationPrecision.PLACE


def test_each_demo_grant_programme_has_an_illustrative_committee_of_three_affiliations(
    demo,
) -> None:
    for programme in gm.GrantProgramme.objects.all():
        seats = programme.committee_members.select_related("user")
        assert {seat.affiliation for seat in seats} == {
            "government",
            "ngo",
            "independent_expert",
        }, programme.slug
        assert all(seat.is_illustrative for seat in seats)
        assert [seat.user.username for seat in seats if seat.is_chair] == ["committee-government"]
        # The seats belong to demo accounts with no organisation's staff role nor admin rights.
        assert not any(seat.user.is_superuser or seat.user.is_staff for seat in seats)


def test_the_committee_workspace_labels_the_illustrative_seats(demo, client) -> None:
    from django.urls import reverse
    from django.utils import translation

    programme = gm.GrantProgramme.objects.get(slug="prevention-in-action-small-grants")
    client.force_login(get_user_model().objects.get(username="committee-expert"))
    for lang, label in (
        ("en", "Illustrative record made up for the demonstration."),
        ("ru", "Иллюстративная запись, придуманная для демонстрации."),
    ):
        with translation.override(lang):
            url = reverse("staff:committee_programme", kwargs={"pk": programme.pk})
            html = client.get(url).content.decode()
        assert html.count(label) == 3, lang
