"""Filters for the public project and news lists. Every value travels in the query string
(slugs and codes, not ids) so a filtered list is a link a donor can share."""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_filters
from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from communities.models import Activity, ProjectCommunity, Region
from core.cache import cached_fragment, request_value
from core.choices import Country
from core.db import compiled_rows
from core.filters import (
    FastSelect,
    ListedChoiceFilter,
    RowsModelChoiceFilter,
    label_lookup,
    listed_choices,
)
from core.i18n import marked_text, translated
from core.search import filter_by_document
from projects.cache_scopes import PROJECTS
from projects.models import (
    Organisation,
    PartnerRole,
    Partnership,
    Project,
    ProjectStatus,
    Theme,
    public_project_q,
)
from projects.selectors import donors, implementers, public_projects


def _organisations_by_projects(role: str) -> QuerySet[Organisation]:
    """Organisations in ``role`` on public projects, those on most projects first."""
    # Filtering before the count joins only the partnerships in that role (an inner join):
    # counting with a filter ran over every organisation, most with no partnership at all
    # (4,000 rows grouped for 160 donors at scale 10, 19 ms -> 1 ms).
    return (
        Organisation.objects.filter(
            public_project_q("partnerships__project__"), partnerships__role=role
        )
        .annotate(projects_in_role=Count("partnerships"))
        .only("id", "slug", *translated("name"))
        .order_by("-projects_in_role", "slug")
    )


def _marked_name(organisation: Organisation) -> str:
    # An option cannot hold the pages' marker element; its text carries it.
    return marked_text(organisation, "name")


def _donor_choices() -> list[tuple[str, str]]:
    return listed_choices(
        "donors",
        lambda: _organisations_by_projects(PartnerRole.FUNDING),
        label=_marked_name,
        scopes=[PROJECTS],
    )


def _implementer_choices() -> list[tuple[str, str]]:
    return listed_choices(
        "implementers",
        lambda: _organisations_by_projects(PartnerRole.IMPLEMENTING),
        label=_marked_name,
        scopes=[PROJECTS],
    )


def _project_choices() -> list[tuple[str, str]]:
    # The projects most likely to be looked for: the most recently started ones.
    return listed_choices(
        "news-projects",
        lambda: (
            public_projects()
            .only("id", "slug", "title_en", "title_ru", "title_ky", "title_tg")
            .order_by(F("planned_start").desc(nulls_last=True), "slug")
        ),
        label=lambda project: marked_text(project, "title"),
        scopes=[PROJECTS],
    )


def _covered_regions(request: Any = None) -> QuerySet[Region]:
    return Region.objects.filter(
        Exists(
            ProjectCommunity.objects.filter(
                public_project_q("project__"), community__region=OuterRef("pk")
            )
        )
    ).order_by("country", "code")


# The options of the drop-downs below do not change with the search word or the other
# filters: read once per version of the projects section (every request when the cache is
# off, then once per request: the check of a chosen value and the select share the read).
def _region_rows() -> list[Region]:
    return cached_fragment(
        "filter-options:project-regions",
        lambda: compiled_rows("project-regions", _covered_regions),
        per_language=False,
        scopes=[PROJECTS],
    )


def _theme_rows() -> list[Theme]:
    return cached_fragment(
        "filter-options:project-themes",
        lambda: compiled_rows("project-themes", _public_themes),
        per_language=False,
        scopes=[PROJECTS],
    )


def _project_year_span() -> tuple[int, int] | None:
    # The list offers every year from the earliest date to the latest, so only the ends are
    # needed: one aggregate, not two DISTINCTs over every public project's dates.
    span = public_projects().aggregate(
        first_start=Min("planned_start"),
        last_start=Max("planned_start"),
        first_end=Min("planned_end"),
        last_end=Max("planned_end"),
    )
    firsts = [day.year for day in (span["first_start"], span["first_end"]) if day]
    lasts = [day.year for day in (span["last_start"], span["last_end"]) if day]
    return (min(firsts), max(lasts)) if firsts else None


def _project_years() -> list[tuple[int, int]]:
    # Asked for when the form checks a chosen year and again when it renders the select.
    span = request_value(
        "project-years",
        lambda: cached_fragment(
            "filter-options:project-years",
            _project_year_span,
            per_language=False,
            scopes=[PROJECTS],
        ),
    )
    if span is None:
        return []
    first, last = span
    return [(year, year) for year in range(last, first - 1, -1)]


def _public_themes(request: Any = None) -> QuerySet[Theme]:
    # EXISTS per theme (a handful) rather than DISTINCT over every public project's themes.
    return Theme.objects.filter(
        Exists(
            Project.themes.through.objects.filter(
                public_project_q("project__"), theme=OuterRef("pk")
            )
        )
    )


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    country = django_filters.ChoiceFilter(
        widget=FastSelect, label=_("Country"), choices=Country.choices, method="filter_country"
    )
    region = RowsModelChoiceFilter(
        label=_("Region"),
        model=Region,
        rows=_region_rows,
        to_field_name="code",
        method="filter_region",
        empty_label=_("All regions"),
    )
    donor = ListedChoiceFilter(
        label=_("Donor"),
        choices=_donor_choices,
        lookup=label_lookup(donors()),
        method="filter_donor",
        empty_label=_("All donors"),
    )
    implementer = ListedChoiceFilter(
        label=_("Implementing organisation"),
        choices=_implementer_choices,
        lookup=label_lookup(implementers()),
        method="filter_implementer",
        empty_label=_("All organisations"),
    )
    status = django_filters.ChoiceFilter(
        widget=FastSelect,
        label=_("Status"),
        choices=ProjectStatus.choices,
        empty_label=_("Any status"),
    )
    theme = RowsModelChoiceFilter(
        label=_("Theme"),
        model=Theme,
        rows=_theme_rows,
        to_field_name="slug",
        method="filter_theme",
        empty_label=_("All themes"),
    )
    year = django_filters.ChoiceFilter(
        widget=FastSelect,
        label=_("Year"),
        choices=_project_years,
        method="filter_year",
        empty_label=_("Any year"),
    )

    class Meta:
        model = Project
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["country"].extra["empty_label"] = _("Both countries")

    def filter_text(self, queryset: QuerySet[Project], name: str, value: str) -> QuerySet[Project]:
        # The stored search documents (core.search): GIN-indexed, every record, any script.
        return filter_by_document(queryset, value, "projects")

    def _targets(self, **lookup: Any) -> Any:
        return Exists(ProjectCommunity.objects.filter(project=OuterRef("pk"), **lookup))

    def filter_country(self, queryset: QuerySet[Project], name: str, value: str) -> Any:
        return queryset.filter(self._targets(community__country=value))

    def filter_region(self, queryset: QuerySet[Project], name: str, value: Region) -> Any:
        return queryset.filter(self._targets(community__region=value))

    def filter_donor(self, queryset: QuerySet[Project], name: str, value: Any) -> Any:
        return queryset.filter(
            Exists(
                Partnership.objects.filter(
                    project=OuterRef("pk"), organisation__slug=value, role=PartnerRole.FUNDING
                )
            )
        )

    def filter_implementer(self, queryset: QuerySet[Project], name: str, value: Any) -> Any:
        return queryset.filter(
            Exists(
                Partnership.objects.filter(
                    project=OuterRef("pk"),
                    organisation__slug=value,
                    role=PartnerRole.IMPLEMENTING,
                )
            )
        )

    def filter_theme(self, queryset: QuerySet[Project], name: str, value: Theme) -> Any:
        return queryset.filter(
            Exists(Project.themes.through.objects.filter(project=OuterRef("pk"), theme=value))
        )

    def filter_year(self, queryset: QuerySet[Project], name: str, value: str) -> Any:
        """Projects running at any time during the year."""
        year = int(value)
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        return queryset.filter(
            Q(planned_start__lte=last) | Q(planned_start=None),
            Q(planned_end__gte=first) | Q(planned_end=None),
        ).exclude(planned_start=None, planned_end=None)


class NewsFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    project = ListedChoiceFilter(
        label=_("Project"),
        choices=_project_choices,
        lookup=label_lookup(public_projects()),
        field_name="project__slug",
        empty_label=_("All projects"),
    )

    class Meta:
        model = Activity
        fields: list[str] = []

    def filter_text(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        # The stored search documents (core.search): GIN-indexed, every record, any script.
        return filter_by_document(queryset, value, "news")
