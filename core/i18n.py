"""The portal's languages, read from settings in one place.

Interface languages come from ``settings.LANGUAGES``; translated model fields exist for
``settings.MODELTRANSLATION_LANGUAGES`` (the same four today: en, ru, ky, tg). Code that
lists per-language columns (``name_en``, ``name_ru``…) builds them here instead of spelling
the languages out.
"""

from __future__ import annotations

from django.conf import settings


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
