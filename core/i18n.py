"""The portal's languages, read from settings in one place.

Interface languages come from ``settings.LANGUAGES``; translated model fields exist for
``settings.MODELTRANSLATION_LANGUAGES`` (the same four today: en, ru, ky, tg). Code that
lists per-language columns (``name_en``, ``name_ru``…) builds them here instead of spelling
the languages out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db.models import Case, F, TextField, Value, When
from django.db.models.functions import Coalesce, Concat, NullIf
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.fields import NONE
from modeltranslation.utils import build_localized_fieldname, resolution_order

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


def marked_label(record: object, field: str, language: str | None = None) -> str:
    """``str(record)`` followed by the marker when its ``field`` (the name or title the label
    is built from) is shown in another language: «Тынчтык үчүн аялдар (ТҮА) (показано на
    кыргызском)». For labels that add more than the name, such as an organisation's acronym."""
    page = language or get_language() or settings.LANGUAGE_CODE
    code = shown_language(record, field, page)
    text = str(record)
    return f"{text} ({shown_in_label(code)})" if code and code != page else text


def label_marker(field: str, language: str | None = None) -> Callable[[object, str], str]:
    """``marked_label`` for the many records of one list, with the page's language, its
    fallback order and the markers worked out once: ``mark(record, str(record))``. A report
    filter labels two thousand options when its cache is cold, and per option the lookups
    cost a quarter of the list."""
    page, order = _page_and_order(language)
    markers = {code: f" ({shown_in_label(code)})" for code in order if code != page}
    columns = [(code, f"{field}_{code}") for code in order]

    def mark(record: object, label: str) -> str:
        for code, column in columns:
            if getattr(record, column, None):
                return label if code == page else label + markers[code]
        return label

    return mark


def note_marker(field: str, language: str | None = None) -> Callable[[object], str]:
    """The ``lang_note`` tag's element for the many records of one list, written in Python
    (the committee's ranking rows): ``note(record)`` is `` <span class="lang-note">(показано
    на кыргызском)</span>`` when ``record.field`` is shown in another language than the
    page's, else "". The page's fallback order and the markers are worked out once."""
    page, order = _page_and_order(language)
    # Written the first time a list needs one: most lists need none or one of the three.
    notes: dict[str, str] = {}
    columns = [(code, f"{field}_{code}") for code in order]

    def note(record: object) -> str:
        for code, column in columns:
            if getattr(record, column, None):
                if code == page:
                    return ""
                if code not in notes:
                    label = shown_in_label(code)
                    notes[code] = str(format_html(' <span class="lang-note">({})</span>', label))
                return notes[code]
        return ""

    return note


def shown_text_set(record: object, field: str, text: str) -> None:
    """Set ``record.field`` from a form that was filled with the field as the page shows it:
    the text goes to the page language's column, unless it is, unchanged, the text a
    fallback showed there. A Russian manager who edits a plan action written only in Kyrgyz
    sees the Kyrgyz text in the box; saving the form as it was must not store that Kyrgyz
    text as the Russian one (the marker would go and the Russian page would claim it)."""
    page = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    text = text.strip()
    shown, code = shown_text(record, field, page)
    if code and code != page and text == shown.strip():
        return
    # The plain field, as before: modeltranslation writes the active language's column.
    setattr(record, field, text)


# --- the same rule in SQL -------------------------------------------------------------------
# For rows read without a model instance (grouped report tables, million-row downloads), where
# modeltranslation's fallback descriptor does not run: ``.values("region__name")`` reads the
# stored column, which holds the text in the language of whoever saved it last.


def _page_and_order(language: str | None) -> tuple[str, list[str]]:
    page = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return page, list(dict.fromkeys([page, *fallback_order(page)]))


def text_in_sql(field: str, language: str | None = None) -> Coalesce:
    """``shown_text``'s text as an SQL expression: ``field`` may cross relations
    (``"region__name"``); "" when no language has text."""
    _page, order = _page_and_order(language)
    text = TextField()
    return Coalesce(
        *(NullIf(F(f"{field}_{code}"), Value(""), output_field=text) for code in order),
        Value(""),
        output_field=text,
    )


def language_in_sql(field: str, language: str | None = None) -> Case:
    """The language code ``text_in_sql`` picks, as an SQL expression; "" when none has text."""
    _page, order = _page_and_order(language)
    return Case(
        # "> ''" is false for both "" and NULL: only a language with text is named.
        *(When(**{f"{field}_{code}__gt": ""}, then=Value(code)) for code in order),
        default=Value(""),
        output_field=TextField(),
    )


def marked_text_in_sql(field: str, language: str | None = None) -> Case:
    """``marked_text`` as an SQL expression: the text in the page's language or its first
    fallback, followed by the marker when it is in another language («Баткенская область
    (орусча көрсөтүлдү)»). For labels a grouped query reads, such as a report's rows by
    region or programme."""
    page, order = _page_and_order(language)
    text = TextField()
    return Case(
        *(
            When(
                **{f"{field}_{code}__gt": ""},
                then=F(f"{field}_{code}")
                if code == page
                else Concat(
                    F(f"{field}_{code}"),
                    Value(f" ({shown_in_label(code)})"),
                    output_field=text,
                ),
            )
            for code in order
        ),
        default=Value(""),
        output_field=text,
    )


# --- the same rule for many records of one page --------------------------------------------


def translated_getter(model: type[Any], field: str) -> Callable[[Any], Any]:
    """``lambda instance: instance.<field>`` for many records of ``model`` on one page, with
    modeltranslation's fallback order for the active language worked out once: its
    descriptor works it out on every read (a ranking page reads two translated fields of 25
    rows, and the lookups cost a fifth of writing the rows). The same checks in the same
    order as the descriptor (``TranslationFieldDescriptor.__get__``); when no language has
    a value, the descriptor itself answers."""
    descriptor = model.__dict__[field]
    undefined = descriptor.fallback_undefined
    if undefined is NONE:
        undefined = descriptor.field.get_default()
    names = [
        build_localized_fieldname(field, code)
        for code in resolution_order(get_language(), descriptor.fallback_languages)
    ]
    meaningful = descriptor.meaningful_value

    def value(instance: Any) -> Any:
        for name in names:
            text = getattr(instance, name, None)
            if meaningful(text, undefined):
                return text
        return descriptor.__get__(instance, model)

    return value
