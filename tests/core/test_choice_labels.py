"""get_FOO_display() through core.choice_labels gives Django's answer, in every language."""

from __future__ import annotations

from django.apps import apps
from django.db import models
from django.utils import translation

from core.choice_labels import choice_display

LANGUAGES = ["en", "ru", "ky", "tg"]


def _fields_with_choices() -> list[tuple[type[models.Model], models.Field]]:
    found = []
    for label in ("projects", "communities", "grants", "reports"):
        for model in apps.get_app_config(label).get_models():
            for field in model._meta.fields:
                if isinstance(field.choices, (list, tuple)):
                    found.append((model, field))
    return found


def test_every_choice_shows_the_label_django_would_in_every_language() -> None:
    fields = _fields_with_choices()
    assert len(fields) > 20
    for model, field in fields:
        # The model's own method is core.choice_labels', not Django's.
        assert model.__dict__[f"get_{field.name}_display"].func is choice_display
        for value, _label in field.flatchoices:
            instance = model(**{field.attname: value})
            for language in LANGUAGES:
                with translation.override(language):
                    shown = getattr(instance, f"get_{field.name}_display")()
                    assert shown == models.Model._get_FIELD_display(instance, field), (
                        model,
                        field.name,
                        value,
                        language,
                    )


def test_a_value_outside_the_choices_is_shown_as_it_is() -> None:
    model = apps.get_model("projects", "Project")
    project = model(status="not-a-status")

    assert project.get_status_display() == "not-a-status"
    assert choice_display(project, model._meta.get_field("status")) == "not-a-status"


def test_a_status_is_shown_in_the_active_language() -> None:
    project = apps.get_model("projects", "Project")(status="active")

    with translation.override("en"):
        english = project.get_status_display()
    with translation.override("ru"):
        russian = project.get_status_display()

    assert english == "Active"
    assert russian != english
