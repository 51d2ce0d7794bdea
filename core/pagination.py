"""Pagination for public lists."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from django.utils.functional import cached_property

from core.cache import cached_fragment


class CachedCountPaginator(Paginator):
    """A paginator whose total is counted once per version of its cache scopes, and never
    past ``cap`` rows when one is given: COUNT(*) over hundreds of thousands of published
    activities costs more than the page itself, and nobody pages that far (the filters
    narrow a list faster). With a cap, ``count`` stops at ``cap``, ``count_capped`` says
    so and pages past it are not offered."""

    def __init__(
        self,
        object_list: Any,
        per_page: int,
        *,
        count_key: str,
        cap: int | None = None,
        scopes: Iterable[str] | None = None,
    ) -> None:
        super().__init__(object_list, per_page)
        self.count_key = count_key
        self.cap = cap
        self.scopes = list(scopes) if scopes is not None else None

    def _counted(self) -> int:
        if self.cap is None:
            return Paginator.count.func(self)  # type: ignore[attr-defined]  # cached_property's wrapped function; the stubs type count as an int
        # COUNT(*) over a LIMIT subquery: reads at most cap + 1 rows, whatever the table holds.
        # A queryset here: a capped count is only asked for database rows.
        return self.object_list[: self.cap + 1].count()  # type: ignore[attr-defined]

    @cached_property
    def _rows_seen(self) -> int:
        return cached_fragment(
            self.count_key, self._counted, per_language=False, scopes=self.scopes
        )

    @cached_property
    def count(self) -> int:
        return min(self._rows_seen, self.cap) if self.cap is not None else self._rows_seen

    @property
    def count_capped(self) -> bool:
        return self.cap is not None and self._rows_seen > self.cap


def paginate(
    request: HttpRequest,
    rows: Any,
    per_page: int,
    *,
    cache_name: str = "",
    scopes: Iterable[str] | None = None,
    count_cap: int | None = None,
) -> Page:
    # get_page() turns a bad or too-large page number into the nearest page, never a 500.
    if cache_name:
        filters = sorted((k, v) for k, v in request.GET.lists() if k != "page")
        digest = hashlib.sha256(repr(filters).encode()).hexdigest()
        paginator: Paginator = CachedCountPaginator(
            rows,
            per_page,
            count_key=f"count:{cache_name}:{count_cap}:{digest}",
            cap=count_cap,
            scopes=scopes,
        )
    else:
        paginator = Paginator(rows, per_page)
    return paginator.get_page(request.GET.get("page"))
