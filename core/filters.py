"""Filter-form building blocks shared by every public list: drop-downs of a bounded list
of choices that still accept any valid value."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django_filters.conf import settings as filter_settings
from django_filters.fields import ChoiceField, ModelChoiceField, ModelChoiceIterator

from core.cache import cached_fragment
from core.db import compiled_rows
from core.i18n import marked_text

# How many entries a long drop-down (donors, organisations, projects, programmes) lists.
# At scale every public organisation made the projects list page 32 KB heavier; the rest
# stay reachable by URL (each organisation's and project's page links to its filtered list)
# and are shown in the drop-down once chosen.
LISTED_CHOICES = 50


def _attrs(attrs: dict[str, Any]) -> str:
    # django/forms/widgets/attrs.html
    return "".join(
        f" {conditional_escape(name)}"
        + ("" if value is True else f'="{conditional_escape(str(value))}"')
        for name, value in attrs.items()
        if value is not False
    )


class FastSelect(forms.Select):
    """Django's Select markup, byte for byte, written without the template engine: it
    renders every option through two template includes, about 1 ms per drop-down of 50
    options, and a filter form holds several (the projects list's form cost more than all
    its queries at scale 10)."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in options:
                parts.append(
                    f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                    f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308  # every value above is escaped


class MarkedModelChoiceField(ModelChoiceField):
    """A drop-down of translated records whose options carry the fallback marker in their
    text («Баткенская область (орусча көрсөтүлдү)»): an option cannot hold the pages'
    marker element, and an unmarked name in another language is what issue #21 forbids."""

    widget = FastSelect

    def __init__(self, *args: Any, label_field: str = "name", **kwargs: Any) -> None:
        self.label_field = label_field
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return marked_text(obj, self.label_field)


class MarkedModelChoiceFilter(django_filters.ModelChoiceFilter):
    """``ModelChoiceFilter`` whose options are labelled by ``MarkedModelChoiceField``."""

    field_class = MarkedModelChoiceField


class _RowsIterator(ModelChoiceIterator):
    """The field's options from its rows, read once, never from a fresh queryset: Django's
    iterator runs the query again for every pass (and once more to check a chosen value)."""

    def __iter__(self) -> Any:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        for row in self.field.rows():
            yield self.choice(row)

    def __len__(self) -> int:
        extra = [self.field.empty_label, self.field.null_label]
        return len(self.field.rows()) + sum(label is not None for label in extra)

    def __bool__(self) -> bool:
        return self.field.empty_label is not None or bool(self.field.rows())


class RowsModelChoiceField(MarkedModelChoiceField):
    """A drop-down of records read once per form (``rows()``, a list, which the caller may
    keep in the cache per version of what changes it) instead of a queryset: the options
    and the check of a chosen value share one read. Or, for a field with no options to show
    (a hidden input), ``lookup(value)``: the one record with that value, or None, read only
    when a value is given. Values, labels, markup and errors are ``ModelChoiceField``'s."""

    iterator = _RowsIterator

    def __init__(
        self,
        *args: Any,
        model: type[Any],
        rows: Callable[[], list[Any]] | None = None,
        lookup: Callable[[str], Any] | None = None,
        **kwargs: Any,
    ) -> None:
        self._rows_of = rows
        self._lookup = lookup
        self._rows: list[Any] | None = None
        # An empty queryset: the field's model for Django, never read.
        kwargs["queryset"] = model._default_manager.none()
        super().__init__(*args, **kwargs)

    def rows(self) -> list[Any]:
        if self._rows is None:
            self._rows = list(self._rows_of()) if self._rows_of is not None else []
        return self._rows

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        copied = super().__deepcopy__(memo)
        copied._rows = None  # each form reads its own (the cache keeps them across requests)
        return copied

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        key = self.to_field_name or "pk"
        model = self.queryset.model
        if isinstance(value, model):
            value = getattr(value, key)
        if self._lookup is not None:
            found = self._lookup(str(value))
        else:
            found = next((row for row in self.rows() if str(getattr(row, key)) == str(value)), None)
        if found is None:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return found


class RowsModelChoiceFilter(django_filters.ChoiceFilter):
    """``MarkedModelChoiceFilter`` over ``RowsModelChoiceField``: pass ``model`` and
    ``rows`` (a function returning the options) or ``lookup`` (value -> record or None)."""

    field_class = RowsModelChoiceField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("empty_label", filter_settings.EMPTY_CHOICE_LABEL)
        super().__init__(*args, **kwargs)


class ListedChoiceField(ChoiceField):
    """A drop-down of a bounded list of choices that still accepts every valid value:
    ``lookup(value)`` gives the label of a value outside the list, or None when the value
    is not valid. A valid value from outside the list is added to the drop-down so the form
    shows what the page is filtered by."""

    widget = FastSelect

    def __init__(self, *args: Any, lookup: Any, **kwargs: Any) -> None:
        choices = kwargs.pop("choices", ())
        self.listed = list(choices() if callable(choices) else choices)
        self.lookup = lookup
        super().__init__(*args, choices=self.listed, **kwargs)

    def valid_value(self, value: Any) -> bool:
        if any(str(value) == str(key) for key, _label in self.listed):
            return True
        label = self.lookup(str(value))
        if label is None:
            return False
        self.choices = [*self.listed, (str(value), label)]
        return True


class ListedChoiceFilter(django_filters.ChoiceFilter):
    field_class = ListedChoiceField


def listed_choices(
    name: str,
    rows: Callable[[], QuerySet[Any]],
    label: Any = str,
    key: str = "slug",
    *,
    scopes: Iterable[str] | None = None,
) -> list[tuple[str, str]]:
    """The first LISTED_CHOICES of ``rows()`` (already in order of relevance) as (slug,
    label) pairs in alphabetical order, computed once per version of ``scopes`` (the
    sections whose writes change them, core.cache; every public write when not given)
    and language. ``rows`` builds a constant query: its SQL is compiled once per process
    (core.db.compiled_rows), since with the cache off it runs on every request."""

    def build() -> list[tuple[str, str]]:
        read = compiled_rows(f"listed:{name}:{LISTED_CHOICES}", lambda: rows()[:LISTED_CHOICES])
        pairs = [(getattr(row, key), str(label(row))) for row in read]
        return sorted(pairs, key=lambda pair: pair[1].casefold())

    return cached_fragment(f"filter-choices:{name}", build, scopes=scopes)


def label_lookup(rows: QuerySet[Any], key: str = "slug") -> Any:
    """``ListedChoiceField``'s lookup: the label of the row of ``rows`` with that key."""

    def lookup(value: str) -> str | None:
        row = rows.filter(**{key: value}).first()
        return None if row is None else str(row)

    return lookup
