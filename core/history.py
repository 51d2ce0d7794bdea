"""django-simple-history × django-modeltranslation, the way simple-history documents it.

A model whose fields modeltranslation translates is registered for history with
``register_translated_history()`` in its app's ``translation.py``, right after its
TranslationOptions, instead of carrying ``history = HistoricalRecords()`` in the model
body. By then modeltranslation has added the per-language columns (``name_en``,
``name_ru`` …), so the historical model copies them and an edit of any language is recorded
as what it is, whichever language the editor's page is in.

The untranslated field itself (``name``) is left out of the history: its value depends on
the language active when the record was saved (modeltranslation reads it through the
active language), so it would record a language switch as a change of the name.
"""

from __future__ import annotations

from typing import Any


def translated_field_names(model: type[Any]) -> list[str]:
    """The untranslated names of the model's translated fields (``["name"]``)."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return []
    return sorted(options.all_fields)


def register_translated_history(model: type[Any], **options: Any) -> None:
    """simple-history's ``register()`` for a model modeltranslation translates; call it in
    translation.py after the model's TranslationOptions are registered. ``options`` are
    HistoricalRecords' own (``m2m_fields``, ``table_name``, ``records_class`` …)."""
    from simple_history import register

    excluded = [*options.pop("excluded_fields", []), *translated_field_names(model)]
    register(model, excluded_fields=excluded, **options)
