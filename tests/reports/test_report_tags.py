"""Report table rows written by ``report_rows``: each cell as the per-cell template wrote it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe

# The rows as the table template wrote them before, with a cell template included per cell
# (templates/reports/_cell.html, inlined here).
PER_CELL_TEMPLATE = (
    "{% load report_tags %}{% for row in rows %}<tr>{% for cell in row %}"
    '{% if forloop.first %}<th scope="row">{{ cell|default_if_none:"" }}</th>{% else %}'
    '<td{% if cell|is_number %} class="num" data-value="{{ cell|raw_value }}"{% endif %}>'
    "{% if cell|is_number %}{{ cell|report_number }}{% else %}{{ cell|report_text }}{% endif %}"
    "</td>{% endif %}{% endfor %}</tr>{% endfor %}"
)

ROWS = [
    ["Programme <A> & co", 1234, Decimal("1234.50"), Decimal("10.00"), 0.5, dt.date(2025, 3, 1)],
    [None, None, "", "<b>raw</b>", mark_safe("<i>safe</i>"), True],
    [2025, 3, Decimal("-7.25"), "Ош", 1_000_000, Decimal("0")],
    [dt.date(2024, 12, 31), "text", 12.0, None, "«quoted»", "a\nb"],
]


def _rendered(source: str, rows: list[list[object]]) -> str:
    return Template(source).render(Context({"rows": rows}))


@pytest.mark.parametrize("language", ["en", "ru", "ky", "tg"])
def test_it_writes_every_kind_of_cell_as_the_per_cell_template_did(language):
    with translation.override(language):
        written = _rendered("{% load report_tags %}{% report_rows rows %}", ROWS)
        assert written == _rendered(PER_CELL_TEMPLATE, ROWS)


def test_it_escapes_text_and_keeps_a_numbers_raw_value_beside_its_localised_text():
    with translation.override("en"):
        written = _rendered("{% load report_tags %}{% report_rows rows %}", [["<A>", 1234, "<b>"]])
    assert written == (
        '<tr><th scope="row">&lt;A&gt;</th><td class="num" data-value="1234">1,234</td>'
        "<td>&lt;b&gt;</td></tr>"
    )
