"""Small-number suppression for counts about people shown to the public.

In a village, "other protection concerns: 1" or "members from the police: 2" can point at a
person. A count from 1 to ``PUBLIC_SMALL_NUMBER_THRESHOLD - 1`` is shown as "fewer than N"
instead (0 is shown: it names nobody). Generic plumbing with no domain imports (a candidate
for ``core/``); callers decide which counts are about people.

Totals must not give a hidden cell back by subtraction. We chose complementary suppression
over rounding the total: when exactly one cell of a breakdown with a visible total is
hidden, the next smallest cell is hidden too (shown as "not shown"), so the reader learns
only the sum of two cells. Rounding would change every total on every page, including the
large ones donors quote, to protect a cell that only exists in a few small places.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext


@dataclass(frozen=True)
class HiddenCount:
    """A count the public must not see; renders as its explanation."""

    small: bool  # True: the count itself is small; False: hidden to protect another cell

    suppressed = True

    def __str__(self) -> str:
        if self.small:
            return gettext("fewer than %(threshold)d") % {"threshold": threshold()}
        return gettext("not shown")


PublicCount = int | HiddenCount


def threshold() -> int:
    return int(settings.PUBLIC_SMALL_NUMBER_THRESHOLD)


def is_small(count: int) -> bool:
    return 0 < count < threshold()


def public_count(count: int) -> PublicCount:
    """One count on its own (no total beside it that could give it back)."""
    return HiddenCount(small=True) if is_small(count) else count


def public_breakdown(counts: Sequence[int], *, total_shown: bool = True) -> list[PublicCount]:
    """The cells of one breakdown, in the same order, small ones hidden; with
    ``total_shown``, a lone hidden cell takes the next smallest one with it."""
    result: list[PublicCount] = [public_count(count) for count in counts]
    hidden = [i for i, cell in enumerate(result) if isinstance(cell, HiddenCount)]
    if total_shown and len(hidden) == 1:
        visible = [i for i, cell in enumerate(result) if not isinstance(cell, HiddenCount)]
        # Only cells above 0 protect anything: a visible 0 adds nothing to the sum.
        candidates = [i for i in visible if counts[i] > 0]
        if candidates:
            partner = min(candidates, key=lambda i: counts[i])
            result[partner] = HiddenCount(small=False)
    return result
