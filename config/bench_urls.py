"""URLconf for bench settings only: the whole site, a no-query floor view and a write endpoint.

The floor view returns a fixed body of about the size of a small page, with no template and no
query, through the same middleware stack as every page: the least work a Django view can do
here, which every page is compared with. The write endpoint publishes a generated news item
(one write, as a staff member's publish would be) so the harness can time the first view after
a write.
"""

from typing import Any

from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from config.urls import urlpatterns as site_urlpatterns

# Built once at import: about 4 KB of HTML, like a short page, so compression and transfer
# cost what they cost for a page. A benchmark fixture, not a page people read: not translated.
FLOOR_BODY = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Benchmark floor</title>'
    "</head><body><main><h1>Benchmark floor</h1>"
    + "".join(
        f"<p>Line {n}: this response is built once and runs no query and no template.</p>"
        for n in range(48)
    )
    + "</main></body></html>"
).encode()


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(FLOOR_BODY, content_type="text/html; charset=utf-8")


def written_news() -> Any:
    """The news item the write endpoint publishes again: the newest published one of the
    generated projects, which stays the newest once published again, so every write names
    the same places (the harness times their pages and others', bench/pages.py)."""
    activity_model = apps.get_model("communities", "Activity")
    return (
        activity_model.objects.filter(project__slug__startswith="bench-", status="published")
        .order_by("-published_at", "-pk")
        .first()
    )


@csrf_exempt
@require_POST
def write(request: HttpRequest) -> HttpResponse:
    secret = getattr(settings, "BENCH_WRITE_SECRET", "")
    if not secret or not constant_time_compare(request.headers.get("X-Bench-Secret", ""), secret):
        raise Http404
    # Looked up by label so this file does not follow the models if they move between apps.
    # The write staff make most often: a news item published (again) from a phone, so it
    # comes first in the news. ``?what=project`` saves a project instead.
    if request.GET.get("what") == "project":
        project_model = apps.get_model("projects", "Project")
        project = project_model.objects.filter(slug__startswith="bench-").order_by("pk").first()
        if project is None:
            raise Http404
        # A plain save, as any edit form's would be: post_save fires and invalidation runs.
        project.save(update_fields=["updated_at"])
        return HttpResponse(status=204)
    activity = written_news()
    if activity is None:
        raise Http404
    activity.published_at = timezone.now()
    activity.save(update_fields=["published_at", "updated_at"])
    return HttpResponse(status=204)


urlpatterns = [
    *site_urlpatterns,
    path("bench/write/", write, name="bench_write"),
    *i18n_patterns(path("bench/floor/", floor, name="bench_floor"), prefix_default_language=True),
]

# A database outage must look the same under bench settings as in production: a 503 page.
handler500 = "config.views.server_error"
