"""The public home page: headline figures, the map, regions, latest news and featured
projects, from every app."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

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
# rendered: the figures and the map above the news, the news, and the featured projects
# below it. A news item published (the most frequent write) so renders six news cards and
# joins three stored strings; it had rendered the whole page, map markers and all.
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


def _top_scopes() -> list[str]:
    return list(dict.fromkeys([*FIGURES_SCOPES, *public_community_scopes()]))


def _home_scopes() -> list[str]:
    return list(dict.fromkeys([*_top_scopes(), *NEWS_SCOPES, *FEATURED_SCOPES]))


def _part(request: HttpRequest, name: str, template: str, context: Any, scopes: list[str]) -> str:
    """A part of the page rendered from ``context()`` (called on a miss only), kept per
    language under the scopes of what it reads."""
    return cached_fragment(
        name, lambda: render_to_string(template, context(), request=request), scopes=scopes
    )


def _top_context() -> dict[str, Any]:
    # The figures and the map stay kept apart as well: a write to one leaves the other.
    return {
        **cached_fragment("home-figures", _figures, scopes=FIGURES_SCOPES),
        **cached_fragment("home-map", _map, scopes=public_community_scopes()),
    }


@cached_public_page(scopes=lambda: _home_scopes())
def home(request: HttpRequest) -> HttpResponse:
    parts = {
        "top_html": _part(
            request, "home-top-html", "projects/home_top.html", _top_context, _top_scopes()
        ),
        "news_html": _part(
            request,
            "home-news-html",
            "projects/home_news.html",
            lambda: {"news": news_cards(published_news(), HOME_NEWS)},
            NEWS_SCOPES,
        ),
        "bottom_html": _part(
            request,
            "home-bottom-html",
            "projects/home_bottom.html",
            lambda: {"featured": selectors.featured_projects()},
            FEATURED_SCOPES,
        ),
    }
    # Each part rendered by our own templates, escaped there.
    shown = {name: mark_safe(html) for name, html in parts.items()}  # noqa: S308
    return render(request, "projects/home.html", shown)
