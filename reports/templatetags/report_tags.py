"""Formatting of report cells: numbers shown localised, with the raw value kept beside."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import template
from django.template.base import render_value_in_context
from django.utils.formats import number_format
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

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


@register.simple_tag(takes_context=True)
def report_rows(context: template.Context, rows: list[list[Any]]) -> SafeString:
    """A report table's body rows: the first cell names the row, the others are numbers
    (localised, raw value kept beside) or text. Written here rather than by including a
    cell template per cell: a donor report's page holds thousands of cells, and the
    include per cell was the larger part of rendering it."""
    html: list[str] = []
    for row in rows:
        html.append("<tr>")
        for position, cell in enumerate(row):
            if position == 0:
                label = "" if cell is None else cell
                html.append(f'<th scope="row">{render_value_in_context(label, context)}</th>')
            elif is_number(cell):
                html.append(
                    f'<td class="num" data-value="{conditional_escape(raw_value(cell))}">'
                    f"{conditional_escape(report_number(cell))}</td>"
                )
            else:
                html.append(f"<td>{conditional_escape(report_text(cell))}</td>")
        html.append("</tr>")
    return mark_safe("".join(html))  # noqa: S308 - every cell is escaped above


@register.simple_tag
def project_sources(project_id: int | None) -> list[Any]:
    """The public documents a project's records come from, for a "Source" line on pages of
    lower apps (grants, news) that cannot read this app's models themselves."""
    # Imported here: template tag libraries load before the app registry is ready.
    from reports.models import SourceDocument

    if not project_id:
        return []
    return list(SourceDocument.objects.filter(projects=project_id).order_by("published_on", "slug"))
