"""``reverse()`` for the one-argument addresses that lists print by the hundred.

A place page links every project, partner, plan's community and news item it lists, and a
``reverse()`` each cost more than the rest of their card (0.1-0.2 ms each, 100-odd per
page). The address of one view differs between records only in the argument, so it is
reversed once with a stand-in argument per language, URL configuration and script prefix,
and each record's address is the stand-in swapped for its own value, as
``communities.selectors.map_markers`` does for its markers.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# A value no record has, valid for both the int and the slug path converters.
_STAND_IN = "987654321"
# Values that appear in an address as they are (no percent-encoding) and that the slug
# converter accepts; anything else goes through reverse() itself.
_PLAIN = re.compile(r"[-a-zA-Z0-9_]+")

_ADDRESSES: dict[tuple[str, str, str | None, str, str], tuple[str, str]] = {}


def _plain(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return value >= 0
    return isinstance(value, str) and _PLAIN.fullmatch(value) is not None


def reverse_one(viewname: str, name: str, value: object) -> str:
    """``reverse(viewname, kwargs={name: value})`` for a view whose one argument is an int
    (a primary key) or a slug. Any other value (an unsaved record's ``None``, a slug with
    other characters) goes through ``reverse()``, errors included."""
    if not _plain(value):
        return reverse(viewname, kwargs={name: value})
    text = str(value)
    urlconf = str(get_urlconf() or settings.ROOT_URLCONF)
    key = (viewname, name, get_language(), urlconf, get_script_prefix())
    parts = _ADDRESSES.get(key)
    if parts is None:
        address = reverse(viewname, kwargs={name: _STAND_IN})
        if address.count(_STAND_IN) != 1:
            return reverse(viewname, kwargs={name: value})
        before, after = address.split(_STAND_IN)
        parts = _ADDRESSES[key] = (before, after)
    return f"{parts[0]}{text}{parts[1]}"
