"""Template filters for dates known only to the year or the month (core.partial_dates).

{{ project.planned_start|partial_date:project.start_precision }}   → 2016 / июнь 2016
<time datetime="{{ value|partial_date_iso:precision }}">             → 2016 / 2016-06
{{ programme.call_closes|date_until }}                                → 2024-ж., 15-декабрга (ky)
"""

from __future__ import annotations

import datetime as dt

from django import template

from core.partial_dates import DatePrecision, date_until_format, partial_date_format

register = template.Library()


@register.filter
def partial_date(value: dt.date | None, precision: str = DatePrecision.DAY) -> str:
    """The date as precisely as it is known, in the active language."""
    return partial_date_format(value, precision)


@register.filter
def date_until(value: dt.date | None) -> str:
    """The date in the form it takes before "until" in the active language (the Kyrgyz
    dative: «15-декабрга чейин»)."""
    return date_until_format(value)


@register.filter
def partial_date_iso(value: dt.date | None, precision: str = DatePrecision.DAY) -> str:
    """A valid HTML ``datetime`` value of the same precision."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()
