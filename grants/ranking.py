"""Staff-only reads for running a programme: the committee's ranking and the reports that
are late. (grants/selectors.py holds the public reads.)"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, DecimalField, F, Sum, Value, Window
from django.db.models.expressions import RowRange
from django.db.models.functions import Coalesce, RowNumber

from grants.models import (
    RANKING_SCORE,
    Application,
    ApplicationStatus,
    GrantProgramme,
    Review,
    ReviewScore,
    ScoringCriterion,
)

HUNDRED = Decimal("100")
# Withdrawn and ineligible applications are not competing for the envelope.
RANKED_STATUSES = (
    ApplicationStatus.RECEIVED,
    ApplicationStatus.ELIGIBLE,
    ApplicationStatus.SHORTLISTED,
    ApplicationStatus.AWARDED,
    ApplicationStatus.REJECTED,
)
# Best stored score first, unscored applications last; ties keep the order of arrival.
# The index application_ranking follows this order.
RANKING_ORDER = (RANKING_SCORE.desc(), F("received_on").asc(), F("id").asc())


@dataclass(frozen=True)
class RankedApplication:
    rank: int
    application: Application | None
    score: Decimal | None  # weighted average, 0-100
    reviewers: int
    criteria_scored: int
    criteria_total: int
    requested: Decimal
    cumulative_requested: Decimal
    envelope_share: Decimal | None  # cumulative requested as % of the envelope
    within_envelope: bool

    @property
    def complete(self) -> bool:
        return self.criteria_scored == self.criteria_total and self.criteria_total > 0


@dataclass(frozen=True)
class ApplicationScore:
    score: Decimal | None
    criteria_scored: int
    reviewer_count: int


def _quantise(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def weighted_scores(
    programme: GrantProgramme, application_ids: Collection[int] | None = None
) -> dict[int, ApplicationScore]:
    """The consolidated figures of the programme's applications (or of ``application_ids``)
    computed from the reviews: what ``application_scores_refresh`` stores.

    For each criterion the scores of reviewers without a conflict of interest are
    averaged; the application's score is Σ(weight × average) / Σ(weight × maximum) × 100,
    so an unscored criterion counts as zero rather than being silently dropped. Three
    queries whatever the number of applications."""
    criteria = list(ScoringCriterion.objects.filter(programme=programme))
    applications = Application.objects.filter(programme=programme)
    reviews = Review.objects.filter(application__programme=programme)
    scores = ReviewScore.objects.filter(
        review__application__programme=programme,
        review__conflict_of_interest=False,
        criterion__programme=programme,
    )
    if application_ids is not None:
        applications = applications.filter(pk__in=application_ids)
        reviews = reviews.filter(application_id__in=application_ids)
        scores = scores.filter(review__application_id__in=application_ids)
    reviewers = dict(
        reviews.values("application_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("application_id", "n")
    )
    averages: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for average in (
        scores.values("review__application_id", "criterion_id")
        .annotate(average=Avg("score"))
        .order_by()
    ):
        averages[average["review__application_id"]][average["criterion_id"]] = Decimal(
            str(average["average"])
        )
    maximum = sum((c.weight * c.max_score for c in criteria), Decimal("0"))
    result: dict[int, ApplicationScore] = {}
    for pk in applications.values_list("pk", flat=True):
        per_criterion = averages.get(pk, {})
        score = None
        if per_criterion and maximum:
            total = sum(
                (c.weight * per_criterion.get(c.pk, Decimal("0")) for c in criteria), Decimal("0")
            )
            score = _quantise(total / maximum * HUNDRED)
        result[pk] = ApplicationScore(score, len(per_criterion), reviewers.get(pk, 0))
    return result


def programme_ranking(
    programme: GrantProgramme, *, window: tuple[int, int] | None = None
) -> list[RankedApplication]:
    """Applications ordered by their stored weighted score, best first, with the requested
    amounts added up down the ranking to show how much of the envelope the top-ranked
    applications use. Rank and running total are window functions, so with
    ``window=(start, stop)`` only that slice of the ranking is read (a page of the
    committee's list at 5,000 applications): two queries whatever the size."""
    criteria_total = ScoringCriterion.objects.filter(programme=programme).count()
    ranked = (
        Application.objects.before_committee()
        .filter(programme=programme, status__in=RANKED_STATUSES)
        .select_related("applicant")
        .annotate(
            rank=Window(RowNumber(), order_by=RANKING_ORDER),
            cumulative=Window(
                Sum(
                    Coalesce(
                        "requested_amount",
                        Value(Decimal("0")),
                        output_field=DecimalField(max_digits=16, decimal_places=2),
                    )
                ),
                order_by=RANKING_ORDER,
                frame=RowRange(start=None, end=0),
            ),
        )
        .order_by(*RANKING_ORDER)
    )
    if window is not None:
        ranked = ranked[window[0] : window[1]]
    envelope = programme.envelope
    ranking: list[RankedApplication] = []
    for application in ranked:
        cumulative = Decimal(application.cumulative or 0)
        ranking.append(
            RankedApplication(
                rank=application.rank,
                application=application,
                score=application.score,
                reviewers=application.reviewer_count,
                criteria_scored=application.criteria_scored,
                criteria_total=criteria_total,
                requested=application.requested_amount or Decimal("0"),
                cumulative_requested=cumulative,
                envelope_share=_quantise(cumulative / envelope * HUNDRED) if envelope else None,
                within_envelope=envelope is None or cumulative <= envelope,
            )
        )
    return ranking
