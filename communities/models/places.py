"""The gazetteer (regions, districts and communities: ayil aimaks, jamoats, towns) and the
communities each project targets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.choices import Country
from core.reversing import reverse_one
from projects.models import public_project_q

# --- Gazetteer -------------------------------------------------------------------------


class RegionKind(models.TextChoices):
    OBLAST = "oblast", _("Oblast")
    VILOYAT = "viloyat", _("Viloyat")
    AUTONOMOUS_REGION = "autonomous_region", _("Autonomous region")
    REPUBLICAN_SUBORDINATION = (
        "republican_subordination",
        _("Districts of republican subordination"),
    )
    CITY = "city", _("City of republican significance")


class DistrictKind(models.TextChoices):
    DISTRICT = "district", _("District")
    CITY = "city", _("City")
    CITY_DISTRICT = "city_district", _("City district")


class CommunityKind(models.TextChoices):
    AYIL_AIMAK = "ayil_aimak", _("Ayil aimak")
    JAMOAT = "jamoat", _("Jamoat")
    TOWN = "town", _("Town")
    CITY = "city", _("City")
    URBAN_SETTLEMENT = "urban_settlement", _("Urban-type settlement")
    CITY_DISTRICT = "city_district", _("City district")


class LocationPrecision(models.TextChoices):
    """What a community's point stands for. Only the place itself is exact; the others are
    stand-ins for a place whose own point no source gives, shown as approximate."""

    PLACE = "place", _("The place itself")
    DISTRICT_CENTRE = "district_centre", _("Approximate: centre of the district")
    REGION_CENTRE = "region_centre", _("Approximate: centre of the region")


class GazetteerUnit(models.Model):
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    # Names come from published sources only, so some languages stay empty; at least one
    # is always present and modeltranslation falls back to it.
    name = models.CharField(_("name"), max_length=200, blank=True)
    if TYPE_CHECKING:
        # The columns modeltranslation adds at run time (communities/translation.py).
        name_en: str
        name_ru: str
        name_ky: str
        name_tg: str
    soate_code = models.CharField(_("SOATE code"), max_length=14, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    # Normalised forms of every name in every language, space-joined with "|" separators,
    # so the lookup selector can match spelling variants without a query per name.
    lookup_names = models.TextField(blank=True, editable=False)
    source_note = models.TextField(_("source"), blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name or self.name_ru or self.name_en or "—"

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def _coordinates_constraints(prefix: str) -> list[models.BaseConstraint]:
    return [
        models.CheckConstraint(
            name=f"{prefix}_latitude_range",
            condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
        ),
        models.CheckConstraint(
            name=f"{prefix}_longitude_range",
            condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
        ),
    ]


class Region(GazetteerUnit):
    code = models.CharField(_("ISO 3166-2 code"), max_length=6, unique=True)
    kind = models.CharField(_("type"), max_length=30, choices=RegionKind.choices)

    # History: registered in communities/translation.py (core.history).

    class Meta:
        ordering = ["country", "code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = _coordinates_constraints("region")

    def get_absolute_url(self) -> str:
        return reverse("communities:region_detail", kwargs={"code": self.code.lower()})


class District(GazetteerUnit):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="districts")
    kind = models.CharField(_("type"), max_length=20, choices=DistrictKind.choices)

    # History: registered in communities/translation.py (core.history).

    class Meta:
        ordering = ["region", "name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        constraints = [
            *_coordinates_constraints("district"),
            models.UniqueConstraint(
                fields=["soate_code"],
                condition=~Q(soate_code=""),
                name="district_unique_soate_code",
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse_one("communities:district_detail", "pk", self.pk)


class CommunityQuerySet(models.QuerySet["Community"]):
    def covered(self) -> CommunityQuerySet:
        """Communities that are the target of at least one public project."""
        return self.filter(public_project_q("project_links__project__")).distinct()


class Community(GazetteerUnit):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="communities")
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, blank=True, related_name="communities"
    )
    kind = models.CharField(_("type"), max_length=20, choices=CommunityKind.choices)
    # The ayil okmotu, jamoat or mayor's office that governs the community: an organisation
    # like any other, so it can be a grantee, a partner or a plan's co-financer.
    local_government = models.ForeignKey(
        "projects.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="governed_communities",
        limit_choices_to={"kind": "local_government"},
        verbose_name=_("local self-government"),
    )
    location_precision = models.CharField(
        _("location precision"),
        max_length=20,
        choices=LocationPrecision.choices,
        default=LocationPrecision.PLACE,
    )

    # History: registered in communities/translation.py (core.history).
    objects = CommunityQuerySet.as_manager()

    class Meta:
        ordering = ["region", "name"]
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        permissions = [
            ("import_community", "Can import communities"),
            ("export_community", "Can export communities"),
        ]
        constraints = [
            *_coordinates_constraints("community"),
            models.UniqueConstraint(
                fields=["soate_code"],
                condition=~Q(soate_code=""),
                name="community_unique_soate_code",
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse_one("communities:community_detail", "pk", self.pk)

    @property
    def location_is_approximate(self) -> bool:
        return self.has_location and self.location_precision != LocationPrecision.PLACE


# --- Target communities ---------------------------------------------------------------
# The table keeps its projects_* name from when it lived in projects, so no data moved.


class ProjectCommunity(models.Model):
    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="target_communities"
    )
    community = models.ForeignKey(Community, on_delete=models.PROTECT, related_name="project_links")
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    population_covered = models.PositiveIntegerField(_("population covered"), null=True, blank=True)

    history = HistoricalRecords(table_name="projects_historicalprojectcommunity")

    class Meta:
        # Moved from projects without moving data: the table keeps its name.
        db_table = "projects_projectcommunity"
        ordering = ["project", "community"]
        verbose_name = _("target community")
        verbose_name_plural = _("target communities")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "community"], name="project_community_unique"
            ),
            models.CheckConstraint(
                name="project_community_end_after_start",
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.community} — {self.project}"

    def get_absolute_url(self) -> str:
        return self.community.get_absolute_url()
