"""Public open-data datasets: their columns, what each column means, and the rows, read
with a server-side cursor so any size streams in flat memory."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, DecimalField, Max, QuerySet, Sum
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from communities.models import Activity, Community, ProjectCommunity
from core.i18n import language_in_sql, text_in_sql
from grants.models import Grant
from projects.models import Project, public_project_q

CHUNK_SIZE = 2000


# Every dataset is published under this licence; datapackage.json names it.
LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}


@dataclass(frozen=True)
class Column:
    name: str
    definition: Any
    # Table Schema type (and format) of the column in the CSV file.
    type: str = "string"
    format: str = ""


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: Any
    description: Any
    columns: tuple[Column, ...]

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def table_schema(self) -> dict[str, Any]:
        fields = []
        for column in self.columns:
            field: dict[str, Any] = {
                "name": column.name,
                "type": column.type,
                "description": str(column.definition),
            }
            if column.format:
                field["format"] = column.format
            fields.append(field)
        # An empty cell is a value not known (never written as 0).
        return {"fields": fields, "missingValues": [""]}

    def datapackage(self, *, csv_url: str, homepage: str) -> dict[str, Any]:
        """A Frictionless Data Package describing the CSV download (absolute URLs)."""
        return {
            "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
            "name": self.slug,
            "title": str(self.title),
            "description": str(self.description),
            "homepage": homepage,
            "licenses": [LICENCE],
            "resources": [
                {
                    "name": self.slug,
                    "path": csv_url,
                    "format": "csv",
                    "mediatype": "text/csv",
                    "encoding": "utf-8",
                    "licenses": [LICENCE],
                    "schema": self.table_schema(),
                }
            ],
        }


def _public_url(name: str, **kwargs: Any) -> str:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


def project_rows(base: str = "") -> Iterator[list[Any]]:
    """``base`` (scheme and host) makes the page addresses absolute."""
    projects = Project.objects.public().annotate(title_language=language_in_sql("title"))
    projects = projects.order_by("pk")
    fields = [
        "slug",
        "title",
        "title_language",
        "status",
        "planned_start",
        "planned_end",
        "actual_start",
        "actual_end",
        "budget",
        "currency",
    ]
    for row in projects.values_list(*fields).iterator(chunk_size=CHUNK_SIZE):
        yield [*row, base + _public_url("projects:project_detail", slug=row[0])]


def _covered_links() -> QuerySet[ProjectCommunity]:
    return ProjectCommunity.objects.filter(project__in=Project.objects.public().values("pk"))


def community_rows(base: str = "") -> Iterator[list[Any]]:
    public = public_project_q("project_links__project__")
    communities = (
        Community.objects.filter(pk__in=_covered_links().values("community"))
        # The names in the download's language, else the first fallback's, as the pages show
        # them: ``values_list("district__name")`` read the stored column, the language of
        # whoever saved the district last (a Russian name in the English download).
        .rewrite(False)
        .annotate(
            project_count=Count("project_links", filter=public),
            people=Max("project_links__population_covered", filter=public),
            name_text=text_in_sql("name"),
            district_text=text_in_sql("district__name"),
        )
        .order_by("pk")
        .values_list(
            "pk",
            "soate_code",
            "name_text",
            "kind",
            "country",
            "region__code",
            "district_text",
            "latitude",
            "longitude",
            "project_count",
            "people",
        )
    )
    yield from (list(row) for row in communities.iterator(chunk_size=CHUNK_SIZE))


def grant_rows(base: str = "") -> Iterator[list[Any]]:
    grants = (
        Grant.objects.public()
        # No Coalesce: with no payment recorded the amount paid is not known, not 0.
        .annotate(
            paid=Sum(
                "disbursements__paid_amount",
                output_field=DecimalField(max_digits=16, decimal_places=2),
            )
        )
        # The grantee's name as the pages show it (see community_rows).
        .annotate(
            title_language=language_in_sql("title"), grantee_name=text_in_sql("grantee__name")
        )
        .order_by("pk")
        .values_list(
            "reference",
            "title",
            "title_language",
            "programme__slug",
            "grantee_name",
            "grantee_type",
            "region__code",
            "amount",
            "currency",
            "start_date",
            "end_date",
            "status",
            "paid",
        )
    )
    yield from (list(row) for row in grants.iterator(chunk_size=CHUNK_SIZE))


def activity_rows(base: str = "") -> Iterator[list[Any]]:
    # The URL is built once and formatted per row: reverse() per row would dominate the
    # cost of a million-row export.
    template = _public_url("projects:news_detail", pk=987654321).replace("987654321", "{}")
    # rewrite(False): no translated field is read by name (the title is chosen in SQL), and
    # modeltranslation's values_list otherwise builds two dicts per row to apply fallbacks.
    activities = (
        Activity.objects.published()
        .filter(is_illustrative=False)
        .rewrite(False)
        .annotate(title_text=text_in_sql("title"), title_language=language_in_sql("title"))
        .order_by("pk")
        .values_list(
            "pk",
            "date",
            "project__slug",
            "kind",
            "title_text",
            "title_language",
            "women",
            "men",
            "youth",
        )
    )
    for row in activities.iterator(chunk_size=CHUNK_SIZE):
        yield [*row, base + template.format(row[0]) if template else ""]


TITLE_LANGUAGE_HELP = _(
    "Language the title is in (en, ru, ky or tg): the download's own, or the first language "
    "that has a title when it has none, in the order the pages use."
)

DATASETS: dict[str, tuple[Dataset, Any]] = {
    "projects": (
        Dataset(
            "projects",
            _("Public projects"),
            _("Every project published on the portal."),
            (
                Column("slug", _("Stable identifier of the project in portal addresses.")),
                Column("title", _("Project title in the language of the download.")),
                Column("title_language", TITLE_LANGUAGE_HELP),
                Column("status", _("planned, active, completed or cancelled.")),
                Column("planned_start", _("Planned start date (YYYY-MM-DD)."), type="date"),
                Column("planned_end", _("Planned end date (YYYY-MM-DD)."), type="date"),
                Column("actual_start", _("Actual start date, when known."), type="date"),
                Column("actual_end", _("Actual end date, when known."), type="date"),
                Column(
                    "budget",
                    _("Total budget in the project currency; empty when unknown."),
                    type="number",
                ),
                Column("currency", _("ISO 4217 currency code of the budget.")),
                Column("url", _("Address of the project page."), format="uri"),
            ),
        ),
        project_rows,
    ),
    "communities": (
        Dataset(
            "communities",
            _("Communities covered"),
            _("Communities that are the target of at least one public project."),
            (
                Column("id", _("Portal identifier of the community."), type="integer"),
                Column("soate_code", _("Code in the national classifier (SOATE), when known.")),
                Column("name", _("Community name.")),
                Column(
                    "kind", _("ayil_aimak, jamoat, town, city, urban_settlement or city_district.")
                ),
                Column("country", _("ISO 3166-1 country code.")),
                Column("region_code", _("ISO 3166-2 code of the region.")),
                Column("district", _("District name.")),
                Column("latitude", _("WGS 84 latitude."), type="number"),
                Column("longitude", _("WGS 84 longitude."), type="number"),
                Column(
                    "projects",
                    _("Number of public projects targeting the community."),
                    type="integer",
                ),
                Column(
                    "population_covered",
                    _("Largest population-covered figure reported by those projects."),
                    type="integer",
                ),
            ),
        ),
        community_rows,
    ),
    "grants": (
        Dataset(
            "grants",
            _("Grants"),
            _("Grants of public grant programmes."),
            (
                Column("reference", _("Grant ID within its programme.")),
                Column("title", _("Grant title.")),
                Column("title_language", TITLE_LANGUAGE_HELP),
                Column("programme", _("Identifier of the grant programme.")),
                Column("grantee", _("Organisation that received the grant.")),
                Column("grantee_type", _("civil_society or local_government.")),
                Column("region_code", _("ISO 3166-2 code of the region.")),
                Column("amount", _("Amount awarded; empty when not published."), type="number"),
                Column("currency", _("ISO 4217 currency code.")),
                Column("start_date", _("Start date."), type="date"),
                Column("end_date", _("End date."), type="date"),
                Column("status", _("active, completed, suspended or terminated.")),
                Column(
                    "paid",
                    _(
                        "Total paid to date in the grant currency; empty when no payment is "
                        "recorded."
                    ),
                    type="number",
                ),
            ),
        ),
        grant_rows,
    ),
    "activities": (
        Dataset(
            "activities",
            _("Published activities"),
            _("Activities published on public projects."),
            (
                Column("id", _("Portal identifier of the activity."), type="integer"),
                Column("date", _("Date of the activity."), type="date"),
                Column("project", _("Identifier (slug) of the project.")),
                Column(
                    "kind",
                    _(
                        "meeting, training, campaign, exhibition, study, "
                        "infrastructure, mediation, cultural_event or media."
                    ),
                ),
                Column("title", _("Title.")),
                Column("title_language", TITLE_LANGUAGE_HELP),
                Column("women", _("Women taking part; empty when not recorded."), type="integer"),
                Column("men", _("Men taking part; empty when not recorded."), type="integer"),
                Column("youth", _("Of the women and men, young people."), type="integer"),
                Column("url", _("Address of the activity page."), format="uri"),
            ),
        ),
        activity_rows,
    ),
}
