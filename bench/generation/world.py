"""What the model families share while generating: the random source, the gazetteer's places,
the sinks, and the records earlier families made for later ones to point at."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import models

from bench.generation.constants import LANGS, PREFIX, REFERENCE_DAY
from bench.generation.sink import Sink
from bench.generation.texts import PROBLEM_CATEGORIES, THEMES
from communities import models as cm
from projects import models as pm


class GenerationError(Exception):
    """The database is not one the generator may fill (said in the message)."""


@dataclass
class Place:
    id: int
    region_id: int
    district_id: int | None
    country: str
    population: int | None
    names: dict[str, str]


@dataclass
class ProjectInfo:
    id: int
    start: date
    end: date
    communities: list[Place]
    public: bool
    implementers: list[int]
    funder: int
    working_groups: list[int] = field(default_factory=list)
    author_id: int | None = None


@dataclass
class GroupInfo:
    id: int
    place: Place
    project: ProjectInfo
    organisation_id: int
    established: date
    member_ids: list[int] = field(default_factory=list)
    meetings: list[tuple[int, date]] = field(default_factory=list)
    actions: list[tuple[int, date | None]] = field(default_factory=list)


@dataclass
class Organisations:
    """The generated organisations by the part they play."""

    donors: list[int] = field(default_factory=list)
    implementers: list[int] = field(default_factory=list)
    locals_by_country: dict[str, list[int]] = field(default_factory=lambda: {"KG": [], "TJ": []})
    governments: dict[int, int] = field(default_factory=dict)  # community id -> government
    businesses: list[int] = field(default_factory=list)
    all_local: list[int] = field(default_factory=list)


@dataclass
class World:
    scale: float
    rng: random.Random
    log: Callable[[str], None]
    places: list[Place]
    by_region: dict[int, list[Place]]
    region_names: dict[int, dict[str, str]]
    theme_ids: list[int]
    categories: list[int]
    started: float = field(default_factory=time.perf_counter)
    sinks: list[Sink] = field(default_factory=list)
    orgs: Organisations = field(default_factory=Organisations)
    admin_id: int = 0
    officer_of: dict[int, int] = field(default_factory=dict)
    projects: list[ProjectInfo] = field(default_factory=list)
    groups: list[GroupInfo] = field(default_factory=list)

    @property
    def regions(self) -> list[int]:
        return sorted(self.by_region)

    @property
    def active_projects(self) -> list[ProjectInfo]:
        return [p for p in self.projects if p.start <= REFERENCE_DAY] or self.projects

    def n(self, base: int, minimum: int = 1) -> int:
        return max(minimum, round(base * self.scale))

    def sink(self, model: type[models.Model], **kwargs: Any) -> Sink:
        s = Sink(model, **kwargs)
        self.sinks.append(s)
        return s

    def flush_all(self) -> None:
        for s in self.sinks:
            s.flush()

    def lap(self, what: str) -> None:
        self.log(f"{what}: {time.perf_counter() - self.started:.1f}s")


def translations(texts: Sequence[str], coverage: float, **fmt: Any) -> dict[str, str]:
    """Most records are translated into all four languages; some only into Russian and
    English, a few only into Russian, as real data is, so fallbacks get exercised."""
    filled = LANGS if coverage < 0.6 else ("en", "ru") if coverage < 0.9 else ("ru",)
    values = {}
    for lang, text in zip(LANGS, texts, strict=True):
        values[lang] = text.format(**{k: v[lang] if isinstance(v, dict) else v for k, v in fmt.items()}) if lang in filled else ""  # fmt: skip # noqa: E501
    return values


def spread(base: str, values: dict[str, str]) -> dict[str, str]:
    """{"en": ..} -> {"title_en": .., ..., "title": <Russian, the default language>}."""
    row = {f"{base}_{lang}": values[lang] for lang in LANGS}
    row[base] = values["ru"] or values["en"]
    return row


def between(rng: random.Random, start: date, end: date) -> date:
    if end <= start:
        return start
    return start + timedelta(days=rng.randint(0, (end - start).days))


def people(rng: random.Random, low: int, high: int) -> tuple[int, int, int]:
    women = rng.randint(low, high)
    men = rng.randint(low, high)
    youth = rng.randint(0, (women + men) // 2)
    return women, men, youth


def money(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low, high) * 100)


def currency_of(country: str) -> str:
    return "KGS" if country == "KG" else "TJS"


def _places() -> list[Place]:
    rows = cm.Community.objects.order_by("pk").values(
        "id", "region_id", "district_id", "country", "population",
        *(f"name_{lang}" for lang in LANGS),
    )  # fmt: skip
    places = []
    for r in rows:
        fallback = r["name_ru"] or r["name_en"] or r[f"name_{LANGS[2]}"] or r["name_tg"]
        names = {lang: r[f"name_{lang}"] or fallback for lang in LANGS}
        places.append(
            Place(r["id"], r["region_id"], r["district_id"], r["country"], r["population"], names)
        )
    if not places:
        raise GenerationError(
            "The gazetteer is empty: run `python manage.py load_gazetteer` first."
        )
    return places


def _reference_data() -> tuple[list[int], list[int]]:
    """Themes, problem categories and exchange rates; returns theme and category ids."""
    # bulk_create skips save signals: simple-history's historical models do not carry
    # the modeltranslation columns, so a plain save of a translated model fails there.
    pm.Theme.objects.bulk_create(
        [
            pm.Theme(
                slug=f"{PREFIX}{slug}", name=ru, name_en=en, name_ru=ru, name_ky=ky, name_tg=tg
            )
            for slug, en, ru, ky, tg in THEMES
        ],
        ignore_conflicts=True,
    )
    cm.ProblemCategory.objects.bulk_create(
        [
            cm.ProblemCategory(
                slug=f"{PREFIX}{slug}", name=ru, name_en=en, name_ru=ru, sensitive=sensitive,
                position=100 + position,
            )
            for position, (slug, en, ru, sensitive) in enumerate(PROBLEM_CATEGORIES)
        ],
        ignore_conflicts=True,
    )  # fmt: skip
    rates = (("KGS", "0.0115"), ("TJS", "0.092"), ("EUR", "1.09"), ("GBP", "1.27"))
    pm.ExchangeRate.objects.bulk_create(
        [
            pm.ExchangeRate(
                currency=currency,
                date=date(year, 1, 1),
                rate_to_usd=Decimal(rate),
                source_note="bench",
            )
            for year in range(2014, REFERENCE_DAY.year + 1)
            for currency, rate in rates
        ],
        ignore_conflicts=True,
    )
    themes = pm.Theme.objects.filter(slug__startswith=PREFIX).values_list("pk", flat=True)
    categories = cm.ProblemCategory.objects.filter(slug__startswith=PREFIX)
    return list(themes), list(categories.values_list("pk", flat=True))


def world_build(*, scale: float, seed: int, log: Callable[[str], None]) -> World:
    theme_ids, categories = _reference_data()
    places = _places()
    by_region: dict[int, list[Place]] = {}
    for p in places:
        by_region.setdefault(p.region_id, []).append(p)
    region_names = {
        r["id"]: {lang: r[f"name_{lang}"] or r["name_ru"] or r["name_en"] for lang in LANGS}
        for r in cm.Region.objects.values("id", *(f"name_{lang}" for lang in LANGS))
    }
    return World(
        scale=scale,
        rng=random.Random(seed),
        log=log,
        places=places,
        by_region=by_region,
        region_names=region_names,
        theme_ids=theme_ids,
        categories=categories,
    )
