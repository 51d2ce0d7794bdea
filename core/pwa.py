"""The staff workspace as an installable web app: its manifest, its service worker and the
page shown offline when a page was never opened on this phone.

The service worker is served by Django, at /<lang>/staff/sw.js, so its scope covers that
language's workspace and nothing public; it is rendered from a template so it names the
hashed static files of this release. No third-party host is involved.
"""

from __future__ import annotations

import hashlib

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

# The files the worker keeps from its first start, whoever is signed in.
SHELL_STATIC = (
    "css/portal.css",
    "js/nav.js",
    "js/staff-drafts.js",
    "js/staff-offline.js",
    "js/outbox-store.js",
    "js/outbox.js",
    "js/field-location.js",
    "vendor/htmx/htmx.min.js",
    "img/favicon.svg",
    "img/app-icon-192.png",
    "img/app-icon-512.png",
)


@never_cache
@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    shell = [static(name) for name in SHELL_STATIC]
    offline_url = reverse("staff:offline")
    body: str = render_to_string(
        "staff/offline/sw.js",
        {
            "shell": shell,
            "offline_url": offline_url,
            "manifest_url": reverse("staff:offline_manifest"),
            "store_url": static("js/outbox-store.js"),
            "language": get_language(),
        },
    )
    # A new release (new hashed static names, a changed worker) is a new worker: the browser
    # installs it and it drops the old caches.
    version = hashlib.sha256(body.encode()).hexdigest()[:12]
    body = body.replace("__SW_VERSION__", version)
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    # Its path already covers /<lang>/staff/; the header says so explicitly.
    response["Service-Worker-Allowed"] = reverse("staff:dashboard")
    return response


@require_GET
def web_manifest(request: HttpRequest) -> HttpResponse:
    start = reverse("staff:dashboard")
    manifest = {
        "name": _("Community Security Portal — staff workspace"),
        "short_name": _("Field work"),
        "lang": get_language(),
        "start_url": start,
        "scope": start,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1d5c8c",
        "icons": [
            {"src": static("img/app-icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("img/app-icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("img/app-icon-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    response = JsonResponse(manifest, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json; charset=utf-8"
    return response


@require_GET
def offline_page(request: HttpRequest) -> HttpResponse:
    """Shown by the worker for a page never opened on this phone while it is offline."""
    return render(request, "staff/offline/offline.html")
