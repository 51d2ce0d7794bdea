"""Public open data: downloads with documented columns, and IATI activity XML."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from projects.models import Project
from reports import exports, iati
from reports.open_data import DATASETS


@require_GET
def open_data(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "reports/open_data.html",
        {
            "datasets": [dataset for dataset, _rows in DATASETS.values()],
            "projects": Project.objects.public().order_by("title").only("slug", "title"),
        },
    )


@require_GET
def dataset_download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    if slug not in DATASETS or fmt not in {"csv", "json"}:
        raise Http404
    dataset, rows = DATASETS[slug]
    filename = f"{slug}-{timezone.localdate():%Y%m%d}.{fmt}"
    if fmt == "csv":
        return exports.stream_csv(dataset.column_names, rows(), filename)
    return exports.stream_json(dataset.column_names, rows(), filename)


@require_GET
def iati_activity(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_object_or_404(Project.objects.public(), slug=slug)
    response = HttpResponse(iati.activities_xml([project]), content_type="application/xml")
    response["Content-Disposition"] = f'inline; filename="iati-{project.slug}.xml"'
    return response
