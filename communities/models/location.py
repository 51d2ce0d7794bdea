"""Where an activity or a meeting took place, from the phone's geolocation, at the precision
the field officer chose. Staff of the owning organisation may see it; public pages, feeds,
exports, open data and IATI never show more than the community (docs/offline.md).

Never stored for work on a sensitive problem category: a point on a map next to "domestic
violence" can identify the family (communities.location)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class FieldLocationPrecision(models.TextChoices):
    EXACT = "exact", _("Exact")
    ABOUT_1_KM = "about_1_km", _("About 1 km")
    COMMUNITY = "community", _("Community only")


class FieldLocation(models.Model):
    """The optional location fields. ``community`` precision keeps no coordinates: the
    record's communities already say that much."""

    location_precision = models.CharField(
        _("location precision"), max_length=20, choices=FieldLocationPrecision.choices, blank=True
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    location_accuracy_m = models.PositiveIntegerField(
        _("location accuracy (m)"), null=True, blank=True
    )

    class Meta:
        abstract = True

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def location_constraints(prefix: str) -> list[models.BaseConstraint]:
    """The rules the database keeps for a model with FieldLocation; named per model."""
    with_coordinates = [FieldLocationPrecision.EXACT, FieldLocationPrecision.ABOUT_1_KM]
    return [
        models.CheckConstraint(
            name=f"{prefix}_location_coordinates_match_precision",
            condition=(
                Q(
                    location_precision__in=with_coordinates,
                    latitude__isnull=False,
                    longitude__isnull=False,
                    location_accuracy_m__isnull=False,
                )
                | (
                    ~Q(location_precision__in=with_coordinates)
                    & Q(latitude__isnull=True, longitude__isnull=True)
                )
            ),
        ),
        models.CheckConstraint(
            name=f"{prefix}_location_on_earth",
            condition=Q(latitude__isnull=True)
            | Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
        ),
    ]
