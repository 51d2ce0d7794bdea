"""Cached public fragments and pages, invalidated by what a write touches.

**Scopes.** Every cached entry depends on a few *scopes*, each with a version number kept in
the cache; the entry's key carries those versions, so bumping a scope makes every entry that
depends on it unreachable (it expires on its own). A scope is a section (``"projects"``,
``"news"``, ``"grants"``) or one record (``"project:<slug>"``, ``"grant:<pk>"``,
``"programme:<slug>"``, ``"activity:<pk>"``, a place: ``"place:<community pk>"``,
``"district:<pk>"``, ``"region:<code>"``, ``"country:<code>"``), or a set of records
(``"public-places"``: which communities are public).

**Writes.** A save, delete or many-to-many change of a model in ``settings.PUBLIC_CONTENT_APPS``
bumps:

- ``ANY`` always: entries that name no scopes depend on it, so they follow every public write
  (the behaviour of the former single content version);
- the scopes the model's app registered for it (``register_write_scopes`` from the app's
  ``ready()``), computed from the row before the write and after it (and from its links
  before and after a many-to-many change), so a record moved to another project or place,
  or made private, leaves both; these are the frequent staff writes (news,
  projects, grants), and a publish no longer empties every page of the site;
- ``ALL`` for any other public model (organisations, places, plans, programmes…): every
  entry depends on it, so a model nobody thought about can never leave a stale page.

Models listed in ``settings.PUBLIC_CACHE_IGNORED_MODELS`` (an import upload, a login
attempt) and simple-history's historical rows bump nothing: nothing public shows them.

``QuerySet.update()``, ``bulk_create`` and raw SQL send no signal: code that writes that way
calls ``invalidate(...)`` or ``invalidate_all()`` itself (services, loaders, importers). Entries
also expire after ``PUBLIC_FRAGMENT_CACHE_SECONDS`` as a backstop.

Bumps happen at once and again when the transaction commits: a request that read the old rows
between the save and the commit may have stored them under the first bump, and the second one
retires that entry.

The versions live in the cache itself: with several server processes the cache must be shared
(``CACHE_URL`` pointing at Redis, Memcached or a file cache), otherwise a process only sees its
own bumps and others serve stale entries until they expire.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, quote_etag
from django.utils.translation import get_language

T = TypeVar("T")

# Bumped by every public write; entries that name no scopes depend on it.
ANY = "any"
# Bumped by writes to public models that registered no scopes; every entry depends on it.
ALL = "all"
SCOPE_KEY_PREFIX = "public-scope:"

ScopeFunction = Callable[[Any], Iterable[str]]
_WRITE_SCOPES: dict[type[models.Model], ScopeFunction] = {}
_BEFORE_ATTR = "_public_cache_scopes_before"
_LINKS_BEFORE_ATTR = "_public_cache_link_scopes_before"


def _timeout() -> int:
    return int(settings.PUBLIC_FRAGMENT_CACHE_SECONDS)


# --- Scope versions ------------------------------------------------------------------------


def scope_versions(scopes: Iterable[str]) -> list[int]:
    """The current version of each scope, in order, in one cache round trip. A scope never
    bumped (or evicted) starts at the current time in nanoseconds, never at 1: entries stored
    under an earlier run's numbers must never be read again."""
    names = list(dict.fromkeys(scopes))
    keys = [SCOPE_KEY_PREFIX + name for name in names]
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        start = time.time_ns()
        for key in missing:
            cache.add(key, start, timeout=None)
        found.update(cache.get_many(missing))
    by_name = {name: int(found.get(key, 0)) for name, key in zip(names, keys, strict=True)}
    return [by_name[name] for name in scopes]


def content_version() -> int:
    """The version every public write moves forward (scope ``ANY``)."""
    return scope_versions([ANY])[0]


def invalidate(*scopes: str) -> None:
    """Retire every entry depending on these scopes (``ANY`` is always included): for writes
    that send no signal, such as ``QuerySet.update()``."""
    _bump({ANY, *scopes})
    # Inside a transaction, again at commit: see the module docstring.
    if transaction.get_connection().in_atomic_block:
        names = {ANY, *scopes}
        transaction.on_commit(lambda: _bump(names))


def invalidate_all() -> None:
    """Retire every cached public entry: bulk loads and imports call this once at the end."""
    invalidate(ALL)


def retire_after_migrate(**_kwargs: Any) -> None:
    """post_migrate: the same as ``invalidate_all()`` (see core.apps)."""
    invalidate_all()


def bump_content_version(**_kwargs: Any) -> None:
    """Kept for callers of the single-version API: the same as ``invalidate_all()``."""
    invalidate_all()


def _bump(scopes: Iterable[str]) -> None:
    _forget_request_values()
    for scope in scopes:
        key = SCOPE_KEY_PREFIX + scope
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, time.time_ns(), timeout=None)


# --- Keys and fragments --------------------------------------------------------------------


def fragment_key(
    name: str, *, per_language: bool = True, scopes: Iterable[str] | None = None
) -> str:
    """The cache key of ``name`` under the current versions of its scopes (``ANY`` when none
    are named) and of ``ALL``."""
    depends = [ALL, *(scopes if scopes is not None else [ANY])]
    versions = ".".join(str(v) for v in scope_versions(depends))
    parts = ["public", versions, name]
    if per_language:
        parts.append(get_language() or settings.LANGUAGE_CODE)
    key = ":".join(parts)
    if len(key) > 200:
        # Memcached refuses keys over 250 bytes; record scopes can make a long one.
        key = "public:h:" + hashlib.sha256(key.encode()).hexdigest()
    return key


def cached_fragment(
    name: str,
    build: Callable[[], T],
    *,
    per_language: bool = True,
    scopes: Iterable[str] | None = None,
) -> T:
    """``build()``'s result, computed once per version of its scopes (and language: names and
    labels in it are translated)."""
    key = fragment_key(name, per_language=per_language, scopes=scopes)
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout=_timeout())
    return value


def cached_fragments(
    scopes_by_name: dict[str, list[str]],
    build: Callable[[list[str]], dict[str, T]],
    *,
    per_language: bool = True,
) -> dict[str, T]:
    """Several fragments, each kept under the versions of its own scopes (and language), read
    in two cache round trips (every scope's version, then every fragment) however many there
    are; ``build(missing names)`` returns the values of those not kept, stored in one more.
    For lists whose rows are kept apart (news cards), so a write re-renders its own row."""
    if not scopes_by_name:
        return {}
    depends = {name: [ALL, *scopes] for name, scopes in scopes_by_name.items()}
    every = [scope for scopes in depends.values() for scope in scopes]
    version = dict(zip(every, scope_versions(every), strict=True))
    language = get_language() or settings.LANGUAGE_CODE
    keys = {}
    for name, scopes in depends.items():
        parts = ["public", ".".join(str(version[scope]) for scope in scopes), name]
        if per_language:
            parts.append(language)
        key = ":".join(parts)
        keys[name] = (
            key if len(key) <= 200 else "public:h:" + hashlib.sha256(key.encode()).hexdigest()
        )
    found = cache.get_many(list(keys.values()))
    values = {name: found[key] for name, key in keys.items() if key in found}
    missing = [name for name in keys if name not in values]
    if missing:
        built = build(missing)
        cache.set_many({keys[name]: built[name] for name in missing}, timeout=_timeout())
        values.update(built)
    return values


def read_fragment(
    name: str, *, per_language: bool = True, scopes: Iterable[str] | None = None
) -> Any:
    """What ``store_fragment`` kept under this name for the current versions and language,
    or None: for callers that decide after rendering whether a result may be kept, or that
    read a missing value together with others."""
    return cache.get(fragment_key(name, per_language=per_language, scopes=scopes))


def store_fragment(
    name: str, value: Any, *, per_language: bool = True, scopes: Iterable[str] | None = None
) -> None:
    key = fragment_key(name, per_language=per_language, scopes=scopes)
    cache.set(key, value, timeout=_timeout())


# --- Values kept for one request ---------------------------------------------------------------

_request = threading.local()


def request_value(name: str, build: Callable[[], T]) -> T:
    """``build()``'s result, computed at most once per request: for values several parts of
    one page ask for (the public community ids: a place page, the sitemap index), which the
    cache keeps across requests only when it is on. Outside a request (commands, tests
    calling selectors) nothing is kept; a public write forgets every value at once."""
    values: dict[str, Any] | None = getattr(_request, "values", None)
    if values is None:
        return build()
    if name not in values:
        values[name] = build()
    return values[name]


def _request_begins(**_kwargs: Any) -> None:
    _request.values = {}


def _request_ends(**_kwargs: Any) -> None:
    _request.values = None


def _forget_request_values() -> None:
    values: dict[str, Any] | None = getattr(_request, "values", None)
    if values:
        values.clear()


# --- Writes --------------------------------------------------------------------------------


def register_write_scopes(model: type[models.Model], scopes: ScopeFunction) -> None:
    """Called from a domain app's ``ready()``: writes to ``model`` bump ``scopes(row)`` (for
    the row before and after the write) instead of every entry. ``scopes`` must name every
    scope an entry showing this row depends on."""
    _WRITE_SCOPES[model] = scopes


def _ignored(model: type[models.Model]) -> bool:
    if model._meta.label_lower in {m.lower() for m in settings.PUBLIC_CACHE_IGNORED_MODELS}:
        return True
    # simple-history's rows: written next to every save of a tracked model, shown nowhere.
    return hasattr(model, "instance_type") and model.__name__.startswith("Historical")


def _remember_before(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:
    """pre_save/pre_delete of a model with registered scopes: the scopes of the row as stored,
    so a write that moves it (another project, a new slug) retires both places."""
    scopes_of = _WRITE_SCOPES.get(sender)
    if scopes_of is None or instance.pk is None or kwargs.get("raw"):
        return
    if getattr(instance, "_state", None) is not None and instance._state.adding:
        return
    stored = sender._default_manager.filter(pk=instance.pk).first()
    setattr(instance, _BEFORE_ATTR, set(scopes_of(stored)) if stored is not None else set())


def _written(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:
    scopes_of = _WRITE_SCOPES.get(sender)
    if scopes_of is None:
        invalidate_all()
        return
    before: set[str] = getattr(instance, _BEFORE_ATTR, set())
    invalidate(*before, *scopes_of(instance))


def _links_changed(sender: type[models.Model], instance: Any, action: str, **kwargs: Any) -> None:
    scopes_of = _WRITE_SCOPES.get(type(instance))
    if scopes_of is None or kwargs.get("reverse"):
        if action.startswith("post_"):
            # A change made from the other side names many rows: every entry follows it.
            invalidate_all()
        return
    if action.startswith("pre_"):
        # The scopes of the links as stored: a place removed from an activity is no longer
        # among the scopes read after the change, and its pages must leave all the same.
        setattr(instance, _LINKS_BEFORE_ATTR, set(scopes_of(instance)))
        return
    before: set[str] = instance.__dict__.pop(_LINKS_BEFORE_ATTR, set())
    invalidate(*before, *scopes_of(instance))


def connect_signals() -> None:
    """Called from CoreConfig.ready(): every model of the apps named in
    ``settings.PUBLIC_CONTENT_APPS``, including the automatic many-to-many tables, bumps
    scopes when written. The apps are named by label in settings, not imported, so this
    module stays below every domain app; their scopes are registered from their own
    ``ready()`` and looked up at write time. It also marks where each request begins and
    ends, for ``request_value``."""
    request_started.connect(_request_begins, dispatch_uid="public-cache-request-begins")
    request_finished.connect(_request_ends, dispatch_uid="public-cache-request-ends")
    for label in settings.PUBLIC_CONTENT_APPS:
        for model in apps.get_app_config(label).get_models():
            if _ignored(model):
                continue
            uid = f"public-cache-{model._meta.label_lower}"
            pre_save.connect(_remember_before, sender=model, dispatch_uid=uid + "-pre-save")
            pre_delete.connect(_remember_before, sender=model, dispatch_uid=uid + "-pre-del")
            post_save.connect(_written, sender=model, dispatch_uid=uid + "-save")
            post_delete.connect(_written, sender=model, dispatch_uid=uid + "-del")
            for m2m in model._meta.local_many_to_many:
                m2m_changed.connect(
                    _links_changed,
                    sender=m2m.remote_field.through,
                    dispatch_uid=f"{uid}-{m2m.name}-m2m",
                )


# --- Request parameters --------------------------------------------------------------------

# Parameters added by mail, chat and ad links: they never change a page.
TRACKING_PARAMETERS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "_ga", "ref"}
)
MAX_PAGE_NUMBER = 100_000
# The request attribute holding the cleaned parameters as a query string on a page the
# page cache serves (cached_public_page).
CLEANED_QUERY_STRING = "cleaned_query_string"


def clean_parameters(request: HttpRequest, allowed: Iterable[str] | None) -> QueryDict:
    """The query parameters a page may read: tracking parameters (``utm_*``, ``fbclid``…)
    dropped, only ``allowed`` names kept when given, blank values dropped, a ``page`` that
    is not a whole number from 2 up dropped (page 1 is the page without it). Views see
    exactly these, so the cache key and the rendered page can never disagree."""
    names = set(allowed) if allowed is not None else None
    cleaned = QueryDict(mutable=True)
    for name, values in request.GET.lists():
        if name.startswith("utm_") or name in TRACKING_PARAMETERS:
            continue
        if names is not None and name not in names:
            continue
        kept = [value.strip() for value in values if value.strip()]
        if name == "page":
            # isascii(): "²".isdigit() is true, and int() refuses it.
            kept = [
                v
                for v in kept[:1]
                if v.isascii() and v.isdigit() and 2 <= int(v) <= MAX_PAGE_NUMBER
            ]
            kept = [str(int(v)) for v in kept]
        if kept:
            cleaned.setlist(name, kept)
    cleaned._mutable = False
    return cleaned


def _parameters_key(parameters: QueryDict) -> str:
    return repr(sorted((name, sorted(values)) for name, values in parameters.lists()))


# --- Whole pages ---------------------------------------------------------------------------

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


def _stored_response(request: HttpRequest, stored: tuple[Any, ...]) -> HttpResponse:
    content, compressed, content_type, etag, stored_at = stored
    if "gzip" in request.headers.get("Accept-Encoding", ""):
        response = HttpResponse(compressed, content_type=content_type)
        response["Content-Encoding"] = "gzip"  # GZipMiddleware leaves it alone
    else:
        response = HttpResponse(content, content_type=content_type)
    _validators(response, etag, stored_at)
    return response


def _validators(response: HttpResponse, etag: str, stored_at: float) -> None:
    """The same ETag and Last-Modified on the first response and on every hit: a phone that
    already has the page gets a 304 with no body. The ETag is weak because the bytes differ
    with Content-Encoding; the page they stand for does not."""
    response["ETag"] = etag
    response["Last-Modified"] = http_date(stored_at)
    patch_vary_headers(response, ["Accept-Encoding"])


def _conditional(request: HttpRequest, response: HttpResponse, stored_at: float) -> HttpResponse:
    answer = get_conditional_response(
        request, etag=response["ETag"], last_modified=int(stored_at), response=response
    )
    return answer if answer is not None else response


ScopesArg = Iterable[str] | Callable[..., Iterable[str]] | None


def cached_public_page(
    view: Callable[..., HttpResponse] | None = None,
    *,
    scopes: ScopesArg = None,
    parameters: Iterable[str] | None = None,
) -> Any:
    """Serve an anonymous GET from the rendered page stored for this URL under the current
    versions of its ``scopes`` (a list, or a function of the view's URL arguments; ``ANY``
    when not given). The key is built from the cleaned parameters only
    (``clean_parameters``; ``parameters`` lists the names the view reads), so tracking
    parameters and page 1 share the stored page. Requests carrying a session, CSRF or
    messages cookie, and responses that set a cookie or are not 200, are never stored or
    served from here. Stored pages carry an ETag and Last-Modified, also on hits, and a
    matching conditional request gets a 304."""
    if view is None:
        return lambda function: cached_public_page(function, scopes=scopes, parameters=parameters)
    allowed = frozenset(parameters) if parameters is not None else None

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        cleaned = clean_parameters(request, allowed)
        # Views read exactly the cleaned parameters, so the key and the page agree. Set in
        # the instance dict, where WSGIRequest keeps the GET it builds lazily (and where a
        # test's recording property on the class still sees what views read).
        request.__dict__["GET"] = cleaned
        # What the page's own links keep (core.templatetags.portal.language_links): the
        # stored page is served for every URL with this key, so they may carry nothing else.
        request.__dict__[CLEANED_QUERY_STRING] = cleaned.urlencode()
        # htmx asks for fragments of the same URLs: those are never served from here.
        if _personal(request) or "HX-Request" in request.headers:
            return view(request, *args, **kwargs)
        depends = scopes(*args, **kwargs) if callable(scopes) else scopes
        address = f"{request.path}?{_parameters_key(cleaned)}"
        digest = hashlib.sha256(address.encode()).hexdigest()
        key = fragment_key(f"page:{digest}", per_language=False, scopes=depends)
        stored = cache.get(key)
        if stored is not None and len(stored) == 5:
            response = _stored_response(request, stored)
            return _conditional(request, response, stored[4])
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if (
            response.status_code == 200
            and not response.cookies
            and not getattr(response, "streaming", False)
            and not response.has_header("Vary")
        ):
            stored_at = time.time()
            etag = "W/" + quote_etag(hashlib.sha256(response.content).hexdigest()[:24])
            # Gzipped once here: GZipMiddleware would otherwise compress the same bytes
            # on every request, which costs more than serving them.
            stored = (
                response.content,
                gzip.compress(response.content),
                response["Content-Type"],
                etag,
                stored_at,
            )
            cache.set(key, stored, timeout=_timeout())
            _validators(response, etag, stored_at)
            return _conditional(request, response, stored_at)
        return response

    return wrapper
