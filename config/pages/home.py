"""The public home page: headline figures, the map, regions, latest news and featured
projects, from every app."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from communities.cache_scopes import NEWS
from communities.news_selectors import news_cards, published_news
from communities.selectors import (
    map_markers,
    mapped_communities,
    mapped_rows,
    public_community_scopes,
    regions_of,
)
from config.pages.selectors import headline_figures
from core.cache import cached_fragment, cached_public_page
from grants.cache_scopes import GRANTS
from projects import selectors
from projects.cache_scopes import PROJECTS
from reports.cache_scopes import REPORTED_FIGURES
from reports.selectors import public_reported_figures

HOME_NEWS = 6

# Each part of the page is kept for as long as what it reads stays unwritten (core.cache),
# so a news item published (the most frequent write) recomputes the news cards alone.
# Writes to anything else the parts read (groups, plans, co-financing, target communities,
# organisations, the gazetteer) register no scopes and retire every entry.
# The headline figures count public projects' target communities, groups, plans,
# co-financing and grants, never activities; the reported figures have their own scope
# (reports.cache_scopes).
FIGURES_SCOPES = [PROJECTS, GRANTS, REPORTED_FIGURES]
NEWS_SCOPES = [NEWS, PROJECTS]
FEATURED_SCOPES = [PROJECTS]


def _figures() -> dict[str, Any]:
    return {"figures": headline_figures(), "reported_figures": public_reported_figures()}


def _map() -> dict[str, Any]:
    # Every public community, by region.
    mapped = mapped_rows(mapped_communities())
    return {"markers": map_markers(mapped), "regions": regions_of(mapped)}


def _home_scopes() -> list[str]:
    return list(
        dict.fromkeys([*FIGURES_SCOPES, *public_community_scopes(), *NEWS_SCOPES, *FEATURED_SCOPES])
    )


@cached_public_page(scopes=lambda: _home_scopes())
def home(request: HttpRequest) -> HttpResponse:
    context = {
        **cached_fragment("home-figures", _figures, scopes=FIGURES_SCOPES),
        **cached_fragment("home-map", _map, scopes=public_community_scopes()),
        "news": cached_fragment(
            "home-news", lambda: news_cards(published_news(), HOME_NEWS), scopes=NEWS_SCOPES
        ),
        "featured": cached_fragment(
            "home-featured", selectors.featured_projects, scopes=FEATURED_SCOPES
        ),
    }
    return render(request, "projects/home.html", context)
