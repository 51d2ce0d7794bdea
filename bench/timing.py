"""Pure parts of the page benchmark: percentiles, per-round ratios and request variation.

Kept apart from bench/run.py (which starts servers and sends requests) so they can be tested
without a server, and so the arithmetic behind every published figure is in one small file.
"""

from __future__ import annotations

import html
import math
import random
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

# Search words a visitor of this portal types: places, topics and organisations, in Russian,
# Kyrgyz, Tajik and English, so no two timed requests share a cache key and full-text search
# meets every script and stemmer it has to handle.
SEARCH_WORDS: tuple[str, ...] = (
    "Баткен",
    "безопасность",
    "Isfara",
    "mediation",
    "жаштар",
    "Ош",
    "школа",
    "women",
    "граница",
    "вода",
    "Lailak",
    "conflict",
    "молодёжь",
    "аялдар",
    "Жалал-Абад",
    "police",
    "Исфара",
    "пастбище",
    "dialogue",
    "коопсуздук",
    "Сугд",
    "youth",
    "ирригация",
    "Kadamjay",
    "милиция",
    "training",
    "мактаб",
    "Ворух",
    "community",
    "доверие",
    "Chorkuh",
    "жамаат",
    "ҷавонон",
    "Khujand",
    "примирение",
    "report",
)

# Report periods a staff member picks: whole years, halves and quarters.
REPORT_PERIODS: tuple[tuple[str, str], ...] = (
    ("2025-01-01", "2025-12-31"),
    ("2024-01-01", "2024-12-31"),
    ("2023-01-01", "2023-12-31"),
    ("2025-01-01", "2025-06-30"),
    ("2025-07-01", "2025-12-31"),
    ("2024-01-01", "2024-06-30"),
    ("2024-07-01", "2024-12-31"),
    ("2023-07-01", "2024-06-30"),
    ("2022-01-01", "2024-12-31"),
    ("2025-01-01", "2025-03-31"),
    ("2025-04-01", "2025-06-30"),
    ("2024-10-01", "2024-12-31"),
    ("2024-04-01", "2024-09-30"),
    ("2021-01-01", "2025-12-31"),
    ("2023-01-01", "2023-06-30"),
    ("2025-10-01", "2025-12-31"),
)


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest value with at least ``fraction`` of the values at
    or below it. With few samples this is an observed value, never an interpolation."""
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def p50(values: Sequence[float]) -> float:
    return float(statistics.median(values))


@dataclass(frozen=True)
class Round:
    """One round: the two floors and the page, timed alternately within the same minute."""

    static_ms: tuple[float, ...]
    view_ms: tuple[float, ...]
    page_ms: tuple[float, ...]

    @property
    def view_ratio(self) -> float:
        return p50(self.page_ms) / p50(self.view_ms)

    @property
    def static_ratio(self) -> float:
        return p50(self.page_ms) / p50(self.static_ms)


def median_ratio(rounds: Sequence[Round], *, against: str) -> float:
    """Median over rounds of (page p50 / floor p50 of the same round): each ratio compares
    figures taken under the same machine load, which a ratio of overall medians does not."""
    if not rounds:
        raise ValueError("no rounds")
    if against == "view":
        return float(statistics.median(r.view_ratio for r in rounds))
    if against == "static":
        return float(statistics.median(r.static_ratio for r in rounds))
    raise ValueError(f"unknown floor {against!r}")


def form_options(page_html: str) -> dict[str, list[str]]:
    """The non-empty option values of every <select> in a page, by field name: the filter
    values a visitor can actually pick, read from the served form rather than from code."""
    options: dict[str, list[str]] = {}
    for match in re.finditer(r"<select\b([^>]*)>(.*?)</select>", page_html, re.S | re.I):
        name = re.search(r'\bname="([^"]+)"', match.group(1))
        if not name:
            continue
        values = [
            html.unescape(value)
            for value in re.findall(r'<option\b[^>]*\bvalue="([^"]*)"', match.group(2), re.I)
            if value
        ]
        if values:
            options[html.unescape(name.group(1))] = values
    return options


def filter_combinations(
    options: dict[str, list[str]], *, words: Sequence[str] = SEARCH_WORDS, seed: int = 19
) -> list[dict[str, str]]:
    """Every distinct request a list page can be asked in one step: a search word alone, one
    filter alone, a word with a filter, and two filters together, in a fixed shuffled order.
    Index i of the list is the i-th timed request, so requests differ until it is exhausted."""
    singles = [(name, value) for name, values in sorted(options.items()) for value in values]
    combos: list[dict[str, str]] = [{"q": word} for word in words]
    combos += [{name: value} for name, value in singles]
    combos += [{"q": word, name: value} for word in words for name, value in singles]
    combos += [
        {a_name: a_value, b_name: b_value}
        for i, (a_name, a_value) in enumerate(singles)
        for b_name, b_value in singles[i + 1 :]
        if a_name != b_name
    ]
    random.Random(seed).shuffle(combos)
    return combos


def varied_path(
    path: str, *, kind: str, index: int, combinations: Sequence[dict[str, str]] = ()
) -> str:
    """The path of the index-th timed request of a page.

    ``kind`` is "search" (a new word each time), "list" (a new filter combination), "period"
    (a staff report over a new period) or "fixed" (a detail page: one URL; with the cache off
    or after a write nothing is reused anyway)."""
    base, _, query = path.partition("?")
    params = dict(pair.split("=", 1) for pair in query.split("&") if "=" in pair)
    if kind == "search":
        count = len(SEARCH_WORDS)
        first, rank = index % count, (index // count) % count
        word = SEARCH_WORDS[first]
        if rank:
            # Past the single words: pairs of two different words, each pair asked once
            # (distinct for count² requests).
            word += " " + SEARCH_WORDS[(first + rank) % count]
        return f"{base}?{urlencode({'q': word})}"
    if kind == "list":
        if not combinations:
            return f"{base}?{urlencode({'q': SEARCH_WORDS[index % len(SEARCH_WORDS)]})}"
        return f"{base}?{urlencode(combinations[index % len(combinations)])}"
    if kind == "period":
        date_from, date_to = REPORT_PERIODS[index % len(REPORT_PERIODS)]
        kept = {k: v for k, v in params.items() if k not in ("date_from", "date_to")}
        return (
            f"{base}?{'&'.join(f'{k}={v}' for k, v in kept.items())}"
            + ("&" if kept else "")
            + urlencode({"date_from": date_from, "date_to": date_to})
        )
    if kind == "fixed":
        return path
    raise ValueError(f"unknown kind {kind!r}")
