"""A small public portal: one public project with everything a page can show, and next
to it records that must never reach a public page, each carrying a unique marker.

The portal is built once per test module (``module_db``, tests/conftest.py) and each test gets
a deep copy of it: building it took about 0.3 s of setup per test, for some 150 tests that
only read it or write inside their own savepoint. Modules whose tests need committed rows
(the browser tests) build it per test with ``build_portal()``.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation

from communities.models import (
    ActionStatus,
    ActivityStatus,
    ContributionSource,
    ContributionState,
    Sector,
)
from projects.models import PartnerRole, ProjectStatus
from tests import factories as f

LANGS = ["en", "ru", "ky", "tg"]

# Strings that must never appear on any public page, feed, sitemap or search result.
MARKERS = {
    "draft_activity": "ZZLEAK-DRAFT-ACTIVITY",
    "submitted_activity": "ZZLEAK-SUBMITTED-ACTIVITY",
    "hidden_project": "ZZLEAK-HIDDEN-PROJECT",
    "archived_project": "ZZLEAK-ARCHIVED-PROJECT",
    "hidden_project_news": "ZZLEAK-NEWS-OF-HIDDEN-PROJECT",
    "hidden_programme": "ZZLEAK-HIDDEN-PROGRAMME",
    "hidden_grant": "ZZLEAK-GRANT-OF-HIDDEN-PROGRAMME",
    "member_name": "ZZLEAK-Member-Fullname",
    "member_phone": "+996-555-000-ZZLEAK",
    "member_email": "zzleak-member@example.org",
    "chair_name": "ZZLEAK-Chair-Fullname",
    "sensitive_category": "ZZLEAK-SENSITIVE-CATEGORY",
    "problem_text": "ZZLEAK-PROBLEM-DESCRIPTION",
    "working_group_name": "ZZLEAK-WORKING-GROUP-NAME",
    "draft_plan": "ZZLEAK-DRAFT-PLAN",
    "hidden_org": "ZZLEAK-ORG-ONLY-IN-HIDDEN-PROJECT",
    "review_comment": "ZZLEAK-REVIEW-COMMENT",
}


@dataclass
class Portal:
    project: Any
    donor: Any
    implementer: Any
    region: Any
    district: Any
    community: Any
    unmapped_community: Any
    news: Any
    programme: Any
    grant: Any
    hidden_project: Any
    hidden_community: Any
    draft_activity: Any
    hidden_grant: Any


@pytest.fixture(scope="module")
def shared_portal(module_db: Any) -> Portal:
    # Built in English, as the per-test fixture was (tests start in English): modeltranslation
    # fills a field's own column from the active language's value.
    with module_db.unblock(), translation.override("en"):
        return build_portal()


@pytest.fixture
def portal(shared_portal: Portal, db: None) -> Portal:
    """This test's own copy of the module's portal; its writes roll back with its savepoint."""
    return copy.deepcopy(shared_portal)


def build_portal() -> Portal:
    region = f.RegionFactory(
        code="KG-J", name_en="Jalal-Abad Region", name_ru="Джалал-Абадская область"
    )
    district = f.DistrictFactory(region=region, name_en="Suzak District", name_ru="Сузакский район")
    community = f.CommunityFactory(
        district=district,
        name_en="Kara-Darya",
        name_ru="Кара-Дарыя",
        name_ky="Кара-Дарыя айыл аймагы",
        population=12500,
    )
    unmapped = f.CommunityFactory(
        district=district,
        name_en="Blagoveshchenka",
        name_ru="Благовещенка",
        latitude=None,
        longitude=None,
    )
    donor = f.OrganisationFactory(
        slug="donor-agency", name_en="Donor Agency", name_ru="Агентство-донор"
    )
    implementer = f.OrganisationFactory(
        slug="foundation-for-tolerance",
        name_en="Foundation for Tolerance",
        name_ru="Фонд за толерантность",
    )
    theme = f.ThemeFactory(slug="prevention", name_en="Crime prevention", name_ru="Профилактика")
    project = f.ProjectFactory(
        slug="safer-communities",
        title_en="Safer Communities Project",
        title_ru="Проект «Безопасные сообщества»",
        title_ky="",
        summary_en="Working groups plan prevention together with residents.",
        summary_ru="Рабочие группы вместе с жителями планируют профилактику.",
        description_en="Long description of the project.",
        budget=Decimal("14000000"),
        currency="USD",
        is_featured=True,
        status=ProjectStatus.ACTIVE,
    )
    project.themes.add(theme)
    f.PartnershipFactory(
        project=project,
        organisation=donor,
        role=PartnerRole.FUNDING,
        funding_amount=Decimal("14000000"),
        currency="USD",
    )
    f.PartnershipFactory(project=project, organisation=implementer, role=PartnerRole.IMPLEMENTING)
    f.ProjectCommunityFactory(project=project, community=community, population_covered=12500)
    f.ProjectCommunityFactory(project=project, community=unmapped, population_covered=3000)

    group = f.WorkingGroupFactory(
        community=community, organisation=implementer, name=MARKERS["working_group_name"]
    )
    group.projects.add(project)
    chair = f.MembershipFactory(
        working_group=group,
        full_name=MARKERS["chair_name"],
        sector=Sector.LOCAL_GOVERNMENT,
        role="chair",
    )
    group.chair = chair
    group.save()
    f.MembershipFactory(
        working_group=group,
        full_name=MARKERS["member_name"],
        phone=MARKERS["member_phone"],
        email=MARKERS["member_email"],
        sector=Sector.POLICE,
        sex="male",
    )
    plan = f.JointPlanFactory(
        working_group=group,
        title_en="Kara-Darya joint plan 2022",
        title_ru="Совместный план Кара-Дарыя 2022",
    )
    done = f.PlanActionFactory(
        plan=plan, status=ActionStatus.DONE, completed_on=dt.date(2022, 5, 1)
    )
    f.PlanActionFactory(plan=plan, status=ActionStatus.IN_PROGRESS)
    f.ContributionFactory(
        action=done,
        source_type=ContributionSource.LOCAL_BUDGET,
        amount=Decimal("1250000"),
        currency="KGS",
        state=ContributionState.RECEIVED,
    )
    f.JointPlanFactory(
        working_group=group, title_en=MARKERS["draft_plan"], status="draft", approval_date=None
    )

    sensitive = f.ProblemCategoryFactory(
        slug="family-violence",
        name_en=MARKERS["sensitive_category"],
        name_ru=MARKERS["sensitive_category"],
        sensitive=True,
    )
    lighting = f.ProblemCategoryFactory(
        slug="lighting", name_en="Street lighting", name_ru="Уличное освещение"
    )
    assessment = f.AssessmentFactory(community=community, project=project, working_group=group)
    f.IdentifiedProblemFactory(
        assessment=assessment, category=sensitive, description=MARKERS["problem_text"]
    )
    f.IdentifiedProblemFactory(
        assessment=assessment, category=lighting, description=MARKERS["problem_text"] + " 2"
    )

    news = f.ActivityFactory(
        project=project,
        published=True,
        title_en="Residents meet the police",
        title_ru="Жители встретились с милицией",
        review_comment=MARKERS["review_comment"],
    )
    news.communities.add(community)
    draft = f.ActivityFactory(
        project=project,
        title_en=MARKERS["draft_activity"],
        title_ru=MARKERS["draft_activity"],
        status=ActivityStatus.DRAFT,
    )
    draft.communities.add(community)
    f.ActivityFactory(
        project=project,
        title_en=MARKERS["submitted_activity"],
        title_ru=MARKERS["submitted_activity"],
        status=ActivityStatus.SUBMITTED,
    )

    programme = f.GrantProgrammeFactory(
        slug="small-grants",
        name_en="Small Grants for Peace",
        name_ru="Малые гранты для мира",
        managing_organisation=implementer,
        project=project,
    )
    programme.funders.add(donor)
    grantee = f.OrganisationFactory(
        slug="yiman", name_en="Yiman Public Foundation", name_ru="ОФ «Ыйман»"
    )
    grant = f.GrantFactory(
        programme=programme,
        grantee=grantee,
        region=region,
        district=district,
        amount=Decimal("14000"),
        currency="USD",
        title_en="Youth peace club",
    )
    grant.communities.add(community)
    f.GrantFactory(
        programme=programme,
        region=region,
        amount=Decimal("1250000"),
        currency="KGS",
        grantee_type="local_government",
        start_date=dt.date(2023, 2, 1),
        end_date=dt.date(2023, 12, 1),
    )

    # --- never public -----------------------------------------------------------------
    hidden_org = f.OrganisationFactory(
        slug="hidden-org", name_en=MARKERS["hidden_org"], name_ru=MARKERS["hidden_org"]
    )
    hidden_project = f.ProjectFactory(
        slug="hidden-project",
        title_en=MARKERS["hidden_project"],
        title_ru=MARKERS["hidden_project"],
        is_public=False,
        is_featured=True,
    )
    f.PartnershipFactory(project=hidden_project, organisation=hidden_org, role=PartnerRole.FUNDING)
    f.PartnershipFactory(
        project=hidden_project, organisation=implementer, role=PartnerRole.IMPLEMENTING
    )
    hidden_community = f.CommunityFactory(
        district=district, name_en="Hidden village", name_ru="Скрытое село"
    )
    f.ProjectCommunityFactory(project=hidden_project, community=hidden_community)
    f.ProjectCommunityFactory(project=hidden_project, community=community)
    hidden_news = f.ActivityFactory(
        project=hidden_project,
        published=True,
        title_en=MARKERS["hidden_project_news"],
        title_ru=MARKERS["hidden_project_news"],
    )
    hidden_news.communities.add(community)
    archived = f.ProjectFactory(
        slug="archived-project",
        title_en=MARKERS["archived_project"],
        title_ru=MARKERS["archived_project"],
        is_archived=True,
    )
    f.ProjectCommunityFactory(project=archived, community=community)
    hidden_group = f.WorkingGroupFactory(community=community, organisation=implementer)
    hidden_group.projects.add(hidden_project)
    f.JointPlanFactory(working_group=hidden_group, title_en=MARKERS["hidden_project"] + " plan")
    hidden_assessment = f.AssessmentFactory(community=community, project=hidden_project)
    f.IdentifiedProblemFactory(assessment=hidden_assessment, category=lighting)
    hidden_programme = f.GrantProgrammeFactory(
        slug="hidden-programme",
        name_en=MARKERS["hidden_programme"],
        name_ru=MARKERS["hidden_programme"],
        is_public=False,
        managing_organisation=hidden_org,
    )
    hidden_grant = f.GrantFactory(
        programme=hidden_programme,
        grantee=hidden_org,
        region=region,
        title_en=MARKERS["hidden_grant"],
        title_ru=MARKERS["hidden_grant"],
        amount=Decimal("999999"),
    )
    hidden_grant.communities.add(hidden_community)

    return Portal(
        project=project,
        donor=donor,
        implementer=implementer,
        region=region,
        district=district,
        community=community,
        unmapped_community=unmapped,
        news=news,
        programme=programme,
        grant=grant,
        hidden_project=hidden_project,
        hidden_community=hidden_community,
        draft_activity=draft,
        hidden_grant=hidden_grant,
    )


def public_urls(portal: Portal) -> list[str]:
    """One URL of every public page type, without the language prefix."""
    return [
        "/",
        "/projects/",
        f"/projects/{portal.project.slug}/",
        "/organisations/",
        f"/organisations/{portal.implementer.slug}/",
        "/news/",
        f"/news/{portal.news.pk}/",
        "/search/?q=Kara",
        "/places/",
        "/places/kg/",
        f"/places/regions/{portal.region.code.lower()}/",
        f"/places/districts/{portal.district.pk}/",
        f"/places/communities/{portal.community.pk}/",
        "/grants/",
        f"/grants/{portal.grant.pk}/",
        f"/grants/programmes/{portal.programme.slug}/",
    ]
