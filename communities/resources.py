"""Communities spreadsheet (population, coordinates, names, SOATE codes) through the grants
import machinery (core/spreadsheets/resource.py), with the same row/column messages.

A row is matched to a stored community by SOATE code when the sheet has one, otherwise by
name through the gazetteer (any language, usual spelling variants) inside the given region
and district. An unmatched name is only added as a new community when the row also says
its type: a misspelt name must produce an error, not a duplicate village. A row found by
name does not rename the community (the cell is a spelling to look up); a row found by
SOATE code does."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import partial
from typing import Any

import tablib
from django.db import models
from django.utils.translation import gettext as _

from communities.gazetteer import GazetteerIndex, refresh_lookup_names
from communities.import_places import find_place, read_region_and_district
from communities.models import Community, CommunityKind, District, Region
from core.i18n import content_languages
from core.spreadsheets.columns import (
    CellError,
    Column,
    choice_lookup,
    clean_choice,
    clean_text,
    display,
)
from core.spreadsheets.resource import (
    ParsedRow,
    RowContext,
    SpreadsheetResource,
    blank_instance_factory,
    translated_headers,
)

LANGS = content_languages()

COMMUNITY_COLUMNS: tuple[Column, ...] = (
    Column("soate", "SOATE code", "Код СОАТЕ", aliases=("SOATE", "СОАТЕ", "Код")),
    Column("region", "Region", "Область", aliases=("Oblast", "Регион", "Вилоят")),
    Column("district", "District", "Район"),
    Column(
        "name",
        "Community",
        "Населённый пункт",
        translated=True,
        required=True,
        aliases=("Name", "Название", "Айылный аймак", "Ayil aimak", "Джамоат"),
    ),
    Column("kind", "Type", "Тип"),
    Column("population", "Population", "Население", aliases=("Численность населения",)),
    Column("latitude", "Latitude", "Широта", aliases=("Lat",)),
    Column("longitude", "Longitude", "Долгота", aliases=("Lon", "Lng", "Long")),
)

KIND_SYNONYMS = {
    "аа": CommunityKind.AYIL_AIMAK,
    "айылный аймак": CommunityKind.AYIL_AIMAK,
    "айыл аймагы": CommunityKind.AYIL_AIMAK,
    "aa": CommunityKind.AYIL_AIMAK,
    "джамоат": CommunityKind.JAMOAT,
    "jamoat": CommunityKind.JAMOAT,
    "город": CommunityKind.CITY,
    "шаар": CommunityKind.CITY,
    "посёлок городского типа": CommunityKind.URBAN_SETTLEMENT,
    "пгт": CommunityKind.URBAN_SETTLEMENT,
    "городской район": CommunityKind.CITY_DISTRICT,
}
MAX_POPULATION = 10_000_000


def clean_population(value: object) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise CellError(_("%(value)s is not a number of people.") % {"value": display(value)})
    text = clean_text(value).replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(
            _("%(value)s is not a number of people. Write it like 12 500.")
            % {"value": display(value)}
        ) from None
    if not number.is_finite() or number != number.to_integral_value():
        raise CellError(_("%(value)s is not a whole number.") % {"value": display(value)})
    if number < 0:
        raise CellError(
            _("%(value)s is negative; a population cannot be.") % {"value": display(value)}
        )
    if number > MAX_POPULATION:
        raise CellError(_("%(value)s is too large for a community.") % {"value": display(value)})
    return int(number)


def coordinate_cleaner(limit: int) -> Any:
    def clean(value: object) -> Decimal | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        text = clean_text(value).replace(",", ".").replace("°", "").strip()
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise CellError(
                _("%(value)s is not a coordinate. Write decimal degrees, e.g. 40.5283.")
                % {"value": display(value)}
            ) from None
        if not number.is_finite() or not -limit <= number <= limit:
            raise CellError(
                _("%(value)s is outside -%(limit)s…%(limit)s degrees.")
                % {"value": display(value), "limit": limit}
            )
        return number.quantize(Decimal("0.000001"))

    return clean


clean_latitude = coordinate_cleaner(90)
clean_longitude = coordinate_cleaner(180)


class CommunityResource(SpreadsheetResource):
    columns = COMMUNITY_COLUMNS
    compared_fields = (
        "name_en",
        "name_ru",
        "name_ky",
        "name_tg",
        "soate_code",
        "kind",
        "population",
        "latitude",
        "longitude",
        "region_id",
        "district_id",
    )
    update_fields = (
        "name_en",
        "name_ru",
        "name_ky",
        "name_tg",
        "soate_code",
        "kind",
        "population",
        "latitude",
        "longitude",
        "lookup_names",
    )

    class Meta(SpreadsheetResource.Meta):
        model = Community
        fields = ("soate_code",)
        name = "Communities"

    @classmethod
    def get_display_name(cls) -> str:
        return _("Communities (template)")

    def load_caches(self, dataset: tablib.Dataset) -> None:
        self.gazetteer = GazetteerIndex.build()
        self.by_pk = {c.pk: c for c in self.gazetteer_communities()}
        self.by_soate = {c.soate_code: c for c in self.by_pk.values() if c.soate_code}
        self.new_community = blank_instance_factory(Community)
        self.kind_table = choice_lookup(CommunityKind.choices, KIND_SYNONYMS)
        self.kind_labels = ", ".join(str(label) for _v, label in CommunityKind.choices)

    def gazetteer_communities(self) -> list[Community]:
        return list(Community.objects.all())

    def _place(self, ctx: RowContext) -> tuple[Region | None, District | None, bool]:
        return read_region_and_district(ctx, partial(find_place, self.gazetteer))

    def parse_row(self, ctx: RowContext) -> None:
        parsed, values = ctx.parsed, ctx.parsed.values
        names = ctx.texts("name")
        given = {lang: n for lang, n in names.items() if n}
        for lang, name in given.items():
            if len(name) > 200:
                ctx.error("name", _("the name is longer than 200 characters."))
            values[f"name_{lang}"] = name
        if not given:
            ctx.error("name", _("the %(column)s is empty.") % {"column": ctx.label("name")})
        region, district, place_ok = self._place(ctx)
        kind = (
            ctx.clean("kind", clean_choice, self.kind_table, self.kind_labels)
            if ctx.has("kind")
            else None
        )
        if kind:
            values["kind"] = kind
        soate = clean_text(ctx.raw("soate")) if ctx.has("soate") else ""
        if soate:
            if not soate.isdigit() or len(soate) > 14:
                ctx.error(
                    "soate",
                    _("%(value)s is not a SOATE code (up to 14 digits).")
                    % {"value": display(soate)},
                )
            values["soate_code"] = soate
        community = self.by_soate.get(soate) if soate else None
        if community is None and given and place_ok:
            for name in given.values():
                community = self.gazetteer.find_community(name, region=region, district=district)
                if community is not None:
                    break
        if community is not None:
            parsed.key = ("id", community.pk)
            if not (soate and self.by_soate.get(soate) is community):
                # Found by name: the cell is a spelling to look up («Наримановский а/а»), not
                # a new name; only languages the gazetteer lacks are filled from it.
                for lang in given:
                    if getattr(community, f"name_{lang}"):
                        values.pop(f"name_{lang}", None)
            if (region and community.region_id != region.pk) or (
                district and community.district_id != district.pk
            ):
                ctx.error(
                    "name",
                    _("%(value)s lies in %(other)s, not in %(place)s.")
                    % {
                        "value": display(next(iter(given.values()), soate)),
                        "other": community.district or community.region,
                        "place": district or region,
                    },
                )
        elif given and place_ok:
            name = next(iter(given.values()))
            if region is None:
                ctx.error(
                    "name",
                    _("%(value)s is not a known community. To add it, fill in Region and Type.")
                    % {"value": display(name)},
                )
            elif not kind:
                ctx.error(
                    "name",
                    _("%(value)s is not a known community in %(place)s. To add it, fill in Type.")
                    % {"value": display(name), "place": district or region},
                )
            else:
                parsed.key = ("new", region.pk, district.pk if district else None, name.casefold())
                parsed.extra["region"] = region
                parsed.extra["district"] = district
        if ctx.has("population"):
            values["population"] = ctx.clean("population", clean_population)
        if ctx.has("latitude"):
            values["latitude"] = ctx.clean("latitude", clean_latitude)
        if ctx.has("longitude"):
            values["longitude"] = ctx.clean("longitude", clean_longitude)
        if ctx.has("latitude") != ctx.has("longitude") or (
            (values.get("latitude") is None) != (values.get("longitude") is None)
        ):
            ctx.error(
                "latitude" if ctx.has("latitude") else "longitude",
                _("give both latitude and longitude, or neither."),
            )

    def existing_instance(self, key: Any) -> Community | None:
        return self.by_pk.get(key[1]) if key[0] == "id" else None

    def new_instance(self, parsed: ParsedRow) -> Community:
        # Also called for rows with errors (never saved), which may lack a region.
        region = parsed.extra.get("region")
        return self.new_community(
            region=region,
            district=parsed.extra.get("district"),
            country=region.country if region is not None else "",
            kind="",
        )

    def apply(self, instance: models.Model, parsed: ParsedRow) -> None:
        super().apply(instance, parsed)
        if instance.pk is None and instance.region_id is None:  # type: ignore[attr-defined]  # rows are gazetteer units; the base resource types them as Model
            return
        # bulk writes skip the pre_save signal that keeps the lookup names in step.
        refresh_lookup_names(instance)  # type: ignore[arg-type]  # rows are gazetteer units; the base resource types them as Model

    # --- export --------------------------------------------------------------------------

    def get_queryset(self) -> models.QuerySet[Community]:
        return Community.objects.select_related("region", "district").order_by(
            "region__code", "district__name", "name"
        )

    def export_headers(self, language: str) -> list[str]:
        headers: list[str] = []
        for column in self.columns:
            if column.translated:
                headers.extend(translated_headers(column, language))
            else:
                headers.append(column.header(language))
        return headers

    def export_row(self, community: Community) -> list[Any]:  # type: ignore[override]  # each resource exports its own model; the base takes any Model
        return [
            community.soate_code,
            str(community.region),
            str(community.district) if community.district_id else "",
            *(getattr(community, f"name_{c}") or "" for c in LANGS),
            community.kind,
            community.population,
            community.latitude,
            community.longitude,
        ]

    def example_row(self) -> list[Any]:
        return [
            "",
            "Ошская область",
            "Кара-Суйский район",
            "Nariman Ayil Aimak",
            "Наримановский айылный аймак",
            "",
            "",
            CommunityKind.AYIL_AIMAK,
            12500,
            "40.5283",
            "72.7985",
        ]
