"""Public reads for projects, organisations and news.

Everything here is safe to show anonymously: each queryset starts from the public managers
(``Project.objects.public()``, ``Activity.objects.published()``, ``Grant.objects.public()``)
and owns its joins, so a page runs the same number of queries however much data it shows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Window,
)
from django.http import Http404

from projects.models import (
    Activity,
    ActivityPhoto,
    Organisation,
    PartnerRole,
    Partnership,
    Project,
    ProjectCommunity,
)
from projects.small_numbers import PublicCount, public_breakdown, public_count

LANGUAGES = ("en", "ru", "ky", "tg")

# How many rows a detail page lists before linking to the full, paginated list.
DETAIL_LIST_LIMIT = 10


def translated(*names: str) -> list[str]:
    """Every language column of translated fields, for ``.only()``: loading just one
    would make the ru→en fallback fetch the others row by row."""
    return [f"{name}_{code}" for name in names for code in LANGUAGES]


class SubqueryCount(Subquery):
    """``COUNT(*)`` of a queryset as a scalar subquery, so a count rides along in another
    query instead of costing a round trip of its own."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()


def first_rows_with_total(rows: QuerySet[Any], limit: int) -> tuple[list[Any], int]:
    """The first ``limit`` rows and how many there are in all, in one query: the total
    is a window over the whole filtered set, computed before LIMIT applies."""
    listed = list(rows.annotate(listed_total=Window(Count("pk")))[:limit])
    return listed, (listed[0].listed_total if listed else 0)


# --- Projects ------------------------------------------------------------------------------


def public_projects() -> QuerySet[Project]:
    return Project.objects.public()


def _listed_partnerships() -> Prefetch:
    return Prefetch(
        "partnerships",
        queryset=Partnership.objects.filter(
            role__in=[PartnerRole.FUNDING, PartnerRole.IMPLEMENTING]
        )
        .select_related("organisation")
        .only(
            "id",
            "project_id",
            "role",
            "organisation__id",
            "organisation__slug",
            "organisation__acronym",
            *[f"organisation__{name}" for name in translated("name")],
        )
        .order_by("role", "organisation__slug"),
        to_attr="listed_partners",
    )


def project_list() -> QuerySet[Project]:
    """Public projects for the list page: only what a card shows, partners prefetched."""
    return (
        public_projects()
        .only(
            "id",
            "slug",
            "status",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
            "budget",
            "currency",
            *translated("title", "summary"),
        )
        .prefetch_related(_listed_partnerships())
    )


def featured_projects(limit: int = 6) -> list[Project]:
    """Featured projects for the home page; the most recent ones when none are featured."""
    featured = list(project_list().filter(is_featured=True)[:limit])
    if featured:
        return featured
    return list(project_list()[:limit])


def get_public_project(slug: str) -> Project:
    project = public_projects().prefetch_related("themes").filter(slug=slug).first()
    if project is None:
        raise Http404
    return project


def project_partners(project: Project) -> QuerySet[Partnership]:
    return (
        project.partnerships.select_related("organisation")
        .order_by("role", "organisation__slug")
        .all()
    )


def project_target_communities(project: Project) -> QuerySet[ProjectCommunity]:
    return project.target_communities.select_related(
        "community", "community__region", "community__district"
    ).order_by("community__region__code", "community__name_ru", "community__name_en")


@dataclass
class WorkingGroupSummary:
    """Counts and sectors only: names of groups and members are never public."""

    groups: int = 0
    members: int = 0
    women: int = 0
    men: int = 0
    sectors: list[tuple[str, int]] = field(default_factory=list)

    # What public pages show: members are people, so small counts are hidden
    # (projects.small_numbers); sectors add up to the member total shown beside them.
    @property
    def public_members(self) -> PublicCount:
        return public_count(self.members)

    @property
    def public_women(self) -> PublicCount:
        return public_count(self.women)

    @property
    def public_sectors(self) -> list[tuple[str, PublicCount]]:
        cells = public_breakdown([count for _label, count in self.sectors], total_shown=True)
        return [(label, cell) for (label, _count), cell in zip(self.sectors, cells, strict=True)]

    @property
    def public_sector_max(self) -> int:
        # Bar widths are drawn against the largest visible count: against a hidden one
        # they would give it back.
        return max((c for _l, c in self.public_sectors if isinstance(c, int)), default=0)


def working_group_summary(groups: QuerySet[Any]) -> WorkingGroupSummary:
    from communities.models import Membership, Sector

    members = Membership.objects.current().filter(working_group__in=groups)
    # The number of groups rides along in the members query (one round trip); only when
    # no group has a current member does it need a query of its own.
    rows = list(
        members.values("sector")
        .annotate(
            total=Count("id"),
            women=Count("id", filter=Q(sex="female")),
            men=Count("id", filter=Q(sex="male")),
            group_count=SubqueryCount(groups.order_by().values("pk")),
        )
        .order_by("-total", "sector")
    )
    summary = WorkingGroupSummary(groups=rows[0]["group_count"] if rows else groups.count())
    labels = dict(Sector.choices)
    for row in rows:
        summary.members += row["total"]
        summary.women += row["women"]
        summary.men += row["men"]
        summary.sectors.append((str(labels.get(row["sector"], row["sector"])), row["total"]))
    return summary


@dataclass
class PlanSummary:
    plans: int = 0
    actions_total: int = 0
    actions_done: int = 0
    # (source label, [(currency, received, pledged)])
    cofinancing: list[tuple[str, list[tuple[str, Decimal, Decimal]]]] = field(default_factory=list)

    @property
    def percent_done(self) -> int:
        if not self.actions_total:
            return 0
        return round(100 * self.actions_done / self.actions_total)


def plan_summary(plans: QuerySet[Any]) -> PlanSummary:
    """Actions done out of total and co-financing by source for a set of public plans.
    Cancelled actions are left out of the total: they will never be done."""
    from communities.models import (
        ActionStatus,
        Contribution,
        ContributionSource,
        JointPlan,
        PlanAction,
    )

    actions = PlanAction.objects.filter(plan__in=plans).exclude(status=ActionStatus.CANCELLED)
    # Plans and their actions counted in one query; the plans are matched by id so a join
    # in ``plans`` can never count an action twice.
    counts = JointPlan.objects.filter(pk__in=plans.order_by().values("pk")).aggregate(
        plans=Count("pk", distinct=True),
        total=Count("actions__id", filter=~Q(actions__status=ActionStatus.CANCELLED)),
        done=Count("actions__id", filter=Q(actions__status=ActionStatus.DONE)),
    )
    summary = PlanSummary(
        plans=counts["plans"], actions_total=counts["total"], actions_done=counts["done"]
    )
    rows = (
        Contribution.objects.filter(action__in=actions)
        .values("source_type", "currency")
        .annotate(
            received=Sum("amount", filter=Q(state="received")),
            pledged=Sum("amount", filter=Q(state="pledged")),
        )
        .order_by("source_type", "currency")
    )
    by_source: dict[str, list[tuple[str, Decimal, Decimal]]] = defaultdict(list)
    for row in rows:
        by_source[row["source_type"]].append(
            (row["currency"], row["received"] or Decimal(0), row["pledged"] or Decimal(0))
        )
    for value, label in ContributionSource.choices:
        if value in by_source:
            summary.cofinancing.append((str(label), by_source[value]))
    return summary


def project_working_groups(project: Project) -> QuerySet[Any]:
    from communities.selectors import public_working_groups

    return public_working_groups().filter(projects=project)


def project_plans(project: Project) -> QuerySet[Any]:
    from communities.selectors import public_plans

    return public_plans().filter(working_group__projects=project)


def project_grants(project: Project) -> QuerySet[Any]:
    from grants.selectors import grant_list

    return grant_list().filter(programme__project=project)


# --- News ----------------------------------------------------------------------------------


def _photos() -> Prefetch:
    return Prefetch(
        "photos",
        queryset=ActivityPhoto.objects.order_by("position", "id"),
        to_attr="photo_list",
    )


def published_news() -> QuerySet[Activity]:
    """Published activities, newest first, with what a news card shows."""
    return (
        Activity.objects.published()
        .select_related("project")
        .only(
            "id",
            "date",
            "kind",
            "published_at",
            "updated_at",
            "women",
            "men",
            "project__id",
            "project__slug",
            *translated("title", "description"),
            *[f"project__{name}" for name in translated("title")],
        )
        .prefetch_related(_photos())
        .order_by("-date", "-published_at", "-id")
    )


def news_cards(news: QuerySet[Activity], limit: int) -> list[Activity]:
    """The first ``limit`` news items with their first photo read in the same query (a
    prefetch would cost a second round trip per list), set as ``photo_list`` like the
    prefetch does so the news card template needs no change."""
    first = ActivityPhoto.objects.filter(activity=OuterRef("pk")).order_by("position", "id")
    columns = {
        "id": IntegerField(),
        # File fields are plain text columns: read them as such.
        "image": CharField(),
        "thumbnail": CharField(),
        # Every caption language, so the translated ``caption`` falls back as usual.
        **{name: CharField() for name in translated("caption")},
    }
    rows = list(
        news.prefetch_related(None).annotate(
            **{
                f"first_photo_{name}": Subquery(first.values(name)[:1], output_field=field)
                for name, field in columns.items()
            }
        )[:limit]
    )
    for activity in rows:
        values = {name: getattr(activity, f"first_photo_{name}") for name in columns}
        activity.photo_list = (  # type: ignore[attr-defined]
            []
            if values["id"] is None
            else [
                ActivityPhoto(
                    activity=activity,
                    **{name: value if value is not None else "" for name, value in values.items()},
                )
            ]
        )
    return rows


def get_public_news(pk: int) -> Activity:
    activity = (
        Activity.objects.published()
        .select_related("project")
        .prefetch_related(_photos(), _public_communities_prefetch())
        .filter(pk=pk)
        .first()
    )
    if activity is None:
        raise Http404
    return activity


def _public_communities_prefetch() -> Prefetch:
    from communities.selectors import public_communities

    return Prefetch(
        "communities",
        queryset=public_communities().select_related("region"),
        to_attr="public_communities",
    )


# --- Organisations ---------------------------------------------------------------------------


def public_organisations() -> QuerySet[Organisation]:
    """Organisations with something public to show: a public project, a public grant, or
    a public grant programme they fund or manage."""
    from grants.models import Grant, GrantProgramme

    # IN (…) rather than correlated EXISTS: PostgreSQL hashes each id list once, and the
    # plan's estimated cost stays low enough not to trigger JIT compilation, which cost
    # over a second per cold query at 40,000 organisations (count 1.4 s -> 0.15 s).
    partner = Partnership.objects.filter(
        project__is_public=True, project__is_archived=False
    ).values("organisation_id")
    grantee = Grant.objects.public().values("grantee_id")
    manager = GrantProgramme.objects.public().values("managing_organisation_id")
    funder = GrantProgramme.funders.through.objects.filter(grantprogramme__is_public=True).values(
        "organisation_id"
    )
    return Organisation.objects.filter(
        Q(pk__in=partner) | Q(pk__in=grantee) | Q(pk__in=manager) | Q(pk__in=funder)
    )


def get_public_organisation(slug: str) -> Organisation:
    organisation = public_organisations().filter(slug=slug).first()
    if organisation is None:
        raise Http404
    return organisation


def organisation_partnerships(organisation: Organisation) -> QuerySet[Partnership]:
    return (
        Partnership.objects.filter(
            organisation=organisation, project__is_public=True, project__is_archived=False
        )
        .select_related("project")
        .order_by(F("project__planned_start").desc(nulls_last=True), "project__slug", "role")
    )


def donors() -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        Exists(
            Partnership.objects.filter(
                organisation=OuterRef("pk"),
                role=PartnerRole.FUNDING,
                project__is_public=True,
                project__is_archived=False,
            )
        )
    )


def implementers() -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        Exists(
            Partnership.objects.filter(
                organisation=OuterRef("pk"),
                role=PartnerRole.IMPLEMENTING,
                project__is_public=True,
                project__is_archived=False,
            )
        )
    )


# --- Home ------------------------------------------------------------------------------------


def headline_figures(**filters: Any) -> dict[str, Any]:
    """The headline indicators, computed by the reports catalogue on public records only,
    so the portal and the donor reports never disagree."""
    from reports.selectors import IndicatorFilter
    from reports.selectors import headline_figures as compute

    return compute(IndicatorFilter(public_only=True, **filters))


def map_markers(communities: QuerySet[Any]) -> list[dict[str, Any]]:
    """Markers for ``static/js/map.js``. Communities without coordinates are listed on the
    page but cannot be placed on the map."""
    markers = []
    for community in communities:
        if community.latitude is None or community.longitude is None:
            continue
        markers.append(
            {
                "name": str(community),
                "lat": float(community.latitude),
                "lng": float(community.longitude),
                "url": community.get_absolute_url(),
            }
        )
    return markers
