"""Pagination for public lists."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from django.utils.functional import cached_property

from core.cache import cached_fragment


class CachedCountPaginator(Paginator):
    """A paginator whose total is counted once per public content version: COUNT(*) over
    hundreds of thousands of published activities costs more than the page itself."""

    def __init__(self, object_list: Any, per_page: int, *, count_key: str) -> None:
        super().__init__(object_list, per_page)
        self.count_key = count_key

    @cached_property
    def count(self) -> int:
        uncached = Paginator.count.func  # type: ignore[attr-defined]  # cached_property's wrapped function; the stubs type count as an int
        return cached_fragment(self.count_key, lambda: uncached(self), per_language=False)


def paginate(request: HttpRequest, rows: Any, per_page: int, *, cache_name: str = "") -> Page:
    # get_page() turns a bad or too-large page number into the nearest page, never a 500.
    if cache_name:
        filters = sorted((k, v) for k, v in request.GET.lists() if k != "page")
        digest = hashlib.sha256(repr(filters).encode()).hexdigest()
        paginator: Paginator = CachedCountPaginator(
            rows, per_page, count_key=f"count:{cache_name}:{digest}"
        )
    else:
        paginator = Paginator(rows, per_page)
    return paginator.get_page(request.GET.get("page"))
