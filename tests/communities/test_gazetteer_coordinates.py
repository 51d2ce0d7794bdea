"""GeoNames coordinates in the gazetteer: inside the country, loaded once, never invented."""

from __future__ import annotations

import csv
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from communities.management.gazetteer_loader import (
    COORDINATES_FILE,
    DEFAULT_DATA_DIR,
    GazetteerFileError,
    load_gazetteer,
)
from communities.models import Community, District, Region

KG_BOX = (Decimal("39.1"), Decimal("43.3"), Decimal("69.2"), Decimal("80.3"))
TJ_BOX = (Decimal("36.6"), Decimal("41.1"), Decimal("67.3"), Decimal("75.2"))
BOXES = {"KG": KG_BOX, "TJ": TJ_BOX}


def _inside(box: tuple[Decimal, ...], lat: Decimal, lon: Decimal) -> bool:
    return box[0] <= lat <= box[1] and box[2] <= lon <= box[3]


def _rows() -> list[dict[str, str]]:
    with (DEFAULT_DATA_DIR / COORDINATES_FILE).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_coordinate_in_the_file_lies_inside_its_country() -> None:
    rows = _rows()

    assert len(rows) > 200
    outside = [
        r
        for r in rows
        if not _inside(BOXES[r["country"]], Decimal(r["latitude"]), Decimal(r["longitude"]))
    ]
    assert outside == []
    assert all("GeoNames" in r["source"] and r["precision"] for r in rows)


@pytest.mark.django_db
def test_it_loads_coordinates_for_known_units_in_each_country() -> None:
    load_gazetteer()

    nookat = Community.objects.get(country="KG", kind="town", name_en="Nookat")
    assert nookat.has_location
    assert _inside(KG_BOX, nookat.latitude, nookat.longitude)
    assert "Contains data from GeoNames (geonames.org), CC BY 4.0" in nookat.source_note
    vorukh = Community.objects.get(country="TJ", name_en="Vorukh")
    assert _inside(TJ_BOX, vorukh.latitude, vorukh.longitude)
    bishkek = Region.objects.get(code="KG-GB")
    assert _inside(KG_BOX, bishkek.latitude, bishkek.longitude)
    # 69 matched by build_coordinates.py, and Toguz-Toro's seat (Kazarman) by hand.
    assert District.objects.filter(latitude__isnull=False).count() == 70


@pytest.mark.django_db
def test_a_unit_without_a_match_keeps_no_coordinates() -> None:
    load_gazetteer()

    # Chüy Region has no admin centre in the source table; city districts have no GeoNames
    # place; Kyzyl-Tuu is the name of ayil aimaks in two Jalal-Abad districts (ambiguous).
    assert not Region.objects.get(code="KG-C").has_location
    assert not Community.objects.get(kind="city_district", name_en="Sverdlov").has_location
    kyzyl_tuu = Community.objects.filter(region__code="KG-J", name_ru__startswith="Кызыл-Тууский")
    assert kyzyl_tuu.count() == 2
    assert not kyzyl_tuu.filter(latitude__isnull=False).exists()


@pytest.mark.django_db
def test_loading_twice_changes_no_coordinates_and_writes_no_history() -> None:
    load_gazetteer()
    before = {
        c.pk: (c.latitude, c.longitude) for c in Community.objects.filter(latitude__isnull=False)
    }
    history = Community.history.count()

    second = load_gazetteer()

    assert not second.changed
    assert Community.history.count() == history
    after = {
        c.pk: (c.latitude, c.longitude) for c in Community.objects.filter(latitude__isnull=False)
    }
    assert after == before


@pytest.mark.django_db
def test_coordinates_added_later_are_one_recorded_update(tmp_path: Path) -> None:
    data_dir = tmp_path / "gazetteer"
    shutil.copytree(DEFAULT_DATA_DIR, data_dir)
    (data_dir / COORDINATES_FILE).unlink()
    load_gazetteer(data_dir=data_dir)
    assert not Community.objects.filter(latitude__isnull=False).exists()

    shutil.copy(DEFAULT_DATA_DIR / COORDINATES_FILE, data_dir / COORDINATES_FILE)
    result = load_gazetteer(data_dir=data_dir)

    nookat = Community.objects.get(country="KG", kind="town", name_en="Nookat")
    assert nookat.has_location
    assert result.counts["communities"].updated == len(
        [r for r in _rows() if r["level"] == "community"]
    )
    latest = nookat.history.order_by("-history_id").first()
    assert latest is not None and latest.history_type == "~"
    assert latest.latitude == nookat.latitude


@pytest.mark.django_db
def test_it_rejects_a_point_outside_the_country(tmp_path: Path) -> None:
    data_dir = tmp_path / "gazetteer"
    shutil.copytree(DEFAULT_DATA_DIR, data_dir)
    path = data_dir / COORDINATES_FILE
    rows = _rows()
    rows[0]["latitude"] = "51.5"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

    with pytest.raises(GazetteerFileError, match="outside"):
        load_gazetteer(data_dir=data_dir)
    assert not Region.objects.exists()
