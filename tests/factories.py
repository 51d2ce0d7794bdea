"""factory-boy factories for every model the tests build. Defaults are valid, public-safe
records; tests override what they assert on."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import factory
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory

from communities import models as cm
from core.choices import Country, Currency
from grants import models as gm
from projects import models as pm


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = pm.Organisation

    slug = factory.Sequence(lambda n: f"org-{n}")
    name_en = factory.Sequence(lambda n: f"Public Foundation {n}")
    name_ru = factory.Sequence(lambda n: f"Общественный фонд {n}")
    kind = pm.OrganisationKind.LOCAL_NGO
    country = "KG"


class StaffMembershipFactory(DjangoModelFactory):
    class Meta:
        model = pm.StaffMembership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = pm.StaffRole.FIELD_OFFICER


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = pm.Theme
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"theme-{n}")
    name_en = factory.Sequence(lambda n: f"Theme {n}")
    name_ru = factory.Sequence(lambda n: f"Тема {n}")


class ProjectFactory(DjangoModelFactory):
    class Meta:
        model = pm.Project

    slug = factory.Sequence(lambda n: f"project-{n}")
    title_en = factory.Sequence(lambda n: f"Safer communities project {n}")
    title_ru = factory.Sequence(lambda n: f"Проект безопасных сообществ {n}")
    summary_en = "Working groups and joint prevention plans."
    status = pm.ProjectStatus.ACTIVE
    planned_start = dt.date(2021, 4, 1)
    planned_end = dt.date(2022, 9, 30)
    budget = Decimal("100000")
    currency = Currency.USD
    is_public = True


class PartnershipFactory(DjangoModelFactory):
    class Meta:
        model = pm.Partnership

    project = factory.SubFactory(ProjectFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = pm.PartnerRole.IMPLEMENTING


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = cm.Region
        django_get_or_create = ("code",)

    country = Country.KYRGYZSTAN
    # Six characters at most, like ISO 3166-2 codes; "T" keeps them apart from real ones.
    code = factory.Sequence(lambda n: f"T{n % 100000:05d}")
    kind = cm.RegionKind.OBLAST
    name_en = factory.Sequence(lambda n: f"Region {n}")
    name_ru = factory.Sequence(lambda n: f"Область {n}")


class DistrictFactory(DjangoModelFactory):
    class Meta:
        model = cm.District

    region = factory.SubFactory(RegionFactory)
    country = factory.SelfAttribute("region.country")
    kind = cm.DistrictKind.DISTRICT
    name_en = factory.Sequence(lambda n: f"District {n}")
    name_ru = factory.Sequence(lambda n: f"Район {n}")


class CommunityFactory(DjangoModelFactory):
    class Meta:
        model = cm.Community

    district = factory.SubFactory(DistrictFactory)
    region = factory.SelfAttribute("district.region")
    country = factory.SelfAttribute("district.country")
    kind = cm.CommunityKind.AYIL_AIMAK
    name_en = factory.Sequence(lambda n: f"Community {n}")
    name_ru = factory.Sequence(lambda n: f"Айылный аймак {n}")
    population = 5000
    latitude = Decimal("40.5")
    longitude = Decimal("72.8")


class ProjectCommunityFactory(DjangoModelFactory):
    class Meta:
        model = cm.ProjectCommunity

    project = factory.SubFactory(ProjectFactory)
    community = factory.SubFactory(CommunityFactory)
    population_covered = 5000


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = cm.Activity

    project = factory.SubFactory(ProjectFactory)
    date = dt.date(2022, 3, 15)
    kind = cm.ActivityKind.MEETING
    title_en = factory.Sequence(lambda n: f"Community meeting {n}")
    title_ru = factory.Sequence(lambda n: f"Встреча с жителями {n}")
    description_en = "Residents discussed safety problems."
    women = 10
    men = 8
    youth = 5
    status = cm.ActivityStatus.DRAFT

    class Params:
        published = factory.Trait(
            status=cm.ActivityStatus.PUBLISHED,
            published_at=factory.LazyFunction(lambda: dt.datetime(2022, 3, 16, tzinfo=dt.UTC)),
        )


class ExchangeRateFactory(DjangoModelFactory):
    class Meta:
        model = pm.ExchangeRate
        django_get_or_create = ("currency", "date")

    currency = Currency.KGS
    date = dt.date(2022, 1, 1)
    rate_to_usd = Decimal("0.0118")


class ProblemCategoryFactory(DjangoModelFactory):
    class Meta:
        model = cm.ProblemCategory
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"category-{n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")
    name_ru = factory.Sequence(lambda n: f"Категория {n}")
    sensitive = False


class WorkingGroupFactory(DjangoModelFactory):
    class Meta:
        model = cm.WorkingGroup
        skip_postgeneration_save = True

    community = factory.SubFactory(CommunityFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Working group on community security {n}")
    established_on = dt.date(2021, 5, 1)
    status = cm.WorkingGroupStatus.ACTIVE

    @factory.post_generation
    def covered(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        # A group always covers the community it sits in; pass covered=[...] for more.
        if create:
            self.communities.set([self.community, *(extracted or [])])


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = cm.Membership

    working_group = factory.SubFactory(WorkingGroupFactory)
    full_name = factory.Sequence(lambda n: f"Member Person {n}")
    sex = "female"
    age_band = cm.AgeBand.AGE_30_44
    sector = cm.Sector.ACTIVIST
    role = cm.MemberRole.MEMBER
    joined_on = dt.date(2021, 5, 1)


class AssessmentFactory(DjangoModelFactory):
    class Meta:
        model = cm.Assessment

    community = factory.SubFactory(CommunityFactory)
    project = factory.SubFactory(ProjectFactory)
    date = dt.date(2021, 6, 1)
    method = cm.AssessmentMethod.COMMUNITY_MEETING
    women = 20
    men = 15
    youth = 10


class IdentifiedProblemFactory(DjangoModelFactory):
    class Meta:
        model = cm.IdentifiedProblem

    assessment = factory.SubFactory(AssessmentFactory)
    category = factory.SubFactory(ProblemCategoryFactory)
    description = "Poor street lighting near the school."
    votes = 10


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = cm.Meeting

    working_group = factory.SubFactory(WorkingGroupFactory)
    date = dt.date(2021, 7, 1)
    agenda = "Prioritise problems"
    women = 5
    men = 6
    youth = 2


class JointPlanFactory(DjangoModelFactory):
    class Meta:
        model = cm.JointPlan

    working_group = factory.SubFactory(WorkingGroupFactory)
    community = factory.SelfAttribute("working_group.community")
    title_en = factory.Sequence(lambda n: f"Joint prevention plan {n}")
    title_ru = factory.Sequence(lambda n: f"Совместный план {n}")
    period_start = dt.date(2022, 1, 1)
    period_end = dt.date(2022, 12, 31)
    status = cm.PlanStatus.APPROVED
    approved_by = "Local council"
    approval_date = dt.date(2021, 12, 20)


class PlanActionFactory(DjangoModelFactory):
    class Meta:
        model = cm.PlanAction

    plan = factory.SubFactory(JointPlanFactory)
    description_en = factory.Sequence(lambda n: f"Install street lighting, stage {n}")
    start_date = dt.date(2022, 2, 1)
    due_date = dt.date(2022, 6, 30)
    status = cm.ActionStatus.PLANNED


class ContributionFactory(DjangoModelFactory):
    class Meta:
        model = cm.Contribution

    action = factory.SubFactory(PlanActionFactory)
    source_type = cm.ContributionSource.LOCAL_BUDGET
    amount = Decimal("50000")
    currency = Currency.KGS
    state = cm.ContributionState.RECEIVED
    date = dt.date(2022, 3, 1)


class GrantProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = gm.GrantProgramme

    slug = factory.Sequence(lambda n: f"programme-{n}")
    name_en = factory.Sequence(lambda n: f"Small grants programme {n}")
    name_ru = factory.Sequence(lambda n: f"Программа малых грантов {n}")
    managing_organisation = factory.SubFactory(OrganisationFactory)
    currency = Currency.USD
    envelope = Decimal("250000")
    is_public = True


class GrantFactory(DjangoModelFactory):
    class Meta:
        model = gm.Grant

    programme = factory.SubFactory(GrantProgrammeFactory)
    grantee = factory.SubFactory(OrganisationFactory)
    grantee_type = pm.GranteeType.CIVIL_SOCIETY
    reference = factory.Sequence(lambda n: f"G-{n:04d}")
    title_en = factory.Sequence(lambda n: f"Peace initiative {n}")
    title_ru = factory.Sequence(lambda n: f"Инициатива мира {n}")
    amount = Decimal("5000")
    currency = Currency.USD
    start_date = dt.date(2022, 1, 1)
    end_date = dt.date(2022, 9, 30)


class DisbursementFactory(DjangoModelFactory):
    class Meta:
        model = gm.Disbursement

    grant = factory.SubFactory(GrantFactory)
    tranche = factory.Sequence(lambda n: n + 1)
    planned_date = dt.date(2022, 2, 1)
    planned_amount = Decimal("2500")


class GrantReportFactory(DjangoModelFactory):
    class Meta:
        model = gm.GrantReport

    grant = factory.SubFactory(GrantFactory)
    kind = gm.ReportKind.NARRATIVE
    due_date = dt.date(2022, 6, 30)


class ScoringCriterionFactory(DjangoModelFactory):
    class Meta:
        model = gm.ScoringCriterion

    programme = factory.SubFactory(GrantProgrammeFactory)
    name_en = factory.Sequence(lambda n: f"Criterion {n}")
    weight = Decimal("1")
    max_score = 10


class ApplicationFactory(DjangoModelFactory):
    class Meta:
        model = gm.Application

    programme = factory.SubFactory(GrantProgrammeFactory)
    applicant = factory.SubFactory(OrganisationFactory)
    title_en = factory.Sequence(lambda n: f"Application {n}")
    requested_amount = Decimal("5000")
    received_on = dt.date(2021, 10, 1)


# --- Results frameworks, reported figures and their sources (reports) ---------------------


class SourceDocumentFactory(DjangoModelFactory):
    class Meta:
        model = "reports.SourceDocument"

    slug = factory.Sequence(lambda n: f"programme-newsletter-{n}")
    title_en = factory.Sequence(lambda n: f"Programme newsletter {n}")
    title_ru = factory.Sequence(lambda n: f"Бюллетень программы {n}")
    publisher = "National Mediation Center"
    published_on = dt.date(2022, 2, 28)


class ReportedFigureFactory(DjangoModelFactory):
    class Meta:
        model = "reports.ReportedFigure"

    project = factory.SubFactory(ProjectFactory)
    kind = "people_covered"
    value = Decimal("245000")
    source_document = factory.SubFactory(SourceDocumentFactory)
    source_location = "page 2"


class ResultFactory(DjangoModelFactory):
    class Meta:
        model = "reports.Result"

    project = factory.SubFactory(ProjectFactory)
    title_en = factory.Sequence(lambda n: f"Communities prevent conflicts {n}")


class ResultIndicatorFactory(DjangoModelFactory):
    class Meta:
        model = "reports.ResultIndicator"

    result = factory.SubFactory(ResultFactory)
    title_en = factory.Sequence(lambda n: f"Mediators trained {n}")
    unit = "people"


class IndicatorPeriodFactory(DjangoModelFactory):
    class Meta:
        model = "reports.IndicatorPeriod"

    indicator = factory.SubFactory(ResultIndicatorFactory)
    period_start = factory.Sequence(lambda n: dt.date(2000 + n % 90, 1, 1))
    period_end = factory.LazyAttribute(lambda o: dt.date(o.period_start.year, 12, 31))
    target_value = Decimal("100")


class CommitteeMemberFactory(DjangoModelFactory):
    class Meta:
        model = gm.CommitteeMember

    programme = factory.SubFactory(GrantProgrammeFactory)
    user = factory.SubFactory(UserFactory)
    affiliation = gm.CommitteeAffiliation.INDEPENDENT_EXPERT
