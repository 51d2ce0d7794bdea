"""Public open-data datasets: their columns, what each column means, and the rows, read
with a server-side cursor so any size streams in flat memory."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, Max, QuerySet, Sum, TextField, Value
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from communities.models import Activity, Community, ProjectCommunity
from grants.models import Grant
from projects.models import Project, public_project_q

CHUNK_SIZE = 2000


@dataclass(frozen=True)
class Column:
    name: str
    definition: Any


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: Any
    description: Any
    columns: tuple[Column, ...]

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _public_url(name: str, **kwargs: Any) -> str:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


def _text(field: str) -> Any:
    """The translated text in SQL (active language, then its fallbacks): modeltranslation's
    own fallback builds a model instance per row, which dominates million-row exports."""
    from django.db.models import F
    from django.db.models.functions import NullIf
    from django.utils.translation import get_language

    from core.i18n import fallback_order

    language = (get_language() or "ru").split("-")[0]
    order = [language, *fallback_order(language)]
    seen = list(dict.fromkeys(code.split("-")[0] for code in order))
    text = TextField()
    return Coalesce(
        *(NullIf(F(f"{field}_{code}"), Value(""), output_field=text) for code in seen),
        Value(""),
        output_field=text,
    )


def project_rows() -> Iterator[list[Any]]:
    projects = Project.objects.public().order_by("pk")
    fields = [
        "slug",
        "title",
        "status",
        "planned_start",
        "planned_end",
        "actual_start",
        "actual_end",
        "budget",
        "currency",
    ]
    for row in projects.values_list(*fields).iterator(chunk_size=CHUNK_SIZE):
        yield [*row, _public_url("projects:project_detail", slug=row[0])]


def _covered_links() -> QuerySet[ProjectCommunity]:
    return ProjectCommunity.objects.filter(project__in=Project.objects.public().values("pk"))


def community_rows() -> Iterator[list[Any]]:
    public = public_project_q("project_links__project__")
    communities = (
        Community.objects.filter(pk__in=_covered_links().values("community"))
        .annotate(
            project_count=Count("project_links", filter=public),
            people=Max("project_links__population_covered", filter=public),
        )
        .order_by("pk")
        .values_list(
            "pk",
            "soate_code",
            "name",
            "kind",
            "country",
            "region__code",
            "district__name",
            "latitude",
            "longitude",
            "project_count",
            "people",
        )
    )
    yield from (list(row) for row in communities.iterator(chunk_size=CHUNK_SIZE))


def grant_rows() -> Iterator[list[Any]]:
    grants = (
        Grant.objects.public()
        .annotate(
            paid=Coalesce(
                Sum("disbursements__paid_amount"),
                Value(Decimal(0)),
                output_field=DecimalField(max_digits=16, decimal_places=2),
            )
        )
        .order_by("pk")
        .values_list(
            "reference",
            "title",
            "programme__slug",
            "grantee__name",
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


def activity_rows() -> Iterator[list[Any]]:
    # The URL is built once and formatted per row: reverse() per row would dominate the
    # cost of a million-row export.
    template = _public_url("projects:news_detail", pk=987654321).replace("987654321", "{}")
    # rewrite(False): no translated field is read by name (the title is chosen in SQL), and
    # modeltranslation's values_list otherwise builds two dicts per row to apply fallbacks.
    activities = (
        Activity.objects.published()
        .rewrite(False)
        .annotate(title_text=_text("title"))
        .order_by("pk")
        .values_list("pk", "date", "project__slug", "kind", "title_text", "women", "men", "youth")
    )
    for row in activities.iterator(chunk_size=CHUNK_SIZE):
        yield [*row, template.format(row[0]) if template else ""]


DATASETS: dict[str, tuple[Dataset, Any]] = {
    "projects": (
        Dataset(
            "projects",
            _("Public projects"),
            _("Every project published on the portal."),
            (
                Column("slug", _("Stable identifier of the project in portal addresses.")),
                Column("title", _("Project title in the language of the download.")),
                Column("status", _("planned, active, completed or cancelled.")),
                Column("planned_start", _("Planned start date (YYYY-MM-DD).")),
                Column("planned_end", _("Planned end date (YYYY-MM-DD).")),
                Column("actual_start", _("Actual start date, when known.")),
                Column("actual_end", _("Actual end date, when known.")),
                Column("budget", _("Total budget in the project currency; empty when unknown.")),
                Column("currency", _("ISO 4217 currency code of the budget.")),
                Column("url", _("Address of the project page.")),
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
                Column("id", _("Portal identifier of the community.")),
                Column("soate_code", _("Code in the national classifier (SOATE), when known.")),
                Column("name", _("Community name.")),
                Column(
                    "kind", _("ayil_aimak, jamoat, town, city, urban_settlement or city_district.")
                ),
                Column("country", _("ISO 3166-1 country code.")),
                Column("region_code", _("ISO 3166-2 code of the region.")),
                Column("district", _("District name.")),
                Column("latitude", _("WGS 84 latitude.")),
                Column("longitude", _("WGS 84 longitude.")),
                Column("projects", _("Number of public projects targeting the community.")),
                Column(
                    "population_covered",
                    _("Largest population-covered figure reported by those projects."),
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
                Column("programme", _("Identifier of the grant programme.")),
                Column("grantee", _("Organisation that received the grant.")),
                Column("grantee_type", _("civil_society or local_government.")),
                Column("region_code", _("ISO 3166-2 code of the region.")),
                Column("amount", _("Amount awarded; empty when not published.")),
                Column("currency", _("ISO 4217 currency code.")),
                Column("start_date", _("Start date.")),
                Column("end_date", _("End date.")),
                Column("status", _("active, completed, suspended or terminated.")),
                Column("paid", _("Total paid to date in the grant currency.")),
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
                Column("id", _("Portal identifier of the activity.")),
                Column("date", _("Date of the activity.")),
                Column("project", _("Identifier (slug) of the project.")),
                Column(
                    "kind",
                    _(
                        "meeting, training, campaign, exhibition, study, "
                        "infrastructure, mediation, cultural_event or media."
                    ),
                ),
                Column("title", _("Title.")),
                Column("women", _("Women taking part.")),
                Column("men", _("Men taking part.")),
                Column("youth", _("Of the women and men, young people.")),
                Column("url", _("Address of the activity page.")),
            ),
        ),
        activity_rows,
    ),
}
