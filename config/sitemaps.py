"""Sitemaps of public pages, with hreflang alternates for every language.

Apps register their sitemap classes in ``SITEMAPS``; only public, published records appear.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class StaticPagesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "daily"

    def items(self) -> list[str]:
        return ["projects:home"]

    def location(self, obj: str) -> str:
        return reverse(obj)


SITEMAPS: dict[str, type[Sitemap]] = {"pages": StaticPagesSitemap}
