"""Staff navigation helpers.

``optional_url`` resolves a URL name, or gives an empty string when the name does not exist
(yet): the "New" menu lists create pages that other apps add, and keeps working before
and after they are installed."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag
def optional_url(name: str, *args: Any) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""
