"""Formatting of report cells: numbers shown localised, with the raw value kept beside."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


@register.filter
def raw_value(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@register.filter
def report_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@register.filter
def report_number(value: Any) -> str:
    decimals = 0
    if (isinstance(value, Decimal) and value != value.to_integral_value()) or isinstance(
        value, float
    ):
        decimals = 2
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


@register.simple_tag
def project_sources(project_id: int | None) -> list[Any]:
    """The public documents a project's records come from, for a "Source" line on pages of
    lower apps (grants, news) that cannot read this app's models themselves."""
    # Imported here: template tag libraries load before the app registry is ready.
    from reports.models import SourceDocument

    if not project_id:
        return []
    return list(SourceDocument.objects.filter(projects=project_id).order_by("published_on", "slug"))
