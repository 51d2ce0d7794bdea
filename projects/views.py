"""Public pages: home, projects, organisations, news and search. Views stay thin: the
queries live in the selectors, the markup in templates/projects/."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from communities.selectors import mapped_communities, regions_with_counts
from grants.selectors import grant_list, grant_totals, public_programmes
from projects import selectors
from projects.filters import NewsFilter, ProjectFilter
from projects.search import MAX_QUERY_LENGTH, search_everything, uses_full_text

PROJECTS_PER_PAGE = 20
NEWS_PER_PAGE = 20
HOME_NEWS = 6


def paginate(request: HttpRequest, rows: Any, per_page: int) -> Page:
    # get_page() turns a bad or too-large page number into the nearest page, never a 500.
    return Paginator(rows, per_page).get_page(request.GET.get("page"))


def home(request: HttpRequest) -> HttpResponse:
    communities = mapped_communities()
    return render(
        request,
        "projects/home.html",
        {
            "figures": selectors.headline_figures(),
            "markers": selectors.map_markers(communities),
            "regions": list(regions_with_counts()),
            "news": list(selectors.published_news()[:HOME_NEWS]),
            "featured": selectors.featured_projects(),
        },
    )


def project_list(request: HttpRequest) -> HttpResponse:
    project_filter = ProjectFilter(request.GET or None, queryset=selectors.project_list())
    page = paginate(request, project_filter.qs, PROJECTS_PER_PAGE)
    return render(
        request,
        "projects/project_list.html",
        {"filter": project_filter, "page": page, "projects": page.object_list},
    )


def project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    project = selectors.get_public_project(slug)
    targets = list(selectors.project_target_communities(project))
    news = list(selectors.published_news().filter(project=project)[: selectors.DETAIL_LIST_LIMIT])
    markers = selectors.map_markers([target.community for target in targets])
    grants = selectors.project_grants(project)
    grant_rows = list(grants[: selectors.DETAIL_LIST_LIMIT])
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "partners": list(selectors.project_partners(project)),
            "targets": targets,
            "markers": markers,
            "unmapped": len(targets) - len(markers),
            "groups": selectors.working_group_summary(selectors.project_working_groups(project)),
            "plans": selectors.plan_summary(selectors.project_plans(project)),
            "grants": grant_rows,
            "grant_totals": grant_totals(grants) if grant_rows else None,
            "programmes": list(public_programmes().filter(project=project).order_by("slug")),
            "news": news,
            "figures": selectors.headline_figures(project=project),
        },
    )


def organisation_list(request: HttpRequest) -> HttpResponse:
    organisations = selectors.public_organisations().order_by("slug")
    page = paginate(request, organisations, 50)
    return render(
        request,
        "projects/organisation_list.html",
        {"page": page, "organisations": page.object_list},
    )


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = selectors.get_public_organisation(slug)
    partnerships = selectors.organisation_partnerships(organisation)
    grants = grant_list().filter(grantee=organisation)
    programmes = (
        public_programmes()
        .filter(Q(managing_organisation=organisation) | Q(funders=organisation))
        .distinct()
        .order_by("slug")
    )
    return render(
        request,
        "projects/organisation_detail.html",
        {
            "organisation": organisation,
            "partnerships": list(partnerships[:50]),
            "partnership_count": partnerships.count(),
            "grants": list(grants[: selectors.DETAIL_LIST_LIMIT]),
            "grant_totals": grant_totals(grants),
            "programmes": list(programmes[:50]),
        },
    )


def news_list(request: HttpRequest) -> HttpResponse:
    news_filter = NewsFilter(request.GET or None, queryset=selectors.published_news())
    page = paginate(request, news_filter.qs, NEWS_PER_PAGE)
    project = news_filter.form.cleaned_data.get("project") if news_filter.is_valid() else None
    return render(
        request,
        "projects/news_list.html",
        {"filter": news_filter, "page": page, "news": page.object_list, "project": project},
    )


def news_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.get_public_news(pk)
    return render(request, "projects/news_detail.html", {"activity": activity})


def search(request: HttpRequest) -> HttpResponse:
    text = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    sections = search_everything(text) if text else []
    return render(
        request,
        "projects/search.html",
        {
            "q": text,
            "sections": sections,
            "total": sum(section.total for section in sections),
            "full_text": uses_full_text(),
        },
    )
