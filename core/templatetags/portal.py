"""Template helpers used on every page: the language switcher, money and fallback notes."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest
from django.urls import get_script_prefix, get_urlconf, translate_url
from django.utils import numberformat
from django.utils.formats import get_format, number_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language

from core.cache import CLEANED_QUERY_STRING
from core.i18n import marked_text, shown_in_label, shown_language, shown_text
from core.small_numbers import HiddenCount

register = template.Library()

_SYMBOLS_BEFORE = {"USD": "$", "EUR": "€", "GBP": "£"}
_WORDS_AFTER = {"KGS": "сом", "TJS": "сомонӣ"}


@lru_cache(maxsize=4096)
def _translated_path(path: str, code: str, script_prefix: str, urlconf: str) -> str:
    """translate_url resolves the path and reverses it again: a path gives the same answer
    for as long as the URLconf and prefix do, so each is worked out once per process (the
    staff frame spent more on the four language links than on its queries)."""
    return translate_url(path, code)


@receiver(setting_changed)
def _forget_translated_paths(**kwargs: Any) -> None:
    _translated_path.cache_clear()


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[dict[str, object]]:
    """The same page in every language, keeping the query string: on a page the page cache
    serves, the cleaned parameters its key is built from (no ``utm_*``, ``fbclid``, page
    1…; ``core.cache.cached_public_page``), elsewhere the query string as it came. From the
    raw string, a stored page carried the tracking parameters of whichever request rendered
    it first: a miss kept ``?utm_source=x`` in its links and a hit for the same key dropped
    it (or showed another visitor's)."""
    request: HttpRequest | None = context.get("request")
    path = request.path if request else "/"
    query: str = ""
    if request is not None:
        cleaned: str | None = getattr(request, CLEANED_QUERY_STRING, None)
        query = request.META.get("QUERY_STRING", "") if cleaned is None else cleaned
    current = get_language()
    script_prefix = get_script_prefix()
    urlconf = str(get_urlconf() or settings.ROOT_URLCONF)
    links = []
    for code, name in settings.LANGUAGES:
        url = _translated_path(path, code, script_prefix, urlconf)
        if query:
            url = f"{url}?{query}"
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links


@register.simple_tag(takes_context=True)
def language_switch(context: template.Context) -> SafeString:
    """The header's list of this page in every language, written here rather than by a
    ``{% for %}`` over ``language_links``: it is the one part of the page header that
    depends on the path, so it is rendered on every request, and through the template
    engine it cost a fifth of the staff frame (the engine resolves each ``{{ }}`` and
    ``{% if %}`` of four links by lookup chains)."""
    items = []
    for link in language_links(context):
        code = escape(link["code"])
        current = ' aria-current="true"' if link["current"] else ""
        items.append(
            f'\n          <li><a href="{escape(link["url"])}" hreflang="{code}" lang="{code}"'
            f"{current}>{code.upper()}</a></li>"
        )
    return mark_safe(f"<ul>{''.join(items)}\n        </ul>")  # noqa: S308


@register.filter
def money(amount: Decimal | int | float | None, currency: str = "") -> str:
    """Format an amount the way readers in the page's language expect it:
    ``1 250 000 сом`` and ``$14,000,000``."""
    return money_formatter(currency)(amount)


def money_formatter(currency: str) -> Callable[[Decimal | int | float | None], str]:
    """``money(amount, currency)`` as a function of the amount, with the page language's
    separators and grouping looked up once: a list of 25 rows formats 25 amounts, and
    number_format looks the three formats up again for each (get_format per call)."""
    language = get_language()
    decimal_separator = get_format("DECIMAL_SEPARATOR", language, use_l10n=True)
    grouping = get_format("NUMBER_GROUPING", language, use_l10n=True)
    thousand_separator = get_format("THOUSAND_SEPARATOR", language, use_l10n=True)
    before = _SYMBOLS_BEFORE.get(currency)
    word = _WORDS_AFTER.get(currency, currency)

    def formatted(amount: Decimal | int | float | None) -> str:
        if amount is None or amount == "":
            return "—"
        value = Decimal(amount)
        digits = numberformat.format(
            value,
            decimal_separator,
            0 if value == value.to_integral_value() else 2,
            grouping,
            thousand_separator,
            force_grouping=True,
            use_l10n=True,
        )
        if before is not None:
            return f"{before}{digits}"
        return f"{digits}\u00a0{word}".strip()

    return formatted


@register.simple_tag
def field_language(instance: object, field: str) -> str:
    """The language a translated field's text is actually in, when it is not the page's.

    Returns an empty string when the text is in the current language, otherwise the code
    of the language modeltranslation fell back to, so the template can say so."""
    current = get_language() or settings.LANGUAGE_CODE
    shown = shown_language(instance, field, current)
    return "" if shown == current else shown


@register.simple_tag
def lang_note(instance: object, field: str, beside: str = "") -> str:
    """`` (shown in Russian)`` after a text shown in a fallback language, else nothing: what
    ``includes/lang_note.html`` renders, as one tag. Lists put it on every card and row, and
    an include per row cost a place page 20 ms.

    ``beside`` names the field whose note sits just above, such as a card's title over its
    summary: the summary is marked only when it is in another language than the title (a
    card whose title and summary are both in English says so once)."""
    shown = field_language(instance, field)
    if not shown:
        return ""
    if beside and shown == field_language(instance, beside):
        return ""
    return format_html(' <span class="lang-note">({})</span>', shown_in_label(shown))


@register.simple_tag
def marked(instance: object, field: str) -> str:
    """The field's text followed by its marker in plain text when it is shown in another
    language («Дарыинский айылный аймак (орусча көрсөтүлдү)»): for the page's <title>, where
    the ``lang_note`` element cannot go, so the title says what the heading says."""
    return marked_text(instance, field)


@register.simple_tag
def marked_words(instance: object, field: str, words: int, instead: str = "") -> str:
    """The first ``words`` words of the field's text (of the ``instead`` field when the
    field has none in any language), followed by the marker in plain text when shown in
    another language: for a page's meta description, where no element can go, as
    ``{{ project.summary|default:project.title|truncatewords:40 }}`` wrote it unmarked."""
    page = get_language() or settings.LANGUAGE_CODE
    text, code = shown_text(instance, field, page)
    if not text and instead:
        text, code = shown_text(instance, instead, page)
    # The ellipsis truncatewords adds, so a text in the page's language reads as before.
    text = Truncator(text).words(words, truncate=" …")
    return f"{text} ({shown_in_label(code)})" if code and code != page else text


@register.filter
def shown_in(language: str) -> str:
    """The fallback marker for ``language`` («показано на кыргызском»)."""
    return shown_in_label(language) if language else ""


@register.filter
def number(value: int | Decimal | HiddenCount | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, HiddenCount):
        return str(value)
    return number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)
