"""Staff-only reads for running a programme: the committee's ranking and the reports that
are late. (grants/selectors.py holds the public reads.)"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

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


def _quantise(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def programme_ranking(
    programme: GrantProgramme, *, window: tuple[int, int] | None = None
) -> list[RankedApplication]:
    """Applications ordered by weighted average score, best first.

    For each criterion the scores of reviewers without a conflict of interest are
    averaged; the application's score is Σ(weight × average) / Σ(weight × maximum) × 100,
    so an unscored criterion counts as zero rather than being silently dropped. Walking
    down the ranking, the requested amounts are added up to show how much of the
    envelope the top-ranked applications use. Four queries whatever the size.

    The ranking is computed on plain rows; with ``window=(start, stop)`` only the
    applications in that slice are loaded as records (a page of the committee's list at
    5,000 applications), the others carry ``application=None``.
    """
    criteria = list(ScoringCriterion.objects.filter(programme=programme))
    rows = list(
        Application.objects.before_committee()
        .filter(programme=programme, status__in=RANKED_STATUSES)
        .annotate(reviewer_count=Count("reviews", distinct=True))
        .values_list("pk", "received_on", "requested_amount", "reviewer_count")
    )
    averages: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for average in (
        ReviewScore.objects.filter(
            review__application__programme=programme,
            review__conflict_of_interest=False,
            criterion__programme=programme,
        )
        .values("review__application_id", "criterion_id")
        .annotate(average=Avg("score"))
    ):
        averages[average["review__application_id"]][average["criterion_id"]] = Decimal(
            str(average["average"])
        )

    maximum = sum((c.weight * c.max_score for c in criteria), Decimal("0"))
    # (pk, received_on, requested_amount, reviewer_count) rows, as values_list gives them.
    scored: list[tuple[Decimal | None, tuple[Any, ...], int]] = []
    for row in rows:
        per_criterion = averages.get(row[0], {})
        if not per_criterion or not maximum:
            scored.append((None, row, 0))
            continue
        total = sum(
            (c.weight * per_criterion.get(c.pk, Decimal("0")) for c in criteria), Decimal("0")
        )
        scored.append((_quantise(total / maximum * HUNDRED), row, len(per_criterion)))

    # Unscored applications go last; ties keep the order of arrival.
    scored.sort(key=lambda t: (t[0] is None, -(t[0] or 0), t[1][1], t[1][0]))
    start, stop = window if window is not None else (0, len(scored))
    wanted = [row[0] for _score, row, _n in scored[start:stop]]
    records = Application.objects.select_related("applicant").in_bulk(wanted)
    envelope = programme.envelope
    cumulative = Decimal("0")
    ranking: list[RankedApplication] = []
    for rank, (score, row, criteria_scored) in enumerate(scored, start=1):
        requested = row[2] or Decimal("0")
        cumulative += requested
        ranking.append(
            RankedApplication(
                rank=rank,
                application=records.get(row[0]),
                score=score,
                reviewers=row[3],
                criteria_scored=criteria_scored,
                criteria_total=len(criteria),
                requested=requested,
                cumulative_requested=cumulative,
                envelope_share=_quantise(cumulative / envelope * HUNDRED) if envelope else None,
                within_envelope=envelope is None or cumulative <= envelope,
            )
        )
    return ranking
