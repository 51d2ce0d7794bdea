"""What an indicator's measure returns: a value with its disaggregations, and the helpers
that build those small tables."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass
class Breakdown:
    """One disaggregation: a small table whose first column names the group."""

    code: str
    title: str
    columns: list[str]
    rows: list[list[Any]]

    @property
    def chart_values(self) -> list[tuple[str, float]]:
        return [(str(row[0]), float(row[1] or 0)) for row in self.rows]


@dataclass
class Figure:
    """An indicator's measure for one filter; the catalogue pairs it with its indicator."""

    value: Any
    breakdowns: list[Breakdown] = field(default_factory=list)
    note: str = ""


def choice_rows(
    rows: Iterable[Mapping[str, Any]], key: str, choices: Any, *cols: str
) -> list[list[Any]]:
    labels = dict(choices.choices)
    return [
        [str(labels.get(row[key], row[key] or _("Not recorded"))), *(row[c] or 0 for c in cols)]
        for row in rows
    ]


def percent(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


def sex_youth_breakdown(totals: dict[str, int]) -> Breakdown:
    return Breakdown(
        "sex_youth",
        str(_("By sex and age")),
        [str(_("Group")), str(_("Participants"))],
        [
            [str(_("Women")), totals["women"]],
            [str(_("Men")), totals["men"]],
            [str(_("Of whom young people")), totals["youth"]],
        ],
    )
