"""Project-wide middleware."""

from collections.abc import Callable

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

Handler = Callable[[HttpRequest], HttpResponse]


class CacheControlMiddleware:
    """Anonymous GETs may be cached briefly by browsers and proxies; anything for a
    logged-in user, or any unsafe method, is private and never stored."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        user = getattr(request, "user", None)
        logged_in = bool(user and user.is_authenticated)
        cacheable = (
            request.method in ("GET", "HEAD")
            and not logged_in
            and response.status_code == 200
            and not response.cookies
        )
        if cacheable:
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
            return response
        patch_cache_control(response, private=True, no_store=True)
        return response


class QueryCountHeaderMiddleware:
    """Bench settings only: report how many queries a request ran."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        count = 0

        def counter(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Query-Count"] = str(count)
        return response
