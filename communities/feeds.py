"""Atom feeds of published news: one for the whole portal, one per public project.
Each feed is in the language of its URL prefix."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from communities.cache_scopes import NEWS
from communities.models import Activity
from communities.news_selectors import published_news
from core.cache import cached_public_page
from core.i18n import shown_in_label, shown_language
from projects.cache_scopes import PROJECTS, project_scope
from projects.models import Project
from projects.selectors import get_public_project

FEED_LENGTH = 30


class LatestNewsFeed(Feed):
    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Feed readers poll: the rendered feed is kept per public content version.
        cached = cached_public_page(super().__call__, scopes=self.cache_scopes, parameters=[])
        return cached(request, *args, **kwargs)

    @staticmethod
    def cache_scopes(*args: Any, **kwargs: Any) -> list[str]:
        return [NEWS, PROJECTS]

    feed_type = Atom1Feed

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
        language = get_language() or "ru"
        shown = shown_language(item, "title", language)
        if shown and shown != language:
            return f"{item.title} ({shown_in_label(shown)})"
        return item.title

    def item_description(self, item: Activity) -> str:
        return Truncator(item.description).words(80)

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
        return item.project.title


class ProjectNewsFeed(LatestNewsFeed):
    @staticmethod
    def cache_scopes(*args: Any, **kwargs: Any) -> list[str]:
        return [project_scope(kwargs["slug"])]

    def get_object(self, request: HttpRequest, slug: str) -> Project:
        return get_public_project(slug)

    def title(self, obj: Project) -> str:  # type: ignore[override]  # Django's Feed passes the object to methods that accept one
        return _("%(project)s: news") % {"project": obj.title}

    def subtitle(self, obj: Project) -> str:  # type: ignore[override]  # Django's Feed passes the object to methods that accept one
        return _("Published activities of this project, newest first.")

    def link(self, obj: Project) -> str:  # type: ignore[override]  # Django's Feed passes the object to methods that accept one
        return obj.get_absolute_url()

    def feed_url(self, obj: Project) -> str:  # type: ignore[override]  # Django's Feed passes the object to methods that accept one
        return reverse("projects:project_feed", kwargs={"slug": obj.slug})

    def items(self, obj: Project) -> list[Activity]:  # type: ignore[override]  # Django's Feed passes the object to methods that accept one
        return list(published_news().filter(project=obj)[:FEED_LENGTH])
