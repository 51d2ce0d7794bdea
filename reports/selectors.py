"""The indicator catalogue: every figure a donor asks for, computed by the database.

Each indicator is a fixed number of aggregate queries whatever the row count: scope
(project, donor, place, organisation, public) is expressed as subqueries, counts and sums
use conditional aggregation (``Count(..., filter=...)``), and money is converted to the
reporting currency in SQL with the exchange rate on or before each record's date.

Period rules: flow indicators (meetings, activities, contributions, disbursements, …) count
what happened between ``date_from`` and ``date_to``; snapshot indicators (communities
covered, active working groups, members, plan actions by status, overdue reports) are taken
as at the period end (``date_to``, or today when open-ended).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.models import (
    ActionStatus,
    Activity,
    ActivityKind,
    ActivityPhoto,
    ActivityStatus,
    AgeBand,
    Assessment,
    AssessmentMethod,
    Community,
    Contribution,
    ContributionSource,
    ContributionState,
    IdentifiedProblem,
    JointPlan,
    Meeting,
    MeetingKind,
    Membership,
    PlanAction,
    PlanStatus,
    ProblemCategory,
    ProblemStatus,
    ProjectCommunity,
    Region,
    Sector,
    WorkingGroup,
    WorkingGroupStatus,
)
from core.cache import cached_fragment
from core.choices import Sex
from grants.models import Disbursement, Grant, GrantProgramme, GrantReport
from projects.models import (
    ExchangeRate,
    GranteeType,
    Organisation,
    PartnerRole,
    Partnership,
    Project,
    public_project_q,
)

MONEY = DecimalField(max_digits=28, decimal_places=8)
RATE = DecimalField(max_digits=18, decimal_places=8)
CENT = Decimal("0.01")
# Slug under which sensitive problem categories are shown on public figures.
FOLDED_CATEGORY = "other-protection-concerns"
FOLDED_CATEGORY_LABEL = _("Other protection concerns")


# --- Filters and scope -------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorFilter:
    """What a report is about. Every field is optional; an empty filter means everything the
    caller may see. ``organisation_ids`` limits to projects those organisations are partners
    in (the staff dashboard and donor report pass the user's organisations)."""

    project: Project | None = None
    donor: Organisation | None = None
    country: str = ""
    region: Region | None = None
    district: Any = None
    community: Community | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    public_only: bool = False
    organisation_ids: tuple[int, ...] | None = None

    @property
    def period_end(self) -> dt.date:
        return self.date_to or timezone.localdate()

    @property
    def has_place(self) -> bool:
        return bool(self.country or self.region or self.district or self.community)

    @property
    def is_scoped(self) -> bool:
        """True when records must be reached through a project (not merely all records)."""
        return bool(
            self.project or self.donor or self.public_only or self.organisation_ids is not None
        )

    def describe(self) -> list[tuple[str, str]]:
        """Human-readable filter lines for report covers and exports."""
        lines: list[tuple[str, str]] = []
        if self.project:
            lines.append((str(_("Project")), str(self.project)))
        if self.donor:
            lines.append((str(_("Donor")), str(self.donor)))
        if self.country:
            lines.append((str(_("Country")), self.country))
        for label, value in (
            (_("Region"), self.region),
            (_("District"), self.district),
            (_("Community"), self.community),
        ):
            if value:
                lines.append((str(label), str(value)))
        lines.append((str(_("From")), self.date_from.isoformat() if self.date_from else "—"))
        lines.append((str(_("To")), self.date_to.isoformat() if self.date_to else "—"))
        if self.public_only:
            lines.append((str(_("Data")), str(_("Public records only"))))
        return lines


def _period(field_name: str, filters: IndicatorFilter) -> Q:
    q = Q()
    if filters.date_from:
        q &= Q(**{f"{field_name}__gte": filters.date_from})
    if filters.date_to:
        q &= Q(**{f"{field_name}__lte": filters.date_to})
    return q


def _place(path: str, filters: IndicatorFilter) -> Q:
    """Place filter on a community reached through ``path`` (e.g. ``"community"``)."""
    q = Q()
    if filters.country:
        q &= Q(**{f"{path}__country": filters.country})
    if filters.region:
        q &= Q(**{f"{path}__region": filters.region})
    if filters.district:
        q &= Q(**{f"{path}__district": filters.district})
    if filters.community:
        q &= Q(**{path: filters.community})
    return q


# --- Shared aggregates --------------------------------------------------------------------

# Several indicators read the same aggregate (coverage by region, activities by type, problems
# by category, member totals, co-financing by source and currency). While a catalogue is
# computed each is run once per filter instead of once per indicator.
_shared: ContextVar[dict[Any, Any] | None] = ContextVar("indicator_shared", default=None)

F_ = TypeVar("F_", bound=Callable[..., Any])


@contextmanager
def sharing_aggregates() -> Iterator[None]:
    """Within this block shared aggregates are computed once per filter (a whole report)."""
    if _shared.get() is not None:
        yield
        return
    token = _shared.set({})
    try:
        yield
    finally:
        _shared.reset(token)


def shared(function: F_) -> F_:
    @wraps(function)
    def wrapper(filters: IndicatorFilter, *args: Any) -> Any:
        memo = _shared.get()
        if memo is None:
            return function(filters, *args)
        key = (function.__name__, filters, args, settings.REPORTING_CURRENCY)
        if key not in memo:
            memo[key] = function(filters, *args)
        return memo[key]

    return wrapper  # type: ignore[return-value]


def scoped_projects(filters: IndicatorFilter) -> QuerySet[Project]:
    """Projects in scope, used as a subquery by every indicator (never evaluated alone)."""
    projects = Project.objects.public() if filters.public_only else Project.objects.all()
    if filters.project:
        projects = projects.filter(pk=filters.project.pk)
    if filters.donor:
        projects = projects.filter(
            pk__in=filters.donor.partnerships.filter(role=PartnerRole.FUNDING).values("project")
        )
    if filters.organisation_ids is not None:
        projects = projects.filter(
            pk__in=Partnership.objects.filter(organisation_id__in=filters.organisation_ids).values(
                "project"
            )
        )
    return projects


def _project_ids(filters: IndicatorFilter) -> QuerySet:
    return scoped_projects(filters).values("pk")


def scoped_working_groups(filters: IndicatorFilter) -> QuerySet[WorkingGroup]:
    groups = WorkingGroup.objects.filter(is_archived=False)
    if filters.is_scoped:
        through = WorkingGroup.projects.through
        groups = groups.filter(
            pk__in=through.objects.filter(project_id__in=_project_ids(filters)).values(
                "workinggroup_id"
            )
        )
    return groups.filter(_place("community", filters))


def scoped_activities(filters: IndicatorFilter) -> QuerySet[Activity]:
    activities = Activity.objects.published() if filters.public_only else Activity.objects.all()
    if filters.is_scoped:
        activities = activities.filter(project__in=_project_ids(filters))
    if filters.has_place:
        # A subquery, not a join: an activity in two matching communities is still one
        # activity with one set of participants.
        through = Activity.communities.through
        activities = activities.filter(
            pk__in=through.objects.filter(_place("community", filters)).values("activity_id")
        )
    return activities.filter(_period("date", filters))


def scoped_programmes(filters: IndicatorFilter) -> QuerySet[GrantProgramme]:
    """Grant programmes in scope: of a project in scope, funded by the donor, or (on the
    dashboard) managed by one of the user's organisations."""
    programmes = GrantProgramme.objects.all()
    if filters.is_scoped:
        programme_q = Q(project__in=_project_ids(filters))
        if filters.donor:
            programme_q |= Q(
                pk__in=GrantProgramme.funders.through.objects.filter(
                    organisation=filters.donor
                ).values("grantprogramme_id")
            )
        if filters.organisation_ids is not None and not filters.project and not filters.donor:
            programme_q |= Q(managing_organisation_id__in=filters.organisation_ids)
        if filters.project:
            programme_q = Q(project__in=_project_ids(filters))
        programmes = programmes.filter(programme_q)
    if filters.organisation_ids is not None and filters.donor:
        programmes = programmes.filter(
            Q(project__in=_project_ids(filters))
            | Q(managing_organisation_id__in=filters.organisation_ids)
        )
    return programmes


@shared
def _programme_ids(filters: IndicatorFilter) -> list[int]:
    # Read first (programmes are few): as a subquery its ORs hide how few grants are in
    # scope, and PostgreSQL hashed every grant, disbursement and grantee to find 200 of them.
    return list(scoped_programmes(filters).values_list("pk", flat=True))


def scoped_grants(filters: IndicatorFilter) -> QuerySet[Grant]:
    grants = Grant.objects.public() if filters.public_only else Grant.objects.all()
    if filters.is_scoped:
        grants = grants.filter(programme_id__in=_programme_ids(filters))
    if filters.country:
        grants = grants.filter(region__country=filters.country)
    if filters.region:
        grants = grants.filter(region=filters.region)
    if filters.district:
        grants = grants.filter(district=filters.district)
    if filters.community:
        grants = grants.filter(
            pk__in=Grant.communities.through.objects.filter(community=filters.community).values(
                "grant_id"
            )
        )
    return grants


# --- Money -------------------------------------------------------------------------------


RateTable = dict[str, tuple[tuple[dt.date, Decimal], ...]]


def exchange_rate_table() -> RateTable:
    """Every exchange rate to US dollars, per currency in date order: one small query (a few
    rows per currency and year), kept per content version, so an added or corrected rate
    shows in the next report."""

    def build() -> RateTable:
        table: dict[str, list[tuple[dt.date, Decimal]]] = {}
        for currency, day, rate in ExchangeRate.objects.order_by("currency", "date").values_list(
            "currency", "date", "rate_to_usd"
        ):
            table.setdefault(currency, []).append((day, rate))
        return {currency: tuple(rates) for currency, rates in table.items()}

    return cached_fragment("exchange-rates", build, per_language=False)


def _rate_on(date_field: str, rates: tuple[tuple[dt.date, Decimal], ...]) -> Any:
    """The rate in force on each row's ``date_field`` (the latest on or before it; NULL
    before the first), as a balanced tree of CASEs over the literal rates: a handful of
    comparisons per row instead of a correlated subquery per row."""
    if not rates:
        return Value(None, output_field=RATE)

    def node(low: int, high: int) -> Any:
        # rates[low:high]; the row's date is known to be on or after rates[low] unless low == 0.
        if high - low == 1:
            rate = Value(rates[low][1], output_field=RATE)
            if low:
                return rate
            return Case(
                When(Q(**{f"{date_field}__gte": rates[0][0]}), then=rate),
                default=Value(None, output_field=RATE),
                output_field=RATE,
            )
        middle = (low + high) // 2
        return Case(
            When(Q(**{f"{date_field}__gte": rates[middle][0]}), then=node(middle, high)),
            default=node(low, middle),
            output_field=RATE,
        )

    return node(0, len(rates))


def rate_expression(
    currency_field: str,
    date_field: str,
    target: str | None = None,
    rates: RateTable | None = None,
) -> Any:
    """Multiplier turning an amount in ``currency_field`` into ``target`` currency (default
    settings.REPORTING_CURRENCY), using for each row the ExchangeRate on or before its date.
    NULL when a rate is missing, so unconvertible amounts are visible, not silently zero.

    The rates are read once (``exchange_rate_table``) and written into the SQL as literals:
    there are few of them, and a correlated subquery per converted row cost seconds on
    hundreds of thousands of contributions."""
    target = target or settings.REPORTING_CURRENCY
    table = exchange_rate_table() if rates is None else rates
    one = Value(Decimal(1), output_field=RATE)
    from_usd_rate = Case(
        When(**{currency_field: "USD"}, then=one),
        *(
            When(**{currency_field: currency}, then=_rate_on(date_field, currency_rates))
            for currency, currency_rates in table.items()
            if currency != "USD"
        ),
        default=Value(None, output_field=RATE),
        output_field=RATE,
    )
    if target == "USD":
        multiplier: Any = from_usd_rate
    else:
        multiplier = ExpressionWrapper(
            from_usd_rate / _rate_on(date_field, table.get(target, ())), output_field=MONEY
        )
    return Case(
        When(**{currency_field: target}, then=one),
        default=multiplier,
        output_field=MONEY,
    )


def converted(
    amount_field: str,
    currency_field: str,
    date_field: str,
    target: str | None = None,
    rates: RateTable | None = None,
):
    return ExpressionWrapper(
        F(amount_field) * rate_expression(currency_field, date_field, target, rates),
        output_field=MONEY,
    )


def _money(value: Any) -> Decimal:
    return Decimal(value or 0).quantize(CENT)


# --- Results -----------------------------------------------------------------------------


@dataclass
class Breakdown:
    """One disaggregation: a small table whose first column names the group."""

    code: str
    title: str
    columns: list[str]
    rows: list[list[Any]]

    @property
    def chart_values(self) -> list[tuple[str, float]]:
        return [(str(row[0]), float(row[1] or 0)) for row in self.rows]


@dataclass
class Result:
    indicator: Indicator
    value: Any
    breakdowns: list[Breakdown] = field(default_factory=list)
    note: str = ""


@dataclass(frozen=True)
class Indicator:
    code: str
    area: str
    name: Any
    definition: Any
    unit: str  # count | people | percent | money
    kind: str  # flow | snapshot
    disaggregations: tuple[Any, ...]
    compute: Callable[[IndicatorFilter], Result]

    def __reduce__(self) -> tuple[Any, ...]:
        # Cached reports are pickled: a result names its catalogue entry by code rather than
        # carrying a copy of its function and lazy translations.
        return (indicator_by_code, (self.code,))


def indicator_by_code(code: str) -> Indicator:
    return INDICATORS_BY_CODE[code]


AREAS: dict[str, Any] = {
    "coverage": _("Coverage"),
    "working_groups": _("Working groups"),
    "meetings": _("Meetings and assessments"),
    "plans": _("Joint plans"),
    "cofinancing": _("Co-financing"),
    "grants": _("Grants"),
    "activities": _("Activities"),
}


def _choice_rows(rows: list[dict[str, Any]], key: str, choices: Any, *cols: str) -> list[list]:
    labels = dict(choices.choices)
    return [
        [str(labels.get(row[key], row[key] or _("Not recorded"))), *(row[c] or 0 for c in cols)]
        for row in rows
    ]


# --- Coverage ----------------------------------------------------------------------------


def _coverage_links(filters: IndicatorFilter) -> QuerySet[ProjectCommunity]:
    end = filters.period_end
    links = ProjectCommunity.objects.filter(
        project__in=_project_ids(filters) if filters.is_scoped else Project.objects.values("pk")
    ).filter(Q(start_date__isnull=True) | Q(start_date__lte=end), _place("community", filters))
    if filters.date_from:
        links = links.filter(Q(end_date__isnull=True) | Q(end_date__gte=filters.date_from))
    return links


def _covered_communities(filters: IndicatorFilter) -> tuple[QuerySet[Community], Any]:
    """Covered communities and the SQL expression for the people covered in each one.

    One figure per community: when two projects cover the same place the larger population
    figure counts, never the sum."""
    links = _coverage_links(filters)
    people = (
        links.filter(community=OuterRef("pk"), population_covered__isnull=False)
        .order_by("-population_covered")
        .values("population_covered")[:1]
    )
    communities = Community.objects.filter(pk__in=links.values("community"))
    return communities, Coalesce(Sum(Subquery(people, output_field=IntegerField())), 0)


def coverage_totals(filters: IndicatorFilter) -> dict[str, int]:
    communities, people = _covered_communities(filters)
    totals = communities.aggregate(communities=Count("pk"), people=people)
    return {"communities": totals["communities"], "people": totals["people"]}


@shared
def _coverage_by_region(filters: IndicatorFilter) -> list[list[Any]]:
    communities, people = _covered_communities(filters)
    rows = (
        communities.values("region__code", "region__name")
        .annotate(communities=Count("pk"), people=people)
        .order_by("region__code")
    )
    return [[r["region__name"] or r["region__code"], r["communities"], r["people"]] for r in rows]


def compute_communities_covered(filters: IndicatorFilter) -> Result:
    rows = _coverage_by_region(filters)
    return Result(
        INDICATORS_BY_CODE["coverage.communities"],
        # Every community lies in one region: the region rows add up to the total.
        sum(r[1] for r in rows),
        [
            Breakdown(
                "region",
                str(_("By region")),
                [str(_("Region")), str(_("Communities"))],
                [r[:2] for r in rows],
            )
        ],
    )


def compute_people_covered(filters: IndicatorFilter) -> Result:
    rows = _coverage_by_region(filters)
    return Result(
        INDICATORS_BY_CODE["coverage.people"],
        sum(r[2] for r in rows),
        [
            Breakdown(
                "region",
                str(_("By region")),
                [str(_("Region")), str(_("People"))],
                [[r[0], r[2]] for r in rows],
            )
        ],
    )


# --- Working groups ----------------------------------------------------------------------


def _active_groups(filters: IndicatorFilter) -> QuerySet[WorkingGroup]:
    end = filters.period_end
    return scoped_working_groups(filters).filter(
        Q(established_on__isnull=True) | Q(established_on__lte=end),
        status=WorkingGroupStatus.ACTIVE,
    )


def compute_groups_active(filters: IndicatorFilter) -> Result:
    groups = _active_groups(filters)
    total = groups.count()
    rows = (
        groups.values("community__region__code", "community__region__name")
        .annotate(n=Count("pk"))
        .order_by("community__region__code")
    )
    return Result(
        INDICATORS_BY_CODE["groups.active"],
        total,
        [
            Breakdown(
                "region",
                str(_("By region")),
                [str(_("Region")), str(_("Working groups"))],
                [
                    [r["community__region__name"] or r["community__region__code"], r["n"]]
                    for r in rows
                ],
            )
        ],
    )


def members_at_period_end(filters: IndicatorFilter) -> QuerySet[Membership]:
    """Members of active groups on the period end: joined by then and not yet left."""
    end = filters.period_end
    return Membership.objects.filter(
        working_group__in=_active_groups(filters).values("pk"),
    ).filter(
        Q(joined_on__isnull=True) | Q(joined_on__lte=end),
        Q(left_on__isnull=True) | Q(left_on__gt=end),
    )


@shared
def _member_totals(filters: IndicatorFilter) -> dict[str, int]:
    return members_at_period_end(filters).aggregate(
        total=Count("pk"),
        women=Count("pk", filter=Q(sex=Sex.FEMALE)),
        men=Count("pk", filter=Q(sex=Sex.MALE)),
    )


def compute_members(filters: IndicatorFilter) -> Result:
    members = members_at_period_end(filters)
    totals = _member_totals(filters)
    sex_rows = [
        [str(_("Women")), totals["women"]],
        [str(_("Men")), totals["men"]],
        [str(_("Not recorded")), totals["total"] - totals["women"] - totals["men"]],
    ]
    by_sector = (
        members.values("sector")
        .annotate(
            n=Count("pk"),
            women=Count("pk", filter=Q(sex=Sex.FEMALE)),
            men=Count("pk", filter=Q(sex=Sex.MALE)),
        )
        .order_by("sector")
    )
    by_age = (
        members.values("age_band")
        .annotate(
            n=Count("pk"),
            women=Count("pk", filter=Q(sex=Sex.FEMALE)),
            men=Count("pk", filter=Q(sex=Sex.MALE)),
        )
        .order_by("age_band")
    )
    three = [str(_("Members")), str(_("Women")), str(_("Men"))]
    return Result(
        INDICATORS_BY_CODE["groups.members"],
        totals["total"],
        [
            Breakdown("sex", str(_("By sex")), [str(_("Sex")), str(_("Members"))], sex_rows),
            Breakdown(
                "sector",
                str(_("By sector")),
                [str(_("Sector")), *three],
                _choice_rows(list(by_sector), "sector", Sector, "n", "women", "men"),
            ),
            Breakdown(
                "age_band",
                str(_("By age band")),
                [str(_("Age band")), *three],
                _choice_rows(list(by_age), "age_band", AgeBand, "n", "women", "men"),
            ),
        ],
    )


def _percent(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


def compute_women_share(filters: IndicatorFilter) -> Result:
    totals = _member_totals(filters)
    return Result(
        INDICATORS_BY_CODE["groups.women_share"],
        _percent(totals["women"], totals["total"]),
        [
            Breakdown(
                "sex",
                str(_("Members by sex")),
                [str(_("Sex")), str(_("Members"))],
                [[str(_("Women")), totals["women"]], [str(_("All members")), totals["total"]]],
            )
        ],
    )


# --- Meetings and assessments ------------------------------------------------------------


def scoped_meetings(filters: IndicatorFilter) -> QuerySet[Meeting]:
    return Meeting.objects.filter(
        working_group__in=scoped_working_groups(filters).values("pk"),
    ).filter(_period("date", filters))


def compute_meetings(filters: IndicatorFilter) -> Result:
    rows = scoped_meetings(filters).values("kind").annotate(n=Count("pk")).order_by("kind")
    rows = list(rows)
    return Result(
        INDICATORS_BY_CODE["meetings.held"],
        sum(r["n"] for r in rows),
        [
            Breakdown(
                "kind",
                str(_("By type")),
                [str(_("Type")), str(_("Meetings"))],
                _choice_rows(rows, "kind", MeetingKind, "n"),
            )
        ],
    )


def _participants(queryset: QuerySet) -> dict[str, int]:
    return queryset.aggregate(
        women=Coalesce(Sum("women"), 0),
        men=Coalesce(Sum("men"), 0),
        youth=Coalesce(Sum("youth"), 0),
    )


def _sex_youth_breakdown(totals: dict[str, int]) -> Breakdown:
    return Breakdown(
        "sex_youth",
        str(_("By sex and age")),
        [str(_("Group")), str(_("Participants"))],
        [
            [str(_("Women")), totals["women"]],
            [str(_("Men")), totals["men"]],
            [str(_("Of whom young people")), totals["youth"]],
        ],
    )


def compute_meeting_participants(filters: IndicatorFilter) -> Result:
    totals = _participants(scoped_meetings(filters))
    return Result(
        INDICATORS_BY_CODE["meetings.participants"],
        totals["women"] + totals["men"],
        [_sex_youth_breakdown(totals)],
    )


def scoped_assessments(filters: IndicatorFilter) -> QuerySet[Assessment]:
    assessments = Assessment.objects.filter(_place("community", filters))
    if filters.is_scoped:
        assessments = assessments.filter(project__in=_project_ids(filters))
    return assessments


def compute_assessments(filters: IndicatorFilter) -> Result:
    rows = list(
        scoped_assessments(filters)
        .filter(_period("date", filters))
        .values("method")
        .annotate(n=Count("pk"), women=Coalesce(Sum("women"), 0), men=Coalesce(Sum("men"), 0))
        .order_by("method")
    )
    return Result(
        INDICATORS_BY_CODE["meetings.assessments"],
        sum(r["n"] for r in rows),
        [
            Breakdown(
                "method",
                str(_("By method")),
                [str(_("Method")), str(_("Assessments")), str(_("Women")), str(_("Men"))],
                _choice_rows(rows, "method", AssessmentMethod, "n", "women", "men"),
            )
        ],
    )


@shared
def problems_by_category(filters: IndicatorFilter) -> list[dict[str, Any]]:
    """Identified, prioritised and resolved problems per category in one query. Sensitive
    categories are folded into one "other protection concerns" row on public figures."""
    identified = _period("assessment__date", filters)
    prioritised = identified & (
        Q(priority_rank__isnull=False)
        | Q(status__in=[ProblemStatus.PRIORITISED, ProblemStatus.IN_PLAN, ProblemStatus.RESOLVED])
    )
    resolved = Q(status=ProblemStatus.RESOLVED) & (
        _period("resolved_on", filters) if (filters.date_from or filters.date_to) else Q()
    )
    problems = IdentifiedProblem.objects.filter(
        assessment__in=scoped_assessments(filters).values("pk")
    )
    if filters.public_only:
        key = Case(
            When(category__sensitive=True, then=Value(FOLDED_CATEGORY)),
            default=F("category__slug"),
            output_field=CharField(),
        )
    else:
        key = F("category__slug")
    rows = (
        problems.annotate(category_key=key)
        .values("category_key")
        .annotate(
            identified=Count("pk", filter=identified),
            prioritised=Count("pk", filter=prioritised),
            resolved=Count("pk", filter=resolved),
        )
        .order_by("category_key")
    )
    names = {c["slug"]: c["name"] for c in _category_names(filters)}
    result = []
    for row in rows:
        if not (row["identified"] or row["prioritised"] or row["resolved"]):
            continue
        label = (
            str(FOLDED_CATEGORY_LABEL)
            if row["category_key"] == FOLDED_CATEGORY
            else names.get(row["category_key"], row["category_key"])
        )
        result.append({**row, "label": label})
    return result


def _category_names(filters: IndicatorFilter) -> list[dict[str, str]]:
    categories = ProblemCategory.objects.all()
    if filters.public_only:
        categories = categories.filter(sensitive=False)
    return [{"slug": c.slug, "name": c.name} for c in categories.only("slug", "name")]


def _problem_result(code: str, column: str, filters: IndicatorFilter) -> Result:
    rows = problems_by_category(filters)
    return Result(
        INDICATORS_BY_CODE[code],
        sum(r[column] for r in rows),
        [
            Breakdown(
                "category",
                str(_("By category")),
                [str(_("Category")), str(_("Problems"))],
                [[r["label"], r[column]] for r in rows if r[column]],
            )
        ],
    )


def compute_problems_identified(filters: IndicatorFilter) -> Result:
    return _problem_result("problems.identified", "identified", filters)


def compute_problems_prioritised(filters: IndicatorFilter) -> Result:
    return _problem_result("problems.prioritised", "prioritised", filters)


def compute_problems_resolved(filters: IndicatorFilter) -> Result:
    return _problem_result("problems.resolved", "resolved", filters)


# --- Joint plans -------------------------------------------------------------------------


def scoped_plans(filters: IndicatorFilter) -> QuerySet[JointPlan]:
    return JointPlan.objects.filter(
        working_group__in=scoped_working_groups(filters).values("pk"),
    ).filter(_place("community", filters))


def approved_plans(filters: IndicatorFilter) -> QuerySet[JointPlan]:
    return scoped_plans(filters).approved().filter(_period("approval_date", filters))


def compute_plans_approved(filters: IndicatorFilter) -> Result:
    plans = approved_plans(filters)
    rows = list(plans.values("status").annotate(n=Count("pk")).order_by("status"))
    return Result(
        INDICATORS_BY_CODE["plans.approved"],
        sum(r["n"] for r in rows),
        [
            Breakdown(
                "status",
                str(_("By current status")),
                [str(_("Status")), str(_("Plans"))],
                _choice_rows(rows, "status", PlanStatus, "n"),
            )
        ],
    )


def scoped_actions(filters: IndicatorFilter) -> QuerySet[PlanAction]:
    """Actions of approved plans whose period overlaps the reporting period."""
    plans = scoped_plans(filters).approved()
    if filters.date_from:
        plans = plans.filter(period_end__gte=filters.date_from)
    if filters.date_to:
        plans = plans.filter(period_start__lte=filters.date_to)
    return PlanAction.objects.filter(plan__in=plans.values("pk"))


def compute_actions_by_status(filters: IndicatorFilter) -> Result:
    rows = list(scoped_actions(filters).values("status").annotate(n=Count("pk")).order_by("status"))
    return Result(
        INDICATORS_BY_CODE["plans.actions"],
        sum(r["n"] for r in rows),
        [
            Breakdown(
                "status",
                str(_("By status")),
                [str(_("Status")), str(_("Actions"))],
                _choice_rows(rows, "status", ActionStatus, "n"),
            )
        ],
    )


def compute_actions_on_time(filters: IndicatorFilter) -> Result:
    on_time_q = Q(due_date__isnull=True) | Q(completed_on__lte=F("due_date"))
    totals = (
        scoped_actions(filters)
        .filter(status=ActionStatus.DONE)
        .filter(_period("completed_on", filters))
        .aggregate(done=Count("pk"), on_time=Count("pk", filter=on_time_q))
    )
    return Result(
        INDICATORS_BY_CODE["plans.on_time"],
        _percent(totals["on_time"], totals["done"]),
        [
            Breakdown(
                "timeliness",
                str(_("Actions completed in the period")),
                [str(_("Completion")), str(_("Actions"))],
                [
                    [str(_("On time")), totals["on_time"]],
                    [str(_("Late")), totals["done"] - totals["on_time"]],
                ],
            )
        ],
    )


# --- Co-financing ------------------------------------------------------------------------


def scoped_contributions(filters: IndicatorFilter) -> QuerySet[Contribution]:
    return Contribution.objects.filter(
        action__plan__in=scoped_plans(filters).values("pk"),
    ).filter(_period("date", filters))


@shared
def _cofinancing_groups(filters: IndicatorFilter, target: str) -> list[dict]:
    """Pledged and received per (source type, currency), converted and as recorded, in one
    pass over the contributions; the breakdowns add up these few groups."""
    money = {"output_field": MONEY}
    pledged, received = Q(state=ContributionState.PLEDGED), Q(state=ContributionState.RECEIVED)
    return list(
        scoped_contributions(filters)
        .annotate(converted=converted("amount", "currency", "date", target))
        .values("source_type", "currency")
        .annotate(
            pledged=Coalesce(Sum("converted", filter=pledged), Value(Decimal(0)), **money),
            received=Coalesce(Sum("converted", filter=received), Value(Decimal(0)), **money),
            unconverted=Count("pk", filter=Q(converted__isnull=True)),
            pledged_amount=Coalesce(Sum("amount", filter=pledged), Value(Decimal(0)), **money),
            received_amount=Coalesce(Sum("amount", filter=received), Value(Decimal(0)), **money),
        )
        .order_by("source_type", "currency")
    )


def _add_up(groups: list[dict], key: str, columns: dict[str, str]) -> list[dict]:
    totals: dict[str, dict[str, Any]] = {}
    for group in groups:
        row = totals.setdefault(group[key], {key: group[key], **dict.fromkeys(columns, 0)})
        for name, column in columns.items():
            row[name] += group[column] or 0
    return [totals[k] for k in sorted(totals)]


def cofinancing_by_source(filters: IndicatorFilter, target: str | None = None) -> list[dict]:
    target = target or settings.REPORTING_CURRENCY
    rows = _add_up(
        _cofinancing_groups(filters, target),
        "source_type",
        {"pledged": "pledged", "received": "received", "unconverted": "unconverted"},
    )
    return [
        {
            "source_type": r["source_type"],
            "pledged": _money(r["pledged"]),
            "received": _money(r["received"]),
            "unconverted": r["unconverted"],
        }
        for r in rows
    ]


def cofinancing_by_currency(filters: IndicatorFilter) -> list[dict]:
    rows = _add_up(
        _cofinancing_groups(filters, settings.REPORTING_CURRENCY),
        "currency",
        {"pledged": "pledged_amount", "received": "received_amount"},
    )
    return [
        {
            "currency": r["currency"],
            "pledged": _money(r["pledged"]),
            "received": _money(r["received"]),
        }
        for r in rows
    ]


def compute_cofinancing(filters: IndicatorFilter) -> Result:
    currency = settings.REPORTING_CURRENCY
    by_source = cofinancing_by_source(filters)
    by_currency = cofinancing_by_currency(filters)
    labels = dict(ContributionSource.choices)
    missing = sum(r["unconverted"] for r in by_source)
    note = (
        str(
            _(
                "%(count)s contributions have no exchange rate on or before their date and are "
                "left out of the converted totals."
            )
            % {"count": missing}
        )
        if missing
        else ""
    )
    return Result(
        INDICATORS_BY_CODE["cofinancing.total"],
        sum((r["received"] for r in by_source), Decimal(0)),
        [
            Breakdown(
                "source",
                str(_("By source, in %(currency)s") % {"currency": currency}),
                [str(_("Source")), str(_("Received")), str(_("Pledged"))],
                [
                    [
                        str(labels.get(r["source_type"], r["source_type"])),
                        r["received"],
                        r["pledged"],
                    ]
                    for r in by_source
                ],
            ),
            Breakdown(
                "currency",
                str(_("In original currencies")),
                [str(_("Currency")), str(_("Received")), str(_("Pledged"))],
                [[r["currency"], r["received"], r["pledged"]] for r in by_currency],
            ),
        ],
        note,
    )


# --- Grants ------------------------------------------------------------------------------


def awarded_grants(filters: IndicatorFilter) -> QuerySet[Grant]:
    return scoped_grants(filters).filter(_period("start_date", filters))


def _grant_rows(queryset: QuerySet, key: str, target: str) -> list[dict]:
    return list(
        queryset.annotate(converted_amount=converted("amount", "currency", "start_date", target))
        .values(key)
        .annotate(n=Count("pk"), total=Sum("converted_amount"))
        .order_by(key)
    )


def compute_grants_awarded(filters: IndicatorFilter) -> Result:
    target = settings.REPORTING_CURRENCY
    grants = awarded_grants(filters)
    by_programme = _grant_rows(grants, "programme__name", target)
    by_region = _grant_rows(grants, "region__name", target)
    by_type = _grant_rows(grants, "grantee_type", target)
    cols = [str(_("Grants")), str(_("Amount, %(currency)s") % {"currency": target})]

    def rows(data: list[dict], key: str, choices: Any = None) -> list[list]:
        labels = dict(choices.choices) if choices else {}
        return [
            [str(labels.get(r[key], r[key] or _("Not recorded"))), r["n"], _money(r["total"])]
            for r in data
        ]

    return Result(
        INDICATORS_BY_CODE["grants.awarded"],
        sum(r["n"] for r in by_type),
        [
            Breakdown(
                "programme",
                str(_("By programme")),
                [str(_("Programme")), *cols],
                rows(by_programme, "programme__name"),
            ),
            Breakdown(
                "region",
                str(_("By region")),
                [str(_("Region")), *cols],
                rows(by_region, "region__name"),
            ),
            Breakdown(
                "grantee_type",
                str(_("By grantee type")),
                [str(_("Grantee type")), *cols],
                rows(by_type, "grantee_type", GranteeType),
            ),
        ],
    )


def paid_disbursements(filters: IndicatorFilter) -> QuerySet[Disbursement]:
    return Disbursement.objects.filter(
        grant__in=scoped_grants(filters).values("pk"), paid_amount__isnull=False
    ).filter(_period("paid_date", filters))


def compute_grants_disbursed(filters: IndicatorFilter) -> Result:
    target = settings.REPORTING_CURRENCY
    base = paid_disbursements(filters).annotate(
        converted_amount=converted("paid_amount", "grant__currency", "paid_date", target)
    )

    def group(key: str, choices: Any = None) -> list[list]:
        labels = dict(choices.choices) if choices else {}
        data = base.values(key).annotate(n=Count("pk"), total=Sum("converted_amount")).order_by(key)
        return [
            [str(labels.get(r[key], r[key] or _("Not recorded"))), r["n"], _money(r["total"])]
            for r in data
        ]

    cols = [str(_("Payments")), str(_("Amount, %(currency)s") % {"currency": target})]
    by_type = group("grant__grantee_type", GranteeType)
    return Result(
        INDICATORS_BY_CODE["grants.disbursed"],
        sum((r[2] for r in by_type), Decimal(0)),
        [
            Breakdown(
                "programme",
                str(_("By programme")),
                [str(_("Programme")), *cols],
                group("grant__programme__name"),
            ),
            Breakdown(
                "region",
                str(_("By region")),
                [str(_("Region")), *cols],
                group("grant__region__name"),
            ),
            Breakdown(
                "grantee_type", str(_("By grantee type")), [str(_("Grantee type")), *cols], by_type
            ),
        ],
    )


def overdue_reports(filters: IndicatorFilter) -> QuerySet[GrantReport]:
    """Reports due before the period end and not received by then."""
    end = filters.period_end
    return GrantReport.objects.filter(
        grant__in=scoped_grants(filters).values("pk"), due_date__lt=end
    ).filter(Q(received_on__isnull=True) | Q(received_on__gt=end))


def compute_reports_overdue(filters: IndicatorFilter) -> Result:
    rows = list(
        overdue_reports(filters)
        .values("grant__programme__name")
        .annotate(n=Count("pk"))
        .order_by("grant__programme__name")
    )
    return Result(
        INDICATORS_BY_CODE["grants.reports_overdue"],
        sum(r["n"] for r in rows),
        [
            Breakdown(
                "programme",
                str(_("By programme")),
                [str(_("Programme")), str(_("Reports"))],
                [[r["grant__programme__name"], r["n"]] for r in rows],
            )
        ],
    )


# --- Activities --------------------------------------------------------------------------


@shared
def _activity_kind_rows(filters: IndicatorFilter) -> list[dict]:
    return list(
        scoped_activities(filters)
        .values("kind")
        .annotate(
            n=Count("pk"),
            women=Coalesce(Sum("women"), 0),
            men=Coalesce(Sum("men"), 0),
            youth=Coalesce(Sum("youth"), 0),
        )
        .order_by("kind")
    )


def activities_by_community(filters: IndicatorFilter) -> list[dict]:
    """Per community an activity counts once for each community it took place in."""
    through = Activity.communities.through
    # The scope is put on the joined activity rather than as "activity in (scoped
    # activities)": one join instead of a semi-join plus a join over the activity table.
    # The activity-level place test of scoped_activities is implied by the link's own.
    links = through.objects.filter(_place("community", filters), _period("activity__date", filters))
    if filters.public_only:
        links = links.filter(
            public_project_q("activity__project__"), activity__status=ActivityStatus.PUBLISHED
        )
    if filters.is_scoped:
        links = links.filter(activity__project__in=_project_ids(filters))
    # Grouped by community id alone, names read afterwards: grouping by the name as well
    # made PostgreSQL sort every link row by name (600,000 at full scale, spilling to disk)
    # where a hash over a few hundred communities does.
    totals = {
        row["community_id"]: row
        for row in links.values("community_id")
        .annotate(
            n=Count("activity_id"),
            participants=Coalesce(Sum(F("activity__women") + F("activity__men")), 0),
        )
        .order_by()
    }
    # rewrite(False): the stored name column, as the grouped query read it before.
    names = Community.objects.rewrite(False).filter(pk__in=list(totals)).order_by("name", "pk")
    return [{**totals[pk], "community__name": name} for pk, name in names.values_list("pk", "name")]


def compute_activities(filters: IndicatorFilter) -> Result:
    rows = _activity_kind_rows(filters)
    by_community = activities_by_community(filters)
    return Result(
        INDICATORS_BY_CODE["activities.count"],
        sum(r["n"] for r in rows),
        [
            Breakdown(
                "kind",
                str(_("By type")),
                [str(_("Type")), str(_("Activities"))],
                _choice_rows(rows, "kind", ActivityKind, "n"),
            ),
            Breakdown(
                "community",
                str(_("By community (an activity in two communities counts in each)")),
                [str(_("Community")), str(_("Activities")), str(_("Participants"))],
                [[r["community__name"], r["n"], r["participants"]] for r in by_community],
            ),
        ],
    )


def compute_activity_participants(filters: IndicatorFilter) -> Result:
    rows = _activity_kind_rows(filters)
    totals = {k: sum(r[k] for r in rows) for k in ("women", "men", "youth")}
    return Result(
        INDICATORS_BY_CODE["activities.participants"],
        totals["women"] + totals["men"],
        [
            _sex_youth_breakdown(totals),
            Breakdown(
                "kind",
                str(_("By type")),
                [str(_("Type")), str(_("Women")), str(_("Men")), str(_("Of whom young people"))],
                _choice_rows(rows, "kind", ActivityKind, "women", "men", "youth"),
            ),
        ],
    )


# --- Catalogue ---------------------------------------------------------------------------

SEX = _("sex")
REGION = _("region")

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "coverage.communities",
        "coverage",
        _("Communities covered"),
        _(
            "Distinct communities targeted by a project in scope whose coverage had "
            "started by the period end and had not ended before the period start."
        ),
        "count",
        "snapshot",
        (REGION,),
        compute_communities_covered,
    ),
    Indicator(
        "coverage.people",
        "coverage",
        _("People covered"),
        _(
            "Population covered in those communities, from each project's target-community "
            "record; a community covered by two projects counts once, with the larger "
            "figure."
        ),
        "people",
        "snapshot",
        (REGION,),
        compute_people_covered,
    ),
    Indicator(
        "groups.active",
        "working_groups",
        _("Working groups active"),
        _(
            "Working groups with status active, established by the period end and linked "
            "to a project in scope."
        ),
        "count",
        "snapshot",
        (REGION,),
        compute_groups_active,
    ),
    Indicator(
        "groups.members",
        "working_groups",
        _("Working-group members"),
        _(
            "Members of active working groups at the period end: joined by then and not "
            "left on or before it."
        ),
        "people",
        "snapshot",
        (SEX, _("sector"), _("age band")),
        compute_members,
    ),
    Indicator(
        "groups.women_share",
        "working_groups",
        _("Women's share of members"),
        _("Women as a percentage of working-group members at the period end."),
        "percent",
        "snapshot",
        (SEX,),
        compute_women_share,
    ),
    Indicator(
        "meetings.held",
        "meetings",
        _("Meetings held"),
        _("Meetings of working groups in scope dated in the period."),
        "count",
        "flow",
        (_("meeting type"),),
        compute_meetings,
    ),
    Indicator(
        "meetings.participants",
        "meetings",
        _("Meeting participants"),
        _("Women and men attending those meetings; young people are a subset."),
        "people",
        "flow",
        (SEX, _("youth")),
        compute_meeting_participants,
    ),
    Indicator(
        "meetings.assessments",
        "meetings",
        _("Assessments held"),
        _("Community safety assessments of projects in scope dated in the period."),
        "count",
        "flow",
        (_("method"),),
        compute_assessments,
    ),
    Indicator(
        "problems.identified",
        "meetings",
        _("Problems identified"),
        _("Problems recorded by assessments held in the period."),
        "count",
        "flow",
        (_("category"),),
        compute_problems_identified,
    ),
    Indicator(
        "problems.prioritised",
        "meetings",
        _("Problems prioritised"),
        _(
            "Of the problems identified in the period, those given a priority rank or "
            "taken further (prioritised, in a plan or resolved)."
        ),
        "count",
        "flow",
        (_("category"),),
        compute_problems_prioritised,
    ),
    Indicator(
        "problems.resolved",
        "meetings",
        _("Problems resolved"),
        _("Problems marked resolved with a resolution date in the period."),
        "count",
        "flow",
        (_("category"),),
        compute_problems_resolved,
    ),
    Indicator(
        "plans.approved",
        "plans",
        _("Joint plans approved"),
        _("Joint prevention plans approved (approval date) in the period."),
        "count",
        "flow",
        (_("status"),),
        compute_plans_approved,
    ),
    Indicator(
        "plans.actions",
        "plans",
        _("Plan actions"),
        _(
            "Actions of approved plans whose plan period overlaps the reporting period, by "
            "their current status."
        ),
        "count",
        "snapshot",
        (_("status"),),
        compute_actions_by_status,
    ),
    Indicator(
        "plans.on_time",
        "plans",
        _("Plan actions done on time"),
        _(
            "Of the plan actions completed in the period, the percentage completed on or "
            "before their due date."
        ),
        "percent",
        "flow",
        (_("timeliness"),),
        compute_actions_on_time,
    ),
    Indicator(
        "cofinancing.total",
        "cofinancing",
        _("Co-financing received"),
        _(
            "Contributions to plan actions dated in the period, received, converted to the "
            "reporting currency with the exchange rate on or before each contribution's "
            "date; pledges shown alongside."
        ),
        "money",
        "flow",
        (_("source type"), _("pledged or received"), _("currency")),
        compute_cofinancing,
    ),
    Indicator(
        "grants.awarded",
        "grants",
        _("Grants awarded"),
        _(
            "Grants starting in the period, with amounts converted to the reporting "
            "currency at the start date."
        ),
        "count",
        "flow",
        (_("programme"), REGION, _("grantee type")),
        compute_grants_awarded,
    ),
    Indicator(
        "grants.disbursed",
        "grants",
        _("Grant money disbursed"),
        _("Tranches paid in the period, converted at the payment date."),
        "money",
        "flow",
        (_("programme"), REGION, _("grantee type")),
        compute_grants_disbursed,
    ),
    Indicator(
        "grants.reports_overdue",
        "grants",
        _("Grant reports overdue"),
        _("Grantee reports due before the period end and not received by then."),
        "count",
        "snapshot",
        (_("programme"),),
        compute_reports_overdue,
    ),
    Indicator(
        "activities.count",
        "activities",
        _("Activities held"),
        _(
            "Activities dated in the period. An activity in two communities counts once for "
            "the project and once in each community."
        ),
        "count",
        "flow",
        (_("type"), _("community")),
        compute_activities,
    ),
    Indicator(
        "activities.participants",
        "activities",
        _("Activity participants"),
        _("Women and men taking part in those activities; young people are a subset."),
        "people",
        "flow",
        (SEX, _("youth"), _("type")),
        compute_activity_participants,
    ),
)
INDICATORS_BY_CODE: dict[str, Indicator] = {i.code: i for i in INDICATORS}


def compute_indicators(filters: IndicatorFilter, codes: list[str] | None = None) -> list[Result]:
    wanted = INDICATORS if codes is None else [INDICATORS_BY_CODE[c] for c in codes]
    with sharing_aggregates():
        return [indicator.compute(filters) for indicator in wanted]


def headline_figures(filters: IndicatorFilter) -> dict[str, Any]:
    """The figures on the public home page and at the top of every report."""
    coverage = coverage_totals(filters)
    cofinancing = (
        scoped_contributions(filters)
        .filter(state=ContributionState.RECEIVED)
        .aggregate(total=Sum(converted("amount", "currency", "date", "USD")))
    )
    return {
        "communities_covered": coverage["communities"],
        "people_covered": coverage["people"],
        "working_groups_active": _active_groups(filters).count(),
        "plans_approved": approved_plans(filters).count(),
        "cofinancing_usd": _money(cofinancing["total"]),
        "grants_awarded": awarded_grants(filters).count(),
    }


# --- Tables shown in the donor report ----------------------------------------------------


def grants_table(filters: IndicatorFilter) -> QuerySet[Grant]:
    return (
        awarded_grants(filters)
        .select_related("programme", "grantee", "region")
        .annotate(
            paid=Coalesce(
                Sum(
                    "disbursements__paid_amount",
                    filter=_period("disbursements__paid_date", filters),
                ),
                Value(Decimal(0)),
                output_field=MONEY,
            )
        )
        .order_by("programme__name", "reference")
    )


def _action_count(**conditions: Any) -> Any:
    counts = (
        PlanAction.objects.filter(plan=OuterRef("pk"), **conditions)
        .order_by()
        .values("plan")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def plans_table(filters: IndicatorFilter) -> QuerySet[JointPlan]:
    return (
        scoped_plans(filters)
        .approved()
        .filter(
            Q(period_end__gte=filters.date_from) if filters.date_from else Q(),
            Q(period_start__lte=filters.date_to) if filters.date_to else Q(),
        )
        .select_related("community", "working_group")
        .annotate(
            # Counted per listed plan through the plan index: joining and grouping every
            # action made PostgreSQL hash all 300,000 before narrowing to the scope's plans.
            actions_total=_action_count(),
            actions_done=_action_count(status=ActionStatus.DONE),
        )
        .order_by("community__name", "-period_start", "pk")
    )


def highlight_activities(filters: IndicatorFilter, limit: int = 12) -> list[Activity]:
    """The period's published activities, with photos first, for narrative highlights.

    Two bounded queries (the newest with photos, the newest without) rather than one ordered
    by "has a photo": that ordering made PostgreSQL test every published activity of the
    scope before taking twelve (1.1 s for a whole donor at 1,000,000 activities)."""
    from django.db.models import Prefetch, prefetch_related_objects

    published = (
        scoped_activities(filters)
        .filter(status=ActivityStatus.PUBLISHED)
        .select_related("project")
        .order_by("-date", "-id")
    )
    has_photo = Exists(ActivityPhoto.objects.filter(activity=OuterRef("pk")))
    with_photos = list(published.filter(has_photo)[:limit])
    without_photos = list(published.filter(~has_photo)[:limit])
    highlights = (with_photos + without_photos)[:limit]
    prefetch_related_objects(
        highlights,
        "communities",
        Prefetch("photos", queryset=ActivityPhoto.objects.order_by("position", "id")),
    )
    return highlights
