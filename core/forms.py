"""Form fields every staff form uses: the phone's date picker, counts of people, several
photos at once, and record choices that refuse non-ids before any query."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Model

from core.inputs import parse_id
from core.uploads import image_check


class DateInput(forms.DateInput):
    """The phone's own date picker."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class CountInput(forms.NumberInput):
    def __init__(self) -> None:
        super().__init__(attrs={"min": 0, "inputmode": "numeric", "class": "count"})


# More people than this at one meeting, assessment or vote is a typing error. The bound
# also keeps the value inside PostgreSQL's integer column, which would otherwise fail
# with a server error instead of a message on the field.
MAX_COUNT = 1_000_000


class CountField(forms.IntegerField):
    """A number of people (or votes): 0 up to MAX_COUNT."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_COUNT)
        kwargs.setdefault("initial", 0)
        kwargs.setdefault("widget", CountInput())
        super().__init__(**kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    widget = MultipleFileInput

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        uploads = data if isinstance(data, list | tuple) else [data]
        return [upload for upload in uploads if upload]


class RecordChoiceField(forms.ModelChoiceField):
    """A record chosen by id. Anything that is not an id a database can hold (``²``, a
    30-digit number) is an invalid choice before any query: SQLite overflows on ids past
    2**63 and would answer with a server error."""

    def to_python(self, value: Any) -> Any:
        if (
            value not in self.empty_values
            and not self.to_field_name
            and not isinstance(value, Model)
            and parse_id(value) is None
        ):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class RecordMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several records chosen by id; see RecordChoiceField."""

    def clean(self, value: Any) -> Any:
        if not self.to_field_name and isinstance(value, (list, tuple)):
            for pk in value:
                if not isinstance(pk, Model) and parse_id(pk) is None:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        return super().clean(value)


def record_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    """The record choice field `name` of `form`, typed as one so a view can limit its
    queryset. A form's fields are declared as plain `Field`, and a wrong name or kind should
    fail here, loudly, rather than set an attribute nobody reads."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{name} is a {type(field).__name__}, not a record choice field")
    return field


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The choice field `name` of `form`, typed as one so its options can be replaced."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{name} is a {type(field).__name__}, not a choice field")
    return field


class CheckedImageField(forms.ImageField):
    """The admin's image field with the site's photo checks first: the pixel count is read
    from the header, and a refusal says why (Django's own says only "not a valid image")."""

    def to_python(self, data: Any) -> Any:
        if data not in self.empty_values and hasattr(data, "seek"):
            image_check(data)
        return super().to_python(data)


# For ModelAdmin.formfield_overrides.
CHECKED_IMAGE_OVERRIDES: dict[Any, dict[str, Any]] = {
    models.ImageField: {"form_class": CheckedImageField}
}
