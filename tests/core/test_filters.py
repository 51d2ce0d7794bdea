"""core.filters.FastSelect writes the same markup as Django's Select, without templates."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.utils.safestring import mark_safe

from core.filters import FastSelect

CHOICES: list[Any] = [
    ("", "All regions"),
    ("KG-J", "Jalal-Abad Region"),
    ('a"<b', "x & <y>"),
    ("safe", mark_safe("<b>kept</b>")),
    (2022, 2022),
    ("Group & co", [("g1", "In a group"), ("g2", "Another")]),
]


@pytest.mark.parametrize(
    ("value", "attrs"),
    [
        (None, {"id": "id_region"}),
        ("KG-J", {"id": "id_region"}),
        ('a"<b', {"id": "id_x", "required": True, "disabled": False, "data-x": 'q"&'}),
        (2022, None),
        ("g2", {"id": "id_g"}),
    ],
)
def test_it_renders_exactly_what_djangos_select_renders(value: Any, attrs: Any) -> None:
    expected = forms.Select(choices=CHOICES).render("region&", value, attrs=attrs)
    assert FastSelect(choices=CHOICES).render("region&", value, attrs=attrs) == expected


def test_it_escapes_values_labels_and_attributes() -> None:
    html = FastSelect(choices=CHOICES).render("n", 'a"<b', attrs={"title": "<t>"})
    assert '<option value="a&quot;&lt;b" selected>x &amp; &lt;y&gt;</option>' in html
    assert 'title="&lt;t&gt;"' in html
    assert "<b>kept</b>" in html
