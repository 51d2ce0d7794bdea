"""Site-level views that belong to no app: health, robots, language root redirect."""

import time

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return JsonResponse(
            {"status": "error", "database": "unreachable", "detail": exc.__class__.__name__},
            status=503,
        )
    elapsed_ms = round((time.perf_counter() - started) * 1000, 2)
    return JsonResponse(
        {"status": "ok", "database": {"vendor": connection.vendor, "round_trip_ms": elapsed_ms}}
    )


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        *(f"Disallow: /{code}/staff/" for code in ("en", "ru", "ky", "tg")),
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")


def media(request: HttpRequest, path: str, document_root: str) -> HttpResponse:
    """Serve an uploaded file so a browser can never sniff it into HTML."""
    from django.views.static import serve

    response = serve(request, path, document_root=document_root)
    response["X-Content-Type-Options"] = "nosniff"
    if not path.lower().endswith(_IMAGE_SUFFIXES):
        response["Content-Disposition"] = "attachment"
        response["Content-Type"] = "application/octet-stream"
    return response
