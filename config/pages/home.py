"""The public home page: headline figures, the map, regions, latest news and featured
projects, from every app."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from communities.news_selectors import news_cards, published_news
from communities.selectors import (
    map_markers,
    mapped_communities,
    mapped_rows,
    regions_of,
)
from config.pages.selectors import headline_figures
from core.cache import cached_fragment, cached_public_page
from projects import selectors
from reports.selectors import public_reported_figures

HOME_NEWS = 6


def _home_context() -> dict[str, Any]:
    mapped = mapped_rows(mapped_communities())
    return {
        "figures": headline_figures(),
        "reported_figures": public_reported_figures(),
        "markers": map_markers(mapped),
        "regions": regions_of(mapped),
        "news": news_cards(published_news(), HOME_NEWS),
        "featured": selectors.featured_projects(),
    }


@cached_public_page
def home(request: HttpRequest) -> HttpResponse:
    # The figures and the map scan every published activity and contribution: computed
    # once per public content version, not per request.
    return render(request, "projects/home.html", cached_fragment("home", _home_context))
