"""The portal's languages, read from settings in one place.

Interface languages come from ``settings.LANGUAGES``; translated model fields exist for
``settings.MODELTRANSLATION_LANGUAGES`` (the same four today: en, ru, ky, tg). Code that
lists per-language columns (``name_en``, ``name_ru``…) builds them here instead of spelling
the languages out.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# The marker next to a text shown in another language than the page's, in the page's
# language and proper grammatical form («показано на кыргызском»), not a bare language name.
SHOWN_IN: dict[str, Promise] = {
    "en": _("shown in English"),
    "ru": _("shown in Russian"),
    "ky": _("shown in Kyrgyz"),
    "tg": _("shown in Tajik"),
}


def interface_languages() -> tuple[str, ...]:
    """Codes of the languages the site is served in, in settings order."""
    return tuple(code for code, _name in settings.LANGUAGES)


def content_languages() -> tuple[str, ...]:
    """Codes of the languages translated model fields are stored in."""
    return tuple(settings.MODELTRANSLATION_LANGUAGES)


def translated(*names: str) -> list[str]:
    """Every per-language column of the given translated fields: ``translated("title")``
    is ``["title_en", "title_ru", "title_ky", "title_tg"]``."""
    return [f"{name}_{code}" for name in names for code in content_languages()]


def fallback_order(language: str) -> tuple[str, ...]:
    """The languages a text missing in ``language`` is shown in instead, in order
    (``settings.MODELTRANSLATION_FALLBACK_LANGUAGES``, set from CONTENT_FALLBACK_ORDER)."""
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES
    return tuple(fallbacks.get(language, fallbacks["default"]))


def shown_language(instance: object, field: str, language: str) -> str:
    """The language ``instance.field`` is shown in on a ``language`` page: ``language``
    itself when it has text, else the first fallback that has; "" when none has."""
    if getattr(instance, f"{field}_{language}", None):
        return language
    for code in fallback_order(language):
        if getattr(instance, f"{field}_{code}", None):
            return code
    return ""


def shown_text(instance: object, field: str, language: str) -> tuple[str, str]:
    """(text, language it is in) of a translated field on a ``language`` page, following the
    same fallback order as pages: feeds, exports and IATI use it."""
    code = shown_language(instance, field, language)
    return (getattr(instance, f"{field}_{code}", "") or "", code) if code else ("", "")


def shown_in_label(language: str) -> str:
    """«показано на кыргызском»: the marker for a text in ``language``, in the page's language."""
    return str(SHOWN_IN.get(language, language))


def marked_text(instance: object, field: str, language: str | None = None) -> str:
    """The field's text on a ``language`` page (the active one by default) followed by the
    marker when it is in another language: «Тынчтык жолу (показано на кыргызском)». For
    plain-text places such as a filter's options, where the template's marker cannot go."""
    page = language or get_language() or settings.LANGUAGE_CODE
    text, code = shown_text(instance, field, page)
    return f"{text} ({shown_in_label(code)})" if code and code != page else text
