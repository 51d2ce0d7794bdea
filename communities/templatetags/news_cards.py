"""News cards rendered one by one and kept apart (core.cache), so a list of news (the home
page, the news list, a place's or a project's news) re-renders after a publish only the
cards that were written. Each card is kept under its activity's scope, which every write to
the activity or its photos bumps, and under the projects' (the card names its project),
which a project write bumps; not under its project's own scope, which every news item of the
project bumps: one publish would re-render all of that project's cards."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from communities.cache_scopes import activity_scope
from core.cache import cached_fragments
from projects.cache_scopes import PROJECTS

register = template.Library()

CARD_TEMPLATE = "includes/news_card.html"


@register.simple_tag
def news_card_html(news: Sequence[Any], show_project: Any = False) -> list[SafeString]:
    """The markup of each news item's card, in order: kept cards read in two cache round
    trips, the others rendered and stored. The cards are shown with the project's name or
    without it (``show_project``), kept apart."""
    with_project = bool(show_project)
    by_name = {f"news-card:{int(with_project)}:{activity.pk}": activity for activity in news}
    scopes = {name: [activity_scope(activity.pk), PROJECTS] for name, activity in by_name.items()}

    def render(missing: list[str]) -> dict[str, str]:
        return {
            name: render_to_string(
                CARD_TEMPLATE, {"activity": by_name[name], "show_project": with_project}
            )
            for name in missing
        }

    cards = cached_fragments(scopes, render)
    # Rendered by our own template, escaped there.
    return [mark_safe(cards[name]) for name in by_name]  # noqa: S308
