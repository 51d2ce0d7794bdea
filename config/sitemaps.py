"""Sitemaps of public pages, with hreflang alternates for every language.

Only public records appear: public projects, published news, grants of public programmes,
and the places and organisations those link to — the same selectors the pages use.

``/sitemap.xml`` is a sitemap index naming every page of every section
(``/sitemap-<section>.xml?p=N``), so every public URL is reachable however many records
there are, and each section page reads only the rows it lists.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from functools import partial
from html import escape
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property

from communities.cache_scopes import NEWS, news_ids_scopes
from communities.models import Activity, District
from communities.selectors import public_communities, public_community_scopes, regions_with_counts
from core.cache import cached_fragment, fragment_key, request_value
from core.inputs import parse_id
from grants.cache_scopes import GRANTS
from grants.selectors import public_grants, public_organisations, public_programmes
from projects.cache_scopes import PROJECTS
from projects.selectors import public_projects

if TYPE_CHECKING:

    class _DjangoSitemap(Sitemap[Any]):
        """The private Sitemap methods I18nSitemap builds on. Django has no public hook for
        per-language pairs or x-default, and django-stubs leaves these out."""

        def _items(self) -> Any: ...
        def _languages(self) -> list[str]: ...
        def _get(self, name: str, item: Any, default: Any = None) -> Any: ...
        def _location(self, item: Any, force_lang_code: str | None = None) -> str: ...
        def _urls(self, page: Any, protocol: str, domain: str) -> list[dict[str, Any]]: ...

else:
    _DjangoSitemap = Sitemap

# Records per section page (each listed in every language): small enough that a cold page
# renders in well under a second, while the index stays far below the protocol's 50,000.
RECORDS_PER_PAGE = 500


class LanguagePairs(Sequence[tuple[Any, str]]):
    """The (record, language) pairs Django's i18n sitemap paginates, built lazily: Django
    pairs every record with every language in Python before paginating, which reads the
    whole table to render one page. Here the length is a COUNT and a slice reads only the
    records that slice covers."""

    def __init__(
        self,
        records: QuerySet[Any],
        languages: list[str],
        *,
        count_name: str,
        scopes: list[str] | None = None,
    ) -> None:
        self.records = records
        self.languages = languages
        self.count_name = count_name
        self.scopes = scopes

    @cached_property
    def record_count(self) -> int:
        # Counted once per version of the section's scopes: the index and every page of
        # the section need it, and COUNT(*) over the published news costs more than
        # reading a page of it.
        # Once per request too: the index counts every section before it looks up its
        # stored copy and again while rendering it, which with the cache off doubled its
        # queries.
        return request_value(
            self.count_name,
            lambda: cached_fragment(
                self.count_name, self.records.count, per_language=False, scopes=self.scopes
            ),
        )

    def __len__(self) -> int:
        return self.record_count * len(self.languages)

    def __iter__(self) -> Iterator[tuple[Any, str]]:
        return iter(self[0 : len(self)])

    def __getitem__(self, index: Any) -> Any:
        per_record = len(self.languages)
        if isinstance(index, slice):
            if index.step not in (None, 1) or (index.start or 0) < 0 or index.stop is None:
                raise ValueError("Only forward slices with an end are supported.")
            start, stop = index.start or 0, index.stop
            first, last = start // per_record, -(-stop // per_record)
            pairs = [
                (record, code) for record in self.records[first:last] for code in self.languages
            ]
            skip = start - first * per_record
            return pairs[skip : skip + max(stop - start, 0)]
        if index < 0:
            index += len(self)
        return self[index : index + 1][0]


class PkRangePages(Paginator):
    """Pages of a large section by ranges of primary keys: page N lists the records whose
    id is in ((N - 1) × RECORDS_PER_PAGE, N × RECORDS_PER_PAGE]. A page reads its rows
    through the primary key index (keyset, no OFFSET) and the number of pages comes from the
    highest id (one index probe), so neither grows with the table; counting the published
    news and skipping the rows of earlier pages did. Each record is still on exactly one
    page; a page holds at most RECORDS_PER_PAGE records, fewer where ids are not public."""

    def __init__(
        self,
        records: QuerySet[Any],
        languages: list[str],
        per_page: int,
        *,
        last_name: str,
        scopes: list[str] | None = None,
    ) -> None:
        super().__init__(records, per_page)
        self.per_record_page = max(1, per_page // len(languages))
        self.records = records
        self.languages = languages
        self.last_name = last_name
        self.scopes = scopes

    def _last_pk(self) -> int:
        return self.records.order_by("-pk").values_list("pk", flat=True).first() or 0

    @cached_property
    def num_pages(self) -> int:
        last = request_value(
            self.last_name,
            lambda: cached_fragment(
                self.last_name, self._last_pk, per_language=False, scopes=self.scopes
            ),
        )
        return max(1, -(-last // self.per_record_page))

    @cached_property
    def count(self) -> int:
        # Django's paginator only needs this for an empty first page; the pages are not
        # counted row by row here.
        return self.num_pages * self.per_page

    def page(self, number: Any) -> Any:
        number = self.validate_number(number)
        low = (number - 1) * self.per_record_page
        rows = self.records.filter(pk__gt=low, pk__lte=low + self.per_record_page).order_by("pk")
        pairs = [(record, code) for record in rows for code in self.languages]
        return Page(pairs, number, self)


class I18nSitemap(_DjangoSitemap):
    i18n = True
    alternates = True
    x_default = True
    limit = RECORDS_PER_PAGE * len(settings.LANGUAGES)

    @staticmethod
    def cache_scopes() -> list[str] | None:
        """The scopes (core.cache) whose writes change the section's records; None: every
        public write."""
        return None

    @classmethod
    def page_scopes(cls, page: int) -> list[str] | None:
        """The scopes one page of the section depends on, when narrower than the
        section's (a page by range of ids); None: the section's."""
        return None

    def _items(self) -> Any:
        records = self.items()
        if isinstance(records, QuerySet):
            return LanguagePairs(
                records,
                self._languages(),
                count_name=f"sitemap-count:{type(self).__name__}",
                scopes=self.cache_scopes(),
            )
        return super()._items()

    # The largest sections (news, grants: hundreds of thousands of rows at scale) are paged
    # by ranges of ids (PkRangePages); the others by count, a page being 500 records.
    pages_by_pk = False

    @cached_property
    def paginator(self) -> Paginator:
        # Once per sitemap object: Django reads it for the page count and again for the page.
        records = self.items()
        if self.pages_by_pk and isinstance(records, QuerySet):
            return PkRangePages(
                records,
                self._languages(),
                self.limit,
                last_name=f"sitemap-last:{type(self).__name__}",
                scopes=self.cache_scopes(),
            )
        return Paginator(self._items(), self.limit)

    def get_latest_lastmod(self) -> Any:
        """Django's default calls ``lastmod`` on every record of the section (the whole
        news table) for the index's <lastmod>. The index leaves it out; each URL on the
        section pages carries its own."""
        return None

    def _location(self, item: Any, force_lang_code: str | None = None) -> str:
        """Every language's URL differs only in its prefix: reverse once per record (in
        the default language) and swap the prefix, instead of six reverses per record."""
        record, lang_code = item
        code = force_lang_code or lang_code
        paths = self.__dict__.setdefault("_default_paths", {})
        key = id(record)
        if key not in paths:
            with translation.override(settings.LANGUAGE_CODE):
                paths[key] = (record, self._get("location", item))
        path = paths[key][1]
        prefix = f"/{settings.LANGUAGE_CODE}/"
        if not path.startswith(prefix):
            return super()._location(item, force_lang_code)
        return f"/{code}/{path[len(prefix) :]}"

    def _urls(self, page: Any, protocol: str, domain: str) -> list[dict[str, Any]]:
        """Django builds x-default by cutting the default language's prefix out of the URL,
        which assumes an unprefixed default language. Every URL here is prefixed, so point
        x-default at the default language's page instead of a path that does not exist."""
        urls = super()._urls(page, protocol, domain)
        self.__dict__.pop("_default_paths", None)
        for url in urls:
            alternates = url.get("alternates", [])
            default = next(
                (a["location"] for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE),
                None,
            )
            for alternate in alternates:
                if alternate["lang_code"] == "x-default" and default:
                    alternate["location"] = default
        return urls


# Each section's records change with the scopes it names (writes of any model that
# registers no scopes retire every entry): the news sitemap follows a publish, the others
# keep their stored pages.


class StaticPagesSitemap(I18nSitemap):
    changefreq = "daily"

    @staticmethod
    def cache_scopes() -> list[str]:
        return []  # a fixed list of pages

    def items(self) -> list[str]:
        return [
            "projects:home",
            "projects:project_list",
            "projects:news_list",
            "projects:organisation_list",
            "projects:search",
            "communities:place_index",
            "grants:grant_list",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class CountrySitemap(I18nSitemap):
    cache_scopes = staticmethod(public_community_scopes)

    def items(self) -> list[str]:
        # A list, not a queryset, so Django asks for it several times per page: kept, and
        # once per request for when the cache is off.
        return request_value(
            "sitemap-countries",
            lambda: cached_fragment(
                "sitemap-countries",
                lambda: sorted({region.country.lower() for region in regions_with_counts()}),
                per_language=False,
                scopes=public_community_scopes(),
            ),
        )

    def location(self, item: str) -> str:
        return reverse("communities:country_detail", kwargs={"country": item})


class ProjectSitemap(I18nSitemap):
    changefreq = "weekly"

    @staticmethod
    def cache_scopes() -> list[str]:
        return [PROJECTS]

    def items(self) -> QuerySet[Any]:
        return public_projects().only("id", "slug", "updated_at").order_by("id")

    def lastmod(self, item: Any) -> Any:
        return item.updated_at


class NewsSitemap(I18nSitemap):
    pages_by_pk = True

    @staticmethod
    def cache_scopes() -> list[str]:
        return [NEWS, PROJECTS]

    @classmethod
    def page_scopes(cls, page: int) -> list[str]:
        # A page lists the published news with ids in its range (PkRangePages): it follows
        # the activities written in that range and the public projects, not every publish.
        # Whether the page exists at all follows the section (cached_sitemap_section).
        low = (page - 1) * RECORDS_PER_PAGE
        return [*news_ids_scopes(low, low + RECORDS_PER_PAGE), PROJECTS]

    def items(self) -> QuerySet[Any]:
        return Activity.objects.published().only("id", "updated_at").order_by("id")

    def lastmod(self, item: Any) -> Any:
        return item.updated_at


class OrganisationSitemap(I18nSitemap):
    # Partners of public projects, grantees, programme managers and funders: partnership
    # and programme writes retire every entry.
    @staticmethod
    def cache_scopes() -> list[str]:
        return [PROJECTS, GRANTS]

    def items(self) -> QuerySet[Any]:
        return public_organisations().only("id", "slug").order_by("id")


class RegionSitemap(I18nSitemap):
    cache_scopes = staticmethod(public_community_scopes)

    def items(self) -> QuerySet[Any]:
        return regions_with_counts().only("id", "code")


class DistrictSitemap(I18nSitemap):
    cache_scopes = staticmethod(public_community_scopes)

    def items(self) -> QuerySet[Any]:
        return (
            District.objects.filter(communities__in=public_communities())
            .distinct()
            .only("id")
            .order_by("id")
        )


class CommunitySitemap(I18nSitemap):
    cache_scopes = staticmethod(public_community_scopes)

    def items(self) -> QuerySet[Any]:
        return public_communities().only("id").order_by("id")


class GrantSitemap(I18nSitemap):
    pages_by_pk = True

    @staticmethod
    def cache_scopes() -> list[str]:
        return [GRANTS, PROJECTS]

    def items(self) -> QuerySet[Any]:
        return public_grants().only("id", "updated_at").order_by("id")

    def lastmod(self, item: Any) -> Any:
        return item.updated_at


class ProgrammeSitemap(I18nSitemap):
    @staticmethod
    def cache_scopes() -> list[str]:
        return [GRANTS, PROJECTS]

    def items(self) -> QuerySet[Any]:
        return public_programmes().only("id", "slug").order_by("id")


SITEMAPS: dict[str, type[Sitemap[Any]] | Sitemap[Any]] = {
    "pages": StaticPagesSitemap,
    "countries": CountrySitemap,
    "projects": ProjectSitemap,
    "news": NewsSitemap,
    "organisations": OrganisationSitemap,
    "regions": RegionSitemap,
    "districts": DistrictSitemap,
    "communities": CommunitySitemap,
    "grants": GrantSitemap,
    "programmes": ProgrammeSitemap,
}


def _section_scopes(sections: list[str]) -> list[str] | None:
    """What these sections' records depend on; None (every public write) if one says so."""
    scopes: list[str] = []
    for section in sections:
        sitemap = SITEMAPS[section]
        if not (isinstance(sitemap, type) and issubclass(sitemap, I18nSitemap)):
            return None
        named = sitemap.cache_scopes()
        if named is None:
            return None
        scopes += named
    return list(dict.fromkeys(scopes))


def _cached_xml(
    request: HttpRequest, name: str, render: Any, *, scopes: list[str] | None
) -> HttpResponse:
    """The sitemap response ``render()`` builds, stored once per version of ``scopes``,
    plain and gzipped under separate keys (each request reads only the one it sends;
    compressing per crawler hit would cost more than serving the stored bytes)."""
    from django.core.cache import cache
    from django.utils.cache import patch_vary_headers

    gzipped = "gzip" in request.headers.get("Accept-Encoding", "")
    key = fragment_key(
        f"sitemap:{request.scheme}:{request.get_host()}:{name}", per_language=False, scopes=scopes
    )
    stored = cache.get(f"{key}:{'gz' if gzipped else 'raw'}")
    if stored is None:
        response = render()
        response.render()
        content_type = response["Content-Type"]
        raw = (response.content, content_type)
        packed = (gzip.compress(response.content, compresslevel=6), content_type)
        cache.set_many({f"{key}:raw": raw, f"{key}:gz": packed}, timeout=3600)
        stored = packed if gzipped else raw
    body, content_type = stored
    response = HttpResponse(body, content_type=content_type)
    if gzipped:
        # GZipMiddleware leaves a response that already names its encoding alone.
        response["Content-Encoding"] = "gzip"
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


def _num_pages(section: str) -> int:
    sitemap = SITEMAPS[section]
    site = sitemap() if callable(sitemap) else sitemap
    return site.paginator.num_pages


def _counts_of(sections: list[str]) -> str:
    return ",".join(f"{section}={_num_pages(section)}" for section in sections)


def _page_counts() -> str:
    """How many pages each section has, kept per version of the sections' scopes in two
    parts: the news, and every other section. A publish so counts the news pages alone
    (one index probe for the highest id); building the other sections' queries to find
    their counts in the cache cost more than the probe."""
    news = ["news"]
    others = [section for section in SITEMAPS if section not in news]
    counts = []
    for sections in (news, others):
        counts.append(
            cached_fragment(
                f"sitemap-page-counts:{','.join(sections)}",
                partial(_counts_of, sections),
                per_language=False,
                scopes=_section_scopes(sections),
            )
        )
    return ";".join(counts)


def cached_sitemap_index(request: HttpRequest) -> HttpResponse:
    """``/sitemap.xml``: the index of every page of every section. It names each page and
    nothing else (no <lastmod>: I18nSitemap.get_latest_lastmod), so it is stored under the
    number of pages of each section: a publish that adds no page of news finds the stored
    index (it had rendered it again, every section's addresses reversed). The counts follow
    their sections' scopes, a section of a model with none retires every entry itself."""
    from django.contrib.sitemaps.views import index

    def render() -> HttpResponse:
        return index(request, SITEMAPS, sitemap_url_name="sitemap_section")

    if _section_scopes(list(SITEMAPS)) is None:
        # A section that names no scopes follows every public write, and so does the index.
        return _cached_xml(request, "index", render, scopes=None)
    return _cached_xml(request, f"index:{_page_counts()}", render, scopes=[])


def cached_sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    """``/sitemap-<section>.xml?p=N``: one page of one section, reading only its own
    records (a COUNT and one slice)."""
    from django.contrib.sitemaps.views import sitemap

    page = parse_id(request.GET.get("p", "1"))
    if section not in SITEMAPS or page is None or page > 999_999:
        raise Http404

    def render() -> HttpResponse:
        response = sitemap(request, SITEMAPS, section=section)
        # Django's sitemap.xml template costs about 1.5 ms per URL (a page holds 2,000 of
        # them, each with five alternates): the same markup is written here directly.
        response.content = urlset_xml((response.context_data or {})["urlset"])
        return response

    section_map = SITEMAPS[section]
    if not (isinstance(section_map, type) and issubclass(section_map, I18nSitemap)):
        return _cached_xml(request, f"{section}:{page}", render, scopes=_section_scopes([section]))
    page_scopes = section_map.page_scopes(page)
    if page_scopes is None:
        return _cached_xml(request, f"{section}:{page}", render, scopes=_section_scopes([section]))
    # Stored under its own range's scopes, so checked here against the section's page
    # count (kept per version of the section's scopes), as Django's view would: a page past
    # the last one is a 404 even when its stored copy is still reachable.
    if page > 1 and page > section_map().paginator.num_pages:
        raise Http404
    return _cached_xml(request, f"{section}:{page}", render, scopes=page_scopes)


def _lastmod(value: date | datetime, shown: dict[Any, str]) -> str:
    # As the template's ``date:"Y-m-d"`` filter shows it: in the current time zone. Every
    # language's URL of a record carries the same value, so each is formatted once.
    if value not in shown:
        local = (
            timezone.localtime(value)
            if isinstance(value, datetime) and timezone.is_aware(value)
            else value
        )
        shown[value] = date_filter(local, "Y-m-d")
    return shown[value]


def urlset_xml(urls: list[dict[str, Any]]) -> bytes:
    """The markup of Django's ``sitemap.xml`` template (after its ``spaceless``) for ``urls``;
    ``html.escape`` is what Django's autoescape does to a string."""
    shown: dict[Any, str] = {}
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
    ]
    for url in urls:
        parts.append(f"<url><loc>{escape(url['location'])}</loc>")
        if url.get("lastmod"):
            parts.append(f"<lastmod>{_lastmod(url['lastmod'], shown)}</lastmod>")
        if url.get("changefreq"):
            parts.append(f"<changefreq>{escape(url['changefreq'])}</changefreq>")
        if url.get("priority"):
            parts.append(f"<priority>{escape(url['priority'])}</priority>")
        for alternate in url.get("alternates", []):
            parts.append(
                f'<xhtml:link rel="alternate" hreflang="{escape(alternate["lang_code"])}" '
                f'href="{escape(alternate["location"])}"/>'
            )
        parts.append("</url>")
    parts.append("\n</urlset>\n")
    return "".join(parts).encode()
