"""``get_FOO_display()`` without translating every label of the field on each call.

Django's ``Model._get_FIELD_display`` builds ``dict(make_hashable(field.flatchoices))`` on
every call, and hashing a ``(value, label)`` pair hashes its lazy label, which translates
it: a field with eight choices runs eight ``gettext`` calls to show one label. Place and
project pages show a status, role or kind for every card, row and partner (about a
hundred per page), and those calls were a third of rendering a district page's facts at
scale 10, growing with the number of cards shown.

``install()`` (from ``CoreConfig.ready()``) gives every model field with fixed choices a
``get_FOO_display()`` that looks the value up in a dict built once per field, keyed by the
values alone, and translates only the label it returns. The answer is the same: the label
in the active language, or the value itself when it is not among the choices. A
``get_FOO_display`` a model defines itself, and fields whose choices are computed (a
callable), keep Django's."""

from __future__ import annotations

from functools import partialmethod
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

# Field → {value: lazy label}; the labels are translated when shown, in the active language.
_LABELS: dict[models.Field[Any, Any], dict[Any, Any]] = {}


def _labels(field: models.Field[Any, Any]) -> dict[Any, Any]:
    labels = _LABELS.get(field)
    if labels is None:
        choices = field.flatchoices
        labels = _LABELS[field] = {make_hashable(value): label for value, label in choices}
    return labels


def choice_display(instance: models.Model, field: models.Field[Any, Any]) -> Any:
    value = getattr(instance, field.attname)
    return force_str(_labels(field).get(make_hashable(value), value), strings_only=True)


def _django_display(method: Any) -> bool:
    # Looked up by name: the stubs leave out this private method of Model.
    django_method = getattr(models.Model, "_get_FIELD_display")  # noqa: B009
    return isinstance(method, partialmethod) and method.func is django_method


def install() -> None:
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.fields:
            name = f"get_{field.name}_display"
            if not isinstance(field.choices, (list, tuple)):
                continue  # no choices, or computed ones (a callable): Django's stays
            if _django_display(model.__dict__.get(name)):
                setattr(model, name, partialmethod(choice_display, field=field))
