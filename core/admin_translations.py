"""The admin follows the pages' fallback rule (issue #21): a translated text missing in the
admin's language shows in the first fallback language that has it, followed by the marker
«(показано на кыргызском)», in the change lists as on the public pages.

modeltranslation already falls back in the same order (settings.CONTENT_FALLBACK_ORDER); what
the admin lacked is the marker. ``FallbackMarkerAdminMixin`` swaps, in ``list_display``, each
translated field of the model, and each foreign key to a translated model, for a column that
adds it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import HttpRequest
from django.utils.translation import get_language
from modeltranslation.translator import NotRegistered, translator

from core.i18n import marked_label, marked_text


def _translated_fields(model: type[models.Model]) -> tuple[str, ...]:
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return ()
    return tuple(options.fields)  # type: ignore[attr-defined]  # set by modeltranslation's registration


def _label_field(model: type[models.Model]) -> str | None:
    """The translated field a record's ``str()`` shows: its name or title. (modeltranslation
    keeps a model's translated fields in no fixed order, so it is chosen by name.)"""
    fields = _translated_fields(model)
    for candidate in ("name", "title"):
        if candidate in fields:
            return candidate
    return None


def _page_language() -> str:
    return get_language() or settings.LANGUAGE_CODE


def _own_field_column(model: type[models.Model], field: str) -> Callable[[Any], str]:
    def column(record: Any) -> str:
        return marked_text(record, field, _page_language())

    column.short_description = getattr(model._meta.get_field(field), "verbose_name", field)  # type: ignore[attr-defined]  # the admin's column header
    column.admin_order_field = field  # type: ignore[attr-defined]  # sortable as the plain field
    column.__name__ = field
    return column


def _related_column(model: type[models.Model], field: str, label: str) -> Callable[[Any], str]:
    """The related record as ``str()`` shows it, marked when its ``label`` field (its name or
    title) is shown in another language."""

    def column(record: Any) -> str:
        related = getattr(record, field)
        if related is None:
            return "-"
        return marked_label(related, label, _page_language())

    column.short_description = getattr(model._meta.get_field(field), "verbose_name", field)  # type: ignore[attr-defined]  # the admin's column header
    column.admin_order_field = field  # type: ignore[attr-defined]  # sortable as the foreign key
    column.__name__ = field
    return column


def marked_list_display(model: type[models.Model], names: Sequence[Any]) -> list[Any]:
    """``names`` with translated fields and foreign keys to translated models replaced by
    marked columns; anything else (callables, other fields) is kept."""
    own = _translated_fields(model)
    columns: list[Any] = []
    for name in names:
        if not isinstance(name, str):
            columns.append(name)
            continue
        if name in own:
            columns.append(_own_field_column(model, name))
            continue
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:  # a method or admin attribute name: the admin resolves it
            columns.append(name)
            continue
        related = getattr(field, "related_model", None)
        label = _label_field(related) if field.many_to_one and related else None
        columns.append(_related_column(model, name, label) if label else name)
    return columns


class FallbackMarkerAdminMixin(admin.ModelAdmin):
    """For a ModelAdmin of a translated model (or of one pointing at translated models)."""

    def get_list_display(self, request: HttpRequest) -> list[Any]:
        return marked_list_display(self.model, super().get_list_display(request))

    def get_list_select_related(self, request: HttpRequest) -> bool | list[str] | tuple[str, ...]:
        # The change list joins the foreign keys it shows only when it sees them by name;
        # the marked columns hide them, so they are named here (no query per row).
        selected = super().get_list_select_related(request)
        if selected is not False:
            return selected
        names = super().get_list_display(request)
        keys = []
        for name in names:
            if isinstance(name, str):
                try:
                    field = self.model._meta.get_field(name)
                except FieldDoesNotExist:
                    continue
                if field.many_to_one:
                    keys.append(name)
        return keys or False
