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
