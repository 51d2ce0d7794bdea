from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from grants.models import ApplicationStatus, Grant, GrantReport, GrantStatus, ReportStatus
from grants.ranking import programme_ranking
from grants.services import (
    application_award,
    disbursement_plan,
    disbursement_record_payment,
    grant_create,
    grant_report_mark_received,
    grant_update,
    review_submit,
)
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_paid_tranches_cannot_exceed_the_award() -> None:
    grant = f.GrantFactory(amount=Decimal("5000"))
    first = f.DisbursementFactory(grant=grant, tranche=1)
    second = f.DisbursementFactory(grant=grant, tranche=2)
    disbursement_record_payment(
        disbursement=first, paid_amount=Decimal("3000"), paid_date=dt.date(2022, 2, 1)
    )
    with pytest.raises(ValidationError, match="At most 2000"):
        disbursement_record_payment(
            disbursement=second, paid_amount=Decimal("2500"), paid_date=dt.date(2022, 5, 1)
        )
    second.refresh_from_db()
    assert second.paid_amount is None
    disbursement_record_payment(
        disbursement=second, paid_amount=Decimal("2000"), paid_date=dt.date(2022, 5, 1)
    )
    assert sum(d.paid_amount for d in grant.disbursements.all()) == Decimal("5000")


def test_the_award_cannot_drop_below_what_was_paid() -> None:
    grant = f.GrantFactory(amount=Decimal("5000"))
    disbursement_record_payment(
        disbursement=f.DisbursementFactory(grant=grant),
        paid_amount=Decimal("4000"),
        paid_date=dt.date(2022, 2, 1),
    )
    with pytest.raises(ValidationError, match="cannot be less"):
        grant_update(grant=grant, amount=Decimal("3000"))


def test_grant_create_refuses_a_community_outside_the_region() -> None:
    programme = f.GrantProgrammeFactory()
    community = f.CommunityFactory()
    other_region = f.RegionFactory()
    with pytest.raises(ValidationError, match="is not in"):
        grant_create(
            programme=programme,
            grantee=f.OrganisationFactory(),
            reference="G-1",
            title="T",
            region=other_region,
            communities=[community],
        )


def test_a_reviewer_with_a_conflict_of_interest_cannot_score() -> None:
    criterion = f.ScoringCriterionFactory()
    application = f.ApplicationFactory(programme=criterion.programme)
    reviewer = f.UserFactory()
    review_submit(
        application=application,
        reviewer=reviewer,
        scores={},
        conflict_of_interest=True,
        conflict_note="Relative",
    )
    with pytest.raises(ValidationError, match="conflict of interest"):
        review_submit(application=application, reviewer=reviewer, scores={criterion: 8})
    assert not application.reviews.get().scores.exists()


def test_declaring_a_conflict_after_scoring_withdraws_the_scores() -> None:
    criterion = f.ScoringCriterionFactory()
    application = f.ApplicationFactory(programme=criterion.programme)
    reviewer = f.UserFactory()
    review_submit(application=application, reviewer=reviewer, scores={criterion: 8})
    review_submit(application=application, reviewer=reviewer, scores={}, conflict_of_interest=True)
    assert not application.reviews.get().scores.exists()


def test_scores_above_the_maximum_are_refused() -> None:
    criterion = f.ScoringCriterionFactory(max_score=10)
    application = f.ApplicationFactory(programme=criterion.programme)
    with pytest.raises(ValidationError, match="between 0 and 10"):
        review_submit(application=application, reviewer=f.UserFactory(), scores={criterion: 11})


def test_ranking_weights_criteria_ignores_conflicted_reviewers_and_fills_the_envelope() -> None:
    programme = f.GrantProgrammeFactory(envelope=Decimal("10000"))
    relevance = f.ScoringCriterionFactory(programme=programme, weight=Decimal("2"), max_score=10)
    budget = f.ScoringCriterionFactory(programme=programme, weight=Decimal("1"), max_score=5)
    strong = f.ApplicationFactory(programme=programme, requested_amount=Decimal("6000"))
    weak = f.ApplicationFactory(programme=programme, requested_amount=Decimal("5000"))
    a, b, c = f.UserFactory(), f.UserFactory(), f.UserFactory()
    review_submit(application=strong, reviewer=a, scores={relevance: 10, budget: 5})
    review_submit(application=strong, reviewer=b, scores={relevance: 8, budget: 3})
    review_submit(application=strong, reviewer=c, scores={}, conflict_of_interest=True)
    review_submit(application=weak, reviewer=a, scores={relevance: 5, budget: 5})

    first, second = programme_ranking(programme)
    # strong: (2×9 + 1×4) / (2×10 + 1×5) × 100 = 22/25 = 88.00
    assert (first.application, first.score, first.reviewers) == (strong, Decimal("88.00"), 3)
    # weak: (2×5 + 1×5) / 25 × 100 = 60.00
    assert (second.application, second.score) == (weak, Decimal("60.00"))
    assert first.cumulative_requested == Decimal("6000") and first.within_envelope
    assert first.envelope_share == Decimal("60.00")
    assert second.cumulative_requested == Decimal("11000") and not second.within_envelope
    assert second.envelope_share == Decimal("110.00")


def test_overdue_reports_are_those_past_due_and_not_received() -> None:
    late = f.GrantReportFactory(due_date=dt.date(2022, 1, 1))
    f.GrantReportFactory(due_date=dt.date(2030, 1, 1))
    received = f.GrantReportFactory(due_date=dt.date(2021, 1, 1))
    grant_report_mark_received(report=received, received_on=dt.date(2021, 1, 5))
    assert list(GrantReport.objects.overdue(dt.date(2023, 1, 1))) == [late]
    received.refresh_from_db()
    assert received.status == ReportStatus.RECEIVED


def test_a_terminated_grant_takes_no_more_payments() -> None:
    grant = f.GrantFactory(amount=Decimal("5000"), status=GrantStatus.TERMINATED)
    tranche = f.DisbursementFactory(grant=grant)
    with pytest.raises(ValidationError, match="terminated"):
        disbursement_record_payment(
            disbursement=tranche, paid_amount=Decimal("100"), paid_date=dt.date(2022, 2, 1)
        )


def test_a_payment_entered_by_mistake_can_be_cleared() -> None:
    tranche = f.DisbursementFactory(
        grant=f.GrantFactory(amount=Decimal("5000")),
        paid_amount=Decimal("100"),
        paid_date=dt.date(2022, 2, 1),
    )
    disbursement_record_payment(disbursement=tranche, paid_amount=None, paid_date=None)
    tranche.refresh_from_db()
    assert (tranche.paid_amount, tranche.paid_date) == (None, None)


def test_replanning_a_tranche_keeps_what_was_paid() -> None:
    tranche = f.DisbursementFactory(
        grant=f.GrantFactory(amount=Decimal("5000")),
        paid_amount=Decimal("100"),
        paid_date=dt.date(2022, 2, 1),
    )
    disbursement_plan(
        grant=tranche.grant,
        tranche=3,
        planned_amount=Decimal("700"),
        planned_date=dt.date(2022, 3, 1),
        disbursement=tranche,
    )
    tranche.refresh_from_db()
    assert (tranche.tranche, tranche.planned_amount, tranche.paid_amount) == (
        3,
        Decimal("700"),
        Decimal("100"),
    )


def test_a_criterion_left_out_of_a_review_is_no_longer_scored() -> None:
    first = f.ScoringCriterionFactory()
    second = f.ScoringCriterionFactory(programme=first.programme)
    application = f.ApplicationFactory(programme=first.programme)
    reviewer = f.UserFactory()
    review_submit(application=application, reviewer=reviewer, scores={first: 5, second: 6})
    review = review_submit(application=application, reviewer=reviewer, scores={first: 7})
    assert {s.criterion_id: s.score for s in review.scores.all()} == {first.pk: Decimal("7")}


def test_awarding_an_application_creates_its_grant_once() -> None:
    application = f.ApplicationFactory(title_ru="Заявка", requested_amount=Decimal("1200"))
    grant = application_award(application=application)
    assert (grant.grantee, grant.amount, grant.title_ru) == (
        application.applicant,
        Decimal("1200"),
        "Заявка",
    )
    assert grant.reference == f"{application.programme.slug}-{application.pk}"
    application.refresh_from_db()
    assert application.status == ApplicationStatus.AWARDED
    with pytest.raises(ValidationError, match="already been awarded"):
        application_award(application=application)


def test_a_withdrawn_application_cannot_be_awarded() -> None:
    application = f.ApplicationFactory(status=ApplicationStatus.WITHDRAWN)
    with pytest.raises(ValidationError, match="cannot be awarded"):
        application_award(application=application)
    assert not Grant.objects.exists()
