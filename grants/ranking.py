"""Staff-only reads for running a programme: the committee's ranking and the reports that
are late. (grants/selectors.py holds the public reads.)"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import (
    Avg,
    Count,
    DecimalField,
    F,
    Max,
    QuerySet,
    Sum,
    Value,
    Window,
)
from django.db.models.expressions import RowRange
from django.db.models.functions import Coalesce, RowNumber

from grants.committee_selectors import committee_ranking_page, count_of
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
    status_label: str = ""

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


def competing_applications(programme_id: int) -> QuerySet[Application]:
    """The applications that compete for the programme's envelope, hence have a place."""
    return Application.objects.before_committee().filter(
        programme_id=programme_id, status__in=RANKED_STATUSES
    )


def ranking_places_sql(programme_id: int) -> tuple[str, tuple[Any, ...]]:
    """SELECT of (id, ranking_place, ranking_sum) for the programme's competing
    applications: the place in RANKING_ORDER and the running total of the requested
    amounts, as window functions over the programme's rows. Only
    ``application_ranking_refresh`` runs it, after a write; pages read the stored result."""
    ordered = competing_applications(programme_id).order_by()
    query = ordered.annotate(
        ranking_place=Window(RowNumber(), order_by=RANKING_ORDER),
        ranking_sum=Window(
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
    ).values_list("pk", "ranking_place", "ranking_sum")
    sql, params = query.query.sql_with_params()
    return sql, tuple(params)


def _ranked_applications(programme: GrantProgramme) -> QuerySet[Application]:
    """The programme's competing applications in ranking order, read by their stored
    place (application_ranking_refresh), with the programme's number of criteria."""
    return (
        Application.objects.filter(programme=programme, ranking_position__isnull=False)
        .select_related("applicant")
        .annotate(
            # Read with the rows rather than by a query of its own: one round trip less.
            criteria_total=count_of(ScoringCriterion.objects.filter(programme=programme)),
        )
        .order_by("ranking_position")
    )


def _ranked_rows(
    # Applications annotated by _ranked_applications (criteria_total).
    programme: GrantProgramme,
    applications: Iterable[Any],
) -> list[RankedApplication]:
    envelope = programme.envelope
    # Labels translated once per page, not once per row.
    status_labels = {value: str(label) for value, label in ApplicationStatus.choices}
    ranking: list[RankedApplication] = []
    for application in applications:
        cumulative = Decimal(application.ranking_cumulative or 0)
        ranking.append(
            RankedApplication(
                rank=application.ranking_position,
                application=application,
                score=application.score,
                reviewers=application.reviewer_count,
                criteria_scored=application.criteria_scored,
                criteria_total=application.criteria_total,
                requested=application.requested_amount or Decimal("0"),
                cumulative_requested=cumulative,
                envelope_share=_quantise(cumulative / envelope * HUNDRED) if envelope else None,
                within_envelope=envelope is None or cumulative <= envelope,
                status_label=status_labels.get(application.status, application.status),
            )
        )
    return ranking


def programme_ranking(
    programme: GrantProgramme, *, window: tuple[int, int] | None = None
) -> list[RankedApplication]:
    """Applications ordered by their stored weighted score, best first, with the requested
    amounts added up down the ranking to show how much of the envelope the top-ranked
    applications use. With ``window=(start, stop)`` only that slice of the ranking is
    read, by the stored places: one query whatever the size."""
    ranked = _ranked_applications(programme)
    if window is not None:
        ranked = ranked.filter(ranking_position__gt=window[0], ranking_position__lte=window[1])
    return _ranked_rows(programme, ranked)


@dataclass(frozen=True)
class RankingSlice:
    rows: list[RankedApplication]
    # Competing applications in the whole ranking, for the pagination.
    total: int
    # Applications of the slice the reader has scored and submitted.
    scored_by_reader: frozenset[int]


def programme_ranking_slice(
    programme: GrantProgramme, *, start: int, stop: int, reader: Any
) -> RankingSlice:
    """One page of the ranking for the committee's page, in one query
    (grants.committee_selectors.committee_ranking_page): the rows whose stored place is in
    (start, stop], however deep the page (no OFFSET), the size of the whole ranking (the
    last place, one index entry, not a COUNT of the programme) and which of the page's
    applications ``reader`` has submitted. A page past the end has no rows and then no
    total: the last place is read apart in that case only."""
    applications = committee_ranking_page(
        programme.pk, start=start, stop=stop, reader_id=getattr(reader, "pk", None)
    )
    if applications:
        total = applications[0].ranking_total  # type: ignore[attr-defined]  # read with the rows
    else:
        placed = Application.objects.filter(programme=programme, ranking_position__isnull=False)
        total = placed.aggregate(last=Max("ranking_position"))["last"] or 0
    return RankingSlice(
        rows=_ranked_rows(programme, applications),
        total=total,
        scored_by_reader=frozenset(a.pk for a in applications if a.reader_submitted),  # type: ignore[attr-defined]  # set by the ranking read
    )
