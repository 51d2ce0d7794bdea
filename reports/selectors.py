"""Reads other layers and the report pages take from the indicators: the headline figures
(home page, report tops) and the tables shown in the donor report. The indicator catalogue
itself is ``reports.indicators.catalogue``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from communities.models import (
    ActionStatus,
    Activity,
    ActivityPhoto,
    ActivityStatus,
    JointPlan,
    PlanAction,
)
from grants.models import Grant
from projects.models import Project
from reports.access import results_for_user
from reports.indicators.cofinancing import received_usd_sql
from reports.indicators.cycle import approved_plans, scoped_plans
from reports.indicators.grants import awarded_grants
from reports.indicators.money import MONEY, as_money
from reports.indicators.people import active_groups, coverage_per_community
from reports.indicators.scope import (
    IndicatorFilter,
    in_period,
    scoped_activities,
    scoped_projects,
)
from reports.models import (
    IndicatorPeriod,
    ReportedFigure,
    Result,
    ResultIndicator,
    SourceDocument,
)


def headline_figures(filters: IndicatorFilter) -> dict[str, Any]:
    """The figures on the public home page and at the top of every report, in one
    statement: communities and people covered added up from the per-community rows of
    ``coverage_totals``, the other four as scalar subqueries beside them (they were five
    queries, a round trip each, on every uncached home and project page)."""
    scalars = [
        _count_sql(active_groups(filters)),
        _count_sql(approved_plans(filters)),
        # Converted when saved (communities.contribution_services) and added up per plan
        # on write (communities.summary_services).
        received_usd_sql(filters),
        _count_sql(awarded_grants(filters)),
    ]
    coverage, coverage_params = coverage_per_community(filters).query.sql_with_params()
    columns = ", ".join(f"({sql})" for sql, _ in scalars)
    # Every part is Django's own compilation, its values passed as parameters (in the
    # order the parts appear in the text: the select list, then the FROM clause).
    statement = (
        f"SELECT covered.communities, covered.people, {columns} FROM "  # noqa: S608
        "(SELECT COUNT(*) AS communities, COALESCE(SUM(people), 0) AS people "
        f"FROM ({coverage}) AS per_community) AS covered"
    )
    params = [value for _, values in scalars for value in values] + list(coverage_params)
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        communities, people, groups, plans, cofinancing, grants = cursor.fetchone()
    return {
        "communities_covered": communities,
        "people_covered": people,
        "working_groups_active": groups,
        "plans_approved": plans,
        "cofinancing_usd": as_money(cofinancing),
        "grants_awarded": grants,
    }


def _count_sql(queryset: QuerySet[Any]) -> tuple[str, list[Any]]:
    """``queryset.count()`` as SQL of one value and its parameters."""
    try:
        sql, params = queryset.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:
        return "SELECT 0", []
    return f"SELECT COUNT(*) FROM ({sql}) AS counted", list(params)  # noqa: S608


# --- Tables shown in the donor report ----------------------------------------------------


def grants_table(filters: IndicatorFilter) -> QuerySet[Grant]:
    return (
        awarded_grants(filters)
        .select_related("programme", "grantee", "region")
        .annotate(
            paid=Coalesce(
                Sum(
                    "disbursements__paid_amount",
                    filter=in_period("disbursements__paid_date", filters),
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

    The newest with photos and the newest without, each taken by its own bounded branch
    of one UNION ALL, rather than one scan ordered by "has a photo": that ordering made
    PostgreSQL test every published activity of the scope before taking twelve (1.1 s for
    a whole donor at 1,000,000 activities). Each branch is planned as the two separate
    queries were; the bucket keeps photos first."""
    from django.db.models import Prefetch, prefetch_related_objects

    published = (
        scoped_activities(filters)
        .filter(status=ActivityStatus.PUBLISHED)
        .select_related("project")
        .order_by("-date", "-id")
    )
    has_photo = Exists(ActivityPhoto.objects.ready().filter(activity=OuterRef("pk")))
    bucket = {"output_field": IntegerField()}
    if connection.features.supports_slicing_ordering_in_compound:
        with_photos = published.filter(has_photo).annotate(bucket=Value(0, **bucket))[:limit]
        without_photos = published.filter(~has_photo).annotate(bucket=Value(1, **bucket))[:limit]
        chosen = with_photos.union(without_photos, all=True)
    else:
        # SQLite (make run) cannot bound the branches of a compound statement: one ordered
        # scan, the same rows in the same order, still one query.
        chosen = published.annotate(
            bucket=Case(When(has_photo, then=Value(0)), default=Value(1), **bucket)
        )
    highlights: list[Activity] = list(chosen.order_by("bucket", "-date", "-id")[:limit])
    prefetch_related_objects(
        highlights,
        "communities",
        Prefetch("photos", queryset=ActivityPhoto.objects.ready().order_by("position", "id")),
    )
    return highlights


# --- Results frameworks, reported figures and their sources ------------------------------


def project_results(project: Project, *, approved_only: bool = True) -> list[Result]:
    """A project's results with their indicators and periods: three queries whatever the
    number of indicators or periods. The public page shows approved periods only."""
    periods = IndicatorPeriod.objects.select_related("source_document").order_by("period_start")
    if approved_only:
        periods = periods.approved()
    return list(
        Result.objects.filter(project=project)
        .prefetch_related(
            Prefetch(
                "indicators",
                queryset=ResultIndicator.objects.order_by("position", "pk").prefetch_related(
                    Prefetch("periods", queryset=periods, to_attr="period_list")
                ),
                to_attr="indicator_list",
            )
        )
        .order_by("position", "pk")
    )


def project_reported_figures(project: Project) -> list[ReportedFigure]:
    return list(
        ReportedFigure.objects.filter(project=project)
        .select_related("source_document")
        .order_by("position", "pk")
    )


def report_reported_figures(filters: IndicatorFilter) -> list[ReportedFigure]:
    """The reported figures of the report's projects, for the donor report: one query
    however many projects or figures. They are stated for a whole project, so the report's
    place and period do not narrow them (the page says so)."""
    return list(
        ReportedFigure.objects.filter(project__in=scoped_projects(filters).values("pk"))
        .select_related("project", "source_document")
        .order_by("project__title", "project_id", "position", "pk")
    )


def public_reported_figures() -> list[ReportedFigure]:
    """Reported headline figures of every public project, for the home page."""
    return list(
        ReportedFigure.objects.public()
        .select_related("source_document", "project")
        .order_by("project__title", "position", "pk")
    )


def project_source_documents(project: Project) -> list[SourceDocument]:
    return list(SourceDocument.objects.for_project(project).order_by("published_on", "slug"))


def public_source_documents() -> QuerySet[SourceDocument]:
    return SourceDocument.objects.prefetch_related(
        Prefetch("projects", queryset=Project.objects.public().order_by("title"))
    ).order_by("published_on", "slug")


def staff_results(user: Any, limit: int = 500) -> list[Result]:
    """The results frameworks the user sees, by project, each with its indicators in order."""
    return list(
        results_for_user(user)
        .select_related("project")
        .prefetch_related(
            Prefetch(
                "indicators",
                queryset=ResultIndicator.objects.order_by("position", "pk"),
                to_attr="indicator_list",
            )
        )
        .order_by("project__title", "project_id", "position", "pk")[:limit]
    )


def indicator_periods(indicator: ResultIndicator) -> list[IndicatorPeriod]:
    """An indicator's reporting periods in time order, with their source and who signed."""
    return list(
        IndicatorPeriod.objects.filter(indicator=indicator)
        .select_related("source_document", "entered_by", "approved_by")
        .order_by("period_start")
    )
