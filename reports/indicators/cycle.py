"""The community-security cycle: meetings, safety assessments and the problems they
identify, joint plans and their actions."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, CharField, Count, F, Max, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from communities.models import (
    ActionStatus,
    Assessment,
    AssessmentMethod,
    IdentifiedProblem,
    JointPlan,
    JointPlanQuerySet,
    Meeting,
    MeetingKind,
    PlanAction,
    PlanStatus,
    ProblemCategory,
    ProblemStatus,
)
from core.i18n import translated
from reports.indicators.figures import Breakdown, Figure, choice_rows, percent, sex_youth_breakdown
from reports.indicators.scope import (
    IndicatorFilter,
    Rows,
    aggregate,
    at_place,
    in_period,
    project_ids,
    scoped_working_groups,
    shared,
)

# Slug under which sensitive problem categories are shown on public figures.
FOLDED_CATEGORY = "other-protection-concerns"
FOLDED_CATEGORY_LABEL = _("Other protection concerns")


# --- Meetings and assessments ------------------------------------------------------------


def scoped_meetings(filters: IndicatorFilter) -> QuerySet[Meeting]:
    # Illustrative (made-up demo) records never count, whoever reads the figure.
    return Meeting.objects.filter(
        working_group__in=scoped_working_groups(filters).values("pk"), is_illustrative=False
    ).filter(in_period("date", filters))


def _meetings_by_kind_query(filters: IndicatorFilter) -> QuerySet:
    return (
        scoped_meetings(filters)
        .values("kind")
        .annotate(
            n=Count("pk"),
            women=Coalesce(Sum("women"), 0),
            men=Coalesce(Sum("men"), 0),
            youth=Coalesce(Sum("youth"), 0),
        )
        .order_by("kind")
    )


@aggregate(_meetings_by_kind_query)
def _meetings_by_kind(filters: IndicatorFilter, rows: Rows) -> list[dict[str, Any]]:
    """Meetings and their participants by type: one query for both meeting indicators."""
    return rows


def compute_meetings(filters: IndicatorFilter) -> Figure:
    rows = _meetings_by_kind(filters)
    return Figure(
        sum(r["n"] for r in rows),
        [
            Breakdown(
                "kind",
                str(_("By type")),
                [str(_("Type")), str(_("Meetings"))],
                choice_rows(rows, "kind", MeetingKind, "n"),
            )
        ],
    )


def compute_meeting_participants(filters: IndicatorFilter) -> Figure:
    rows = _meetings_by_kind(filters)
    totals = {key: sum(r[key] for r in rows) for key in ("women", "men", "youth")}
    return Figure(
        totals["women"] + totals["men"],
        [sex_youth_breakdown(totals)],
    )


def scoped_assessments(filters: IndicatorFilter) -> QuerySet[Assessment]:
    assessments = Assessment.objects.filter(at_place("community", filters), is_illustrative=False)
    if filters.is_scoped:
        assessments = assessments.filter(project__in=project_ids(filters))
    return assessments


def _assessments_by_method_query(filters: IndicatorFilter) -> QuerySet:
    return (
        scoped_assessments(filters)
        .filter(in_period("date", filters))
        .values("method")
        .annotate(n=Count("pk"), women=Coalesce(Sum("women"), 0), men=Coalesce(Sum("men"), 0))
        .order_by("method")
    )


@aggregate(_assessments_by_method_query)
def _assessments_by_method(filters: IndicatorFilter, rows: Rows) -> Rows:
    return rows


def compute_assessments(filters: IndicatorFilter) -> Figure:
    rows = _assessments_by_method(filters)
    return Figure(
        sum(r["n"] for r in rows),
        [
            Breakdown(
                "method",
                str(_("By method")),
                [str(_("Method")), str(_("Assessments")), str(_("Women")), str(_("Men"))],
                choice_rows(rows, "method", AssessmentMethod, "n", "women", "men"),
            )
        ],
    )


def _problems_by_category_query(filters: IndicatorFilter) -> QuerySet:
    identified = in_period("assessment__date", filters)
    prioritised = identified & (
        Q(priority_rank__isnull=False)
        | Q(status__in=[ProblemStatus.PRIORITISED, ProblemStatus.IN_PLAN, ProblemStatus.RESOLVED])
    )
    resolved = Q(status=ProblemStatus.RESOLVED) & (
        in_period("resolved_on", filters) if (filters.date_from or filters.date_to) else Q()
    )
    problems = IdentifiedProblem.objects.filter(
        assessment__in=scoped_assessments(filters).values("pk")
    )
    key: Case | F
    if filters.public_only:
        key = Case(
            When(category__sensitive=True, then=Value(FOLDED_CATEGORY)),
            default=F("category__slug"),
            output_field=CharField(),
        )
    else:
        key = F("category__slug")
    # The category's name in every language is read with its group (one category per group
    # unless folded), and shown through a ProblemCategory holding those columns: the label
    # follows modeltranslation's fallbacks as a loaded category's would, without a second
    # query for the names.
    name_columns = translated("name")
    return (
        problems.annotate(category_key=key)
        .values("category_key")
        .annotate(
            identified=Count("pk", filter=identified),
            prioritised=Count("pk", filter=prioritised),
            resolved=Count("pk", filter=resolved),
            **{f"category_{column}": Max(f"category__{column}") for column in name_columns},
        )
        .order_by("category_key")
    )


@aggregate(_problems_by_category_query)
def problems_by_category(filters: IndicatorFilter, rows: Rows) -> list[dict[str, Any]]:
    """Identified, prioritised and resolved problems per category in one query. Sensitive
    categories are folded into one "other protection concerns" row on public figures."""
    name_columns = translated("name")
    result = []
    for group in rows:
        row: dict[str, Any] = dict(group)
        if not (row["identified"] or row["prioritised"] or row["resolved"]):
            continue
        if row["category_key"] == FOLDED_CATEGORY:
            label = str(FOLDED_CATEGORY_LABEL)
        else:
            names = {column: row[f"category_{column}"] for column in name_columns}
            label = ProblemCategory(slug=row["category_key"], **names).name
        counts = ("category_key", "identified", "prioritised", "resolved")
        result.append({**{name: row[name] for name in counts}, "label": label})
    return result


def _problem_figure(column: str, filters: IndicatorFilter) -> Figure:
    rows = problems_by_category(filters)
    return Figure(
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


def compute_problems_identified(filters: IndicatorFilter) -> Figure:
    return _problem_figure("identified", filters)


def compute_problems_prioritised(filters: IndicatorFilter) -> Figure:
    return _problem_figure("prioritised", filters)


def compute_problems_resolved(filters: IndicatorFilter) -> Figure:
    return _problem_figure("resolved", filters)


# --- Joint plans -------------------------------------------------------------------------


@shared
def scoped_plans(filters: IndicatorFilter) -> JointPlanQuerySet:
    return JointPlan.objects.filter(
        working_group__in=scoped_working_groups(filters).values("pk"), is_illustrative=False
    ).filter(at_place("community", filters))


def approved_plans(filters: IndicatorFilter) -> QuerySet[JointPlan]:
    return scoped_plans(filters).approved().filter(in_period("approval_date", filters))


def _plans_by_status_query(filters: IndicatorFilter) -> QuerySet:
    return approved_plans(filters).values("status").annotate(n=Count("pk")).order_by("status")


@aggregate(_plans_by_status_query)
def _plans_by_status(filters: IndicatorFilter, rows: Rows) -> Rows:
    return rows


def compute_plans_approved(filters: IndicatorFilter) -> Figure:
    rows = _plans_by_status(filters)
    return Figure(
        sum(r["n"] for r in rows),
        [
            Breakdown(
                "status",
                str(_("By current status")),
                [str(_("Status")), str(_("Plans"))],
                choice_rows(rows, "status", PlanStatus, "n"),
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


def _actions_by_status_query(filters: IndicatorFilter) -> QuerySet:
    done = Q(status=ActionStatus.DONE) & in_period("completed_on", filters)
    on_time = Q(due_date__isnull=True) | Q(completed_on__lte=F("due_date"))
    return (
        scoped_actions(filters)
        .values("status")
        .annotate(
            n=Count("pk"),
            done=Count("pk", filter=done),
            on_time=Count("pk", filter=done & on_time),
        )
        .order_by("status")
    )


@aggregate(_actions_by_status_query)
def _actions_by_status(filters: IndicatorFilter, rows: Rows) -> list[dict[str, Any]]:
    """Plan actions by status, with those completed in the period and on time among them:
    one query for both plan-action indicators."""
    return rows


def compute_actions_by_status(filters: IndicatorFilter) -> Figure:
    rows = _actions_by_status(filters)
    return Figure(
        sum(r["n"] for r in rows),
        [
            Breakdown(
                "status",
                str(_("By status")),
                [str(_("Status")), str(_("Actions"))],
                choice_rows(rows, "status", ActionStatus, "n"),
            )
        ],
    )


def compute_actions_on_time(filters: IndicatorFilter) -> Figure:
    rows = _actions_by_status(filters)
    totals = {key: sum(r[key] for r in rows) for key in ("done", "on_time")}
    return Figure(
        percent(totals["on_time"], totals["done"]),
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


# The grouped reads of this module, read together for a whole report (catalogue).
AGGREGATES = (
    _meetings_by_kind,
    _assessments_by_method,
    problems_by_category,
    _plans_by_status,
    _actions_by_status,
)
