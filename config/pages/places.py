"""Regions of activity: country → region → district → community, each with the public
projects, joint plans and news there."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

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
from projects.cache_scopes import PROJECTS
from projects.selectors import DETAIL_LIST_LIMIT

PLACE_LIST_LIMIT = 20


def _place_context(communities: list[int]) -> dict[str, Any]:
    """Projects, plans, groups and news in a set of public communities (a country, region
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
        "news": news_cards(newest_news_in(communities, DETAIL_LIST_LIMIT), DETAIL_LIST_LIMIT),
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


# Place pages count and list what lies in every community of a place: each context is
# computed once per version of the scopes it shows (core.cache). A country, region or
# district page shows the public projects, plans, groups and news of its public
# communities: project writes bump PROJECTS, grant writes (a grant makes its places public)
# GRANTS, an activity the scopes of every place it names, before and after the write
# (communities.cache_scopes), and a write to anything else there (a target community, a
# group, a plan, the gazetteer) retires every entry.


def _place_scopes(place: str) -> list[str]:
    return [PROJECTS, GRANTS, place]


@cached_public_page(scopes=lambda: public_community_scopes(), parameters=[])
def place_index(request: HttpRequest) -> HttpResponse:
    # Every public community on one map, by region: it follows the set of them only.
    context = cached_fragment("place-index", _place_index_context, scopes=public_community_scopes())
    return render(request, "communities/place_index.html", context)


@cached_public_page(scopes=lambda country: _place_scopes(country_scope(country)), parameters=[])
def country_detail(request: HttpRequest, country: str) -> HttpResponse:
    code = country.upper()
    labels = dict(Country.choices)
    if code not in labels:
        raise Http404

    def build() -> dict[str, Any]:
        # The mapped rows are every public community of the place: their ids scope the
        # lists below, with no second pass over the gazetteer.
        mapped = selectors.mapped_rows(selectors.mapped_communities().filter(country=code))
        return {
            "country_code": code,
            "country_label": str(labels[code]),
            "regions": selectors.regions_of(mapped),
            "markers": map_markers(mapped),
            **_place_context([community.pk for community in mapped]),
        }

    context = cached_fragment(f"country:{code}", build, scopes=_place_scopes(country_scope(code)))
    return render(request, "communities/country_detail.html", context)


@cached_public_page(scopes=lambda code: _place_scopes(region_scope(code)), parameters=[])
def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    region = selectors.get_region(code)

    def build() -> dict[str, Any]:
        mapped = selectors.mapped_rows(selectors.mapped_communities().filter(region=region))
        return {
            "districts": list(selectors.districts_with_counts(region)),
            # Communities directly under the region (cities, republican subordination).
            "direct_communities": [c for c in mapped if c.district_id is None],
            "markers": map_markers(mapped),
            **_place_context([community.pk for community in mapped]),
        }

    context = cached_fragment(
        f"region:{region.pk}", build, scopes=_place_scopes(region_scope(region.code))
    )
    return render(request, "communities/region_detail.html", {"region": region, **context})


@cached_public_page(scopes=lambda pk: _place_scopes(district_scope(pk)), parameters=[])
def district_detail(request: HttpRequest, pk: int) -> HttpResponse:
    district = selectors.get_district(pk)

    def build() -> dict[str, Any]:
        mapped = selectors.mapped_rows(selectors.mapped_communities().filter(district=district))
        return {
            "communities": mapped,
            "markers": map_markers(mapped),
            **_place_context([community.pk for community in mapped]),
        }

    context = cached_fragment(
        f"district:{district.pk}", build, scopes=_place_scopes(district_scope(district.pk))
    )
    return render(request, "communities/district_detail.html", {"district": district, **context})


@cached_public_page(scopes=lambda pk: _community_scopes(pk), parameters=[])
def community_detail(request: HttpRequest, pk: int) -> HttpResponse:
    context = cached_fragment(
        f"community:{pk}", lambda: _community_context(pk), scopes=_community_scopes(pk)
    )
    if not context:
        raise Http404
    return render(request, "communities/community_detail.html", context)


def _community_scopes(pk: int) -> list[str]:
    # A community page shows the projects and grants there and the news naming it; other
    # writes to the cycle (groups, plans, links) retire every page (core.cache).
    return _place_scopes(place_scope(pk))


def _community_context(pk: int) -> dict[str, Any]:
    """The community page's context; empty when the community is not public (cached too,
    so probing unknown ids stays cheap)."""
    try:
        community: Community = selectors.get_public_community(pk)
    except Http404:
        return {}
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
        "news": news_cards(newest_news_in([community.pk], DETAIL_LIST_LIMIT), DETAIL_LIST_LIMIT),
        "grants": list(grant_list().filter(communities=community)[:DETAIL_LIST_LIMIT]),
        "markers": map_markers([community]),
        "approximate_note": approximate_location_note(community),
    }
