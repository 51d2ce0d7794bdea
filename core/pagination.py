"""Pagination for public lists."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from django.utils.functional import cached_property

from core.cache import MAX_PAGE_NUMBER, cached_fragment


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
        # Unordered: which cap + 1 rows are counted does not change the number, and with the
        # list's ORDER BY PostgreSQL found and sorted every match first (the news list with
        # a search word: every matching item, in parallel workers, before the LIMIT).
        # A queryset here: a capped count is only asked for database rows.
        rows = self.object_list.order_by()  # type: ignore[attr-defined]  # the stubs type object_list as a Sequence
        return rows[: self.cap + 1].count()

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


class KnownCountPaginator(Paginator):
    """A paginator told its total by the caller, who counted the same rows already (a page
    that shows totals for its selection), so the rows are not counted twice."""

    def __init__(self, object_list: Any, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return self.known_count


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


class _UncountedPage(Page):
    """A page that knows whether another follows (it read one row more) but not how many."""

    def __init__(self, object_list: Any, number: int, paginator: Any, *, more: bool) -> None:
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self) -> bool:
        return self.more

    def next_page_number(self) -> int:
        return self.number + 1


class UncountedPaginator(Paginator):
    """Pages without a COUNT: page N reads its rows and one more. The pagination shows
    "Page N of more than N" while another page follows and "Page N of N" on the last one.
    For lists where the total is not worth a scan of every row (a page number is still
    accepted, so existing links keep working)."""

    def __init__(self, object_list: Any, per_page: int, *, number: int) -> None:
        super().__init__(object_list, per_page)
        self.number = number
        bottom = (number - 1) * per_page
        self.rows = list(object_list[bottom : bottom + per_page + 1])
        self.more = len(self.rows) > per_page

    @cached_property
    def num_pages(self) -> int:
        return self.number

    @property
    def count_capped(self) -> bool:
        return self.more

    def current(self) -> Page:
        return _UncountedPage(self.rows[: self.per_page], self.number, self, more=self.more)


def page_number(request: HttpRequest) -> int:
    """The page a list is asked for: 1 unless ``page`` is a whole number from 2 up."""
    value = request.GET.get("page") or "1"
    if not (value.isascii() and value.isdigit()):
        return 1
    return min(max(1, int(value)), MAX_PAGE_NUMBER)


def uncounted_page(request: HttpRequest, rows: Any, per_page: int) -> Page:
    """The requested page of ``rows`` without counting them; a page past the end falls back
    to the last page, as ``Paginator.get_page`` does (counting only then)."""
    number = page_number(request)
    paginator = UncountedPaginator(rows, per_page, number=number)
    if number > 1 and not paginator.rows:
        return Paginator(rows, per_page).get_page(number)
    return paginator.current()
