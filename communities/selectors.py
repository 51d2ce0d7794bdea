"""Public reads for places: countries, regions, districts and communities, with the
working groups, joint plans and problems shown there in summary only."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Count,
    Exists,
    F,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from communities.cache_scopes import PUBLIC_PLACES
from communities.models import (
    Activity,
    Community,
    District,
    IdentifiedProblem,
    JointPlan,
    LocationPrecision,
    ProblemCategory,
    ProjectCommunity,
    Region,
    WorkingGroup,
)
from core.cache import cached_fragment, request_value
from core.db import bare_instance, id_set
from core.i18n import content_languages, marked_text, translated
from projects.cache_scopes import PROJECTS
from projects.models import Project, public_project_q
from projects.selectors import project_list

# Other apps can make a community public too (grants: the places of a public grant). They
# register a source from their AppConfig.ready(), so this module never imports them.
_PUBLIC_COMMUNITY_SOURCES: list[Callable[[], QuerySet[Any]]] = []
# The cache scopes (core.cache) the writes of those sources bump.
_PUBLIC_COMMUNITY_SOURCE_SCOPES: list[str] = []


def register_public_community_source(
    source: Callable[[], QuerySet[Any]], *, scopes: Iterable[str] = ()
) -> None:
    """``source()`` returns a ``values("community_id")`` queryset of public communities;
    ``scopes`` are the cache scopes every write that changes its answer bumps, so that the
    cached set of public communities follows it."""
    if source not in _PUBLIC_COMMUNITY_SOURCES:
        _PUBLIC_COMMUNITY_SOURCES.append(source)
    for scope in scopes:
        if scope not in _PUBLIC_COMMUNITY_SOURCE_SCOPES:
            _PUBLIC_COMMUNITY_SOURCE_SCOPES.append(scope)


def public_community_scopes() -> list[str]:
    """What the set of public communities depends on: public projects and their targets
    (a target written retires every entry), news in a place nothing else makes public
    (``PUBLIC_PLACES``, communities.cache_scopes) and the registered sources' scopes. A
    page that shows every public community (a map of them all) depends on these."""
    return [PROJECTS, PUBLIC_PLACES, *_PUBLIC_COMMUNITY_SOURCE_SCOPES]


def public_community_sources() -> list[Callable[[], QuerySet[Any]]]:
    """The registered sources (the search index applies the same rule to single records)."""
    return list(_PUBLIC_COMMUNITY_SOURCES)


def _public_community_ids() -> list[int]:
    # One probe per gazetteer community (a few thousand rows), each stopping at the first
    # public link it finds through the community's index: the cost follows the gazetteer,
    # not the data. Written as ``(SELECT … LIMIT 1) IS NOT NULL`` because PostgreSQL turns
    # EXISTS and IN into hashed subplans that read every published activity's places first
    # (0.4 s at 50,000 activities, growing with them).
    def first(rows: QuerySet[Any]) -> Subquery:
        return Subquery(rows.filter(community_id=OuterRef("pk")).order_by()[:1])

    probes = {
        "targeted": first(
            ProjectCommunity.objects.filter(public_project_q("project__")).values("community_id")
        ),
        "in_news": first(
            Activity.communities.through.objects.filter(
                Exists(Activity.objects.published().filter(pk=OuterRef("activity_id")))
            ).values("community_id")
        ),
    }
    for number, source in enumerate(_PUBLIC_COMMUNITY_SOURCES):
        probes[f"source_{number}"] = first(source())
    public = Q()
    for name in probes:
        public |= Q(**{f"{name}__isnull": False})
    return list(
        Community.objects.alias(**probes).filter(public).order_by().values_list("pk", flat=True)
    )


def communities_public_besides_news(community_ids: Iterable[int]) -> set[int]:
    """Which of these communities are public whatever the news says: targets of a public
    project or places of a registered source (a public grant). An activity written in
    one of them cannot change the set of public communities (communities.cache_scopes)."""
    ids = list(community_ids)
    public: QuerySet[Any] = (
        ProjectCommunity.objects.filter(public_project_q("project__"), community_id__in=ids)
        .order_by()
        .values("community_id")
    )
    for source in _PUBLIC_COMMUNITY_SOURCES:
        public = public.union(source().filter(community_id__in=ids).order_by(), all=True)
    return {row["community_id"] for row in public}


def public_communities() -> QuerySet[Community]:
    """Communities that appear on public pages: targets of a public project, places of a
    published news item, or places of a public grant. Every link to a community page
    points at one of these, so none of them leads to a 404."""
    # The answer — at most the gazetteer's few thousand ids — is kept per content version,
    # and with the cache off still computed only once per request: a place page, the home
    # page and the sitemap index ask for it from several selectors.
    ids = request_value(
        "public-community-ids",
        lambda: cached_fragment(
            "public-community-ids",
            _public_community_ids,
            per_language=False,
            scopes=public_community_scopes(),
        ),
    )
    return Community.objects.filter(pk__in=id_set(ids))


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
            "location_precision",
            "region__id",
            "region__code",
            "region__country",
            "district__id",
            *[f"name_{code}" for code in content_languages()],
            *[f"region__name_{code}" for code in content_languages()],
            *[f"district__name_{code}" for code in content_languages()],
        )
        .order_by("region__code", "name_ru", "name_en", "id")
    )


def mapped_rows(communities: QuerySet[Community]) -> list[Community]:
    """``communities`` (``mapped_communities()``, filtered to a place) read as values and
    built into light instances with their region and district, one instance per region and
    district (``core.db.bare_instance``): the home page, the places index and a country
    page list a thousand communities, and building them as model instances cost three times
    their query. The district's name rides along, so an approximate marker's note never
    reads it on its own."""
    languages = content_languages()
    own = ["id", "latitude", "longitude", "population", "kind", "location_precision"]
    own += [f"name_{code}" for code in languages]
    region_columns = ["id", "code", "country", *[f"name_{code}" for code in languages]]
    district_columns = ["id", *[f"name_{code}" for code in languages]]
    rows = communities.values_list(
        *own,
        *[f"region__{name}" for name in region_columns],
        *[f"district__{name}" for name in district_columns],
    )
    db = communities.db
    regions: dict[int, Region] = {}
    districts: dict[int, District] = {}
    set_region = Community.region.field.set_cached_value
    set_district = Community.district.field.set_cached_value
    region_at, district_at = len(own), len(own) + len(region_columns)
    built: list[Community] = []
    for row in rows:
        region = regions.get(row[region_at])
        if region is None:
            region = regions[row[region_at]] = bare_instance(
                Region, dict(zip(region_columns, row[region_at:district_at], strict=True)), db
            )
        district = districts.get(row[district_at])
        if district is None and row[district_at] is not None:
            district = districts[row[district_at]] = bare_instance(
                District, dict(zip(district_columns, row[district_at:], strict=True)), db
            )
        values = dict(zip(own, row, strict=False))  # the community's own columns come first
        values["region_id"] = row[region_at]
        values["district_id"] = row[district_at]
        community = bare_instance(Community, values, db)
        set_region(community, region)
        set_district(community, district)
        built.append(community)
    return built


def get_public_community(pk: int) -> Community:
    community = public_communities().select_related("region", "district").filter(pk=pk).first()
    if community is None:
        raise Http404
    return community


def find_region(code: str) -> Region | None:
    """The region with this code, in any case (as a page address names it), or None."""
    return Region.objects.filter(code__iexact=code).first()


def find_district(pk: int) -> District | None:
    return District.objects.select_related("region").filter(pk=pk).first()


def regions_with_counts(country: str | None = None) -> QuerySet[Region]:
    """Regions with how many public communities each has, busiest first."""
    regions = Region.objects.annotate(
        community_count=Count("communities", filter=Q(communities__in=public_communities()))
    ).filter(community_count__gt=0)
    if country:
        regions = regions.filter(country=country)
    return regions.order_by("country", "code")


def regions_of(communities: Iterable[Community]) -> list[Region]:
    """The regions of ``communities`` (rows of ``mapped_communities()``) with how many of
    them each holds, as ``regions_with_counts()`` gives them: a page that lists its public
    communities anyway counts them here instead of asking the database again."""
    regions: dict[int, Region] = {}
    counts: Counter[int] = Counter()
    for community in communities:
        regions.setdefault(community.region_id, community.region)
        counts[community.region_id] += 1
    for region_id, region in regions.items():
        # Set, not added to: mapped_rows() shares one region instance between communities.
        region.community_count = counts[region_id]  # type: ignore[attr-defined]  # the annotation regions_with_counts() sets
    return sorted(regions.values(), key=lambda region: (region.country, region.code))


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
    through: type[Model] = WorkingGroup.projects.through
    linked = through._default_manager.filter(
        public_project_q("project__"), workinggroup=OuterRef("pk")
    )
    return WorkingGroup.objects.filter(is_archived=False).filter(Exists(linked))


def public_working_groups_covering(communities: Any) -> QuerySet[WorkingGroup]:
    """Public groups that sit in or cover any of ``communities`` (a queryset or one
    community): a district group counts on every municipality it covers."""
    if isinstance(communities, Community):
        communities = [communities.pk]
    # The groups sitting in the place and those covering it, as a UNION ALL of two reads
    # each through its community index (a group in both is matched once all the same: IN).
    # ORed as two filters, PostgreSQL read every group, guessed thirty times too many of
    # them and then read every member of every group (27 ms for a district at scale 10,
    # growing with the data).
    sitting = WorkingGroup.objects.filter(community__in=communities).order_by().values("pk")
    covering = (
        WorkingGroup.communities.through.objects.filter(community__in=communities)
        .order_by()
        .values("workinggroup_id")
    )
    return public_working_groups().filter(pk__in=sitting.union(covering, all=True))


def public_plans() -> QuerySet[JointPlan]:
    """Approved (or later) plans of public working groups. Illustrative (made-up demo) plans
    stay off public pages: they would read as fact."""
    return JointPlan.objects.approved().filter(
        working_group__in=public_working_groups(), is_illustrative=False
    )


def plans_with_progress(plans: QuerySet[JointPlan]) -> QuerySet[JointPlan]:
    """Plans, newest first, with their live and done action counts and only the columns the
    plan table shows (the plan's and its community's names in every language, for the
    fallback and its marker). The counts are the plan's summary kept on write
    (``PlanTotals``, joined one to one, none yet for a plan with no action), which the
    place's totals add up as well, instead of two correlated counts of actions per listed
    plan; and the windows of ``listed_plans_with_summary`` run over every plan of the
    place, so every column read was carried through them and the sort. The list's
    statement at scale 10: a region 12-14 -> 3.3 ms, Kyrgyzstan 65-74 -> 30-33 ms."""
    return (
        plans.select_related("community")
        .only(
            "id",
            "community_id",
            "period_start",
            "period_end",
            "status",
            "approved_by",
            "approval_date",
            *translated("title"),
            "community__id",
            *[f"community__{name}" for name in translated("name")],
        )
        .annotate(
            actions_total=Coalesce(F("totals__actions_total"), 0),
            actions_done=Coalesce(F("totals__actions_done"), 0),
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
            public_project_q("assessment__project__"),
            assessment__community=community,
            assessment__is_illustrative=False,
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


# --- Projects' places and news (the activity log) ------------------------------------


def public_projects_in(communities: Iterable[int]) -> QuerySet[Project]:
    """Public projects working in any of the communities (ids), for a place page."""
    # EXISTS instead of JOIN + DISTINCT: the sort then runs on the small outer set only.
    return project_list().filter(
        Exists(ProjectCommunity.objects.filter(project=OuterRef("pk"), community__in=communities))
    )


def public_project_links(community: Community) -> QuerySet[ProjectCommunity]:
    """The public projects working in one community, latest planned start first."""
    return (
        ProjectCommunity.objects.filter(public_project_q("project__"), community=community)
        .select_related("project")
        .order_by("-project__planned_start", "project__slug")
    )


def project_target_communities(project: Project) -> QuerySet[ProjectCommunity]:
    return project.target_communities.select_related(
        "community", "community__region", "community__district"
    ).order_by("community__region__code", "community__name_ru", "community__name_en")


def project_working_groups(project: Project) -> QuerySet[Any]:
    return public_working_groups().filter(projects=project)


def project_plans(project: Project) -> QuerySet[Any]:
    return public_plans().filter(working_group__projects=project)


def approximate_location_note(community: Community) -> str:
    """What an approximate point stands for, in the active language; "" for an exact one."""
    if not community.location_is_approximate:
        return ""
    if community.location_precision == LocationPrecision.DISTRICT_CENTRE and community.district:
        return str(
            _("Approximate location: the centre of the district (%(district)s).")
            % {"district": marked_text(community.district, "name")}
        )
    return str(
        _("Approximate location: the centre of the region (%(region)s).")
        % {"region": marked_text(community.region, "name")}
    )


# A stand-in id no community has, swapped for each community's own in its page address.
_URL_PK = 987654321


def map_markers(communities: Iterable[Community]) -> list[dict[str, Any]]:
    """Markers for ``static/js/map.js``. Communities without coordinates are listed on the
    page but cannot be placed on the map; approximate points say so in their popup."""
    # One reverse() for the whole map: a country map has a marker per community, and a
    # reverse() each cost more than the rest of the list.
    url = reverse("communities:community_detail", kwargs={"pk": _URL_PK})
    prefix, suffix = url.split(str(_URL_PK), 1)
    markers = []
    for community in communities:
        if community.latitude is None or community.longitude is None:
            continue
        marker: dict[str, Any] = {
            # Popups are plain text: a name in another language carries its marker in words.
            "name": marked_text(community, "name"),
            "lat": float(community.latitude),
            "lng": float(community.longitude),
            "url": f"{prefix}{community.pk}{suffix}",
        }
        note = approximate_location_note(community)
        if note:
            marker["approximate"] = True
            marker["note"] = note
        markers.append(marker)
    return markers
