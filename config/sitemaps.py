"""Sitemaps of public pages, with hreflang alternates for every language.

Only public records appear: public projects, published news, grants of public programmes,
and the places and organisations those link to — the same selectors the pages use.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse


class I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    limit = 5000

    def _urls(self, page: Any, protocol: str, domain: str) -> list[dict[str, Any]]:
        """Django builds x-default by cutting the default language's prefix out of the URL,
        which assumes an unprefixed default language. Every URL here is prefixed, so point
        x-default at the default language's page instead of a path that does not exist."""
        urls = super()._urls(page, protocol, domain)
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

    def first_page(self, items: QuerySet[Any]) -> QuerySet[Any]:
        """What ``/sitemap.xml`` shows of a section: its first page. Django pairs every item
        with every language in Python before paginating, so without this bound the whole
        table (hundreds of thousands of news items) would be loaded to render one page."""
        return items[: self.limit // len(settings.LANGUAGES)]


class StaticPagesSitemap(I18nSitemap):
    changefreq = "daily"

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
    def items(self) -> list[str]:
        from communities.selectors import regions_with_counts

        return sorted({region.country.lower() for region in regions_with_counts()})

    def location(self, item: str) -> str:
        return reverse("communities:country_detail", kwargs={"country": item})


class ProjectSitemap(I18nSitemap):
    changefreq = "weekly"

    def items(self) -> QuerySet[Any]:
        from projects.selectors import public_projects

        return self.first_page(public_projects().only("id", "slug", "updated_at").order_by("id"))

    def lastmod(self, item: Any) -> Any:
        return item.updated_at


class NewsSitemap(I18nSitemap):
    def items(self) -> QuerySet[Any]:
        from projects.models import Activity

        return self.first_page(Activity.objects.published().only("id", "updated_at").order_by("id"))

    def lastmod(self, item: Any) -> Any:
        return item.updated_at


class OrganisationSitemap(I18nSitemap):
    def items(self) -> QuerySet[Any]:
        from projects.selectors import public_organisations

        return self.first_page(public_organisations().only("id", "slug").order_by("id"))


class RegionSitemap(I18nSitemap):
    def items(self) -> QuerySet[Any]:
        from communities.selectors import regions_with_counts

        return regions_with_counts().only("id", "code")


class DistrictSitemap(I18nSitemap):
    def items(self) -> QuerySet[Any]:
        from communities.models import District
        from communities.selectors import public_communities

        return self.first_page(
            District.objects.filter(communities__in=public_communities())
            .distinct()
            .only("id")
            .order_by("id")
        )


class CommunitySitemap(I18nSitemap):
    def items(self) -> QuerySet[Any]:
        from communities.selectors import public_communities

        return self.first_page(public_communities().only("id").order_by("id"))


class GrantSitemap(I18nSitemap):
    def items(self) -> QuerySet[Any]:
        from grants.selectors import public_grants

        return self.first_page(public_grants().only("id", "updated_at").order_by("id"))

    def lastmod(self, item: Any) -> Any:
        return item.updated_at


class ProgrammeSitemap(I18nSitemap):
    def items(self) -> QuerySet[Any]:
        from grants.selectors import public_programmes

        return self.first_page(public_programmes().only("id", "slug").order_by("id"))


SITEMAPS: dict[str, type[Sitemap]] = {
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


def cached_sitemap(request: HttpRequest) -> HttpResponse:
    """``/sitemap.xml``, rendered once per public content version: it lists thousands of
    records in four languages with alternates, far too much to rebuild per crawler hit.
    The gzipped body is stored too — compressing megabytes per request would cost more
    than serving them."""
    import gzip

    from django.contrib.sitemaps.views import sitemap
    from django.core.cache import cache
    from django.utils.cache import patch_vary_headers

    from projects.public_cache import content_version

    page = request.GET.get("p", "1")[:10]
    gzipped = "gzip" in request.headers.get("Accept-Encoding", "")
    # Plain and gzipped bodies under separate keys: each request reads only the one it
    # sends (the plain body is megabytes).
    key = f"public:{content_version()}:sitemap:{request.scheme}:{request.get_host()}:{page}"
    stored = cache.get(f"{key}:{'gz' if gzipped else 'raw'}")
    if stored is None:
        response = sitemap(request, SITEMAPS)
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
