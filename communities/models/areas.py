"""Where a project works, at the level the documents name it: a whole country, a region
("15 communities in 4 regions"), a district ("5 Sughd districts") or one community.

Community-level areas also keep a target-community row (``ProjectCommunity``), which carries
the population covered and which the indicators and the activity log read."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from communities.models.places import Community, District, Region
from core.choices import Country


class AreaLevel(models.TextChoices):
    COUNTRY = "country", _("Country")
    REGION = "region", _("Region")
    DISTRICT = "district", _("District")
    COMMUNITY = "community", _("Community")


_PLACES = ("country", "region", "district", "community")


def _only(level: str) -> Q:
    """The area's level with its own place set and every other place left empty."""
    condition = Q(level=level)
    for name in _PLACES:
        filled = ~Q(country="") if name == "country" else Q(**{f"{name}__isnull": False})
        condition &= filled if name == level else ~filled
    return condition


class ProjectAreaQuerySet(models.QuerySet["ProjectArea"]):
    def with_places(self) -> ProjectAreaQuerySet:
        return self.select_related("region", "district", "district__region", "community")


class ProjectArea(models.Model):
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="areas")
    level = models.CharField(_("level"), max_length=10, choices=AreaLevel.choices)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, blank=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="project_areas"
    )
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, blank=True, related_name="project_areas"
    )
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, null=True, blank=True, related_name="project_areas"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords()
    objects = ProjectAreaQuerySet.as_manager()

    class Meta:
        ordering = ["project", "level", "pk"]
        verbose_name = _("project area")
        verbose_name_plural = _("project areas")
        constraints = [
            # Exactly the place of the area's level is set, nothing else.
            models.CheckConstraint(
                name="project_area_place_matches_level",
                condition=_only(AreaLevel.COUNTRY)
                | _only(AreaLevel.REGION)
                | _only(AreaLevel.DISTRICT)
                | _only(AreaLevel.COMMUNITY),
            ),
            models.UniqueConstraint(
                fields=["project", "country"],
                condition=Q(level="country"),
                name="project_area_unique_country",
            ),
            models.UniqueConstraint(
                fields=["project", "region"],
                condition=Q(level="region"),
                name="project_area_unique_region",
            ),
            models.UniqueConstraint(
                fields=["project", "district"],
                condition=Q(level="district"),
                name="project_area_unique_district",
            ),
            models.UniqueConstraint(
                fields=["project", "community"],
                condition=Q(level="community"),
                name="project_area_unique_community",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.place_name} — {self.project}"

    def get_absolute_url(self) -> str:
        if self.level == AreaLevel.COUNTRY:
            return reverse("communities:country_detail", kwargs={"country": self.country.lower()})
        place = self.place
        return place.get_absolute_url() if place is not None else self.project.get_absolute_url()

    @property
    def place(self) -> Region | District | Community | None:
        places: dict[str, Region | District | Community | None] = {
            AreaLevel.REGION: self.region,
            AreaLevel.DISTRICT: self.district,
            AreaLevel.COMMUNITY: self.community,
        }
        return places.get(self.level)

    @property
    def place_name(self) -> str:
        if self.level == AreaLevel.COUNTRY:
            return str(Country(self.country).label) if self.country else "—"
        return str(self.place or "—")
