"""Project-wide middleware."""

import time
import zoneinfo
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import BadRequest
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from core.inputs import is_storable_text

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
            # A 304 stands for the 200 the client already has: the same caching applies.
            and response.status_code in (200, 304)
            and not response.cookies
        )
        if cacheable:
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
            return response
        patch_cache_control(response, private=True, no_store=True)
        return response


SESSION_TOUCHED_KEY = "_touched_at"


def stamp_session(sender: object, request: HttpRequest, **kwargs: object) -> None:
    """user_logged_in receiver: login saves the session, which is a touch."""
    session = getattr(request, "session", None)
    if session is not None:
        session[SESSION_TOUCHED_KEY] = int(time.time())


class SessionIdleTouchMiddleware:
    """Makes SESSION_COOKIE_AGE an idle timeout without writing the session row on every
    request (SESSION_SAVE_EVERY_REQUEST did: three queries and a commit per staff page).
    A session is saved, and its expiry pushed back, when it was last saved more than
    SESSION_TOUCH_SECONDS ago, so the timeout is exact to within that many seconds."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # No key: an anonymous visitor without a session, or one just flushed at logout.
        if session is None or session.session_key is None or session.is_empty():
            return response
        touched_at = int(session.get(SESSION_TOUCHED_KEY, 0))
        if session.session_key is None:
            # The cookie named a session that has expired: nothing to keep alive, and
            # touching it would create a new one for an anonymous visitor.
            return response
        now = int(time.time())
        if now - touched_at >= settings.SESSION_TOUCH_SECONDS:
            session[SESSION_TOUCHED_KEY] = now
        return response


# The staff member's local time zone, stored in the session at login (projects.time_zones
# knows the organisations); pages then show times as the user's office clock does.
SESSION_TIME_ZONE_KEY = "staff_time_zone"


class SessionTimeZoneMiddleware:
    """Activates the time zone stored in the session at login, so a history panel or a
    review time reads 14:05 in Dushanbe rather than 09:05 UTC. No query: the session is
    read only when the request carries a session cookie (anonymous pages stay cacheable)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        name = ""
        session = getattr(request, "session", None)
        if session is not None and settings.SESSION_COOKIE_NAME in request.COOKIES:
            name = session.get(SESSION_TIME_ZONE_KEY, "")
        if name:
            try:
                timezone.activate(zoneinfo.ZoneInfo(name))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class QueryCountHeaderMiddleware:
    """Bench settings only: report how many queries a request ran."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        count = 0

        def counter(
            execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
        ) -> Any:
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Query-Count"] = str(count)
        return response


class RejectUnstorableInputMiddleware:
    """400 for a request whose path, query or form fields hold NUL or a lone surrogate.

    PostgreSQL refuses NUL in text, so such a value reaching any lookup (a search, a filter,
    a slug in the path) would turn into a 500 deep inside a view. No person types NUL, and
    no record can hold it, so refusing the request at the door is both the simplest and the
    only complete fix. Uploaded file contents are not checked: they are bytes, not text.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        texts = [request.path_info]
        for query in (request.GET, request.POST if request.method == "POST" else None):
            if query is None:
                continue
            for key, values in query.lists():
                texts.append(key)
                texts.extend(values)
        if not all(is_storable_text(text) for text in texts):
            raise BadRequest("Request input holds characters no record can store.")
        return self.get_response(request)


DRAFT_NONCE_FIELD = "_draft_nonce"
DRAFT_SAVED_COOKIE = "staff_draft_saved"


class DraftSavedMiddleware:
    """Tells the browser, explicitly, that a form it kept a draft of was accepted.

    static/js/staff-drafts.js adds a random ``_draft_nonce`` to a draft form when it is sent.
    A staff form that is accepted answers with a redirect; one that is refused shows the form
    again. So when a signed-in user's POST carrying a nonce ends in a redirect, the nonce is
    handed back in a short-lived cookie (and a header, for scripts that send with fetch), and
    only then does the browser drop its copy. A page reached any other way (Back, the menu,
    a browser offline page, the login page after an expired session) proves nothing, and the
    draft stays.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method != "POST" or response.status_code not in (301, 302, 303):
            return response
        user = getattr(request, "user", None)
        if not (user and user.is_authenticated):
            return response
        try:
            nonce = request.POST.get(DRAFT_NONCE_FIELD, "")
        except Exception:  # an unreadable body is no confirmation of anything
            return response
        # The nonce is the browser's own random token: only a short plain one is echoed.
        if nonce and len(nonce) <= 64 and nonce.replace("-", "").isalnum():
            response["X-Draft-Saved"] = nonce
            response.set_cookie(
                DRAFT_SAVED_COOKIE,
                nonce,
                max_age=300,
                samesite="Lax",
                secure=request.is_secure(),
                httponly=False,  # read by staff-drafts.js on the next page
            )
        return response
