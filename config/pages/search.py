"""Site search: one box over places, projects, organisations, grants and news. It spans every
app, so it sits in the top layer; matching and ranking are core/search.py over the stored
documents each app registers (core/search_index.py)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from core.cache import cached_fragment, cached_public_page
from core.models import SearchDocument
from core.search import COUNT_CAP, clean_query, search_documents, uses_full_text


@dataclass
class SearchSection:
    key: str
    label: str
    total: int
    results: list[SearchDocument] = field(default_factory=list)
    more_url: str = ""
    # More than COUNT_CAP matches: the page says "more than 1,000", nothing counts them all.
    capped: bool = False

    @property
    def has_more(self) -> bool:
        return self.capped or self.total > len(self.results)


# Default order; a query naming a place puts places and projects first (search_everything).
_SECTIONS: list[tuple[str, Any, str]] = [
    ("projects", _("Projects"), "projects:project_list"),
    ("places", _("Places"), ""),
    ("organisations", _("Organisations"), ""),
    ("grants", _("Grants"), "grants:grant_list"),
    ("news", _("News"), "projects:news_list"),
]


def search_everything(text: str) -> list[SearchSection]:
    """Public records matching ``text``, by section, best first."""
    text = clean_query(text)
    found = search_documents(text, [key for key, _label, _url in _SECTIONS])
    query_string = urlencode({"q": text})
    sections = [
        SearchSection(
            key=key,
            label=str(label),
            total=found[key].count,
            capped=found[key].capped,
            results=found[key].documents,
            more_url=f"{reverse(url_name)}?{query_string}" if url_name else "",
        )
        for key, label, url_name in _SECTIONS
    ]
    places = found["places"]
    if places.documents and places.title_match:
        # The query names a place: the place itself, then the projects working there.
        first = {"places": 0, "projects": 1}
        sections.sort(key=lambda section: first.get(section.key, 2))
    return sections


@cached_public_page
def search(request: HttpRequest) -> HttpResponse:
    text = clean_query(request.GET.get("q", ""))
    # Identical searches within one content version share their results.
    sections = (
        cached_fragment(
            f"search:{hashlib.sha256(text.encode()).hexdigest()}", lambda: search_everything(text)
        )
        if text
        else []
    )
    total = sum(section.total for section in sections)
    return render(
        request,
        "projects/search.html",
        {
            "q": text,
            "sections": sections,
            "total": total,
            "more": any(section.capped for section in sections),
            "cap": COUNT_CAP,
            "full_text": uses_full_text(),
        },
    )
