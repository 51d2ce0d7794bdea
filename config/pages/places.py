"""Regions of activity: country → region → district → community, each with the public
projects, joint plans and news there."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from communities import selectors
from communities.cache_scopes import country_scope, district_scope, place_scope, region_scope
from communities.models import Community
from communities.news_selectors import newest_news_in, news_cards
from communities.selectors import (
    approximate_location_note,
    map_markers,
    public_community_scopes,
)
from communities.summary_selectors import listed_plans_with_summary, working_group_summary
from core.cache import cached_fragment, cached_public_page
from core.choices import Country
from core.db import first_rows_with_total, id_set
from core.small_numbers import public_count
from grants.cache_scopes import GRANTS
from grants.selectors import grant_list
from projects.selectors import DETAIL_LIST_LIMIT

PLACE_LIST_LIMIT = 20


def _place_context(communities: list[int]) -> dict[str, Any]:
    """Projects, plans and groups in a set of public communities (a country, region
    or district, given by id), each list capped so the page costs the same however big the
    place is."""
    in_place = id_set(communities)
    projects = selectors.public_projects_in(in_place)
    plans = selectors.public_plans().filter(community__in=in_place)
    listed_projects, project_count = first_rows_with_total(projects, PLACE_LIST_LIMIT)
    listed_plans, summary = listed_plans_with_summary(plans, PLACE_LIST_LIMIT)
    return {
        "projects": listed_projects,
        "project_count": project_count,
        "plans": listed_plans,
        "plan_summary": summary,
        "groups": working_group_summary(selectors.public_working_groups_covering(in_place)),
    }


def _place_index_context() -> dict[str, Any]:
    mapped = selectors.mapped_rows(selectors.mapped_communities())
    regions = selectors.regions_of(mapped)
    countries = [
        {
            "code": code,
            "label": str(label),
            "regions": [region for region in regions if region.country == code],
        }
        for code, label in Country.choices
    ]
    return {"countries": countries, "markers": map_markers(mapped)}


# Place pages count and list what lies in every community of a place. Each page is two parts,
# rendered and kept apart (core.cache), each under the scopes of what it reads:
#
# - the facts (the map, the lists of places, projects, working groups, plans, co-financing;
#   a community's problems and grants) read the public communities, projects and grants:
#   project writes bump PROJECTS, grant writes GRANTS, news in a place nothing else makes
#   public PUBLIC_PLACES (public_community_scopes), and a write to anything else there (a
#   target community, a group or a seat, a plan, an action or a contribution, an
#   assessment, the gazetteer) retires every entry;
# - the news from the place's public communities, which every activity written there bumps
#   (its place scopes, before and after the write: communities.cache_scopes), and which
#   follows the public projects and communities too.
#
# A news item published, the write staff make most often, so re-renders the news of the
# places it names and nothing else of their pages. The whole page is kept as well, under
# every scope of its parts.


@dataclass(frozen=True)
class PlaceFacts:
    """A place page's facts, rendered, with what the rest of the page needs: the place
    itself (the title; None when there is no such public place) and the ids of its public
    communities, whose news the page shows."""

    place: Any
    html: str
    communities: tuple[int, ...]


# Cached too, so probing unknown addresses stays cheap.
NOT_FOUND = PlaceFacts(place=None, html="", communities=())


def _facts_scopes() -> list[str]:
    return list(dict.fromkeys([*public_community_scopes(), GRANTS]))


def _news_scopes(place: str) -> list[str]:
    return [*public_community_scopes(), place]


def _page_scopes(place: str) -> list[str]:
    return list(dict.fromkeys([*_facts_scopes(), place]))


def _facts(name: str, build: Callable[[], PlaceFacts | None]) -> PlaceFacts:
    facts = cached_fragment(name, lambda: build() or NOT_FOUND, scopes=_facts_scopes())
    if facts.place is None:
        raise Http404
    return facts


def _news_html(request: HttpRequest, name: str, facts: PlaceFacts, place: str) -> str:
    """The news section of a place page, from its public communities' newest news."""
    communities = list(facts.communities)
    template = (
        "communities/community_news.html"
        if isinstance(facts.place, Community)
        else "includes/place_news.html"
    )

    def build() -> str:
        news = news_cards(newest_news_in(communities, DETAIL_LIST_LIMIT), DETAIL_LIST_LIMIT)
        return render_to_string(template, {"news": news}, request=request)

    # The communities ride in the key: the news always matches the facts it is shown with.
    digest = hashlib.sha256(",".join(map(str, communities)).encode()).hexdigest()[:16]
    return cached_fragment(f"{name}:news:{digest}", build, scopes=_news_scopes(place))


def _place_page(
    request: HttpRequest, template: str, name: str, facts: PlaceFacts, place: str, **context: Any
) -> HttpResponse:
    news_html = _news_html(request, name, facts, place)
    return render(
        request,
        template,
        {**context, "facts_html": mark_safe(facts.html), "news_html": mark_safe(news_html)},  # noqa: S308  # both rendered by our templates
    )


@cached_public_page(scopes=lambda: public_community_scopes(), parameters=[])
def place_index(request: HttpRequest) -> HttpResponse:
    # Every public community on one map, by region: it follows the set of them only.
    context = cached_fragment("place-index", _place_index_context, scopes=public_community_scopes())
    return render(request, "communities/place_index.html", context)


@cached_public_page(scopes=lambda country: _page_scopes(country_scope(country)), parameters=[])
def country_detail(request: HttpRequest, country: str) -> HttpResponse:
    code = country.upper()
    labels = dict(Country.choices)
    if code not in labels:
        raise Http404

    def build() -> PlaceFacts:
        # The mapped rows are every public community of the place: their ids scope the
        # lists below, with no second pass over the gazetteer.
        mapped = selectors.mapped_rows(selectors.mapped_communities().filter(country=code))
        context = {
            "country_code": code,
            "country_label": str(labels[code]),
            "regions": selectors.regions_of(mapped),
            "markers": map_markers(mapped),
            **_place_context([community.pk for community in mapped]),
        }
        html = render_to_string("communities/country_facts.html", context, request=request)
        return PlaceFacts(place=code, html=html, communities=_ids(mapped))

    name = f"country:{code}"
    facts = _facts(name, build)
    return _place_page(
        request,
        "communities/country_detail.html",
        name,
        facts,
        country_scope(code),
        country_label=str(labels[code]),
    )


@cached_public_page(scopes=lambda code: _page_scopes(region_scope(code)), parameters=[])
def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    def build() -> PlaceFacts | None:
        region = selectors.find_region(code)
        if region is None:
            return None
        mapped = selectors.mapped_rows(selectors.mapped_communities().filter(region=region))
        context = {
            "region": region,
            "districts": list(selectors.districts_with_counts(region)),
            # Communities directly under the region (cities, republican subordination).
            "direct_communities": [c for c in mapped if c.district_id is None],
            "markers": map_markers(mapped),
            **_place_context([community.pk for community in mapped]),
        }
        html = render_to_string("communities/region_facts.html", context, request=request)
        return PlaceFacts(place=region, html=html, communities=_ids(mapped))

    # By code, in any case, as the address names it: the page finds its parts with no query.
    # Quoted: an address may carry any character, a cache key (Memcached's) may not.
    name = f"region:{quote(code.upper(), safe='')}"
    facts = _facts(name, build)
    return _place_page(
        request,
        "communities/region_detail.html",
        name,
        facts,
        region_scope(code),
        region=facts.place,
    )


@cached_public_page(scopes=lambda pk: _page_scopes(district_scope(pk)), parameters=[])
def district_detail(request: HttpRequest, pk: int) -> HttpResponse:
    def build() -> PlaceFacts | None:
        district = selectors.find_district(pk)
        if district is None:
            return None
        mapped = selectors.mapped_rows(selectors.mapped_communities().filter(district=district))
        context = {
            "district": district,
            "communities": mapped,
            "markers": map_markers(mapped),
            **_place_context([community.pk for community in mapped]),
        }
        html = render_to_string("communities/district_facts.html", context, request=request)
        return PlaceFacts(place=district, html=html, communities=_ids(mapped))

    name = f"district:{pk}"
    facts = _facts(name, build)
    return _place_page(
        request,
        "communities/district_detail.html",
        name,
        facts,
        district_scope(pk),
        district=facts.place,
    )


@cached_public_page(scopes=lambda pk: _page_scopes(place_scope(pk)), parameters=[])
def community_detail(request: HttpRequest, pk: int) -> HttpResponse:
    def build() -> PlaceFacts | None:
        context = _community_context(pk)
        if context is None:
            return None
        html = render_to_string("communities/community_facts.html", context, request=request)
        return PlaceFacts(place=context["community"], html=html, communities=(pk,))

    name = f"community:{pk}"
    facts = _facts(name, build)
    return _place_page(
        request,
        "communities/community_detail.html",
        name,
        facts,
        place_scope(pk),
        community=facts.place,
    )


def _ids(communities: list[Community]) -> tuple[int, ...]:
    return tuple(community.pk for community in communities)


def _community_context(pk: int) -> dict[str, Any] | None:
    """The community page's facts; None when the community is not public."""
    try:
        community: Community = selectors.get_public_community(pk)
    except Http404:
        return None
    links = selectors.public_project_links(community)
    plans = selectors.public_plans().filter(community=community)
    problems = selectors.problems_by_category(community)
    problem_rows = [
        (row.label, public_count(row.count) if row.folded else row.count) for row in problems
    ]
    listed_links, link_count = first_rows_with_total(links, PLACE_LIST_LIMIT)
    listed_plans, summary = listed_plans_with_summary(plans, PLACE_LIST_LIMIT)
    return {
        "community": community,
        "links": listed_links,
        "link_count": link_count,
        "groups": working_group_summary(selectors.public_working_groups_covering(community)),
        "plans": listed_plans,
        "plan_summary": summary,
        "problems": problems,
        # The folded sensitive row is about people: a small count of it is hidden. The
        # page shows no total of problems, so nothing gives it back by subtraction.
        "problem_rows": problem_rows,
        "problem_max": max((c for _label, c in problem_rows if isinstance(c, int)), default=0),
        "problems_folded": any(row.folded for row in problems),
        "grants": list(grant_list().filter(communities=community)[:DETAIL_LIST_LIMIT]),
        "markers": map_markers([community]),
        "approximate_note": approximate_location_note(community),
    }
