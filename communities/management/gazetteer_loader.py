"""Loading the gazetteer CSVs (communities/data/gazetteer/) into Region → District → Community.

Idempotent: every row has a natural key (region: ISO code; district/community: SOATE code in
Kyrgyzstan, else region + district + type + name), existing rows are compared field by field
and only changed ones are written. New and changed rows go through simple_history's bulk
helpers, so the edit history shows the load.

Coordinates come from ``coordinates.csv`` (GeoNames points, see build_coordinates.py). They are
merged into the same comparison, so a second load writes nothing. A unit the file does not
place keeps whatever it has (NULL, or a point entered by staff).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

from django.db import models, transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from communities.gazetteer import build_lookup_names
from communities.management.problem_categories import PROBLEM_CATEGORIES
from communities.models import (
    Community,
    CommunityKind,
    District,
    DistrictKind,
    LocationPrecision,
    ProblemCategory,
    Region,
    RegionKind,
)
from communities.place_names import complete_place_names

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "gazetteer"

REGION_KINDS = {
    "oblast": RegionKind.OBLAST,
    "viloyat": RegionKind.VILOYAT,
    "autonomous region": RegionKind.AUTONOMOUS_REGION,
    "districts of republican subordination": RegionKind.REPUBLICAN_SUBORDINATION,
    "city of republican significance": RegionKind.CITY,
}
DISTRICT_KINDS = {
    "district (rayon)": DistrictKind.DISTRICT,
    "district (nohiya)": DistrictKind.DISTRICT,
    "district": DistrictKind.DISTRICT,
    "city (oblast significance)": DistrictKind.CITY,
    "city (regional subordination)": DistrictKind.CITY,
    "city": DistrictKind.CITY,
    "city district": DistrictKind.CITY_DISTRICT,
}
COMMUNITY_KINDS = {
    "ayil aimak": CommunityKind.AYIL_AIMAK,
    "jamoat": CommunityKind.JAMOAT,
    "town": CommunityKind.TOWN,
    "city": CommunityKind.CITY,
    "urban-type settlement": CommunityKind.URBAN_SETTLEMENT,
    "city district": CommunityKind.CITY_DISTRICT,
}
# SOATE: the first 8 of 14 digits identify the district a unit belongs to.
SOATE_DISTRICT_DIGITS = 8
# (south, north, west, east): a point outside its country is a broken file, not a place.
COUNTRY_BOXES = {
    "KG": (Decimal("39.1"), Decimal("43.3"), Decimal("69.2"), Decimal("80.3")),
    "TJ": (Decimal("36.6"), Decimal("41.1"), Decimal("67.3"), Decimal("75.2")),
}
COORDINATES_FILE = "coordinates.csv"


class GazetteerFileError(ValueError):
    """A CSV row the loader cannot place; the whole load is rolled back."""


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@dataclass
class LoadResult:
    counts: dict[str, Counts] = field(default_factory=dict)
    placed: int = 0  # regions, districts and communities with coordinates after the load

    @property
    def changed(self) -> bool:
        return any(c.created or c.updated for c in self.counts.values())


def _read(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise GazetteerFileError(f"Missing gazetteer file: {path}")
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _source(row: dict[str, str], point: dict[str, Any] | None = None) -> str:
    parts = [row.get("source", ""), row.get("notes", "")]
    if point:
        parts.append(point["note"])
    return "\n".join(p for p in parts if p)


def coordinate_key(level: str, row: dict[str, str]) -> tuple[str, ...]:
    """The key a gazetteer row and its coordinates.csv row share.

    Kyrgyz units have SOATE codes; Tajik ones are known by region, district, type and name."""
    if level == "region":
        return ("region", row.get("region_code") or row["code"])
    if row.get("soate_code"):
        return (level, row["soate_code"])
    if level == "district":
        return (level, row["region_code"], row["name_en"].lower())
    return (
        level,
        row["region_code"],
        row["district_name_en"].lower(),
        row["type"].lower(),
        row["name_en"].lower(),
    )


def read_coordinates(path: Path) -> dict[tuple[str, ...], dict[str, Any]]:
    """coordinates.csv → key → {"latitude", "longitude", "note"}; an absent file places nothing."""
    if not path.exists():
        return {}
    points: dict[tuple[str, ...], dict[str, Any]] = {}
    for number, row in enumerate(_read(path), start=2):
        try:
            lat, lon = Decimal(row["latitude"]), Decimal(row["longitude"])
        except (InvalidOperation, KeyError) as exc:
            raise GazetteerFileError(f"{path.name} line {number}: unreadable coordinates") from exc
        box = COUNTRY_BOXES.get(row["country"])
        if box is None or not (box[0] <= lat <= box[1] and box[2] <= lon <= box[3]):
            raise GazetteerFileError(
                f"{path.name} line {number}: {lat}, {lon} lies outside {row['country']}"
            )
        key = coordinate_key(row["level"], row)
        if key in points:
            raise GazetteerFileError(f"{path.name} line {number}: a second point for {key}")
        points[key] = {
            "latitude": lat.quantize(Decimal("0.000001")),
            "longitude": lon.quantize(Decimal("0.000001")),
            "note": (
                f"Coordinates ({row['precision']}: {row['geonames_name']}): {row['source']}. "
                "Contains data from GeoNames (geonames.org), CC BY 4.0."
            ),
        }
    return points


def _point_values(point: dict[str, Any] | None) -> dict[str, Any]:
    return {"latitude": point["latitude"], "longitude": point["longitude"]} if point else {}


M = TypeVar("M", bound=models.Model)


def _sync(
    model: type[M],
    wanted: dict[Any, dict[str, Any]],
    existing: dict[Any, M],
    fields: list[str],
) -> tuple[Counts, dict[Any, M]]:
    """Create missing rows, update changed ones; return counts and key → saved instance."""
    counts = Counts()
    to_create: list[M] = []
    to_update: list[M] = []
    created_keys: list[Any] = []
    result: dict[Any, M] = {}
    for key, values in wanted.items():
        instance = existing.get(key)
        if instance is None:
            instance = model(**values)
            instance.full_clean(
                exclude=FK_FIELDS, validate_unique=False, validate_constraints=False
            )
            to_create.append(instance)
            created_keys.append(key)
            continue
        if any(getattr(instance, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(instance, name, value)
            instance.full_clean(
                exclude=FK_FIELDS, validate_unique=False, validate_constraints=False
            )
            to_update.append(instance)
            counts.updated += 1
        else:
            counts.unchanged += 1
        result[key] = instance
    if to_create:
        created = bulk_create_with_history(
            to_create, model, batch_size=500, default_change_reason="load_gazetteer"
        )
        for key, instance in zip(created_keys, created, strict=True):
            result[key] = instance
        counts.created = len(created)
    if to_update:
        bulk_update_with_history(
            to_update, model, fields, batch_size=500, default_change_reason="load_gazetteer"
        )
    return counts, result


def _names(en: str, ru: str, ky: str = "", tg: str = "") -> dict[str, str]:
    # The untranslated ``name`` column is filled by modeltranslation's descriptor at save time
    # (active language with the ru → en fallback), so it is not compared here.
    return {
        "name_en": en,
        "name_ru": ru,
        "name_ky": ky,
        "name_tg": tg,
    }


NAME_FIELDS = ["name", "name_en", "name_ru", "name_ky", "name_tg"]
# Foreign keys are resolved from rows loaded in the same transaction; validating them again
# would cost one query per row.
FK_FIELDS = ["region", "district"]
UNIT_FIELDS = [
    *NAME_FIELDS,
    "country",
    "kind",
    "soate_code",
    "lookup_names",
    "source_note",
    "latitude",
    "longitude",
]


def _district_key(region_id: int, kind: str, row_name: str, soate: str) -> tuple[Any, ...]:
    return ("soate", soate) if soate else ("name", region_id, kind, row_name.lower())


def _community_key(
    region_id: int, district_id: int | None, kind: str, row_name: str, soate: str
) -> tuple[Any, ...]:
    if soate:
        return ("soate", soate)
    return ("name", region_id, district_id, kind, row_name.lower())


def load_regions(
    rows: list[dict[str, str]], points: dict[tuple[str, ...], dict[str, Any]] | None = None
) -> tuple[Counts, dict[str, Region]]:
    points = points or {}
    wanted: dict[Any, dict[str, Any]] = {}
    for row in rows:
        point = points.get(coordinate_key("region", row))
        kind = REGION_KINDS.get(row["type"].lower())
        if kind is None:
            raise GazetteerFileError(f"regions.csv: unknown type {row['type']!r} ({row['code']})")
        names = complete_place_names(
            _names(row["name_en"], row["name_ru"], row.get("name_ky", ""), row.get("name_tg", "")),
            country=row["country"],
            level="region",
            kind=kind,
            code=row["code"],
        )
        wanted[row["code"]] = {
            **names,
            "code": row["code"],
            "country": row["country"],
            "kind": kind,
            "soate_code": row.get("soate_code", ""),
            "lookup_names": build_lookup_names(
                [names["name_en"], names["name_ru"], names["name_ky"], names["name_tg"]]
            ),
            "source_note": _source(row, point),
            **_point_values(point),
        }
    existing = {r.code: r for r in Region.objects.all()}
    counts, saved = _sync(Region, wanted, existing, [*UNIT_FIELDS, "code"])
    return counts, saved


def load_districts(
    rows: list[dict[str, str]],
    regions: dict[str, Region],
    points: dict[tuple[str, ...], dict[str, Any]] | None = None,
) -> tuple[Counts, dict[Any, District]]:
    points = points or {}
    wanted: dict[Any, dict[str, Any]] = {}
    for row in rows:
        point = points.get(coordinate_key("district", row))
        region = regions.get(row["region_code"])
        kind = DISTRICT_KINDS.get(row["type"].lower())
        if region is None or kind is None:
            raise GazetteerFileError(
                f"districts.csv: cannot place {row['name_en'] or row['name_ru']!r} "
                f"(region {row['region_code']!r}, type {row['type']!r})"
            )
        local = row.get("name_ky_or_tg", "")
        names = complete_place_names(
            _names(
                row["name_en"],
                row["name_ru"],
                local if row["country"] == "KG" else "",
                local if row["country"] == "TJ" else "",
            ),
            country=row["country"],
            level="district",
            kind=kind,
        )
        key = _district_key(
            region.pk, kind, row["name_en"] or row["name_ru"], row.get("soate_code", "")
        )
        wanted[key] = {
            **names,
            "region_id": region.pk,
            "country": row["country"],
            "kind": kind,
            "soate_code": row.get("soate_code", ""),
            "lookup_names": build_lookup_names(
                [names["name_en"], names["name_ru"], names["name_ky"], names["name_tg"]],
                [row.get("project_doc_name", "")],
            ),
            "source_note": _source(row, point),
            **_point_values(point),
        }
    existing = {
        _district_key(d.region_id, d.kind, d.name_en or d.name_ru, d.soate_code): d
        for d in District.objects.all()
    }
    counts, saved = _sync(District, wanted, existing, [*UNIT_FIELDS, "region"])
    return counts, saved


def _district_finder(
    districts: Iterable[District],
) -> Callable[[dict[str, str], Region], District | None]:
    by_soate = {d.soate_code[:SOATE_DISTRICT_DIGITS]: d for d in districts if d.soate_code}
    by_name: dict[tuple[int, str], District] = {}
    for d in districts:
        for name in (d.name_en, d.name_ru):
            if name:
                by_name.setdefault((d.region_id, name.lower()), d)

    def find(row: dict[str, str], region: Region) -> District | None:
        soate = row.get("soate_code", "")
        if soate:
            return by_soate.get(soate[:SOATE_DISTRICT_DIGITS])
        for name in (row.get("district_name_en", ""), row.get("district_name_ru", "")):
            if name and (region.pk, name.lower()) in by_name:
                return by_name[(region.pk, name.lower())]
        return None

    return find


def load_communities(
    rows: list[dict[str, str]],
    regions: dict[str, Region],
    districts: dict[Any, District],
    district_rows: list[dict[str, str]],
    points: dict[tuple[str, ...], dict[str, Any]] | None = None,
) -> Counts:
    points = points or {}
    wanted: dict[Any, dict[str, Any]] = {}
    find_district = _district_finder(list(districts.values()))
    for row in rows:
        point = points.get(coordinate_key("community", row))
        region = regions.get(row["region_code"])
        kind = COMMUNITY_KINDS.get(row["type"].lower())
        label = row["name_en"] or row["name_ru"]
        if region is None or kind is None or not label:
            raise GazetteerFileError(
                f"municipalities.csv: cannot place {label!r} "
                f"(region {row['region_code']!r}, type {row['type']!r})"
            )
        district = find_district(row, region)
        if district is None and (row.get("district_name_en") or row.get("district_name_ru")):
            raise GazetteerFileError(
                f"municipalities.csv: {label!r} names district "
                f"{row.get('district_name_en') or row.get('district_name_ru')!r}, "
                "which districts.csv does not have"
            )
        local = row.get("name_local", "")
        names = complete_place_names(
            _names(
                row["name_en"],
                row["name_ru"],
                local if row["country"] == "KG" else "",
                local if row["country"] == "TJ" else "",
            ),
            country=row["country"],
            level="community",
            kind=kind,
            # "ru": the source's English name romanises the Russian form or drops ö/ü, so it
            # does not give the Kyrgyz one back (SOURCES.md, "Kyrgyz names of ayil aimaks").
            read_back_kyrgyz=row.get("name_en_romanises", "") != "ru",
        )
        soate = row.get("soate_code", "")
        key = _community_key(region.pk, district.pk if district else None, kind, label, soate)
        wanted[key] = {
            **names,
            "region_id": region.pk,
            "district_id": district.pk if district else None,
            "country": row["country"],
            "kind": kind,
            "soate_code": soate,
            "lookup_names": build_lookup_names(
                [names["name_en"], names["name_ru"], names["name_ky"], names["name_tg"]],
                [row.get("project_doc_name", "")],
            ),
            "source_note": _source(row, point),
            **_point_values(point),
            # A point from the file is the place itself, replacing any approximate one.
            **({"location_precision": LocationPrecision.PLACE} if point else {}),
        }
    # Working groups meet in city districts (the Sverdlovsk district of Bishkek), so each city
    # district is also a community, under itself as its district.
    region_codes = {r.pk: code for code, r in regions.items()}
    doc_names = {
        (r["region_code"], r["name_en"] or r["name_ru"]): r.get("project_doc_name", "")
        for r in district_rows
    }
    for district in districts.values():
        if district.kind != DistrictKind.CITY_DISTRICT:
            continue
        label = district.name_en or district.name_ru
        key = _community_key(
            district.region_id,
            district.pk,
            CommunityKind.CITY_DISTRICT,
            label,
            district.soate_code,
        )
        names = _names(district.name_en, district.name_ru, district.name_ky, district.name_tg)
        wanted[key] = {
            **names,
            "region_id": district.region_id,
            "district_id": district.pk,
            "country": district.country,
            "kind": CommunityKind.CITY_DISTRICT,
            "soate_code": district.soate_code,
            "lookup_names": build_lookup_names(
                [names["name_en"], names["name_ru"], names["name_ky"], names["name_tg"]],
                [doc_names.get((region_codes[district.region_id], label), "")],
            ),
            "source_note": district.source_note,
        }
    existing = {
        _community_key(c.region_id, c.district_id, c.kind, c.name_en or c.name_ru, c.soate_code): c
        for c in Community.objects.all()
    }
    counts, _saved = _sync(
        Community, wanted, existing, [*UNIT_FIELDS, "location_precision", "region", "district"]
    )
    return counts


def load_problem_categories() -> Counts:
    counts = Counts()
    for position, spec in enumerate(PROBLEM_CATEGORIES, start=1):
        values = {
            "name_en": spec["en"],
            "name_ru": spec["ru"],
            "name_ky": spec["ky"],
            "name_tg": spec["tg"],
            "sensitive": spec["sensitive"],
            "position": position,
        }
        category = ProblemCategory.objects.filter(slug=spec["slug"]).first()
        if category is None:
            category = ProblemCategory(slug=spec["slug"], **values)
            category.full_clean()
            category.save()
            counts.created += 1
        elif any(getattr(category, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(category, k, v)
            category.full_clean()
            category.save()
            counts.updated += 1
        else:
            counts.unchanged += 1
    return counts


@transaction.atomic
def load_gazetteer(*, data_dir: Path = DEFAULT_DATA_DIR) -> LoadResult:
    """Load regions, districts, communities and problem categories; all or nothing."""
    region_rows = _read(data_dir / "regions.csv")
    district_rows = _read(data_dir / "districts.csv")
    community_rows = _read(data_dir / "municipalities.csv")
    points = read_coordinates(data_dir / COORDINATES_FILE)
    result = LoadResult()
    result.counts["regions"], regions = load_regions(region_rows, points)
    result.counts["districts"], districts = load_districts(district_rows, regions, points)
    result.counts["communities"] = load_communities(
        community_rows, regions, districts, district_rows, points
    )
    result.placed = sum(
        model.objects.filter(latitude__isnull=False).count()
        for model in (Region, District, Community)
    )
    result.counts["problem categories"] = load_problem_categories()
    return result
