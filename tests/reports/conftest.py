"""A small hand-counted world shared by the indicator tests.

Period under test: 2022-01-01 … 2022-12-31. Every expected figure in the tests is worked
out by hand from the records below (see the comments beside each one).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import translation

from communities import models as cm
from grants import models as gm
from projects import models as pm
from reports.indicators.scope import IndicatorFilter
from tests import factories as f
from tests.conftest import build_people

D = dt.date
PERIOD = {"date_from": D(2022, 1, 1), "date_to": D(2022, 12, 31)}


@pytest.fixture(autouse=True)
def _english():
    # Labels are asserted in English; the site default is Russian.
    with translation.override("en"):
        yield


@dataclass
class World:
    project: pm.Project
    other_project: pm.Project
    private_project: pm.Project
    donor: pm.Organisation
    implementer: pm.Organisation
    region: cm.Region
    other_region: cm.Region
    village_a: cm.Community
    village_b: cm.Community
    village_c: cm.Community
    group: cm.WorkingGroup
    plan: cm.JointPlan
    sensitive: cm.ProblemCategory
    lighting: cm.ProblemCategory


@pytest.fixture(scope="module")
def shared_records(module_db):
    # Built once per module: each test's writes are rolled back before the next test. The
    # conftest's own project stays out: the figures below are counted without it.
    with module_db.unblock(), translation.override("en"):
        people = build_people(with_project=False)
        return people, build_world(people.org)


@pytest.fixture
def world(records) -> World:
    return records[1]


# The root conftest's records, taken from the shared ones instead of created for every test.
@pytest.fixture
def org(records):
    return records[0].org


@pytest.fixture
def other_org(records):
    return records[0].other_org


@pytest.fixture
def org_admin(records):
    return records[0].org_admin


@pytest.fixture
def manager(records):
    return records[0].manager


@pytest.fixture
def field_officer(records):
    return records[0].field_officer


@pytest.fixture
def viewer(records):
    return records[0].viewer


@pytest.fixture
def outsider(records):
    return records[0].outsider


def build_world(org) -> World:
    donor = f.OrganisationFactory(slug="donor", kind=pm.OrganisationKind.DONOR_AGENCY)
    region = f.RegionFactory(code="KG-B", name_en="Batken")
    other_region = f.RegionFactory(code="KG-O", name_en="Osh")
    district = f.DistrictFactory(region=region)
    village_a = f.CommunityFactory(district=district, name_en="Aidarken")
    village_b = f.CommunityFactory(district=district, name_en="Kadamjai")
    village_c = f.CommunityFactory(
        district=f.DistrictFactory(region=other_region), name_en="Nookat"
    )

    project = f.ProjectFactory(slug="safer-batken")
    f.PartnershipFactory(project=project, organisation=org, role=pm.PartnerRole.IMPLEMENTING)
    f.PartnershipFactory(project=project, organisation=donor, role=pm.PartnerRole.FUNDING)
    other_project = f.ProjectFactory(slug="safer-osh")
    f.PartnershipFactory(project=other_project, organisation=donor, role=pm.PartnerRole.FUNDING)
    private_project = f.ProjectFactory(slug="internal", is_public=False)
    f.PartnershipFactory(project=private_project, organisation=org)

    # Coverage: A (4 000) and B (6 000) by project; C (3 000) by other_project; A again by
    # the private project with 4 500 — at donor level A counts once with the larger figure.
    f.ProjectCommunityFactory(project=project, community=village_a, population_covered=4000)
    f.ProjectCommunityFactory(project=project, community=village_b, population_covered=6000)
    f.ProjectCommunityFactory(project=other_project, community=village_c, population_covered=3000)
    f.ProjectCommunityFactory(project=private_project, community=village_a, population_covered=4500)
    # Starts after the period: not covered at the period end.
    f.ProjectCommunityFactory(
        project=other_project,
        community=f.CommunityFactory(district=district),
        population_covered=9999,
        start_date=D(2023, 3, 1),
    )

    group = f.WorkingGroupFactory(community=village_a, organisation=org)
    group.projects.add(project)
    # Inactive group and a group formed after the period: neither is active at period end.
    dissolved = f.WorkingGroupFactory(
        community=village_b, organisation=org, status=cm.WorkingGroupStatus.DISSOLVED
    )
    dissolved.projects.add(project)
    late = f.WorkingGroupFactory(
        community=village_b, organisation=org, established_on=D(2023, 2, 1)
    )
    late.projects.add(project)

    # Members at 2022-12-31: two women, one man; one woman left on 2022-06-30 (not
    # counted); one man joined in 2023 (not counted).
    f.MembershipFactory(
        working_group=group, sex="female", sector=cm.Sector.POLICE, age_band=cm.AgeBand.AGE_18_29
    )
    f.MembershipFactory(working_group=group, sex="female", sector=cm.Sector.ACTIVIST)
    f.MembershipFactory(
        working_group=group, sex="male", sector=cm.Sector.POLICE, age_band=cm.AgeBand.AGE_60_PLUS
    )
    f.MembershipFactory(working_group=group, sex="female", left_on=D(2022, 6, 30))
    f.MembershipFactory(working_group=group, sex="male", joined_on=D(2023, 1, 10))

    # Meetings: two in 2022 (5+6 and 7+3 participants, youth 2 and 1), one in 2021.
    f.MeetingFactory(working_group=group, date=D(2022, 2, 1), women=5, men=6, youth=2)
    f.MeetingFactory(
        working_group=group,
        date=D(2022, 9, 1),
        women=7,
        men=3,
        youth=1,
        kind=cm.MeetingKind.PUBLIC_HEARING,
    )
    f.MeetingFactory(working_group=group, date=D(2021, 9, 1), women=50, men=50, youth=0)

    # Assessments and problems.
    lighting = f.ProblemCategoryFactory(slug="lighting", name_en="Street lighting")
    sensitive = f.ProblemCategoryFactory(
        slug="domestic-violence", name_en="Domestic violence", sensitive=True
    )
    assessment = f.AssessmentFactory(project=project, community=village_a, date=D(2022, 3, 1))
    f.IdentifiedProblemFactory(
        assessment=assessment,
        category=lighting,
        priority_rank=1,
        status=cm.ProblemStatus.RESOLVED,
        resolved_on=D(2022, 10, 1),
    )
    f.IdentifiedProblemFactory(assessment=assessment, category=lighting)
    f.IdentifiedProblemFactory(
        assessment=assessment, category=sensitive, priority_rank=2, status=cm.ProblemStatus.IN_PLAN
    )
    old = f.AssessmentFactory(project=project, community=village_a, date=D(2021, 3, 1))
    # Identified before the period, resolved within it: counts as resolved only.
    f.IdentifiedProblemFactory(
        assessment=old,
        category=lighting,
        status=cm.ProblemStatus.RESOLVED,
        resolved_on=D(2022, 2, 1),
    )

    # Joint plan approved in the period with three actions: done on time, done late, planned.
    plan = f.JointPlanFactory(working_group=group, approval_date=D(2022, 1, 20))
    on_time = f.PlanActionFactory(
        plan=plan, due_date=D(2022, 6, 30), status=cm.ActionStatus.DONE, completed_on=D(2022, 6, 1)
    )
    f.PlanActionFactory(
        plan=plan, due_date=D(2022, 6, 30), status=cm.ActionStatus.DONE, completed_on=D(2022, 8, 15)
    )
    f.PlanActionFactory(plan=plan, due_date=D(2022, 11, 30))
    # Plan approved before the period: not "approved in the period".
    f.JointPlanFactory(
        working_group=group,
        approval_date=D(2021, 11, 1),
        period_start=D(2021, 1, 1),
        period_end=D(2021, 12, 31),
    )

    # Co-financing in three currencies, rates on or before each date.
    f.ExchangeRateFactory(currency="KGS", date=D(2022, 1, 1), rate_to_usd=Decimal("0.0125"))
    f.ExchangeRateFactory(currency="KGS", date=D(2022, 6, 1), rate_to_usd=Decimal("0.0100"))
    f.ExchangeRateFactory(currency="EUR", date=D(2022, 1, 1), rate_to_usd=Decimal("1.10"))
    # 80 000 KGS on 2022-03-01 → rate of 2022-01-01 (0.0125) → 1 000.00 USD
    f.ContributionFactory(
        action=on_time,
        amount=Decimal("80000"),
        currency="KGS",
        date=D(2022, 3, 1),
        source_type=cm.ContributionSource.LOCAL_BUDGET,
    )
    # 50 000 KGS on 2022-07-01 → rate of 2022-06-01 (0.0100) → 500.00 USD
    f.ContributionFactory(
        action=on_time,
        amount=Decimal("50000"),
        currency="KGS",
        date=D(2022, 7, 1),
        source_type=cm.ContributionSource.LOCAL_BUDGET,
    )
    # 1 000 EUR → 1 100.00 USD, business
    f.ContributionFactory(
        action=on_time,
        amount=Decimal("1000"),
        currency="EUR",
        date=D(2022, 4, 1),
        source_type=cm.ContributionSource.BUSINESS,
    )
    # 300 USD pledged by residents
    f.ContributionFactory(
        action=on_time,
        amount=Decimal("300"),
        currency="USD",
        date=D(2022, 5, 1),
        source_type=cm.ContributionSource.RESIDENTS_CASH,
        state=cm.ContributionState.PLEDGED,
    )
    # Outside the period.
    f.ContributionFactory(action=on_time, amount=Decimal("999"), currency="USD", date=D(2021, 5, 1))

    # Grants: programme of the project, two grants in the period, one before.
    programme = f.GrantProgrammeFactory(
        project=project, name_en="Batken small grants", managing_organisation=org
    )
    cso = f.GrantFactory(
        programme=programme, region=region, amount=Decimal("5000"), start_date=D(2022, 2, 1)
    )
    f.GrantFactory(
        programme=programme,
        region=region,
        amount=Decimal("3000"),
        grantee_type=pm.GranteeType.LOCAL_GOVERNMENT,
        start_date=D(2022, 5, 1),
    )
    f.GrantFactory(programme=programme, region=region, start_date=D(2021, 5, 1))
    f.DisbursementFactory(
        grant=cso, tranche=1, paid_date=D(2022, 2, 10), paid_amount=Decimal("2500")
    )
    f.DisbursementFactory(
        grant=cso, tranche=2, paid_date=D(2023, 1, 10), paid_amount=Decimal("2500")
    )
    f.GrantReportFactory(grant=cso, due_date=D(2022, 6, 30))  # overdue at 2022-12-31
    f.GrantReportFactory(
        grant=cso,
        due_date=D(2022, 3, 31),
        received_on=D(2022, 3, 30),
        status=gm.ReportStatus.RECEIVED,
    )
    # An unrelated programme of nobody's project in scope.
    f.GrantFactory(start_date=D(2022, 2, 1))

    # Activities: one in A and B (counts once for the project, once per community), one in
    # A only, one draft in 2021.
    both = f.ActivityFactory(
        project=project, date=D(2022, 4, 1), women=10, men=8, youth=5, published=True
    )
    both.communities.add(village_a, village_b)
    single = f.ActivityFactory(
        project=project, date=D(2022, 5, 1), women=4, men=6, youth=0, kind=cm.ActivityKind.TRAINING
    )
    single.communities.add(village_a)
    f.ActivityFactory(project=project, date=D(2021, 5, 1)).communities.add(village_a)

    return World(
        project=project,
        other_project=other_project,
        private_project=private_project,
        donor=donor,
        implementer=org,
        region=region,
        other_region=other_region,
        village_a=village_a,
        village_b=village_b,
        village_c=village_c,
        group=group,
        plan=plan,
        sensitive=sensitive,
        lighting=lighting,
    )


@pytest.fixture
def period_filter(world: World) -> IndicatorFilter:
    return IndicatorFilter(project=world.project, **PERIOD)
