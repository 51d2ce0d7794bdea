"""django-simple-history × django-modeltranslation.

Historical models are built when each model class is prepared, before modeltranslation adds
its per-language columns (name_en, name_ru …) in its ready(). simple-history would then pass
those columns to a historical model that lacks them and every save of a translated model would
fail. History therefore tracks the untranslated column (which modeltranslation fills with the
active language's value, with the ru → en fallback) and skips the per-language copies.
"""

from __future__ import annotations

from typing import Any

_PATCHED = False


def track_history_without_translation_columns() -> None:
    global _PATCHED
    if _PATCHED:
        return
    from modeltranslation.fields import TranslationField
    from simple_history.models import HistoricalRecords

    original = HistoricalRecords.fields_included

    def fields_included(self: HistoricalRecords, model: Any) -> list[Any]:
        return [f for f in original(self, model) if not isinstance(f, TranslationField)]

    HistoricalRecords.fields_included = fields_included
    _PATCHED = True
