"""Finding gazetteer units by name, whatever the spelling.

Seeds, spreadsheets and staff type the same place many ways: «Наримановский айылный аймак»,
"Nariman Ayil Aymak", «Нариман а/а». Every name is reduced to a few keys:

* the *normalised* form (case, ё/е, dashes, quotes, spacing and administrative words such as
  «айылный аймак», "district", «обл.» removed): exact, script-specific;
* *stems*: the bare place name inside Russian or Latin adjective forms
  («Наримановский» → «нариман», "Sverdlovsky" → "sverdlov");
* *skeletons*: a Latin phonetic fold of the above, so "Jety-Oguz" meets «Джети-Огуз» and
  "Kulunda" meets "Kulundu".

A lookup tries the strictest keys first and stops at the first level that matches anything.
When several units match, it prefers the one inside the given region/district, then the one
whose kind fits the words the query used («обл.» → an oblast, «г.» → a city), then the one
the project's own documents use. If that still leaves more than one, it returns ``None``:
a wrong guess would silently attach records to the wrong village.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from communities.models import (
    Community,
    CommunityKind,
    District,
    DistrictKind,
    Region,
    RegionKind,
)
from core.translit import skeleton as _skeleton

# --- Normalisation -------------------------------------------------------------------------

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad-"
_QUOTES = "«»\"'“”„‟‘’‚`´ʼ"
_DASH_RE = re.compile(f"[{re.escape(_DASHES)}]")
_QUOTE_RE = re.compile(f"[{re.escape(_QUOTES)}]")
_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")
# Latin letters that look like Cyrillic ones; typed by mistake inside Cyrillic words
# (the seeds have «Кара-Cуу» with a Latin C).
_LATIN_TO_CYRILLIC = str.maketrans("aceopxykmthb", "асеорхукмтнв")

# Administrative words, grouped by what they say about the kind of unit. Written as they look
# after lower-casing, ё→е and turning hyphens into spaces.
_MARKERS: dict[str, tuple[str, ...]] = {
    "community": (
        "айылный аймак",
        "айыльный аймак",
        "айылдык аймак",
        "айыл аймагы",
        "айыл аймагынын",
        "айыльного аймака",
        "айылного аймака",
        "айыльном аймаке",
        "айыльный округ",
        "айылный округ",
        "айыльного округа",
        "айыл окмоту",
        "айыл өкмөтү",
        "сельская управа",
        "аа",
        "аанын",
        "ааны",
        "а а",
        "джамоат",
        "джамоата",
        "ҷамоат",
        "ҷамоати",
        "ҷамоати деҳоти",
        "деҳоти",
        "jamoat",
        "jamoati",
        "village administration",
        "territorial administration",
        "rural community",
        "ayil okmotu",
        "aiyl okmotu",
    ),
    "village": ("с", "c", "село", "v", "village", "а", "айылы", "kishlak", "кишлак"),
    "settlement": ("пгт", "поселок", "urban type settlement", "посёлок"),
    "district": (
        "район",
        "района",
        "районе",
        "району",
        "районунун",
        "р н",
        "district",
        "rayon",
        "raion",
        "nohiya",
        "nohiyai",
        "ноҳия",
        "ноҳияи",
        "нохия",
        "нохияи",
    ),
    "region": (
        "область",
        "области",
        "обл",
        "облусу",
        "облусунун",
        "oblast",
        "oblasty",
        "oblysy",
        "region",
        "province",
        "viloyat",
        "viloyati",
        "вилоят",
        "вилояти",
        "велоят",
    ),
    "city": (
        "г",
        "гор",
        "город",
        "города",
        "шаары",
        "шаарынын",
        "ш",
        "шаҳри",
        "шахри",
        "shahri",
        "city",
        "town",
        "мэрия",
    ),
    "honorific": ("им", "имени", "named after"),
}
# "ayil aimak" has a dozen Latin spellings: ayil/aiyl/ayyl/aiyl + aimak/aymak/aimag(s).
_LATIN_AYIL_AIMAK = r"a(?:i|y|iy|yi|yy)l\s+a(?:i|y)ma[kg]s?|ayil\s+aimaks?"

_MARKER_KIND: dict[str, str] = {}
for _kind, _words in _MARKERS.items():
    for _word in _words:
        _MARKER_KIND[_word] = _kind
_MARKER_RE = re.compile(
    r"(?<![\w])("
    + _LATIN_AYIL_AIMAK
    + "|"
    + "|".join(re.escape(w) for w in sorted(_MARKER_KIND, key=len, reverse=True))
    + r")(?![\w])"
)


def _prepare(text: str) -> str:
    """Lower-case, unify letters, dashes and punctuation; keep the administrative words."""
    text = unicodedata.normalize("NFC", text or "").lower().replace("ё", "е")
    text = text.replace("а/а", " аа ").replace("a/a", " аа ")
    text = _DASH_RE.sub(" ", text)
    text = _QUOTE_RE.sub(" ", text)
    text = re.sub(r"[.,;:!?()\[\]{}/\\№#*_]", " ", text)
    words = []
    for word in text.split():
        if _CYRILLIC_RE.search(word):
            word = word.translate(_LATIN_TO_CYRILLIC)
        words.append(word)
    return " ".join(words)


def _strip_markers(prepared: str) -> tuple[str, set[str]]:
    hints: set[str] = set()

    def _drop(match: re.Match[str]) -> str:
        word = match.group(1)
        hints.add(_MARKER_KIND.get(word, "community"))
        return " "

    stripped = " ".join(_MARKER_RE.sub(_drop, prepared).split())
    return stripped, hints


def normalise_place_name(text: str) -> str:
    """The comparable form of a place name: «Ошская обл.» → «ошская», "Kara Suu" → "kara suu".

    Case, ё/е, every dash variant, quotes, extra spaces and administrative words are
    normalised away; hyphens become spaces so "Kara-Suu" and "Kara Suu" compare equal.
    """
    stripped, _hints = _strip_markers(_prepare(text))
    # If the name *is* an administrative word ("Район"), keep it rather than return nothing.
    return stripped or _prepare(text)


def place_name_hints(text: str) -> set[str]:
    """The kinds of unit the administrative words in ``text`` point to (e.g. {"region"})."""
    return _strip_markers(_prepare(text))[1]


# Masculine and feminine forms only: units are «…ский айылный аймак», «…ский район»,
# «…ская область». Neuter «…ское» names a village («с. Ленинское»), which is no unit of its
# own, so it must not be taken for the ayil aimak or district of the same stem.
_RU_ADJECTIVE = re.compile(r"(?:с|ц)к(?:ий|ая|ие|ого|ой|ому|ом|ую|их|ым|ыми)$")
_RU_POSSESSIVE = re.compile(r"(?:ов|ев|ин|ын|н)$")
_LATIN_ADJECTIVE = re.compile(r"(?:skiy|skii|sky|ski|skaya|sk)$")


def _stems(normalised: str) -> set[str]:
    """Bare place names inside adjective forms: «наримановский» → {«нариманов», «нариман»}."""
    words = normalised.split()
    if not words:
        return set()
    stems: set[str] = set()
    variants: list[list[str]] = [[]]
    for word in words:
        options = [word]
        if _RU_ADJECTIVE.search(word):
            base = _RU_ADJECTIVE.sub("", word)
            if len(base) >= 2:
                options.append(base)
                shorter = _RU_POSSESSIVE.sub("", base)
                if len(shorter) >= 3:
                    options.append(shorter)
        elif not _CYRILLIC_RE.search(word) and _LATIN_ADJECTIVE.search(word):
            base = _LATIN_ADJECTIVE.sub("", word)
            if len(base) >= 3:
                options.append(base)
        variants = [[*prefix, option] for prefix in variants for option in options][:16]
    for variant in variants:
        stems.add(" ".join(variant))
    stems.discard(normalised)
    return stems


def name_keys(name: str) -> tuple[set[str], set[str], set[str]]:
    """(normalised forms, stems, skeletons) of one name."""
    full = normalise_place_name(name)
    if not full:
        return set(), set(), set()
    stems = _stems(full)
    skeletons = {s for s in (_skeleton(k) for k in {full, *stems}) if s}
    return {full}, stems, skeletons


DOC_PREFIX = "@"


def build_lookup_names(names: Iterable[str], project_doc_names: Iterable[str] = ()) -> str:
    """The value of ``lookup_names``: every key of every name, "|"-separated and "|"-framed.

    Spellings from the project's own documents are kept once more with an "@" prefix, so the
    index can still tell them apart after a reload from the database.
    """
    keys: set[str] = set()
    docs = [n for n in project_doc_names if n and n.strip()]
    for name in [*names, *docs]:
        if not name or not name.strip():
            continue
        full, stems, skeletons = name_keys(name)
        keys |= full | stems | skeletons
    keys |= {DOC_PREFIX + normalise_place_name(n) for n in docs}
    keys.discard("")
    return "|" + "|".join(sorted(keys)) + "|" if keys else ""


def doc_names_from_lookup(lookup_names: str) -> list[str]:
    return [k[len(DOC_PREFIX) :] for k in lookup_names.split("|") if k.startswith(DOC_PREFIX)]


def unit_names(unit: Region | District | Community) -> list[str]:
    return [
        n
        for n in (
            getattr(unit, "name_en", ""),
            getattr(unit, "name_ru", ""),
            getattr(unit, "name_ky", ""),
            getattr(unit, "name_tg", ""),
        )
        if n
    ]


def refresh_lookup_names(unit: Region | District | Community) -> None:
    """Recompute ``lookup_names`` from the unit's names, keeping project-document spellings."""
    unit.lookup_names = build_lookup_names(
        unit_names(unit), doc_names_from_lookup(unit.lookup_names or "")
    )


# --- The in-memory index -----------------------------------------------------------------

_REGION_KINDS_BY_HINT: dict[str, set[str]] = {
    "region": {
        RegionKind.OBLAST,
        RegionKind.VILOYAT,
        RegionKind.AUTONOMOUS_REGION,
        RegionKind.REPUBLICAN_SUBORDINATION,
    },
    "city": {RegionKind.CITY},
}
_DISTRICT_KINDS_BY_HINT: dict[str, set[str]] = {
    "district": {DistrictKind.DISTRICT, DistrictKind.CITY_DISTRICT},
    "city": {DistrictKind.CITY},
}
_COMMUNITY_KINDS_BY_HINT: dict[str, set[str]] = {
    "community": {CommunityKind.AYIL_AIMAK, CommunityKind.JAMOAT},
    "village": {CommunityKind.AYIL_AIMAK, CommunityKind.JAMOAT},
    "settlement": {CommunityKind.URBAN_SETTLEMENT},
    "city": {CommunityKind.CITY, CommunityKind.TOWN, CommunityKind.URBAN_SETTLEMENT},
    "district": {CommunityKind.CITY_DISTRICT},
}


@dataclass
class _Entry:
    unit: Region | District | Community
    full: set[str] = field(default_factory=set)
    any: set[str] = field(default_factory=set)
    skeletons: set[str] = field(default_factory=set)
    docs: set[str] = field(default_factory=set)


@dataclass
class _Query:
    full: set[str]
    any: set[str]
    skeletons: set[str]
    hints: set[str]

    @classmethod
    def of(cls, text: str) -> _Query:
        full, stems, skeletons = name_keys(text)
        return cls(full=full, any=full | stems, skeletons=skeletons, hints=place_name_hints(text))


class _Level:
    """Key → entries maps for one kind of unit."""

    def __init__(self, units: Iterable[Region | District | Community]) -> None:
        self.entries: list[_Entry] = []
        self.by_full: dict[str, list[_Entry]] = {}
        self.by_any: dict[str, list[_Entry]] = {}
        self.by_skeleton: dict[str, list[_Entry]] = {}
        for unit in units:
            entry = _Entry(unit=unit)
            docs = doc_names_from_lookup(unit.lookup_names or "")
            for name in [*unit_names(unit), *docs]:
                full, stems, skeletons = name_keys(name)
                entry.full |= full
                entry.any |= full | stems
                entry.skeletons |= skeletons
            for doc in docs:
                full, stems, skeletons = name_keys(doc)
                entry.docs |= full | stems | skeletons
            self.entries.append(entry)
            for key in entry.full:
                self.by_full.setdefault(key, []).append(entry)
            for key in entry.any:
                self.by_any.setdefault(key, []).append(entry)
            for key in entry.skeletons:
                self.by_skeleton.setdefault(key, []).append(entry)

    def units(self) -> list[Region | District | Community]:
        return [entry.unit for entry in self.entries]

    def candidates(self, query: _Query, *, within: Callable[[Any], bool]) -> list[list[_Entry]]:
        """Matches level by level, strictest first, each already narrowed to ``within``."""
        levels = (
            (self.by_full, query.full),
            (self.by_any, query.any),
            (self.by_skeleton, query.skeletons),
        )
        result = []
        for mapping, keys in levels:
            seen: dict[int, _Entry] = {}
            for key in keys:
                for entry in mapping.get(key, ()):
                    if within(entry.unit):
                        seen[id(entry)] = entry
            result.append(list(seen.values()))
        return result


def _pick(
    levels: list[list[_Entry]], query: _Query, kinds_by_hint: dict[str, set[str]]
) -> Region | District | Community | None:
    for found in levels:
        if not found:
            continue
        if len(found) > 1 and query.hints:
            wanted: set[str] = set()
            for hint in query.hints:
                wanted |= kinds_by_hint.get(hint, set())
            fitting = [e for e in found if e.unit.kind in wanted]
            if fitting:
                found = fitting
        if len(found) > 1:
            query_keys = query.any | query.skeletons
            documented = [e for e in found if e.docs & query_keys]
            if documented:
                found = documented
        # Several units at the strictest matching level: do not guess, and do not fall back
        # to looser keys that would only add more candidates.
        return found[0].unit if len(found) == 1 else None
    return None


class GazetteerIndex:
    """Every region, district and community in memory, for repeated lookups (imports, seeds).

    Build it once per import or request with :meth:`build` (three queries); lookups then run
    without touching the database.
    """

    def __init__(
        self,
        regions: Iterable[Region],
        districts: Iterable[District],
        communities: Iterable[Community],
    ) -> None:
        self.regions = _Level(regions)
        self.districts = _Level(districts)
        self.communities = _Level(communities)

    @classmethod
    def build(cls) -> GazetteerIndex:
        return cls(
            Region.objects.all(),
            District.objects.all(),
            Community.objects.all(),
        )

    def find_region(self, name: str) -> Region | None:
        query = _Query.of(name)
        levels = self.regions.candidates(query, within=lambda unit: True)
        return _pick(levels, query, _REGION_KINDS_BY_HINT)  # type: ignore[return-value]  # _pick returns an entry of the level it was given

    def find_district(self, name: str, *, region: Region | None = None) -> District | None:
        query = _Query.of(name)

        def within(unit: District) -> bool:
            return region is None or unit.region_id == region.pk

        levels = self.districts.candidates(query, within=within)
        return _pick(levels, query, _DISTRICT_KINDS_BY_HINT)  # type: ignore[return-value]  # _pick returns an entry of the level it was given

    def find_community(
        self,
        name: str,
        *,
        region: Region | None = None,
        district: District | None = None,
    ) -> Community | None:
        query = _Query.of(name)

        def within(unit: Community) -> bool:
            if region is not None and unit.region_id != region.pk:
                return False
            return district is None or unit.district_id == district.pk

        levels = self.communities.candidates(query, within=within)
        return _pick(levels, query, _COMMUNITY_KINDS_BY_HINT)  # type: ignore[return-value]  # _pick returns an entry of the level it was given

    def suggest_region(self, name: str) -> Region | None:
        """The closest region name, for "Did you mean …?"; ``None`` when nothing is close."""
        found = self.find_region(name)
        if found is not None:
            return found
        query = _Query.of(name)
        best: tuple[float, Region | None] = (0.0, None)
        for entry in self.regions.entries:
            for key in entry.skeletons:
                for wanted in query.skeletons:
                    ratio = difflib.SequenceMatcher(None, wanted, key).ratio()
                    if ratio > best[0]:
                        best = (ratio, entry.unit)  # type: ignore[assignment]  # entries of one level hold units of that level
        return best[1] if best[0] >= 0.6 else None


def lookup_communities(query: str) -> QuerySet[Community]:
    """Communities whose name in any language matches ``query``, for autocomplete widgets."""
    full, _stems, skeletons = name_keys(query)
    if not full:
        return Community.objects.none()
    condition = Q()
    for key in full | skeletons:
        condition |= Q(lookup_names__icontains=key)
    return (
        Community.objects.filter(condition)
        .select_related("region", "district")
        .order_by("kind", "name", "pk")
    )
