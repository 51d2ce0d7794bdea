"""Staff-only reads for running a programme: the committee's ranking and the reports that
are late. (grants/selectors.py holds the public reads.)"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count

from grants.models import (
    Application,
    ApplicationStatus,
    GrantProgramme,
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


@dataclass(frozen=True)
class RankedApplication:
    rank: int
    application: Application
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


def _quantise(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def programme_ranking(programme: GrantProgramme) -> list[RankedApplication]:
    """Applications ordered by weighted average score, best first.

    For each criterion the scores of reviewers without a conflict of interest are
    averaged; the application's score is Σ(weight × average) / Σ(weight × maximum) × 100,
    so an unscored criterion counts as zero rather than being silently dropped. Walking
    down the ranking, the requested amounts are added up to show how much of the
    envelope the top-ranked applications use. Three queries whatever the size.
    """
    criteria = list(ScoringCriterion.objects.filter(programme=programme))
    applications = list(
        Application.objects.before_committee()
        .filter(programme=programme, status__in=RANKED_STATUSES)
        .select_related("applicant")
        .annotate(reviewer_count=Count("reviews", distinct=True))
    )
    averages: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for row in (
        ReviewScore.objects.filter(
            review__application__programme=programme,
            review__conflict_of_interest=False,
            criterion__programme=programme,
        )
        .values("review__application_id", "criterion_id")
        .annotate(average=Avg("score"))
    ):
        averages[row["review__application_id"]][row["criterion_id"]] = Decimal(str(row["average"]))

    maximum = sum((c.weight * c.max_score for c in criteria), Decimal("0"))
    scored: list[tuple[Decimal | None, Application, int]] = []
    for application in applications:
        per_criterion = averages.get(application.pk, {})
        if not per_criterion or not maximum:
            scored.append((None, application, 0))
            continue
        total = sum(
            (c.weight * per_criterion.get(c.pk, Decimal("0")) for c in criteria), Decimal("0")
        )
        scored.append((_quantise(total / maximum * HUNDRED), application, len(per_criterion)))

    # Unscored applications go last; ties keep the order of arrival.
    scored.sort(key=lambda t: (t[0] is None, -(t[0] or 0), t[1].received_on, t[1].pk))
    envelope = programme.envelope
    cumulative = Decimal("0")
    ranking: list[RankedApplication] = []
    for rank, (score, application, criteria_scored) in enumerate(scored, start=1):
        requested = application.requested_amount or Decimal("0")
        cumulative += requested
        ranking.append(
            RankedApplication(
                rank=rank,
                application=application,
                score=score,
                reviewers=application.reviewer_count,  # type: ignore[attr-defined]
                criteria_scored=criteria_scored,
                criteria_total=len(criteria),
                requested=requested,
                cumulative_requested=cumulative,
                envelope_share=_quantise(cumulative / envelope * HUNDRED) if envelope else None,
                within_envelope=envelope is None or cumulative <= envelope,
            )
        )
    return ranking
