"""The page frame rendered once per language instead of on every request.

Every staff page repeats the same menus, outbox texts and script links: about thirty
``{% url %}`` and sixty ``{% translate %}`` that give the same text for every request in a
language. Rendering them cost more than a whole no-query page (bench/grants_committee.py),
so the frame keeps what it rendered in this process:

- ``{% frozen key… %}…{% endfrozen %}`` renders its body once per language, URL prefix
  and URLconf, and per value of each ``key`` expression given; the body may use only
  those (never the user, the CSRF token or the path unless it is a key). Keys must have
  few values (a menu's current entry, a yes/no), never a record's id.
- ``{% path_among request.path 'ns:name' … as current %}`` gives the path when it is one
  of the named pages, else "", so a menu can be keyed on its current entry rather than on
  every path of the site.
- ``{% frozen unless form.is_bound %}`` renders its body every time while the expression
  after ``unless`` is true: an empty form is the same for everyone, one sent back with
  the user's input and errors is not.

Nothing is kept with ``DEBUG`` on (templates change while the server runs), and a settings
change (tests' ``override_settings``) forgets everything, since static and page URLs may
change with it. Translations are compiled before the process starts and never change in it.
"""

from __future__ import annotations

import itertools
from typing import Any

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.base import FilterExpression, Node, NodeList, Parser, Token
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.safestring import SafeString
from django.utils.translation import get_language

register = template.Library()

# Fragments have a few values per key and language; the cap only guards against a key
# misused with unbounded values (it empties the store, which then fills again).
_MAX_FRAGMENTS = 2_000
_fragments: dict[tuple[Any, ...], SafeString] = {}
_urls: dict[tuple[Any, ...], str] = {}
# Never reused in a process: a template compiled again gets new numbers, so a block can never
# be served another block's fragment (old ones go when the store is emptied).
_serials = itertools.count()


# Bumped on every settings change: a request that noted its URL prefix and URLconf before
# the change (tests reuse request objects under override_settings) notes them again.
_generation = itertools.count()
_current_generation = next(_generation)
_WHERE_ATTR = "_frame_where"


def _frame(context: template.Context | None = None) -> tuple[Any, ...]:
    """What every kept fragment and URL depends on besides its own key.

    The URL prefix and URLconf are set for a request before its view runs and stay for the
    whole request, so they are read once per request and noted on it (each is a lookup in
    a context-local store, and a staff page asks about twenty times). The language is read
    every time: e-mails rendered in the recipient's language during a request
    (``translation.override``) must not get the page's fragments."""
    request = getattr(context, "request", None)
    where = getattr(request, _WHERE_ATTR, None)
    if where is None or where[0] != _current_generation:
        where = (
            _current_generation,
            get_script_prefix(),
            get_urlconf() or settings.ROOT_URLCONF,
        )
        if request is not None:
            setattr(request, _WHERE_ATTR, where)
    return (get_language(), where[1], where[2])


@receiver(setting_changed)
def forget_frame(**kwargs: Any) -> None:
    global _current_generation
    _current_generation = next(_generation)
    _fragments.clear()
    _urls.clear()


def _url(name: str, frame: tuple[Any, ...]) -> str:
    key = (name, *frame)
    url = _urls.get(key)
    if url is None:
        try:
            url = reverse(name)
        except NoReverseMatch:
            url = ""
        _urls[key] = url
    return url


@register.simple_tag(takes_context=True)
def path_among(context: template.Context, path: str, *names: str) -> str:
    """``path`` if one of the named pages (without arguments) is at it, else ""."""
    frame = _frame(context)
    return path if any(_url(name, frame) == path for name in names) else ""


class FrozenNode(Node):
    def __init__(
        self,
        nodelist: NodeList,
        keys: list[FilterExpression],
        unless: FilterExpression | None = None,
    ) -> None:
        self.nodelist = nodelist
        self.keys = keys
        self.unless = unless
        self.serial = next(_serials)

    def render(self, context: template.Context) -> SafeString:
        if settings.DEBUG or (self.unless is not None and self.unless.resolve(context)):
            return self.nodelist.render(context)
        # Each block has a number of its own from when it was compiled (a token's position
        # is recorded only in debug mode, and several blocks may share a line).
        key = (
            self.serial,
            context.autoescape,
            *_frame(context),
            *(expression.resolve(context) for expression in self.keys),
        )
        html = _fragments.get(key)
        if html is None:
            html = self.nodelist.render(context)
            if len(_fragments) >= _MAX_FRAGMENTS:
                _fragments.clear()
            _fragments[key] = html
        return html


@register.tag
def frozen(parser: Parser, token: Token) -> FrozenNode:
    bits = token.split_contents()[1:]
    unless = None
    if "unless" in bits:
        at = bits.index("unless")
        if at != len(bits) - 2:
            raise template.TemplateSyntaxError("frozen: 'unless' takes one expression, last.")
        unless = parser.compile_filter(bits[-1])
        bits = bits[:at]
    keys = [parser.compile_filter(bit) for bit in bits]
    nodelist = parser.parse(("endfrozen",))
    parser.delete_first_token()
    return FrozenNode(nodelist, keys, unless)
