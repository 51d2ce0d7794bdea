"""The donor report as a PDF file, made by WeasyPrint from the print view.

Nothing is fetched over the network, not even from the portal itself: stylesheets and the
font are read from the static files on disk (``LocalFilesFetcher``), every other URL is
refused. The font (DejaVu Sans, static/fonts/) has all Kyrgyz and Tajik letters, so the PDF
looks the same on any server. Without WeasyPrint's system libraries (Pango) the page offers
the print view, whose print stylesheet makes the same A4 pages in the browser.
"""

from __future__ import annotations

import mimetypes
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import resolve

# The PDF's pages resolve relative links against this address; it never goes on the wire.
BASE_URL = "https://portal.pdf.invalid/"
PDF_STYLESHEET = "css/report-pdf.css"


def weasyprint_available() -> bool:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        # OSError: the Python package is there but Pango/Cairo system libraries are not.
        return False
    return True


def _static_file(path: str) -> bytes | None:
    relative = path[len(settings.STATIC_URL) :]
    if ".." in relative.split("/"):
        return None
    try:
        found = finders.find(relative)
    except SuspiciousFileOperation:
        return None
    if found is None and settings.STATIC_ROOT:
        candidate = settings.STATIC_ROOT / relative
        found = str(candidate) if candidate.is_file() else None
    if found is None:
        return None
    with open(found, "rb") as handle:
        return handle.read()


def local_fetcher() -> Any:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFilesFetcher(URLFetcher):
        """Static files from disk and data: URLs; everything else is refused."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols=("data", "https"))
            self.fetched: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parts = urlsplit(url)
            path = unquote(parts.path)
            if parts.netloc != urlsplit(BASE_URL).netloc or not path.startswith(
                settings.STATIC_URL
            ):
                raise ValueError(f"The PDF fetches only the portal's static files, not {url}")
            content = _static_file(path)
            if content is None:
                raise ValueError(f"No static file {path}")
            self.fetched.append(path)
            mime = mimetypes.guess_type(path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, content, {"Content-Type": mime})

    return LocalFilesFetcher()


def worker_request(user: Any, path: str) -> HttpRequest:
    """A stand-in for the request a background worker does not have: templates read the
    user, the path (language links) and the host."""
    site = urlsplit(settings.SITE_URL)
    request = HttpRequest()
    request.user = user
    request.path = request.path_info = path
    request.META = {
        "SERVER_NAME": site.hostname or "localhost",
        "SERVER_PORT": str(site.port or (443 if site.scheme == "https" else 80)),
        "HTTP_HOST": site.netloc or "localhost",
        "wsgi.url_scheme": site.scheme or "http",
    }
    request.resolver_match = resolve(path)
    return request


def render_pdf(template: str, context: dict[str, Any], request: HttpRequest) -> bytes:
    import weasyprint

    html = render_to_string(template, {**context, "pdf_stylesheet": PDF_STYLESHEET}, request)
    fetcher = local_fetcher()
    return weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf()
