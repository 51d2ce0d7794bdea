"""The review form written by grants/templatetags/committee.py must be the markup Django's
field templates give the same form (staff/includes/field.html), in every language; the
ranking rows and a member's scores what the template code they replaced wrote."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.template import engines
from django.utils import translation

from grants import models as gm
from grants.forms import ReviewForm
from grants.templatetags.committee import ranking_rows, review_fields, review_scores
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


# --- the ranking's rows ---------------------------------------------------------------------


def _rows_as_format_html_wrote_them(rows, *, done, secretariat, currency) -> str:
    """The ranking rows as the tag wrote them through format_html_join (every cell escaped
    by conditional_escape, amounts by money(), scores by localize()), kept as the oracle
    of the faster writing."""
    from django.urls import reverse
    from django.utils.formats import localize
    from django.utils.html import format_html, format_html_join
    from django.utils.translation import gettext

    from core.templatetags.portal import lang_note, money

    hidden = format_html('<span class="muted">{}</span>', gettext("hidden"))
    cells = []
    for row in rows:
        application = row.application
        shown = secretariat or application.pk in done
        cells.append(
            (
                localize(row.rank),
                application.reference or "—",
                str(application.applicant),
                lang_note(application.applicant, "name"),
                reverse("staff:application_detail", args=[application.pk]),
                application.title,
                lang_note(application, "title"),
                ("—" if row.score is None else localize(row.score)) if shown else hidden,
                localize(row.reviewers),
                money(row.requested, currency),
                gettext("yes") if row.within_envelope else gettext("no"),
                row.status_label,
            )
        )
    return format_html_join(
        "",
        '<tr>\n<td>{}</td><td>{}</td><td>{}{}</td>\n<td><a href="{}">{}</a>{}</td>\n'
        "<td>{}</td>\n<td>{}</td><td>{}</td><td>{}</td><td>{}</td>\n</tr>",
        cells,
    )


@pytest.mark.parametrize("language", ["ru", "ky", "tg", "en"])
@pytest.mark.parametrize("currency", ["USD", "KGS", "EUR", "XOF", ""])
@pytest.mark.parametrize("secretariat", [True, False])
def test_the_ranking_rows_are_what_format_html_wrote(language, currency, secretariat) -> None:
    from grants.ranking import RankedApplication

    organisation = f.OrganisationFactory(name_en='Fund "A" & <B>', acronym="F&B")
    applications = [
        f.ApplicationFactory(applicant=organisation, title_en="Lights <script>", reference="R&1"),
        f.ApplicationFactory(title_en="Plain", reference=""),
        f.ApplicationFactory(title_en="Third", reference="R3"),
    ]
    rows = [
        RankedApplication(
            rank=rank,
            application=application,
            score=score,
            reviewers=reviewers,
            criteria_scored=1,
            criteria_total=2,
            requested=requested,
            cumulative_requested=requested,
            envelope_share=None,
            within_envelope=rank == 1,
            status_label=label,
        )
        for rank, application, score, reviewers, requested, label in [
            (1, applications[0], Decimal("87.50"), 3, Decimal("1250000.50"), "Received <x>"),
            (1234, applications[1], None, 1234, Decimal("14000"), "Eligible"),
            (7, applications[2], Decimal("1234.5"), 0, Decimal("0"), "Отклонена"),
        ]
    ]
    done = {applications[0].pk}
    with translation.override(language):
        expected = _rows_as_format_html_wrote_them(
            rows, done=done, secretariat=secretariat, currency=currency
        )
        written = ranking_rows(rows, done=done, secretariat=secretariat, currency=currency)

    assert written == expected
    assert "&lt;script&gt;" in written and "<script>" not in written
    # The titles and the applicant exist in English only: marked on every other page.
    assert ("lang-note" in written) is (language != "en")


# --- a member's scores on the application page ---------------------------------------------

SCORES_THROUGH_TEMPLATES = engines["django"].from_string(
    "{% load portal %}{% for s in scores %}"
    '{{ s.criterion.name }}{% lang_note s.criterion "name" %}: {{ s.score|floatformat:"-2" }}'
    "{% if not forloop.last %}; {% endif %}{% empty %}—{% endfor %}"
)


@pytest.mark.parametrize("language", ["ru", "ky", "tg", "en"])
def test_a_members_scores_are_what_the_template_loop_wrote(language) -> None:
    programme = f.GrantProgrammeFactory()
    relevance = f.ScoringCriterionFactory(
        programme=programme, name_en="Relevance <core>", name_ru="Актуальность & цель"
    )
    budget = f.ScoringCriterionFactory(programme=programme, name_en="Budget")
    review = gm.Review(application=f.ApplicationFactory(programme=programme))
    lists = [
        [
            gm.ReviewScore(review=review, criterion=relevance, score=Decimal("7.50")),
            gm.ReviewScore(review=review, criterion=budget, score=Decimal("1234.25")),
            gm.ReviewScore(review=review, criterion=relevance, score=Decimal("10")),
        ],
        [gm.ReviewScore(review=review, criterion=budget, score=Decimal("0.00"))],
        [],
    ]
    with translation.override(language):
        for scores in lists:
            expected = SCORES_THROUGH_TEMPLATES.render({"scores": scores})
            assert review_scores(scores) == expected
    with translation.override("ru"):
        assert review_scores(lists[0]).startswith("Актуальность &amp; цель: 7")
