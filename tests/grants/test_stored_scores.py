"""The committee's consolidated score is stored on each application when reviews or
criteria change, and the ranking sorts on it: the stored figures must always equal the
ones computed from the reviews."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from grants.call_services import application_confirm_email, committee_decide
from grants.models import Application
from grants.ranking import (
    programme_ranking,
    programme_ranking_slice,
    ranking_places_sql,
    weighted_scores,
)
from grants.services import (
    application_ranking_refresh,
    application_scores_refresh,
    review_delete,
    review_submit,
)
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    programme = f.GrantProgrammeFactory(envelope=Decimal("10000"))
    f.ScoringCriterionFactory(programme=programme, weight=Decimal("2"), max_score=10)
    f.ScoringCriterionFactory(programme=programme, weight=Decimal("1"), max_score=5)
    return programme


def _criteria(programme):
    return list(programme.criteria.order_by("pk"))


def _stored(programme) -> dict[int, tuple]:
    return {
        a.pk: (a.score, a.criteria_scored, a.reviewer_count)
        for a in Application.objects.filter(programme=programme)
    }


def _computed(programme) -> dict[int, tuple]:
    return {
        pk: (s.score, s.criteria_scored, s.reviewer_count)
        for pk, s in weighted_scores(programme).items()
    }


def test_stored_scores_equal_the_scores_computed_from_reviews_after_a_series_of_writes(
    programme,
) -> None:
    relevance, budget = _criteria(programme)
    first, second, third = (f.ApplicationFactory(programme=programme) for _ in range(3))
    a, b, c = f.UserFactory(), f.UserFactory(), f.UserFactory()
    writes = [
        lambda: review_submit(application=first, reviewer=a, scores={relevance: 10, budget: 5}),
        lambda: review_submit(application=first, reviewer=b, scores={relevance: 7, budget: 2}),
        lambda: review_submit(application=second, reviewer=a, scores={relevance: 4}),
        # A reviewer changes their mind, then leaves a criterion out.
        lambda: review_submit(application=first, reviewer=b, scores={relevance: 8, budget: 3}),
        lambda: review_submit(application=second, reviewer=a, scores={budget: 1}),
        # A conflict declared after scoring withdraws the scores but counts the reviewer.
        lambda: review_submit(application=first, reviewer=c, scores={relevance: 1, budget: 1}),
        lambda: review_submit(application=first, reviewer=c, scores={}, conflict_of_interest=True),
        lambda: review_submit(application=third, reviewer=b, scores={relevance: 6, budget: 4}),
        lambda: review_delete(review=third.reviews.get()),
    ]
    for write in writes:
        write()
        assert _stored(programme) == _computed(programme)

    # first: (2×9 + 1×4) / 25 × 100 = 88.00 with three reviewers, one conflicted;
    # second: only the budget scored, 1 / 25 × 100 = 4.00; third: no review left.
    assert _stored(programme) == {
        first.pk: (Decimal("88.00"), 2, 3),
        second.pk: (Decimal("4.00"), 1, 1),
        third.pk: (None, 0, 0),
    }


def test_a_reweighted_criterion_rescores_every_application_on_refresh(programme) -> None:
    relevance, budget = _criteria(programme)
    application = f.ApplicationFactory(programme=programme)
    review_submit(application=application, reviewer=f.UserFactory(), scores={relevance: 10})
    application.refresh_from_db()
    assert application.score == Decimal("80.00")  # 2×10 / 25

    budget.weight = Decimal("5")
    budget.save()
    assert application_scores_refresh(programme=programme) == 1

    application.refresh_from_db()
    assert application.score == Decimal("44.44")  # 2×10 / (20 + 25)
    assert application_scores_refresh(programme=programme) == 0


def test_the_ranking_sorts_on_the_stored_score(programme) -> None:
    relevance, budget = _criteria(programme)
    early = f.ApplicationFactory(programme=programme, received_on="2026-01-01")
    late = f.ApplicationFactory(programme=programme, received_on="2026-02-01")
    unscored = f.ApplicationFactory(programme=programme, received_on="2025-12-01")
    reviewer = f.UserFactory()
    review_submit(application=early, reviewer=reviewer, scores={relevance: 5, budget: 5})
    review_submit(application=late, reviewer=reviewer, scores={relevance: 5, budget: 5})

    order = [row.application for row in programme_ranking(programme)]
    # Equal scores keep the order of arrival; unscored applications come last.
    assert order == [early, late, unscored]

    # A score written behind the services' back moves the ranking once it is refreshed.
    Application.objects.filter(pk=late.pk).update(score=Decimal("99"))
    application_ranking_refresh(programme_id=programme.pk)
    assert programme_ranking(programme)[0].application == late


def test_a_page_of_the_ranking_carries_the_ranks_and_running_total_of_the_whole(
    programme,
) -> None:
    relevance, _budget = _criteria(programme)
    reviewer = f.UserFactory()
    for n in range(7):
        application = f.ApplicationFactory(programme=programme, requested_amount=Decimal(1500 + n))
        review_submit(application=application, reviewer=reviewer, scores={relevance: n})

    whole = programme_ranking(programme)
    page = programme_ranking(programme, window=(3, 6))

    assert [r.rank for r in page] == [4, 5, 6]
    assert page == whole[3:6]
    assert whole[-1].cumulative_requested == sum(Decimal(1500 + n) for n in range(7))
    assert [r.within_envelope for r in whole] == [True] * 6 + [False]


def test_a_slice_of_the_ranking_counts_the_whole_and_marks_what_the_reader_submitted(
    programme,
) -> None:
    relevance, budget = _criteria(programme)
    reader, other = f.UserFactory(), f.UserFactory()
    applications = [
        f.ApplicationFactory(programme=programme, requested_amount=Decimal(1000 + n))
        for n in range(6)
    ]
    for n, application in enumerate(applications):
        review_submit(application=application, reviewer=other, scores={relevance: n, budget: 1})
    submitted, partial, declared = applications[5], applications[4], applications[3]
    review_submit(application=submitted, reviewer=reader, scores={relevance: 9, budget: 5})
    review_submit(application=partial, reviewer=reader, scores={relevance: 9})
    review_submit(application=declared, reviewer=reader, scores={}, conflict_of_interest=True)
    # Not competing: left out of the rows and of the total.
    f.ApplicationFactory(programme=programme, status="withdrawn")

    page = programme_ranking_slice(programme, start=0, stop=4, reader=reader)

    assert page.total == 6
    assert page.rows == programme_ranking(programme, window=(0, 4))
    assert [row.rank for row in page.rows] == [1, 2, 3, 4]
    # A conflict declared counts as submitted (the member then sees the others' scores);
    # a review with a criterion left unscored does not.
    assert page.scored_by_reader == {submitted.pk, declared.pk}
    assert page.rows[0].criteria_total == 2
    assert page.rows[0].status_label == "Received"


def test_a_slice_past_the_end_still_counts_the_ranking(programme) -> None:
    for _ in range(3):
        f.ApplicationFactory(programme=programme)

    page = programme_ranking_slice(programme, start=25, stop=50, reader=f.UserFactory())

    assert page.rows == []
    assert page.total == 3


def _stored_places(programme) -> dict[int, tuple]:
    return {
        a.pk: (a.ranking_position, a.ranking_cumulative)
        for a in Application.objects.filter(programme=programme, ranking_position__isnull=False)
    }


def _computed_places(programme) -> dict[int, tuple]:
    sql, params = ranking_places_sql(programme.pk)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        columns = [c[0] for c in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    return {
        row["pk"]: (
            row["ranking_place"],
            Decimal(str(row["ranking_sum"])).quantize(Decimal("0.01")),
        )
        for row in rows
    }


def test_stored_places_equal_the_ranking_computed_from_scores_after_every_write_path(
    programme,
) -> None:
    relevance, budget = _criteria(programme)
    other_programme = f.GrantProgrammeFactory()
    first, second, third, fourth = (
        f.ApplicationFactory(programme=programme, requested_amount=Decimal(1000 * n))
        for n in range(1, 5)
    )
    online = f.ApplicationFactory(programme=programme, submitted_online=True)
    a, b = f.UserFactory(), f.UserFactory()
    chair = f.UserFactory()
    f.CommitteeMemberFactory(programme=programme, user=chair, is_chair=True)
    for member in (a, b):
        f.CommitteeMemberFactory(programme=programme, user=member)

    def withdraw(application: Application) -> None:
        application.status = "withdrawn"
        application.save()

    def ask_for(application: Application, amount: str) -> None:
        application.requested_amount = Decimal(amount)
        application.save()

    def move(application: Application) -> None:
        application.programme = other_programme
        application.save()

    writes = [
        lambda: review_submit(application=third, reviewer=a, scores={relevance: 9, budget: 5}),
        lambda: review_submit(application=second, reviewer=a, scores={relevance: 4}),
        lambda: review_submit(application=second, reviewer=b, scores={relevance: 10, budget: 5}),
        lambda: review_submit(application=third, reviewer=b, scores={}, conflict_of_interest=True),
        lambda: review_delete(review=second.reviews.get(reviewer=b)),
        # The application's own fields: amount, confirmation, status, decision, programme.
        lambda: ask_for(first, "250.50"),
        lambda: application_confirm_email(application=online),
        lambda: withdraw(fourth),
        lambda: committee_decide(application=first, outcome="reject", reason="Weak", user=chair),
        lambda: move(second),
        lambda: third.delete(),
    ]
    for write in writes:
        write()
        assert _stored_places(programme) == _computed_places(programme)
        assert _stored_places(other_programme) == _computed_places(other_programme)

    # Both unscored: the order of arrival, then of entry.
    assert _stored_places(programme) == {
        first.pk: (1, Decimal("250.50")),
        online.pk: (2, Decimal("5250.50")),
    }
    assert _stored_places(other_programme) == {second.pk: (1, Decimal("2000.00"))}


def test_the_rebuild_command_restores_figures_written_behind_the_services_back(
    programme,
) -> None:
    relevance, budget = _criteria(programme)
    reviewer = f.UserFactory()
    applications = [f.ApplicationFactory(programme=programme) for _ in range(3)]
    for n, application in enumerate(applications):
        review_submit(application=application, reviewer=reviewer, scores={relevance: n, budget: 1})
    Application.objects.filter(programme=programme).update(
        score=None, reviewer_count=0, ranking_position=None, ranking_cumulative=None
    )

    call_command("rebuild_committee_scores", programme=programme.pk, stdout=StringIO())

    assert _stored(programme) == _computed(programme)
    assert _stored_places(programme) == _computed_places(programme)
    assert [row.application for row in programme_ranking(programme)] == applications[::-1]


def test_a_deep_page_is_read_by_stored_place_without_numbering_the_rows_before_it(
    programme,
) -> None:
    relevance, _budget = _criteria(programme)
    reviewer = f.UserFactory()
    for n in range(8):
        application = f.ApplicationFactory(programme=programme, requested_amount=Decimal(100))
        review_submit(application=application, reviewer=reviewer, scores={relevance: n})

    with CaptureQueriesContext(connection) as queries:
        page = programme_ranking_slice(programme, start=5, stop=8, reader=reviewer)

    assert [row.rank for row in page.rows] == [6, 7, 8]
    assert [row.cumulative_requested for row in page.rows] == [
        Decimal(600),
        Decimal(700),
        Decimal(800),
    ]
    assert page.total == 8
    (query,) = queries.captured_queries
    # No window function and no OFFSET: the page's rows come from the index by place.
    assert "OVER" not in query["sql"].upper() and "OFFSET" not in query["sql"].upper()
