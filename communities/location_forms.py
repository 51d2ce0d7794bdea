"""The optional location fields of the activity and meeting forms. The position comes from
the phone (static/js/field-location.js fills the hidden fields); the user chooses only the
precision. Forms for work on a sensitive problem leave the fields out."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from communities.location import NO_LOCATION, Location, location_clean
from communities.models import Activity, FieldLocationPrecision, Meeting

# Hidden, but restored when the outbox loads an entry back into the form to correct it.
HIDDEN = forms.HiddenInput(attrs={"data-outbox-fill": ""})

LOCATION_FIELDS = ("location_precision", "latitude", "longitude", "location_accuracy_m")


def add_location_fields(form: forms.Form, record: Activity | Meeting | None = None) -> None:
    form.fields["location_precision"] = forms.ChoiceField(
        label=_("Location (optional)"),
        choices=[("", _("Do not record")), *FieldLocationPrecision.choices],
        required=False,
        widget=forms.RadioSelect,
        help_text=_("From this phone's position. Public pages never show more than the community."),
    )
    form.fields["latitude"] = forms.DecimalField(
        required=False, max_digits=12, decimal_places=9, widget=HIDDEN
    )
    form.fields["longitude"] = forms.DecimalField(
        required=False, max_digits=13, decimal_places=9, widget=HIDDEN
    )
    form.fields["location_accuracy_m"] = forms.IntegerField(
        required=False, min_value=0, widget=HIDDEN
    )
    if record is not None and not form.is_bound:
        form.initial.update(
            {
                "location_precision": record.location_precision,
                "latitude": record.latitude,
                "longitude": record.longitude,
                "location_accuracy_m": record.location_accuracy_m,
            }
        )


def remove_location_fields(form: forms.Form) -> None:
    for name in LOCATION_FIELDS:
        form.fields.pop(name, None)


def has_location_fields(form: forms.Form) -> bool:
    return "location_precision" in form.fields


def clean_location(form: forms.Form) -> Location | None:
    """The cleaned location, or None when the form has no location fields (the record's
    location is then left as it is). Errors go on the precision field."""
    if not has_location_fields(form):
        return None
    cleaned: dict[str, Any] = form.cleaned_data
    try:
        location = location_clean(
            precision=cleaned.get("location_precision") or "",
            latitude=cleaned.get("latitude"),
            longitude=cleaned.get("longitude"),
            accuracy_m=cleaned.get("location_accuracy_m"),
        )
    except ValidationError as exc:
        for messages in exc.message_dict.values():
            for message in messages:
                form.add_error("location_precision", message)
        return NO_LOCATION
    cleaned["location"] = location
    return location
