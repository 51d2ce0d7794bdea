"""Atom feeds of published news: one for the whole portal, one per public project.
Each feed is in the language of its URL prefix (the feed's ``xml:lang``). A text that has no
version in that language is shown in the first fallback language that has one (issue #21):
its element says which in its own ``xml:lang`` (RFC 4287 §2: any element may carry one), and a
title, the project's name among them, carries the pages' marker in words."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, SyndicationFeed
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.xmlutils import SimplerXMLGenerator

from communities.cache_scopes import NEWS
from communities.models import Activity
from communities.news_selectors import published_news
from core.cache import cached_public_page
from core.i18n import marked_text, shown_in_label, shown_text
from projects.cache_scopes import PROJECTS, project_scope
from projects.models import Project
from projects.selectors import get_public_project

FEED_LENGTH = 30


class _LanguageTagging:
    """The feed writer's XML handler, adding ``xml:lang`` to the item's elements named in
    ``languages`` (element name -> language code) as they are written."""

    def __init__(self, handler: SimplerXMLGenerator, languages: dict[str, str]) -> None:
        self.handler = handler
        self.languages = languages

    def addQuickElement(
        self, name: str, contents: str | None = None, attrs: dict[str, str] | None = None
    ) -> None:
        code = self.languages.get(name)
        if code:
            attrs = {**(attrs or {}), "xml:lang": code}
        self.handler.addQuickElement(name, contents, attrs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.handler, name)


class LanguageTaggedAtomFeed(Atom1Feed):
    """Atom whose entry title, summary and author name each name the language they are in
    when it is not the feed's (``text_languages``, from ``item_extra_kwargs``)."""

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict[str, Any]) -> None:
        languages = item.get("text_languages") or {}
        super().add_item_elements(_LanguageTagging(handler, languages), item)  # type: ignore[arg-type]  # the wrapper passes every other call through


def _page_language() -> str:
    return get_language() or "ru"


class LatestNewsFeed(Feed):
    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Feed readers poll: the rendered feed is kept per public content version.
        cached = cached_public_page(super().__call__, scopes=self.cache_scopes, parameters=[])
        return cached(request, *args, **kwargs)

    @staticmethod
    def cache_scopes(*args: Any, **kwargs: Any) -> list[str]:
        return [NEWS, PROJECTS]

    feed_type: type[SyndicationFeed] = LanguageTaggedAtomFeed

    def title(self) -> str:
        return _("Community Security Portal: news")

    def subtitle(self) -> str:
        return _("Published activities of community-security projects, newest first.")

    def link(self) -> str:
        return reverse("projects:news_list")

    def feed_url(self) -> str:
        return reverse("projects:news_feed")

    def items(self) -> list[Activity]:
        return list(published_news()[:FEED_LENGTH])

    def item_title(self, item: Activity) -> str:
        # A title only in another language is shown, with the same marker as the pages.
        return marked_text(item, "title", _page_language())

    def item_description(self, item: Activity) -> str:
        # Marked in words only when in another language than the title, as a news card's.
        page = _page_language()
        text, code = shown_text(item, "description", page)
        text = Truncator(text).words(80)
        if code and code != page and code != shown_text(item, "title", page)[1]:
            return f"{text} ({shown_in_label(code)})"
        return text

    def item_extra_kwargs(self, item: Activity) -> dict[str, Any]:
        """The language of each text shown in another language than the feed's."""
        page = _page_language()
        texts = {
            "title": shown_text(item, "title", page)[1],
            "summary": shown_text(item, "description", page)[1],
            "name": shown_text(item.project, "title", page)[1],
        }
        return {
            "text_languages": {name: code for name, code in texts.items() if code not in ("", page)}
        }

    def item_link(self, item: Activity) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Activity) -> str:
        # Stable across languages and URL changes.
        return f"urn:community-security-portal:activity:{item.pk}:{get_language()}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Activity) -> dt.datetime | None:
        return item.published_at

    def item_updateddate(self, item: Activity) -> dt.datetime | None:
        # Atom requires <updated> on every entry.
        return max(filter(None, [item.published_at, item.updated_at]), default=None)

    def item_categories(self, item: Activity) -> list[str]:
        return [str(item.get_kind_display())]

    # Atom requires an author on every entry (or on the feed): the portal for the feed, and
    # the project that published the news for each entry (already read with the item).
    def author_name(self) -> str:
        return _("Community Security Portal")

    def item_author_name(self, item: Activity) -> str:
        return marked_text(item.project, "title", _page_language())


class ProjectNewsFeed(LatestNewsFeed):
    @staticmethod
    def cache_scopes(*args: Any, **kwargs: Any) -> list[str]:
        return [project_scope(kwargs["slug"])]

    def get_object(self, request: HttpRequest, slug: str) -> Project:
        return get_public_project(slug)

    def title(self, obj: Project) -> str:  # type: ignore[override]  # Django's Feed passes the object to methods that accept one
        return _("%(project)s: news") % {"project": marked_text(obj, "title", _page_language())}

    def subtitle(self, obj: Project) -> str:  # type: ignore[override]  # Django's Feed passes the object to methods that accept one
        return _("Published activities of this project, newest first.")

    def link(self, obj: Project) -> str:  # type: ignore[override]  # Django's Feed passes the object to methods that accept one
        return obj.get_absolute_url()

    def feed_url(self, obj: Project) -> str:  # type: ignore[override]  # Django's Feed passes the object to methods that accept one
        return reverse("projects:project_feed", kwargs={"slug": obj.slug})

    def items(self, obj: Project) -> list[Activity]:  # type: ignore[override]  # Django's Feed passes the object to methods that accept one
        return list(published_news().filter(project=obj)[:FEED_LENGTH])
