"""People and places reached: communities and people covered, working groups and their
members, activities and their participants."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, IntegerField, Max, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from communities.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    AgeBand,
    Community,
    Membership,
    ProjectCommunity,
    Sector,
    WorkingGroup,
    WorkingGroupStatus,
)
from core.choices import Sex
from core.i18n import marked_text_in_sql
from projects.models import Project, public_project_q
from reports.indicators.figures import Breakdown, Figure, choice_rows, percent, sex_youth_breakdown
from reports.indicators.rollup import rolled_up_query, rolled_up_rows
from reports.indicators.scope import (
    IndicatorFilter,
    Rows,
    aggregate,
    at_place,
    in_period,
    project_ids,
    scoped_activities,
    scoped_working_groups,
)

# --- Coverage ----------------------------------------------------------------------------


def _coverage_links(filters: IndicatorFilter) -> QuerySet[ProjectCommunity]:
    end = filters.period_end
    links = ProjectCommunity.objects.filter(
        project__in=project_ids(filters) if filters.is_scoped else Project.objects.all()
    ).filter(Q(start_date__isnull=True) | Q(start_date__lte=end), at_place("community", filters))
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
    """Communities covered and people covered, as ``_covered_communities`` counts them: the
    largest population figure of each community's links. One grouped pass over the links
    gives a row per community (at most the gazetteer's few thousand), added up here: a
    correlated subquery per covered community took 1.1 s at scale 100."""
    people = list(coverage_per_community(filters))
    return {"communities": len(people), "people": sum(p for p in people if p is not None)}


def coverage_per_community(filters: IndicatorFilter) -> QuerySet:
    """The largest population figure of each covered community's links (``people``), one
    row per community: what ``coverage_totals`` adds up."""
    return (
        _coverage_links(filters)
        .order_by()
        .values("community_id")
        .annotate(people=Max("population_covered"))
        .values_list("people", flat=True)
    )


def _coverage_by_region_query(filters: IndicatorFilter) -> QuerySet:
    communities, people = _covered_communities(filters)
    return (
        communities.annotate(region_label=marked_text_in_sql("region__name"))
        .values("region__code", "region_label")
        .annotate(communities=Count("pk"), people=people)
        .order_by("region__code")
    )


@aggregate(_coverage_by_region_query)
def _coverage_by_region(filters: IndicatorFilter, rows: Rows) -> list[list[Any]]:
    return [[r["region_label"] or r["region__code"], r["communities"], r["people"]] for r in rows]


def compute_communities_covered(filters: IndicatorFilter) -> Figure:
    rows = _coverage_by_region(filters)
    return Figure(
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


def compute_people_covered(filters: IndicatorFilter) -> Figure:
    rows = _coverage_by_region(filters)
    return Figure(
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


def active_groups(filters: IndicatorFilter) -> QuerySet[WorkingGroup]:
    end = filters.period_end
    return scoped_working_groups(filters).filter(
        Q(established_on__isnull=True) | Q(established_on__lte=end),
        status=WorkingGroupStatus.ACTIVE,
    )


def _groups_by_region_query(filters: IndicatorFilter) -> QuerySet:
    return (
        active_groups(filters)
        .annotate(region_label=marked_text_in_sql("community__region__name"))
        .values("community__region__code", "region_label")
        .annotate(n=Count("pk"))
        .order_by("community__region__code")
    )


@aggregate(_groups_by_region_query)
def _groups_by_region(filters: IndicatorFilter, rows: Rows) -> Rows:
    return rows


def compute_groups_active(filters: IndicatorFilter) -> Figure:
    rows = _groups_by_region(filters)
    return Figure(
        # The region rows partition the groups: they add up to the total.
        sum(r["n"] for r in rows),
        [
            Breakdown(
                "region",
                str(_("By region")),
                [str(_("Region")), str(_("Working groups"))],
                [[r["region_label"] or r["community__region__code"], r["n"]] for r in rows],
            )
        ],
    )


def members_at_period_end(filters: IndicatorFilter) -> QuerySet[Membership]:
    """Members of active groups on the period end: joined by then and not yet left."""
    end = filters.period_end
    return Membership.objects.filter(
        working_group__in=active_groups(filters).values("pk"),
    ).filter(
        Q(joined_on__isnull=True) | Q(joined_on__lte=end),
        Q(left_on__isnull=True) | Q(left_on__gt=end),
    )


MEMBER_KEYS = ("sector", "age_band")


def _member_groups_query(filters: IndicatorFilter) -> QuerySet:
    return rolled_up_query(
        members_at_period_end(filters),
        MEMBER_KEYS,
        n=Count("pk"),
        women=Count("pk", filter=Q(sex=Sex.FEMALE)),
        men=Count("pk", filter=Q(sex=Sex.MALE)),
    )


@aggregate(_member_groups_query)
def _member_groups(filters: IndicatorFilter, rows: Rows) -> dict[str, list[dict[str, Any]]]:
    """Members by sector and by age band, with women and men, in one query."""
    return rolled_up_rows(rows, MEMBER_KEYS, ("n", "women", "men"))


def _member_totals(filters: IndicatorFilter) -> dict[str, int]:
    # Every member has one sector (or none): the sector rows add up to the totals.
    rows = _member_groups(filters)["sector"]
    return {
        "total": sum(r["n"] for r in rows),
        "women": sum(r["women"] for r in rows),
        "men": sum(r["men"] for r in rows),
    }


def compute_members(filters: IndicatorFilter) -> Figure:
    totals = _member_totals(filters)
    sex_rows = [
        [str(_("Women")), totals["women"]],
        [str(_("Men")), totals["men"]],
        [str(_("Not recorded")), totals["total"] - totals["women"] - totals["men"]],
    ]
    by_sector = _member_groups(filters)["sector"]
    by_age = _member_groups(filters)["age_band"]
    three = [str(_("Members")), str(_("Women")), str(_("Men"))]
    return Figure(
        totals["total"],
        [
            Breakdown("sex", str(_("By sex")), [str(_("Sex")), str(_("Members"))], sex_rows),
            Breakdown(
                "sector",
                str(_("By sector")),
                [str(_("Sector")), *three],
                choice_rows(by_sector, "sector", Sector, "n", "women", "men"),
            ),
            Breakdown(
                "age_band",
                str(_("By age band")),
                [str(_("Age band")), *three],
                choice_rows(by_age, "age_band", AgeBand, "n", "women", "men"),
            ),
        ],
    )


def compute_women_share(filters: IndicatorFilter) -> Figure:
    totals = _member_totals(filters)
    return Figure(
        percent(totals["women"], totals["total"]),
        [
            Breakdown(
                "sex",
                str(_("Members by sex")),
                [str(_("Sex")), str(_("Members"))],
                [[str(_("Women")), totals["women"]], [str(_("All members")), totals["total"]]],
            )
        ],
    )


# --- Activities --------------------------------------------------------------------------


def _activity_kind_query(filters: IndicatorFilter) -> QuerySet:
    return (
        scoped_activities(filters)
        .values("kind")
        .annotate(
            n=Count("pk"),
            # Before the sums: they are named like the columns and would shadow them here.
            counted=Count("pk", filter=Q(women__isnull=False) | Q(men__isnull=False)),
            women=Coalesce(Sum("women"), 0),
            men=Coalesce(Sum("men"), 0),
            youth=Coalesce(Sum("youth"), 0),
        )
        .order_by("kind")
    )


@aggregate(_activity_kind_query)
def _activity_kind_rows(filters: IndicatorFilter, rows: Rows) -> Rows:
    return rows


def _activities_by_community_query(filters: IndicatorFilter) -> QuerySet:
    through = Activity.communities.through
    # The scope is put on the joined activity rather than as "activity in (scoped
    # activities)": one join instead of a semi-join plus a join over the activity table.
    # The activity-level place test of scoped_activities is implied by the link's own.
    links = through.objects.filter(
        at_place("community", filters),
        in_period("activity__date", filters),
        activity__is_illustrative=False,
    )
    if filters.public_only:
        links = links.filter(
            public_project_q("activity__project__"), activity__status=ActivityStatus.PUBLISHED
        )
    if filters.is_scoped:
        links = links.filter(activity__project__in=project_ids(filters))
    # Grouped by community id alone, with the name as an aggregate of the joined community
    # (one per group): grouping by the name as well made PostgreSQL sort every link row by
    # name (600,000 at full scale, spilling to disk) where a hash over a few hundred
    # communities does; only the grouped rows are sorted. The name is the report's language
    # or its fallback with the marker: the stored name column holds the language of whoever
    # saved the community last.
    return (
        links.values("community_id")
        .annotate(
            n=Count("activity_id"),
            # Each column summed on its own: an unknown count (NULL) is skipped, not 0, and
            # does not hide the other column's count.
            participants=Coalesce(Sum("activity__women"), 0) + Coalesce(Sum("activity__men"), 0),
            name=Max(marked_text_in_sql("community__name")),
        )
        .order_by("name", "community_id")
    )


@aggregate(_activities_by_community_query)
def activities_by_community(filters: IndicatorFilter, rows: Rows) -> list[dict]:
    """Per community an activity counts once for each community it took place in."""
    return [
        {
            "community_id": row["community_id"],
            "n": row["n"],
            "participants": row["participants"],
            "community__name": row["name"],
        }
        for row in rows
    ]


def compute_activities(filters: IndicatorFilter) -> Figure:
    rows = _activity_kind_rows(filters)
    by_community = activities_by_community(filters)
    return Figure(
        sum(r["n"] for r in rows),
        [
            Breakdown(
                "kind",
                str(_("By type")),
                [str(_("Type")), str(_("Activities"))],
                choice_rows(rows, "kind", ActivityKind, "n"),
            ),
            Breakdown(
                "community",
                str(_("By community (an activity in two communities counts in each)")),
                [str(_("Community")), str(_("Activities")), str(_("Participants"))],
                [[r["community__name"], r["n"], r["participants"]] for r in by_community],
            ),
        ],
    )


def compute_activity_participants(filters: IndicatorFilter) -> Figure:
    rows = _activity_kind_rows(filters)
    totals = {k: sum(r[k] for r in rows) for k in ("women", "men", "youth")}
    counted = sum(r["counted"] for r in rows)
    uncounted = sum(r["n"] for r in rows) - counted
    note = (
        ngettext(
            "%(count)s activity without participant counts is left out.",
            "%(count)s activities without participant counts are left out.",
            uncounted,
        )
        % {"count": uncounted}
        if uncounted
        else ""
    )
    return Figure(
        # Unknown, not 0, when no activity in scope recorded who took part.
        totals["women"] + totals["men"] if counted or not rows else None,
        [
            sex_youth_breakdown(totals),
            Breakdown(
                "kind",
                str(_("By type")),
                [str(_("Type")), str(_("Women")), str(_("Men")), str(_("Of whom young people"))],
                choice_rows(rows, "kind", ActivityKind, "women", "men", "youth"),
            ),
        ],
        note,
    )


# The grouped reads of this module, read together for a whole report (catalogue).
AGGREGATES = (
    _coverage_by_region,
    _groups_by_region,
    _member_groups,
    _activity_kind_rows,
    activities_by_community,
)
