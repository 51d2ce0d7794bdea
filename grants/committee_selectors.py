"""Reads for the selection committee's pages (staff) and an applicant's own list: the
ranking, an application's criteria, reviews and decision. Split from grants/selectors.py, which
holds the public reads; the hand-written statements here are each checked against the ORM read
they replace (tests/grants/test_selectors.py, tests/grants/test_access.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import (
    F,
    Func,
    IntegerField,
    QuerySet,
    Subquery,
)
from modeltranslation.utils import build_localized_fieldname
from modeltranslation.utils import get_language as translation_language

from core.db import RowReader
from core.i18n import content_languages
from grants.models import (
    Application,
    ApplicationAttachment,
    CommitteeDecision,
    CommitteeMember,
    GrantProgramme,
    Review,
    ReviewScore,
    ScoringCriterion,
)
from projects.access import staff_organisation_ids
from projects.models import Organisation

LANGUAGES = content_languages()


# --- Selection committee (staff pages) -----------------------------------------------------


# What the committee's home shows of a programme: its name (the fallback descriptor reads
# every language's column) and when its call closes. In the model's field order.
_HOME_PROGRAMME_FIELDS = tuple(
    f
    for f in GrantProgramme._meta.concrete_fields
    if f.attname in {"id", "name", *(f"name_{code}" for code in LANGUAGES), "call_closes"}
)


@cache
def _home_programme_reader() -> RowReader[GrantProgramme]:
    return RowReader(GrantProgramme, _HOME_PROGRAMME_FIELDS)


@cache
def _committee_programmes_sql() -> str:
    """The statement of committee_programmes up to its organisation test and its order.
    Each count is a scalar subquery of its own: joined to the programme and grouped, the
    two counts multiplied each other's rows (and the member filter's join cut the committee
    down to the user), and counting 5,000 applications that way took 4.4 ms against
    1.4 ms (bench/grants_committee.py, EXPLAIN ANALYZE). Only the models' own table and
    column names are written into it: no input."""
    quote = connection.ops.quote_name
    application = quote(Application._meta.db_table)
    member = quote(CommitteeMember._meta.db_table)
    return (
        f"SELECT {_home_programme_reader().columns('p')}, "  # noqa: S608
        # Application.objects.before_committee(): entered by staff, or confirmed online.
        f"(SELECT COUNT(*) FROM {application} a WHERE a.programme_id = p.id "
        "AND (a.submitted_online = %s OR a.email_confirmed_at IS NOT NULL)), "
        f"(SELECT COUNT(*) FROM {member} m WHERE m.programme_id = p.id) "
        f"FROM {quote(GrantProgramme._meta.db_table)} p "
        # An IN rather than a join: no DISTINCT over the programme's long texts.
        f"WHERE (p.id IN (SELECT s.programme_id FROM {member} s WHERE s.user_id = %s)"
    )


def committee_programmes(user: Any) -> list[GrantProgramme]:
    """The programmes whose committee the user sits on or runs (as
    committee_programmes_for_user), by name in the page's language, each with
    ``confirmed`` (the applications confirmed for it) and ``members`` (its committee's
    size), as bare instances (core.db.RowReader) of the columns the page shows.

    One hand-written statement: built through the ORM (its filter, two subqueries, the
    translated order), the same query cost Django about 1.9 ms of Python, more than the
    rest of the page's reads together and twice the no-query floor (bench/grants_committee.py).
    It reads what the ORM read did (tests/grants/test_selectors.py)."""
    if not getattr(user, "is_authenticated", False):
        return []
    organisations = staff_organisation_ids(user)
    # One placeholder per organisation of the user's roles (a handful): no input in the SQL.
    runs = (
        f" OR p.managing_organisation_id IN ({', '.join(['%s'] * len(organisations))})"
        if organisations
        else ""
    )
    # The order modeltranslation gives order_by("name"): the page language's own column.
    order = connection.ops.quote_name(build_localized_fieldname("name", translation_language()))
    with connection.cursor() as cursor:
        cursor.execute(
            f"{_committee_programmes_sql()}{runs}) ORDER BY p.{order} ASC",
            (False, user.pk, *organisations),
        )
        rows = cursor.fetchall()
    reader = _home_programme_reader()
    programmes = reader.read(rows)
    for programme, row in zip(programmes, rows, strict=True):
        programme.confirmed, programme.members = row[reader.width :]  # type: ignore[attr-defined]  # shown by the page, not fields
    return programmes


def count_of(queryset: QuerySet[Any]) -> Subquery:
    """COUNT(*) of ``queryset`` as a scalar subquery; COUNT spelled as a plain function so
    Django adds no GROUP BY (without one, an aggregate gives one row, 0 for no match)."""
    return Subquery(
        queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n"),
        output_field=IntegerField(),
    )


# The columns of a ranking row (grants/templatetags/committee.py): not the summaries and
# contact details in four languages. Listed in the models' field order, which from_db reads.
_RANKING_APPLICATION_FIELDS = tuple(
    f
    for f in Application._meta.concrete_fields
    if f.attname
    in {
        "id",
        "programme_id",
        "applicant_id",
        "title",
        "title_en",
        "title_ru",
        "title_ky",
        "title_tg",
        "requested_amount",
        "received_on",
        "status",
        "reference",
        "score",
        "criteria_scored",
        "reviewer_count",
        "ranking_position",
        "ranking_cumulative",
    }
)
_RANKING_APPLICANT_FIELDS = tuple(
    f
    for f in Organisation._meta.concrete_fields
    if f.attname in {"id", "name", "name_en", "name_ru", "name_ky", "name_tg", "acronym"}
)


@cache
def _ranking_readers() -> tuple[RowReader[Application], RowReader[Organisation]]:
    return (
        RowReader(Application, _RANKING_APPLICATION_FIELDS),
        RowReader(Organisation, _RANKING_APPLICANT_FIELDS),
    )


@cache
def _ranking_page_sql() -> str:
    """The statement of committee_ranking_page, in SQL both PostgreSQL and SQLite run.
    Only the models' own table and column names are written into it: no input."""
    quote = connection.ops.quote_name
    application = quote(Application._meta.db_table)
    applicant = quote(Organisation._meta.db_table)
    criterion = quote(ScoringCriterion._meta.db_table)
    review = quote(Review._meta.db_table)
    application_reader, applicant_reader = _ranking_readers()
    return (
        f"SELECT {application_reader.columns('a')}, {applicant_reader.columns('o')}, "  # noqa: S608
        f"(SELECT COUNT(*) FROM {criterion} c WHERE c.programme_id = %s), "
        f"(SELECT l.ranking_position FROM {application} l WHERE l.programme_id = %s "
        "AND l.ranking_position IS NOT NULL ORDER BY l.ranking_position DESC LIMIT 1), "
        f"(SELECT r.submitted_at FROM {review} r "
        "WHERE r.application_id = a.id AND r.reviewer_id = %s LIMIT 1) "
        f"FROM {application} a INNER JOIN {applicant} o ON a.applicant_id = o.id "
        "WHERE a.programme_id = %s AND a.ranking_position > %s AND a.ranking_position <= %s "
        "ORDER BY a.ranking_position LIMIT %s"
    )


def committee_ranking_page(
    programme_id: int, *, start: int, stop: int, reader_id: int | None
) -> list[Application]:
    """The applications at stored places (start, stop] of the programme's ranking, in
    order, each with its applicant (name and acronym), ``criteria_total`` (the programme's
    number of criteria), ``ranking_total`` (the last place, read from one index entry) and
    ``reader_submitted`` (whether ``reader_id`` has submitted a review of it).

    One hand-written statement: built with the ORM, the same query took Django about 3 ms
    to compile (three subqueries) against 0.4 ms for PostgreSQL to run it. It reads what
    the ORM read did (tests/grants/test_ranking_page_sql.py): the rows by the index
    application_ranking_place, however deep the page (no OFFSET), with a LIMIT so
    PostgreSQL joins each row's applicant by its key; the reader's review per row through
    the unique (application, reviewer) index."""
    if stop <= start:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            _ranking_page_sql(),
            (programme_id, programme_id, reader_id, programme_id, start, stop, stop - start),
        )
        rows = cursor.fetchall()
    if not rows:
        return []
    # Rows to show, never saved: bare instances (core.db.RowReader), with the values the ORM
    # gives, but without Model.__init__, which modeltranslation wraps: built by from_db,
    # the page's 50 instances cost more than the statement.
    application_reader, applicant_reader = _ranking_readers()
    applicants = applicant_reader.read(rows, application_reader.width)
    applicant_cache = Application._meta.get_field("applicant")
    extra = application_reader.width + applicant_reader.width
    applications = application_reader.read(rows)
    for application, applicant, raw in zip(applications, applicants, rows, strict=True):
        # What Application.from_db records: the programme the row was read with.
        application.loaded_programme_id = application.programme_id
        applicant_cache.set_cached_value(application, applicant)
        criteria_total, ranking_total, submitted_at = raw[extra:]
        application.criteria_total = criteria_total  # type: ignore[attr-defined]  # shown by the ranking row, not a field
        application.ranking_total = ranking_total  # type: ignore[attr-defined]  # shown by the ranking row, not a field
        application.reader_submitted = submitted_at is not None  # type: ignore[attr-defined]  # per reader, not a field
    return applications


# --- An applicant's own applications (grants:my_applications) -----------------------------

# What the list shows of an application and its programme (reference, title, amount and
# currency, status), in the models' field order.
_APPLICANT_LIST_FIELDS = tuple(
    f
    for f in Application._meta.concrete_fields
    if f.attname
    in {
        "id",
        "programme_id",
        "title",
        *(f"title_{code}" for code in LANGUAGES),
        "requested_amount",
        "received_on",
        "status",
        "reference",
    }
)
_APPLICANT_LIST_PROGRAMME_FIELDS = tuple(
    f
    for f in GrantProgramme._meta.concrete_fields
    if f.attname in {"id", "name", *(f"name_{code}" for code in LANGUAGES), "currency"}
)


def applicant_applications(emails: list[str]) -> list[Application]:
    """The confirmed applications sent from ``emails`` (the addresses one browser
    confirmed), newest first, each with its programme. One hand-written statement by the
    index application_confirmed_email into bare instances (core.db.RowReader): through the
    ORM, building the query with three related tables took Django longer than the rest of
    the page (bench/grants_committee.py)."""
    emails = [str(email) for email in emails if email]
    if not emails:
        return []
    application_reader, programme_reader = _applicant_list_readers()
    quote = connection.ops.quote_name
    # One placeholder per address (a browser confirms a handful): no input in the SQL.
    placeholders = ", ".join(["%s"] * len(emails))
    sql = (
        f"SELECT {application_reader.columns('a')}, {programme_reader.columns('p')} "  # noqa: S608
        f"FROM {quote(Application._meta.db_table)} a "
        f"INNER JOIN {quote(GrantProgramme._meta.db_table)} p ON p.id = a.programme_id "
        f"WHERE a.contact_email IN ({placeholders}) AND a.email_confirmed_at IS NOT NULL "
        "ORDER BY a.received_on DESC, a.id DESC"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, emails)
        rows = cursor.fetchall()
    applications = application_reader.read(rows)
    programmes: dict[int, GrantProgramme] = {}
    for application, programme in zip(
        applications, programme_reader.read(rows, application_reader.width), strict=True
    ):
        application.loaded_programme_id = application.programme_id
        _APPLICATION_PROGRAMME.set_cached_value(
            application, programmes.setdefault(programme.pk, programme)
        )
    return applications


_APPLICATION_PROGRAMME = Application._meta.get_field("programme")


@cache
def _applicant_list_readers() -> tuple[RowReader[Application], RowReader[GrantProgramme]]:
    return (
        RowReader(Application, _APPLICANT_LIST_FIELDS),
        RowReader(GrantProgramme, _APPLICANT_LIST_PROGRAMME_FIELDS),
    )


def committee_members(programme: GrantProgramme) -> QuerySet[CommitteeMember]:
    return programme.committee_members.select_related("user")


def programme_criteria(programme: GrantProgramme) -> list[ScoringCriterion]:
    """The programme's criteria in their order, as bare instances (core.db.RowReader) read
    by a hand-written statement: for a programme's two to five criteria, Django spent
    several times longer building the query and the instances than the database did."""
    reader = _criterion_reader()
    with connection.cursor() as cursor:
        cursor.execute(_criteria_sql(), (programme.pk,))
        return reader.read(cursor.fetchall())


@cache
def _criterion_reader() -> RowReader[ScoringCriterion]:
    return RowReader(ScoringCriterion, ScoringCriterion._meta.concrete_fields)


@cache
def _criteria_sql() -> str:
    """Only the model's own table and column names are written into it: no input."""
    table = connection.ops.quote_name(ScoringCriterion._meta.db_table)
    return (
        f"SELECT {_criterion_reader().columns('c')} FROM {table} c "  # noqa: S608
        "WHERE c.programme_id = %s ORDER BY c.position, c.id"
    )


@dataclass(frozen=True)
class ApplicationReviews:
    own: Review | None
    others: list[Review]


def application_reviews(
    application: Application, user: Any, criteria: list[ScoringCriterion]
) -> ApplicationReviews:
    """The user's own review and the other members' reviews of the application, each with
    its scores in the order of ``criteria`` (the programme's, as programme_criteria reads
    them) as ``review.score_list``: one query, the scores read beside each review as two
    arrays (a committee has a handful of members, a programme a few criteria)."""
    arrays = connection.vendor == "postgresql"
    reviews: Iterable[Review]
    if arrays:
        reviews = _reviews_with_score_arrays(application.pk)
    else:
        # SQLite (make run) has no arrays: the scores come by a second query.
        reviews = (
            Review.objects.filter(application=application)
            .select_related("reviewer")
            .order_by("reviewer_id")
            .prefetch_related("scores")
        )
    by_pk = {criterion.pk: criterion for criterion in criteria}
    place = {criterion.pk: n for n, criterion in enumerate(criteria)}
    own: Review | None = None
    others: list[Review] = []
    for review in reviews:
        read = (
            zip(review.score_criteria, review.score_values, strict=True)  # type: ignore[attr-defined]  # annotated above
            if arrays
            else ((score.criterion_id, score.score) for score in review.scores.all())
        )
        pairs = sorted(read, key=lambda pair: place.get(pair[0], len(place)))
        review.score_list = [  # type: ignore[attr-defined]  # read by the view and template
            ReviewScore(review=review, criterion=by_pk[criterion_id], score=score)
            for criterion_id, score in pairs
            if criterion_id in by_pk
        ]
        if review.reviewer_id == user.pk:
            own = review
        else:
            others.append(review)
    return ApplicationReviews(own=own, others=others)


def _reviews_with_score_arrays(application_id: int) -> list[Review]:
    """The application's reviews by reviewer, each with its reviewer (the names a page shows)
    and its scores as two arrays, ``score_criteria`` and ``score_values`` (PostgreSQL). One
    hand-written statement into bare instances (core.db.RowReader): built with two
    ArraySubquery and select_related, Django took about 2 ms of Python for a query the
    database runs in a fraction of that (bench/grants_committee.py)."""
    review_reader, reviewer_reader = _review_readers()
    with connection.cursor() as cursor:
        cursor.execute(_reviews_sql(), (application_id,))
        rows = cursor.fetchall()
    reviews = review_reader.read(rows)
    arrays_at = review_reader.width + reviewer_reader.width
    for review, reviewer, row in zip(
        reviews, reviewer_reader.read(rows, review_reader.width), rows, strict=True
    ):
        _REVIEW_REVIEWER.set_cached_value(review, reviewer)
        review.score_criteria, review.score_values = row[arrays_at:]  # type: ignore[attr-defined]  # the review's scores, read with it
    return reviews


_REVIEW_REVIEWER = Review._meta.get_field("reviewer")


@cache
def _review_readers() -> tuple[RowReader[Review], RowReader[Any]]:
    users = get_user_model()
    return (
        RowReader(Review, Review._meta.concrete_fields),
        # What a reviewer is shown by: not the password hash.
        RowReader(
            users,
            [users._meta.get_field(name) for name in ("id", "username", "first_name", "last_name")],
        ),
    )


@cache
def _reviews_sql() -> str:
    """PostgreSQL only (arrays). Only the models' own table and column names are written
    into it: no input."""
    quote = connection.ops.quote_name
    review_reader, reviewer_reader = _review_readers()
    score = quote(ReviewScore._meta.db_table)
    # Both arrays in the order of the scores' keys, so they pair up.
    return (
        f"SELECT {review_reader.columns('r')}, {reviewer_reader.columns('u')}, "  # noqa: S608
        f"ARRAY(SELECT s.criterion_id FROM {score} s WHERE s.review_id = r.id ORDER BY s.id), "
        f"ARRAY(SELECT s.score FROM {score} s WHERE s.review_id = r.id ORDER BY s.id) "
        f"FROM {quote(Review._meta.db_table)} r "
        f"INNER JOIN {quote(get_user_model()._meta.db_table)} u ON u.id = r.reviewer_id "
        "WHERE r.application_id = %s ORDER BY r.reviewer_id"
    )


def application_attachments(application: Application) -> list[ApplicationAttachment]:
    """The application's files in the order they were sent, as bare instances
    (core.db.RowReader): its page shows each file's name, size and address. For the none
    to five files an application has, the ORM read cost Django about 0.4 ms of Python, ten
    times what the database spent on it (bench/grants_committee.py)."""
    reader = _attachment_reader()
    with connection.cursor() as cursor:
        cursor.execute(_attachments_sql(), (application.pk,))
        return reader.read(cursor.fetchall())


@cache
def _attachment_reader() -> RowReader[ApplicationAttachment]:
    return RowReader(ApplicationAttachment, ApplicationAttachment._meta.concrete_fields)


@cache
def _attachments_sql() -> str:
    """By key, not by the model's default order ("application", then its own default
    order), which would join the application and its programme to sort one application's
    files. Only the model's own table and column names are written into it: no input."""
    table = connection.ops.quote_name(ApplicationAttachment._meta.db_table)
    return (
        f"SELECT {_attachment_reader().columns('f')} FROM {table} f "  # noqa: S608
        "WHERE f.application_id = %s ORDER BY f.id"
    )


def application_decision(application: Application) -> CommitteeDecision | None:
    # get_application_for_committee joins the decision: read then without a query.
    try:
        return application.decision
    except CommitteeDecision.DoesNotExist:
        return None


def programme_decisions(programme: GrantProgramme) -> QuerySet[CommitteeDecision]:
    """The minutes: every decision of the programme's committee, in the order it was taken."""
    return (
        CommitteeDecision.objects.filter(application__programme=programme)
        .select_related("application", "application__applicant", "decided_by")
        .order_by("decided_on", "outcome", "application__reference", "pk")
    )
