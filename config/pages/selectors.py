"""Reads for the pages that span apps (home, search, places, project and organisation
pages). Each app's own reads stay in its selectors.py; what lives here combines them."""

from __future__ import annotations

from typing import Any

from reports.indicators.scope import IndicatorFilter
from reports.selectors import headline_figures as compute


def headline_figures(**filters: Any) -> dict[str, Any]:
    """The headline indicators, computed by the reports catalogue on public records only,
    so the portal and the donor reports never disagree."""
    return compute(IndicatorFilter(public_only=True, **filters))
