"""Public reads for places: countries, regions, districts and communities, with the
working groups, joint plans and problems shown there in summary only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from communities.models import (
    ActionStatus,
    Community,
    District,
    IdentifiedProblem,
    JointPlan,
    PlanAction,
    ProblemCategory,
    Region,
    WorkingGroup,
)
from core.db import SubqueryCount
from core.i18n import content_languages


def _public_project_filter(prefix: str) -> dict[str, bool]:
    return {f"{prefix}is_public": True, f"{prefix}is_archived": False}


def _public_community_ids() -> list[int]:
    from communities.models import Activity, ProjectCommunity
    from grants.models import Grant

    # IN (…) rather than correlated EXISTS: with three alternatives OR-ed together,
    # PostgreSQL hashes each id list once instead of probing per gazetteer row.
    targeted = ProjectCommunity.objects.filter(**_public_project_filter("project__")).values(
        "community_id"
    )
    in_news = Activity.communities.through.objects.filter(
        activity__in=Activity.objects.published()
    ).values("community_id")
    granted = Grant.communities.through.objects.filter(grant__programme__is_public=True).values(
        "community_id"
    )
    return list(
        Community.objects.filter(
            Q(pk__in=targeted) | Q(pk__in=in_news) | Q(pk__in=granted)
        ).values_list("pk", flat=True)
    )


def public_communities() -> QuerySet[Community]:
    """Communities that appear on public pages: targets of a public project, places of a
    published news item, or places of a public grant. Every link to a community page
    points at one of these, so none of them leads to a 404."""
    from core.cache import cached_fragment

    # The test scans every published activity's places (seconds at 500,000 activities);
    # the answer — at most the gazetteer's few thousand ids — is kept per content version.
    ids = cached_fragment("public-community-ids", _public_community_ids, per_language=False)
    return Community.objects.filter(pk__in=ids)


def mapped_communities() -> QuerySet[Community]:
    """Light rows for map markers and long place lists."""
    return (
        public_communities()
        .select_related("region", "district")
        .only(
            "id",
            "latitude",
            "longitude",
            "population",
            "kind",
            "region__id",
            "region__code",
            "district__id",
            *[f"name_{code}" for code in content_languages()],
            *[f"region__name_{code}" for code in content_languages()],
            *[f"district__name_{code}" for code in content_languages()],
        )
        .order_by("region__code", "name_ru", "name_en", "id")
    )


def get_public_community(pk: int) -> Community:
    community = public_communities().select_related("region", "district").filter(pk=pk).first()
    if community is None:
        raise Http404
    return community


def get_region(code: str) -> Region:
    region = Region.objects.filter(code__iexact=code).first()
    if region is None:
        raise Http404
    return region


def get_district(pk: int) -> District:
    district = District.objects.select_related("region").filter(pk=pk).first()
    if district is None:
        raise Http404
    return district


def regions_with_counts(country: str | None = None) -> QuerySet[Region]:
    """Regions with how many public communities each has, busiest first."""
    regions = Region.objects.annotate(
        community_count=Count("communities", filter=Q(communities__in=public_communities()))
    ).filter(community_count__gt=0)
    if country:
        regions = regions.filter(country=country)
    return regions.order_by("country", "code")


def districts_with_counts(region: Region) -> QuerySet[District]:
    return (
        District.objects.filter(region=region)
        .annotate(
            community_count=Count("communities", filter=Q(communities__in=public_communities()))
        )
        .filter(community_count__gt=0)
        .order_by("name_ru", "name_en", "id")
    )


# --- Working groups and plans -----------------------------------------------------------------


def public_working_groups() -> QuerySet[WorkingGroup]:
    """Groups that work within at least one public project. Only counts and sectors of
    these are ever shown; names and members stay in the staff area."""
    linked = WorkingGroup.projects.through.objects.filter(
        workinggroup=OuterRef("pk"), **_public_project_filter("project__")
    )
    return WorkingGroup.objects.filter(is_archived=False).filter(Exists(linked))


def public_plans() -> QuerySet[JointPlan]:
    """Approved (or later) plans of public working groups."""
    return JointPlan.objects.approved().filter(working_group__in=public_working_groups())


def plans_with_progress(plans: QuerySet[JointPlan]) -> QuerySet[JointPlan]:
    """Plans, newest first, with their live and done action counts. The counts are
    correlated subqueries rather than a join and GROUP BY: PostgreSQL then computes them
    only for the plans a capped list shows, not for every plan of a country before
    sorting (0.4 s at 14,000 plans)."""
    actions = PlanAction.objects.filter(plan=OuterRef("pk")).order_by()
    return (
        plans.select_related("community")
        .annotate(
            actions_total=SubqueryCount(
                actions.exclude(status=ActionStatus.CANCELLED).values("pk")
            ),
            actions_done=SubqueryCount(actions.filter(status=ActionStatus.DONE).values("pk")),
        )
        .order_by("-period_start", "id")
    )


# --- Problems raised ----------------------------------------------------------------------------


@dataclass
class ProblemCount:
    label: str
    count: int
    folded: bool = False


OTHER_PROTECTION_CONCERNS = _("Other protection concerns")


def problems_by_category(community: Community) -> list[ProblemCount]:
    """How many problems residents raised, by category, from assessments under public
    projects. Sensitive categories are never named: they are added up as one row."""
    rows = (
        IdentifiedProblem.objects.filter(
            assessment__community=community,
            **_public_project_filter("assessment__project__"),
        )
        .values("category_id")
        .annotate(total=Count("id"))
    )
    totals = {row["category_id"]: row["total"] for row in rows}
    if not totals:
        return []
    counts: list[ProblemCount] = []
    folded = 0
    for category in ProblemCategory.objects.filter(id__in=totals).order_by("position", "slug"):
        if category.sensitive:
            folded += totals[category.id]
        else:
            counts.append(ProblemCount(label=str(category), count=totals[category.id]))
    counts.sort(key=lambda row: -row.count)
    if folded:
        counts.append(ProblemCount(label=str(OTHER_PROTECTION_CONCERNS), count=folded, folded=True))
    return counts


def place_summary(communities: QuerySet[Community]) -> dict[str, Any]:
    """Working groups and plans within a set of communities, for place pages."""
    from projects.selectors import plan_summary, working_group_summary

    groups = public_working_groups().filter(community__in=communities)
    plans = public_plans().filter(community__in=communities)
    return {"groups": working_group_summary(groups), "plans": plan_summary(plans)}
