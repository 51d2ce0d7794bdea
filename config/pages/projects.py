"""Public pages: home, projects, organisations, news and search. Views stay thin: the
queries live in the selectors, the markup in templates/projects/."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from communities.cache_scopes import NEWS, activity_scope
from communities.news_selectors import get_public_news, news_cards, published_news
from communities.selectors import (
    map_markers,
    project_plans,
    project_target_communities,
    project_working_groups,
)
from communities.summary_selectors import plan_summary, working_group_summary
from config.pages.filters import NewsFilter, ProjectFilter
from config.pages.selectors import headline_figures
from core.cache import cached_fragment, cached_public_page
from core.db import first_rows_with_total
from core.pagination import page_number, paginate, uncounted_page
from grants.cache_scopes import GRANTS
from grants.selectors import (
    get_public_organisation,
    grant_list,
    grant_totals,
    listed_organisations,
    project_grants,
    project_programmes_with_totals,
    public_organisations,
    public_programmes,
)
from projects import selectors
from projects.cache_scopes import PROJECTS, project_scope
from reports.charts import target_actual_chart
from reports.selectors import (
    project_reported_figures,
    project_results,
    project_source_documents,
)

PROJECTS_PER_PAGE = 20
NEWS_PER_PAGE = 20
ORGANISATIONS_PER_PAGE = 50
PROBED_ORGANISATION_PAGES = 10
# The news list counts at most this many items (50 pages); the filters reach older ones.
NEWS_COUNT_CAP = 1000


@cached_public_page(scopes=[PROJECTS], parameters=[*ProjectFilter.base_filters, "page"])
def project_list(request: HttpRequest) -> HttpResponse:
    project_filter = ProjectFilter(request.GET or None, queryset=selectors.project_list())
    page = paginate(
        request, project_filter.qs, PROJECTS_PER_PAGE, cache_name="projects", scopes=[PROJECTS]
    )
    return render(
        request,
        "projects/project_list.html",
        {"filter": project_filter, "page": page, "projects": page.object_list},
    )


def _results_with_charts(project: Any) -> list[Any]:
    """The project's results framework (approved periods only), each indicator with its
    target-against-actual chart; the page's table shows the same figures."""
    results = project_results(project)
    for result in results:
        for indicator in result.indicator_list:  # type: ignore[attr-defined]  # prefetched with to_attr
            indicator.chart = target_actual_chart(
                indicator.display_title,
                [
                    (
                        f"{period.period_start:%Y-%m}–{period.period_end:%Y-%m}",
                        None if period.target_value is None else float(period.target_value),
                        None if period.actual_value is None else float(period.actual_value),
                    )
                    for period in indicator.period_list
                ],
                chart_id=f"indicator-{indicator.pk}",
            )
    return results


def _project_detail_context(project: Any) -> dict[str, Any]:
    targets = list(project_target_communities(project))
    news = news_cards(published_news().filter(project=project), selectors.DETAIL_LIST_LIMIT)
    markers = map_markers([target.community for target in targets])
    grant_rows = list(project_grants(project)[: selectors.DETAIL_LIST_LIMIT])
    programmes, totals = project_programmes_with_totals(project)
    return {
        "partners": list(selectors.project_partners(project)),
        "targets": targets,
        "markers": markers,
        "unmapped": len(targets) - len(markers),
        "groups": working_group_summary(project_working_groups(project)),
        "plans": plan_summary(project_plans(project)),
        "grants": grant_rows,
        "grant_totals": totals if grant_rows else None,
        "programmes": programmes,
        "news": news,
        "figures": headline_figures(project=project),
        "results": _results_with_charts(project),
        "reported_figures": project_reported_figures(project),
        "sources": project_source_documents(project),
    }


@cached_public_page(scopes=lambda slug: [project_scope(slug)])
def project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    project = selectors.get_public_project(slug)
    # Nineteen queries of counts and totals: computed once per public content version.
    context = cached_fragment(
        f"project:{project.pk}",
        lambda: _project_detail_context(project),
        scopes=[project_scope(project.slug)],
    )
    return render(request, "projects/project_detail.html", {"project": project, **context})


@cached_public_page(scopes=[PROJECTS, GRANTS], parameters=["page"])
def organisation_list(request: HttpRequest) -> HttpResponse:
    # Not counted: the total cost a pass over every organisation and its grants on each
    # request; the pages say "Page 2 of more than 2" until the last one. The first pages
    # probe organisation by organisation; deep in the list, skipping that many rows one
    # probe at a time would cost more than hashing every public record once.
    probed = page_number(request) <= PROBED_ORGANISATION_PAGES
    organisations = listed_organisations() if probed else public_organisations()
    page = uncounted_page(request, organisations.order_by("slug"), ORGANISATIONS_PER_PAGE)
    return render(
        request,
        "projects/organisation_list.html",
        {"page": page, "organisations": page.object_list},
    )


@cached_public_page(scopes=[PROJECTS, GRANTS], parameters=[])
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_public_organisation(slug)
    # The first fifty and how many in all, in one statement (a window count).
    shown_partnerships, partnership_count = first_rows_with_total(
        selectors.organisation_partnerships(organisation), 50
    )
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
            "partnerships": shown_partnerships,
            "partnership_count": partnership_count,
            "grants": list(grants[: selectors.DETAIL_LIST_LIMIT]),
            "grant_totals": grant_totals(grants),
            "programmes": list(programmes[:50]),
        },
    )


@cached_public_page(scopes=[NEWS, PROJECTS], parameters=[*NewsFilter.base_filters, "page"])
def news_list(request: HttpRequest) -> HttpResponse:
    news_filter = NewsFilter(request.GET or None, queryset=published_news())
    page = paginate(
        request,
        news_filter.qs,
        NEWS_PER_PAGE,
        cache_name="news",
        scopes=[NEWS, PROJECTS],
        # Counting every published activity (425,000 at scale 100) cost more than the page.
        count_cap=NEWS_COUNT_CAP,
    )
    slug = news_filter.form.cleaned_data.get("project") if news_filter.is_valid() else None
    project = selectors.public_projects().filter(slug=slug).first() if slug else None
    return render(
        request,
        "projects/news_list.html",
        {"filter": news_filter, "page": page, "news": page.object_list, "project": project},
    )


@cached_public_page(scopes=lambda pk: [activity_scope(pk), PROJECTS], parameters=[])
def news_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_public_news(pk)
    return render(request, "projects/news_detail.html", {"activity": activity})
