"""Server-rendered SVG bar charts: no JavaScript, no inline styles (CSP), printable."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 190
PLOT_WIDTH = 330
WIDTH = LABEL_WIDTH + PLOT_WIDTH + 90


def _short(label: str, limit: int = 30) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _display(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}".replace(",", "\u202f")
    return f"{value:,.1f}".replace(",", "\u202f")


# Most bars one chart draws: a breakdown by programme or community can have hundreds of rows,
# and 500 bars made a third of a megabyte of SVG nobody can read. The table keeps every row.
MAX_BARS = 15


def bar_chart(
    title: str, values: list[tuple[str, float]], *, chart_id: str, limit: int = MAX_BARS
) -> SafeString:
    """A horizontal bar chart. The table beside it is the accessible alternative, so the
    chart names it with aria-describedby and carries a short title only. Beyond ``limit``
    rows only the largest are drawn, in their table order, and the title says so."""
    if not values:
        return mark_safe("")
    if len(values) > limit:
        largest = set(sorted(range(len(values)), key=lambda i: -values[i][1])[:limit])
        title = _("%(title)s: the largest %(shown)s of %(count)s, all in the table") % {
            "title": title,
            "shown": limit,
            "count": len(values),
        }
        values = [value for i, value in enumerate(values) if i in largest]
    top = max((v for _label, v in values), default=0) or 1
    height = len(values) * (BAR_HEIGHT + GAP) + GAP
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        # For the PDF: WeasyPrint's SVG text ignores the page's stylesheets and needs the
        # shipped font by name (reports/pdf.py); in browsers portal.css's .chart rule wins.
        f'font-family="Portal Sans, sans-serif" '
        f'aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-table">',
        f'<title id="{chart_id}-title">{escape(title)} — {escape(_("chart"))}</title>',
    ]
    for index, (label, value) in enumerate(values):
        y = GAP + index * (BAR_HEIGHT + GAP)
        width = max(round(PLOT_WIDTH * max(value, 0) / top), 1 if value else 0)
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + BAR_HEIGHT - 6}" text-anchor="end" '
            f'class="chart-label">{escape(_short(label))}</text>'
            f'<rect class="bar" x="{LABEL_WIDTH}" y="{y}" width="{width}" '
            f'height="{BAR_HEIGHT}"/>'
            f'<text x="{LABEL_WIDTH + width + 6}" y="{y + BAR_HEIGHT - 6}" '
            f'class="chart-value">{escape(_display(value))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every interpolated text is escaped


def target_actual_chart(
    title: str, periods: list[tuple[str, float | None, float | None]], *, chart_id: str
) -> SafeString:
    """Per period, a target bar and an actual bar side by side. A value not known is drawn
    as no bar and labelled "—", never as a bar of 0. The table beside it (``{chart_id}-table``)
    holds the same figures."""
    if not periods:
        return mark_safe("")
    known = [v for _label, target, actual in periods for v in (target, actual) if v is not None]
    top = max(known, default=0) or 1
    row = 2 * BAR_HEIGHT + 3 * GAP
    height = len(periods) * row + GAP + 20
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-table">',
        f'<title id="{chart_id}-title">{escape(title)} — {escape(_("chart"))}</title>',
        f'<rect class="bar-alt" x="{LABEL_WIDTH}" y="2" width="12" height="12"/>'
        f'<text x="{LABEL_WIDTH + 16}" y="13" class="chart-label">{escape(_("Target"))}</text>'
        f'<rect class="bar" x="{LABEL_WIDTH + 110}" y="2" width="12" height="12"/>'
        f'<text x="{LABEL_WIDTH + 126}" y="13" class="chart-label">{escape(_("Actual"))}</text>',
    ]
    for index, (label, target, actual) in enumerate(periods):
        y = 20 + GAP + index * row
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + BAR_HEIGHT + 4}" text-anchor="end" '
            f'class="chart-label">{escape(_short(label))}</text>'
        )
        for offset, value, css in ((0, target, "bar-alt"), (BAR_HEIGHT + 2, actual, "bar")):
            bar_y = y + offset
            width = 0 if value is None else max(round(PLOT_WIDTH * max(value, 0) / top), 1)
            shown = "—" if value is None else _display(value)
            parts.append(
                f'<rect class="{css}" x="{LABEL_WIDTH}" y="{bar_y}" width="{width}" '
                f'height="{BAR_HEIGHT}"/>'
                f'<text x="{LABEL_WIDTH + width + 6}" y="{bar_y + BAR_HEIGHT - 6}" '
                f'class="chart-value">{escape(shown)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every interpolated text is escaped
