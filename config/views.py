"""Site-level views that belong to no app: health, robots, language root redirect."""

import logging
import sys
import time

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.i18n import interface_languages


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
        *(f"Disallow: /{code}/staff/" for code in interface_languages()),
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


# A database that is restarting or unreachable is an outage, not a bug: the user gets a calm
# "try again shortly" page with Retry-After, never a traceback or a generic 500.
_DATABASE_OUTAGE_ERRORS: tuple[type[BaseException], ...] = (OperationalError, InterfaceError)
try:
    import psycopg

    # Raised untranslated where Django's error wrapper is not around the driver call
    # (closing or health-checking a connection that died with the server).
    _DATABASE_OUTAGE_ERRORS += (psycopg.OperationalError, psycopg.InterfaceError)
except ImportError:  # SQLite-only installs
    pass
RETRY_AFTER_SECONDS = 10


# PostgreSQL cancelled a statement that ran past the web statement timeout: the database is
# up, the query was too slow. An ordinary error page (retrying would be as slow), logged.
_STATEMENT_TIMEOUT_ERRORS: tuple[type[BaseException], ...] = ()
try:
    from psycopg.errors import QueryCanceled

    _STATEMENT_TIMEOUT_ERRORS = (QueryCanceled,)
except ImportError:  # SQLite-only installs
    pass

logger = logging.getLogger("portal.database")


def _is_statement_timeout(exc: BaseException | None) -> bool:
    while exc is not None:
        if isinstance(exc, _STATEMENT_TIMEOUT_ERRORS):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _is_database_outage(exc: BaseException | None) -> bool:
    if _is_statement_timeout(exc):
        return False
    while exc is not None:
        if isinstance(exc, _DATABASE_OUTAGE_ERRORS):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def server_error(request: HttpRequest) -> HttpResponseBase:
    """handler500: Django calls it for any uncaught exception, including ones raised by
    middleware (session save, ``request.user``), which an exception middleware never sees.

    The pages are rendered without a RequestContext so that nothing (user, messages,
    context processors) can touch the database that just failed."""
    error = sys.exc_info()[1]
    if _is_statement_timeout(error):
        logger.error(
            "statement timeout (%s ms) on %s %s",
            getattr(settings, "STATEMENT_TIMEOUT_MS", "?"),
            request.method,
            request.path,
        )
    if _is_database_outage(error):
        session = getattr(request, "session", None)
        if session is not None:
            # SessionMiddleware reads the session again on the way out; an empty cache stops
            # it from asking the dead database and failing a second time outside CSP.
            session._session_cache = {}
        body = loader.get_template("503.html").render({"retry_after": RETRY_AFTER_SECONDS})
        response = HttpResponse(body, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    else:
        response = HttpResponse(loader.get_template("500.html").render({}), status=500)
    response["Cache-Control"] = "no-store"
    # When the error comes from a middleware outside CSP/X-Frame-Options, their
    # process_response never runs for this response; add the same headers here.
    response.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
    return CSPMiddleware(lambda _request: response).process_response(request, response)
