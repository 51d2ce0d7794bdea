"""Cached public fragments, invalidated whenever public content may have changed.

Every cache key carries a "public content version". Any save or delete of a record in the
apps listed in ``settings.PUBLIC_CONTENT_APPS`` (projects, communities, grants), and any
change to their many-to-many links, bumps the version, so the next request recomputes from
the database: a publish, an unpublish or a project turned private shows at once. Entries
also expire after ``PUBLIC_FRAGMENT_CACHE_SECONDS`` as a backstop for writes that bypass
signals (``QuerySet.update()``, bulk loads).

The version lives in the cache itself: with several server processes the cache must be shared
(``CACHE_URL`` pointing at Redis, Memcached or a file cache), otherwise a process only sees its
own bumps and others serve stale fragments until the entries expire.
"""

from __future__ import annotations

import gzip
import hashlib
import time
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

T = TypeVar("T")

VERSION_KEY = "public-content-version"


def _timeout() -> int:
    return int(settings.PUBLIC_FRAGMENT_CACHE_SECONDS)


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # A fresh start value, not 1: after the version key is evicted, fragments stored
        # under an earlier run's numbers must never be read again.
        version = time.time_ns()
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return int(version)


def bump_content_version(**_kwargs: Any) -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def fragment_key(name: str, *, per_language: bool = True) -> str:
    parts = ["public", str(content_version()), name]
    if per_language:
        parts.append(get_language() or settings.LANGUAGE_CODE)
    return ":".join(parts)


def cached_fragment(name: str, build: Callable[[], T], *, per_language: bool = True) -> T:
    """``build()``'s result, computed once per content version (and language: names and
    labels in it are translated)."""
    key = fragment_key(name, per_language=per_language)
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout=_timeout())
    return value


def read_fragment(name: str) -> Any:
    """What ``store_fragment`` kept under this name for the current version and language,
    or None: for callers that decide after rendering whether a result may be kept."""
    return cache.get(fragment_key(name))


def store_fragment(name: str, value: Any) -> None:
    cache.set(fragment_key(name), value, timeout=_timeout())


def connect_signals() -> None:
    """Called from CoreConfig.ready(): every model of the apps named in
    ``settings.PUBLIC_CONTENT_APPS``, including the automatic many-to-many tables, bumps the
    version when written. The apps are named by label in settings, not imported, so this
    module stays below every domain app."""
    for label in settings.PUBLIC_CONTENT_APPS:
        for model in apps.get_app_config(label).get_models():
            uid = f"public-cache-{model._meta.label_lower}"
            post_save.connect(bump_content_version, sender=model, dispatch_uid=uid + "-save")
            post_delete.connect(bump_content_version, sender=model, dispatch_uid=uid + "-del")
            for m2m in model._meta.local_many_to_many:
                m2m_changed.connect(
                    bump_content_version,
                    sender=m2m.remote_field.through,
                    dispatch_uid=f"{uid}-{m2m.name}-m2m",
                )


# Cookies that make a response personal: a session (logged-in user, flash messages) or a
# CSRF token a form on the page would echo.
PERSONAL_COOKIES = ("sessionid", "csrftoken", "messages")


def _personal(request: HttpRequest) -> bool:
    names = {
        getattr(settings, "SESSION_COOKIE_NAME", "sessionid"),
        getattr(settings, "CSRF_COOKIE_NAME", "csrftoken"),
        *PERSONAL_COOKIES,
    }
    return any(name in request.COOKIES for name in names)


def _stored_response(
    request: HttpRequest, content: bytes, compressed: bytes, content_type: str
) -> HttpResponse:
    if "gzip" in request.headers.get("Accept-Encoding", ""):
        response = HttpResponse(compressed, content_type=content_type)
        response["Content-Encoding"] = "gzip"  # GZipMiddleware leaves it alone
    else:
        response = HttpResponse(content, content_type=content_type)
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


def cached_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve an anonymous GET from the rendered page stored for this content version and
    URL. Requests carrying a session, CSRF or messages cookie, and responses that set a
    cookie or are not 200, are never stored or served from here."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # htmx asks for fragments of the same URLs: those are never served from here.
        if request.method != "GET" or _personal(request) or "HX-Request" in request.headers:
            return view(request, *args, **kwargs)
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = fragment_key(f"page:{path}", per_language=False)
        stored = cache.get(key)
        if stored is not None:
            content, compressed, content_type = stored
            return _stored_response(request, content, compressed, content_type)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if (
            response.status_code == 200
            and not response.cookies
            and not getattr(response, "streaming", False)
            and not response.has_header("Vary")
        ):
            # Gzipped once here: GZipMiddleware would otherwise compress the same bytes
            # on every request, which costs more than serving them.
            stored = (response.content, gzip.compress(response.content), response["Content-Type"])
            cache.set(key, stored, timeout=_timeout())
        return response

    return wrapper
