"""The review form written by grants/templatetags/committee.py must be the markup Django's
field templates give the same form (staff/includes/field.html), in every language."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.template import engines
from django.utils import translation

from grants.forms import ReviewForm
from grants.templatetags.committee import review_fields
from tests import factories as f

pytestmark = pytest.mark.django_db

THROUGH_TEMPLATES = engines["django"].from_string(
    '{% for field in form %}{% include "staff/includes/field.html" %}{% endfor %}'
)


def _same_html(markup: str) -> str:
    # Runs of whitespace between tags render as one space, or nothing around block elements.
    return re.sub(r"\s+", " ", markup).replace("> <", "><").strip()


@pytest.mark.parametrize("language", ["ru", "ky", "tg", "en"])
@pytest.mark.parametrize(
    "initial",
    [{}, {"criterion": Decimal("7.50"), "comment": 'Strong & "clear" <plan>'}],
    ids=["new review", "scores already given"],
)
def test_the_review_form_tag_writes_what_the_field_templates_write(language, initial) -> None:
    programme = f.GrantProgrammeFactory()
    criteria = [
        f.ScoringCriterionFactory(programme=programme, name_en="Relevance <core>", weight=2),
        f.ScoringCriterionFactory(programme=programme, name_en="Budget?", max_score=5),
    ]
    values = {}
    if initial:
        values = {f"criterion_{c.pk}": initial["criterion"] for c in criteria}
        values["comment"] = initial["comment"]
    with translation.override(language):
        form = ReviewForm(initial=values, criteria=criteria)
        expected = THROUGH_TEMPLATES.render({"form": form})
        written = review_fields(form)

    assert _same_html(written) == _same_html(expected)
    assert 'max="5"' in written and "required" in written
    assert "&lt;core&gt;" in written and "<core>" not in written


def test_a_review_form_sent_back_with_errors_is_left_to_the_field_templates() -> None:
    programme = f.GrantProgrammeFactory()
    criterion = f.ScoringCriterionFactory(programme=programme)
    form = ReviewForm({f"criterion_{criterion.pk}": "11"}, criteria=[criterion])

    assert not form.is_valid()
    with pytest.raises(AssertionError):
        review_fields(form)
