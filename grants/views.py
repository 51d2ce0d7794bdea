"""Public grants directory: every grant of a public programme, with totals for the
current filter, each grant's page and each programme's page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.cache import cached_fragment, cached_public_page
from core.db import compiled_rows
from core.pagination import KnownCountPaginator
from grants import selectors
from grants.cache_scopes import GRANTS, grant_scope, programme_scope
from grants.filters import GrantFilter
from grants.models import GrantProgramme
from projects.cache_scopes import PROJECTS

GRANTS_PER_PAGE = 25


def _listed_programmes() -> list[GrantProgramme]:
    # Every public programme, under the directory whatever its filters: kept per version of
    # the page's sections, its SQL compiled once (it runs on every new search otherwise).
    return cached_fragment(
        "grant-directory-programmes",
        lambda: compiled_rows(
            "grant-directory-programmes", lambda: selectors.public_programmes().order_by("slug")
        ),
        per_language=False,
        scopes=[GRANTS, PROJECTS],
    )


@cached_public_page(scopes=[GRANTS, PROJECTS], parameters=[*GrantFilter.base_filters, "page"])
def grant_list(request: HttpRequest) -> HttpResponse:
    grant_filter = GrantFilter(request.GET or None, queryset=selectors.grant_list())
    totals = selectors.grant_totals(grant_filter.qs)
    # The totals already count the selection: the paginator takes that number instead of
    # a second COUNT over the same filtered grants.
    paginator = KnownCountPaginator(grant_filter.qs, GRANTS_PER_PAGE, count=totals.count)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "grants/grant_list.html",
        {
            "filter": grant_filter,
            "page": page,
            "grants": page.object_list,
            "totals": totals,
            "programmes": _listed_programmes(),
        },
    )


@cached_public_page(scopes=lambda pk: [grant_scope(pk), PROJECTS], parameters=[])
def grant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    grant = selectors.get_public_grant(pk)
    project = grant.programme.project
    return render(
        request,
        "grants/grant_detail.html",
        {
            "grant": grant,
            "project": project if project and project.is_shown_publicly else None,
        },
    )


@cached_public_page(scopes=lambda slug: [programme_scope(slug), PROJECTS], parameters=["page"])
def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = selectors.get_public_programme(slug)
    grants = selectors.grant_list().filter(programme=programme)
    totals = selectors.grant_totals(grants)
    page = KnownCountPaginator(grants, GRANTS_PER_PAGE, count=totals.count).get_page(
        request.GET.get("page")
    )
    project = programme.project
    return render(
        request,
        "grants/programme_detail.html",
        {
            "programme": programme,
            "project": project if project and project.is_shown_publicly else None,
            "page": page,
            "grants": page.object_list,
            "totals": totals,
        },
    )
