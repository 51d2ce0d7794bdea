"""Public reads for projects, organisations and news.

Everything here is safe to show anonymously: each queryset starts from the public managers
(``Project.objects.public()``, ``Activity.objects.published()``, ``Grant.objects.public()``)
and owns its joins, so a page runs the same number of queries however much data it shows.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import (
    Exists,
    F,
    OuterRef,
    Prefetch,
    QuerySet,
)
from django.http import Http404

from core.i18n import translated
from projects.access import staff_roles
from projects.models import (
    MANAGE_ROLES,
    Organisation,
    PartnerRole,
    Partnership,
    Project,
    ProjectBudgetLine,
    StaffRole,
    Theme,
    public_project_q,
)

# How many rows a detail page lists before linking to the full, paginated list.
DETAIL_LIST_LIMIT = 10


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
    """The project with its programme and its themes, read together: one row per theme
    (one row, with no theme, for a project without themes), the themes put where
    ``prefetch_related("themes")`` would, so ``project.themes.all()`` reads nothing more."""
    theme_fields = [field.attname for field in Theme._meta.concrete_fields]
    rows = list(
        public_projects()
        .select_related("programme")
        .filter(slug=slug)
        .annotate(**{f"joined_theme_{name}": F(f"themes__{name}") for name in theme_fields})
        .order_by("themes__slug")
    )
    if not rows:
        raise Http404
    project = rows[0]
    themes = [
        Theme.from_db(
            rows[0]._state.db,
            theme_fields,
            [getattr(row, f"joined_theme_{name}") for name in theme_fields],
        )
        for row in rows
        if row.joined_theme_id is not None  # type: ignore[attr-defined]  # annotated above
    ]
    cached = project.themes.all()
    cached._result_cache = themes
    cached._prefetch_done = True  # type: ignore[attr-defined]  # as prefetch_related sets it
    project._prefetched_objects_cache = {"themes": cached}  # type: ignore[attr-defined]  # where prefetch_related("themes") would put them
    return project


def project_partners(project: Project) -> QuerySet[Partnership]:
    return (
        project.partnerships.select_related("organisation")
        .order_by("-is_lead", "role", "organisation__slug")
        .all()
    )


# --- News ----------------------------------------------------------------------------------


# --- Organisations ---------------------------------------------------------------------------


def organisation_partnerships(organisation: Organisation) -> QuerySet[Partnership]:
    return (
        Partnership.objects.filter(public_project_q("project__"), organisation=organisation)
        .select_related("project")
        .order_by(F("project__planned_start").desc(nulls_last=True), "project__slug", "role")
    )


def donors() -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        Exists(
            Partnership.objects.filter(
                public_project_q("project__"), organisation=OuterRef("pk"), role=PartnerRole.FUNDING
            )
        )
    )


def implementers() -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        Exists(
            Partnership.objects.filter(
                public_project_q("project__"),
                organisation=OuterRef("pk"),
                role=PartnerRole.IMPLEMENTING,
            )
        )
    )


# --- Home ------------------------------------------------------------------------------------


# --- Project setup (staff) ----------------------------------------------------------------


def project_setup_partners(project: Project) -> QuerySet[Partnership]:
    """Every partner of the project, the lead first, with its organisation."""
    return project.partnerships.select_related("organisation").order_by(
        "-is_lead", "role", "organisation__slug"
    )


def project_budget_lines(project: Project) -> QuerySet[ProjectBudgetLine]:
    return project.budget_lines.select_related("source_organisation").order_by(
        F("year").asc(nulls_first=True), "currency", "pk"
    )


def budget_totals(lines: list[ProjectBudgetLine]) -> list[dict[str, Any]]:
    """Sum of the lines per currency, from lines already loaded (no query of its own)."""
    totals: dict[str, Decimal] = {}
    for line in lines:
        totals[line.currency] = totals.get(line.currency, Decimal("0")) + line.amount
    return [{"currency": code, "amount": amount} for code, amount in sorted(totals.items())]


def staff_organisations(user: Any) -> list[Organisation]:
    """The organisations the user is staff of, by name, each with ``staff_role_label`` and
    ``may_translate`` (the user may add translations of its name)."""
    roles = staff_roles(user)
    if not roles:
        # Django would build the query only to find it empty (a committee member from
        # outside the partner organisations, or an account not linked yet).
        return []
    organisations = list(Organisation.objects.filter(pk__in=list(roles)).order_by("name"))
    for organisation in organisations:
        organisation.staff_role_label = StaffRole(roles[organisation.pk]).label  # type: ignore[attr-defined]  # a label for the template
        organisation.may_translate = roles[organisation.pk] in MANAGE_ROLES  # type: ignore[attr-defined]  # a flag for the template
    return organisations
