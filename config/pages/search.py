"""Site search: one box over projects, places, organisations, grants and news. It spans
every app, so it sits in the top layer; the text matching itself is core/search.py."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from communities.selectors import mapped_communities, published_news
from core.cache import cached_fragment, cached_public_page
from core.search import (
    MAX_QUERY_LENGTH,
    SECTION_LIMIT,
    filter_by_text,
    recent_candidates,
    uses_full_text,
)
from grants.selectors import grant_list, public_organisations
from projects.selectors import project_list


@dataclass
class SearchSection:
    key: str
    label: str
    total: int
    results: list[Any] = field(default_factory=list)
    more_url: str = ""
    # More matches than shown: the page says "10+" rather than counting them all.
    has_more: bool = False


def search_everything(text: str) -> list[SearchSection]:
    """Public projects, communities, organisations, grants and news matching ``text``."""
    from django.urls import reverse
    from django.utils.http import urlencode

    text = " ".join(text.split())[:MAX_QUERY_LENGTH]
    query_string = urlencode({"q": text})
    specs: list[tuple[str, Any, QuerySet[Any], list[str], list[str], str]] = [
        (
            "projects",
            _("Projects"),
            project_list(),
            ["title", "summary", "description"],
            ["title", "summary", "description"],
            f"{reverse('projects:project_list')}?{query_string}",
        ),
        (
            "communities",
            _("Communities"),
            mapped_communities(),
            ["name"],
            ["name"],
            "",
        ),
        (
            "organisations",
            _("Organisations"),
            public_organisations(),
            ["name", "acronym"],
            ["name"],
            "",
        ),
        (
            "grants",
            _("Grants"),
            grant_list(),
            ["title", "summary", "reference"],
            ["title", "summary"],
            f"{reverse('grants:grant_list')}?{query_string}",
        ),
        (
            "news",
            _("News"),
            published_news(),
            ["title", "description"],
            ["title", "description"],
            f"{reverse('projects:news_list')}?{query_string}",
        ),
    ]
    sections = []
    for key, label, queryset, fields, translated, more_url in specs:
        # Public communities are at most the gazetteer's few thousand: no bound needed.
        candidates = queryset if key == "communities" else recent_candidates(key, queryset)
        matches = filter_by_text(candidates, text, fields, translated)
        # One query per section: a row beyond the page says "more", no separate COUNT.
        rows = list(matches[: SECTION_LIMIT + 1])
        results = rows[:SECTION_LIMIT]
        has_more = len(rows) > SECTION_LIMIT
        total = len(results)
        sections.append(
            SearchSection(
                key=key,
                label=str(label),
                total=total,
                results=results,
                has_more=has_more,
                more_url=more_url if has_more else "",
            )
        )
    return sections


@cached_public_page
def search(request: HttpRequest) -> HttpResponse:
    text = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    # Identical searches within one content version share their results.
    sections = (
        cached_fragment(
            f"search:{hashlib.sha256(text.encode()).hexdigest()}", lambda: search_everything(text)
        )
        if text
        else []
    )
    return render(
        request,
        "projects/search.html",
        {
            "q": text,
            "sections": sections,
            "total": sum(section.total for section in sections),
            "more": any(section.has_more for section in sections),
            "full_text": uses_full_text(),
        },
    )
