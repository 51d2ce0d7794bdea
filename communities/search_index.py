"""How places (regions, districts, communities), projects and news become search documents.

Projects are registered here rather than in ``projects``: a project's document carries the
names of its target places, and ``projects`` may not know about communities. Registered from
``CommunitiesConfig.ready()``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q, QuerySet

from communities.gazetteer import build_lookup_names, unit_names
from communities.models import Activity, Community, District, ProjectCommunity, Region
from communities.selectors import public_community_sources
from core.i18n import content_languages, marked_text
from core.models import SearchDocument
from core.search_index import (
    SearchEntry,
    names_of,
    neutral_path,
    per_language,
    register_search_dependency,
    register_search_m2m,
    register_search_source,
    texts_of,
)
from projects.models import Organisation, Partnership, Project, public_project_q

PLACE_BOOST = 2
PROJECT_BOOST = 1


def _place_keys(unit: Region | District | Community) -> list[str]:
    # The gazetteer's normalised forms, stems («баткенск» → «баткен») and Latin skeletons.
    lookup = unit.lookup_names or build_lookup_names(unit_names(unit))
    return [key.lstrip("@") for key in lookup.split("|") if key]


def _place_entry(unit: Region | District | Community, parents: list[Any]) -> SearchEntry:
    def detail() -> str:
        parts = [str(unit.get_kind_display())]
        parts += [str(parent) for parent in parents if parent is not None]
        return " · ".join(parts)

    context = [name for parent in parents for name in names_of(parent)]
    return SearchEntry(
        path=neutral_path(unit),
        titles=texts_of(unit, "name"),
        details=per_language(detail),
        context=context,
        keys=_place_keys(unit),
        boost=PLACE_BOOST,
    )


def _regions(pks: list[int] | None) -> QuerySet[Region]:
    regions = Region.objects.all()
    return regions if pks is None else regions.filter(pk__in=pks)


def _districts(pks: list[int] | None) -> QuerySet[District]:
    districts = District.objects.select_related("region")
    return districts if pks is None else districts.filter(pk__in=pks)


def _public_community_q(pks: list[int] | None) -> Q:
    """The same rule as ``selectors.public_communities()``, without its per-version cache
    (a save must see its own effect), limited to ``pks`` when given."""
    targeted = ProjectCommunity.objects.filter(public_project_q("project__"))
    in_news = Activity.communities.through.objects.filter(activity__in=Activity.objects.published())
    if pks is not None:
        targeted = targeted.filter(community_id__in=pks)
        in_news = in_news.filter(community_id__in=pks)
    public = Q(pk__in=targeted.values("community_id")) | Q(pk__in=in_news.values("community_id"))
    for source in public_community_sources():
        rows = source()
        if pks is not None:
            rows = rows.filter(community_id__in=pks)
        public |= Q(pk__in=rows)
    return public


def _communities(pks: list[int] | None) -> QuerySet[Community]:
    communities = Community.objects.select_related("region", "district")
    if pks is not None:
        communities = communities.filter(pk__in=pks)
    return communities.filter(_public_community_q(pks))


def _projects(pks: list[int] | None) -> QuerySet[Project]:
    projects = Project.objects.public().prefetch_related(
        Prefetch(
            "target_communities",
            queryset=ProjectCommunity.objects.select_related(
                "community", "community__district", "community__region"
            ),
        ),
        Prefetch("partnerships", queryset=Partnership.objects.select_related("organisation")),
    )
    return projects if pks is None else projects.filter(pk__in=pks)


def _project_places(project: Project) -> list[str]:
    names: list[str] = []
    for link in project.target_communities.all():
        community = link.community
        for unit in (community, community.district, community.region):
            names += names_of(unit)
    return names


def _project_entry(project: Project) -> SearchEntry:
    partners = [p.organisation for p in project.partnerships.all()]
    organisation_names = [n for o in partners for n in [*names_of(o), o.acronym] if n]

    def detail() -> str:
        return str(project.get_status_display())

    return SearchEntry(
        path=neutral_path(project),
        titles=texts_of(project, "title"),
        details=per_language(detail),
        summaries=texts_of(project, "summary"),
        context=[*_project_places(project), *organisation_names],
        body=[*names_of(project, "summary"), *names_of(project, "description")],
        date=project.planned_start or project.actual_start,
        boost=PROJECT_BOOST,
    )


def place_names_by_record(
    through: type[Any], owner_column: str, owner_ids: list[int]
) -> dict[int, list[str]]:
    """The names of each record's communities, with their district and region, in every
    language, read from the m2m table ``through`` in one query, as plain values: the
    prefetch it replaces made three model instances per link (most of the time a rebuild
    spent on a news item). In the communities' own order (region, then name)."""
    units = ("community__", "community__district__", "community__region__")
    columns = [f"{unit}name_{code}" for unit in units for code in content_languages()]
    rows = (
        through.objects.filter(**{f"{owner_column}__in": owner_ids})
        .order_by("community__region__country", "community__region__code", "community__name")
        .values_list(owner_column, *columns)
    )
    names: dict[int, list[str]] = {owner_id: [] for owner_id in owner_ids}
    for owner_id, *texts in rows:
        names[owner_id] += [text for text in texts if text]
    return names


def _news(pks: list[int] | None) -> QuerySet[Activity]:
    # The project by prefetch, not a join: one instance per project in a batch, not one per
    # news item (a project has hundreds), and its title per language is worked out once.
    news = Activity.objects.published().prefetch_related("project")
    return news if pks is None else news.filter(pk__in=pks)


def _prepare_news(batch: list[Activity]) -> None:
    places = place_names_by_record(
        Activity.communities.through, "activity_id", [activity.pk for activity in batch]
    )
    for activity in batch:
        activity.search_places = places[activity.pk]  # type: ignore[attr-defined]  # carried on the batch's rows for the fields


def _project_detail(project: Project) -> dict[str, str]:
    cached: dict[str, str] | None = getattr(project, "search_detail", None)
    if cached is None:
        # The project's title carries the marker when it is in another language (issue #21).
        cached = per_language(lambda: marked_text(project, "title"))
        project.search_detail = cached  # type: ignore[attr-defined]  # computed once per project per rebuild
    return cached


def _news_entry(activity: Activity) -> SearchEntry:
    places: list[str] = activity.search_places  # type: ignore[attr-defined]  # set by _prepare_news
    return SearchEntry(
        path=neutral_path(activity),
        titles=texts_of(activity, "title"),
        details=dict(_project_detail(activity.project)),
        summaries=texts_of(activity, "description"),
        context=[*places, *names_of(activity.project, "title")],
        body=names_of(activity, "description"),
        date=activity.date,
    )


# --- What a save touches ---------------------------------------------------------------------

Affected = Iterable[tuple[type[Any], Iterable[int]]]


def _project_affects(project: Project) -> Affected:
    # Publishing or archiving a project shows or hides its places, news and partners. Its
    # news (thousands for a long project) are reindexed only when that actually changes:
    # the project had a document before this save exactly when it was public.
    was_public = SearchDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(Project), object_id=project.pk
    ).exists()
    is_public = project.is_shown_publicly
    yield (
        Community,
        ProjectCommunity.objects.filter(project_id=project.pk).values_list(
            "community_id", flat=True
        ),
    )
    if was_public != is_public:
        yield (
            Activity,
            Activity.objects.filter(project_id=project.pk).values_list("pk", flat=True),
        )
        # A community its published news name, but that is not among its targets, is public
        # through that news alone: it appears or goes with the project too.
        yield (
            Community,
            Activity.communities.through.objects.filter(activity__project_id=project.pk)
            .values_list("community_id", flat=True)
            .distinct(),
        )
    yield (
        Organisation,
        Partnership.objects.filter(project_id=project.pk).values_list("organisation_id", flat=True),
    )


def _target_affects(link: ProjectCommunity) -> Affected:
    yield Community, [link.community_id]
    yield Project, [link.project_id]


def _activity_affects(activity: Activity) -> Affected:
    if activity.pk:
        yield Community, activity.communities.values_list("pk", flat=True)


def _activity_places_changed(
    instance: Any, action: str, pk_set: set[int] | None, reverse: bool
) -> Affected:
    if reverse:  # community.activities.add(…)
        yield Community, [instance.pk]
        yield Activity, pk_set or []
    else:
        yield Activity, [instance.pk]
        if pk_set:
            yield Community, pk_set
        elif action == "pre_clear":
            yield Community, instance.communities.values_list("pk", flat=True)


def _partnership_affects(partnership: Partnership) -> Affected:
    yield Organisation, [partnership.organisation_id]
    yield Project, [partnership.project_id]


def register() -> None:
    register_search_source(
        Region,
        section="places",
        records=_regions,
        entry=lambda region: _place_entry(region, []),
    )
    register_search_source(
        District,
        section="places",
        records=_districts,
        entry=lambda district: _place_entry(district, [district.region]),
    )
    register_search_source(
        Community,
        section="places",
        records=_communities,
        entry=lambda community: _place_entry(community, [community.district, community.region]),
    )
    register_search_source(Project, section="projects", records=_projects, entry=_project_entry)
    register_search_source(
        Activity, section="news", records=_news, entry=_news_entry, prepare=_prepare_news
    )
    register_search_dependency(Project, _project_affects)
    register_search_dependency(ProjectCommunity, _target_affects)
    register_search_dependency(Activity, _activity_affects)
    register_search_dependency(Partnership, _partnership_affects)
    register_search_m2m(Activity.communities.through, _activity_places_changed)
