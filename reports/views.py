"""Public open data: downloads with documented columns, and IATI activity XML."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.cache import cached_public_page
from core.i18n import text_in_sql
from core.pagination import paginate
from projects.cache_scopes import PROJECTS
from reports import exports, iati
from reports.open_data import DATASETS
from reports.selectors import public_source_documents

# Projects listed per page with their IATI file: the page listed every public project and
# grew with the portal (about 1 s at 5,000 projects).
IATI_PROJECTS_PER_PAGE = 100


# The page lists the publishable projects (public, dated, with a partner that has an IATI
# identifier) beside fixed text: project writes bump PROJECTS, partnership and organisation
# writes register no scopes and retire every entry. A news item or a grant written leaves it
# alone (it had followed every public write).
OPEN_DATA_SCOPES = [PROJECTS]


@require_GET
@cached_public_page(scopes=OPEN_DATA_SCOPES)
def open_data(request: HttpRequest) -> HttpResponse:
    # By the title each project shows in the request's language (its own, else the first
    # fallback's: a Kyrgyz page listed every project without a Kyrgyz title first); pk breaks
    # ties between equal titles, so no project shows on two pages or on none.
    projects = (
        iati.publishable_projects().order_by(text_in_sql("title"), "pk").only("slug", "title")
    )
    page = paginate(
        request,
        projects,
        IATI_PROJECTS_PER_PAGE,
        cache_name="open-data-projects",
        scopes=OPEN_DATA_SCOPES,
    )
    return render(
        request,
        "reports/open_data.html",
        {
            "datasets": [dataset for dataset, _rows in DATASETS.values()],
            "page": page,
            "projects": page.object_list,
            "iati_note": iati.NOT_PUBLISHED_NOTE,
        },
    )


def _site(request: HttpRequest) -> str:
    """Scheme and host, so the addresses inside downloads are absolute."""
    return request.build_absolute_uri("/").rstrip("/")


@require_GET
def dataset_download(request: HttpRequest, slug: str, fmt: str) -> HttpResponseBase:
    if slug not in DATASETS or fmt not in {"csv", "json"}:
        raise Http404
    dataset, rows = DATASETS[slug]
    filename = f"{slug}-{timezone.localdate():%Y%m%d}.{fmt}"
    if fmt == "csv":
        return exports.stream_csv(dataset.column_names, rows(_site(request)), filename)
    return exports.stream_json(dataset.column_names, rows(_site(request)), filename)


@require_GET
def datapackage(request: HttpRequest, slug: str) -> JsonResponse:
    """The dataset's Frictionless Data Package: its CSV file, Table Schema and licence."""
    if slug not in DATASETS:
        raise Http404
    dataset, _rows = DATASETS[slug]
    package = dataset.datapackage(
        csv_url=request.build_absolute_uri(reverse("reports:dataset_download", args=[slug, "csv"])),
        homepage=request.build_absolute_uri(reverse("reports:open_data")),
    )
    return JsonResponse(package, json_dumps_params={"ensure_ascii": False, "indent": 1})


@require_GET
def iati_activity(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_object_or_404(iati.publishable_projects(), slug=slug)
    response = HttpResponse(iati.activities_xml([project]), content_type="application/xml")
    response["Content-Disposition"] = f'inline; filename="iati-{project.slug}.xml"'
    return response


@require_GET
@cached_public_page
def sources(request: HttpRequest) -> HttpResponse:
    """The public documents the portal's reported figures and records come from."""
    return render(
        request, "reports/sources.html", {"documents": list(public_source_documents()[:500])}
    )
