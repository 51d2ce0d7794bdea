"""grants.committee_selectors.committee_ranking_page reads a page of the ranking with a hand-written
statement: it must return exactly what the ORM read it replaced returned."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import IntegerField, OuterRef, Q, Subquery
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from grants.committee_selectors import (
    application_attachments,
    application_reviews,
    committee_programmes,
    committee_ranking_page,
    count_of,
    programme_criteria,
)
from grants.models import (
    Application,
    ApplicationAttachment,
    CommitteeMember,
    GrantProgramme,
    Review,
    ReviewScore,
    ScoringCriterion,
)
from grants.services import review_submit
from projects.access import staff_organisation_ids
from tests import factories as f

pytestmark = pytest.mark.django_db

APPLICATION_FIELDS = (
    "programme_id",
    "applicant_id",
    "title",
    "title_en",
    "title_ru",
    "requested_amount",
    "received_on",
    "status",
    "reference",
    "score",
    "criteria_scored",
    "reviewer_count",
    "ranking_position",
    "ranking_cumulative",
)


def _orm_page(programme, *, start: int, stop: int, reader) -> list[Application]:
    """The ORM read committee_ranking_page replaced (grants/ranking.py before it)."""
    placed = Application.objects.filter(programme=programme, ranking_position__isnull=False)
    last_place = placed.order_by("-ranking_position").values("ranking_position")[:1]
    return list(
        placed.filter(ranking_position__gt=start, ranking_position__lte=stop)
        .select_related("applicant")
        .only(
            *APPLICATION_FIELDS[:2],
            "title",
            *APPLICATION_FIELDS[5:],
            "applicant__name",
            "applicant__acronym",
        )
        .annotate(
            criteria_total=count_of(ScoringCriterion.objects.filter(programme=programme)),
            ranking_total=Subquery(last_place, output_field=IntegerField()),
            reader_submitted_at=Subquery(
                Review.objects.filter(application=OuterRef("pk"), reviewer=reader)
                .order_by()
                .values("submitted_at")[:1]
            ),
        )
        .order_by("ranking_position")[: stop - start]
    )


def _seen(application: Application) -> tuple:
    """Everything a ranking row reads of an application, and the types it reads them as."""
    values = [getattr(application, name) for name in ("pk", *APPLICATION_FIELDS)]
    applicant = application.applicant
    values += [applicant.pk, applicant.name, applicant.name_en, applicant.acronym, str(applicant)]
    values += [application.criteria_total, application.ranking_total]
    return tuple((value, type(value)) for value in values)


@pytest.fixture
def ranked():
    programme = f.GrantProgrammeFactory(envelope=Decimal("10000"))
    relevance = f.ScoringCriterionFactory(programme=programme, weight=Decimal("2"), max_score=10)
    budget = f.ScoringCriterionFactory(programme=programme, weight=Decimal("1"), max_score=5)
    reader, other = f.UserFactory(), f.UserFactory()
    applications = [
        f.ApplicationFactory(
            programme=programme,
            requested_amount=Decimal("1000.50") + n,
            reference=f"PIA-{n:03d}" if n % 2 else "",
            applicant=f.OrganisationFactory(acronym="ОФ" if n % 3 else ""),
        )
        for n in range(7)
    ]
    for n, application in enumerate(applications[:5]):
        review_submit(application=application, reviewer=other, scores={relevance: n, budget: 1})
    review_submit(application=applications[4], reviewer=reader, scores={relevance: 9, budget: 5})
    review_submit(application=applications[3], reviewer=reader, scores={relevance: 2})
    review_submit(
        application=applications[2], reviewer=reader, scores={}, conflict_of_interest=True
    )
    # Not competing: it has no place and is on no page.
    f.ApplicationFactory(programme=programme, status="withdrawn")
    # Another programme's application is never read.
    f.ApplicationFactory(requested_amount=Decimal(1))
    return programme, reader


@pytest.mark.parametrize(("start", "stop"), [(0, 25), (0, 3), (2, 5), (5, 7), (6, 30), (7, 32)])
def test_it_reads_the_rows_the_orm_read_returned(ranked, start, stop) -> None:
    programme, reader = ranked

    expected = _orm_page(programme, start=start, stop=stop, reader=reader)
    with CaptureQueriesContext(connection) as queries:
        page = committee_ranking_page(programme.pk, start=start, stop=stop, reader_id=reader.pk)

    assert [_seen(a) for a in page] == [_seen(a) for a in expected]
    assert [a.reader_submitted for a in page] == [
        a.reader_submitted_at is not None for a in expected
    ]
    assert len(queries) == 1


def test_it_marks_only_the_reviews_the_reader_submitted(ranked) -> None:
    programme, reader = ranked

    page = committee_ranking_page(programme.pk, start=0, stop=25, reader_id=reader.pk)

    # A conflict declared counts as submitted; a review with a criterion unscored does not.
    assert sum(a.reader_submitted for a in page) == 2
    assert [a.ranking_position for a in page] == list(range(1, 8))
    assert {a.ranking_total for a in page} == {7}


def test_it_reads_nothing_for_an_empty_window_or_without_a_reader(ranked) -> None:
    programme, _reader = ranked

    assert committee_ranking_page(programme.pk, start=5, stop=5, reader_id=None) == []
    page = committee_ranking_page(programme.pk, start=0, stop=2, reader_id=None)
    assert [a.reader_submitted for a in page] == [False, False]


# --- committee_programmes (the committee's home page) ------------------------------------


def test_the_committee_home_counts_the_whole_committee_and_the_confirmed_applications(
    django_assert_num_queries,
) -> None:
    programme = f.GrantProgrammeFactory(name_en="Prevention in Action")
    seats = [f.CommitteeMemberFactory(programme=programme) for _ in range(3)]
    for _ in range(4):
        f.ApplicationFactory(programme=programme)
    f.ApplicationFactory(programme=programme, submitted_online=True)  # email not confirmed
    f.ApplicationFactory(
        programme=programme, submitted_online=True, email_confirmed_at=timezone.now()
    )
    elsewhere = f.CommitteeMemberFactory()  # another committee
    f.ApplicationFactory(programme=elsewhere.programme)

    reader = seats[1].user
    staff_organisation_ids(reader)  # a page's user comes with its roles (StaffRolesBackend)
    with django_assert_num_queries(1):
        (read,) = list(committee_programmes(reader))

    assert read == programme
    # Every member, not only the reader's seat; the unconfirmed application left out.
    assert (read.members, read.confirmed) == (3, 5)


def test_the_committee_home_lists_the_programmes_the_users_organisation_runs(viewer) -> None:
    runs = f.GrantProgrammeFactory(
        managing_organisation=viewer.staff_memberships.get().organisation
    )
    sits_on = f.CommitteeMemberFactory(user=viewer).programme
    f.CommitteeMemberFactory(programme=sits_on)
    f.GrantProgrammeFactory()  # neither

    read = {p: (p.members, p.confirmed) for p in committee_programmes(viewer)}

    assert read == {runs: (0, 0), sits_on: (2, 0)}
    assert list(committee_programmes(AnonymousUser())) == []


def _orm_programmes(user) -> list[GrantProgramme]:
    """The ORM read committee_programmes replaced (the counts as the same scalar
    subqueries, written with Subquery)."""
    confirmed = count_of(Application.objects.before_committee().filter(programme_id=OuterRef("pk")))
    members = count_of(CommitteeMember.objects.filter(programme_id=OuterRef("pk")))
    return list(
        GrantProgramme.objects.filter(
            Q(pk__in=CommitteeMember.objects.filter(user=user).values("programme_id"))
            | Q(managing_organisation_id__in=staff_organisation_ids(user))
        )
        .annotate(confirmed=confirmed, members=members)
        .order_by("name")
    )


@pytest.mark.parametrize("language", ["en", "ru", "ky", "tg"])
def test_the_committee_home_reads_what_the_orm_read_gave(viewer, language) -> None:
    runs = [
        f.GrantProgrammeFactory(
            managing_organisation=viewer.staff_memberships.get().organisation,
            name_en=name,
            name_ky=name_ky,
            call_closes=dt.date(2026, 12, 31) if name_ky else None,
        )
        for name, name_ky in (("Living in Peace", None), ("Prevention in Action", "Алдын алуу"))
    ]
    sits_on = f.CommitteeMemberFactory(user=viewer, programme__name_en="Art & <peace>")
    f.CommitteeMemberFactory(programme=sits_on.programme)
    f.ApplicationFactory(programme=runs[1])
    f.ApplicationFactory(programme=sits_on.programme, submitted_online=True)  # not confirmed
    f.GrantProgrammeFactory()  # neither

    with translation.override(language):
        read, orm = committee_programmes(viewer), _orm_programmes(viewer)

        assert [p.pk for p in read] == [p.pk for p in orm]
        assert len(read) == 3
        for programme, expected in zip(read, orm, strict=True):
            assert (str(programme), programme.call_closes, programme.confirmed) == (
                str(expected),
                expected.call_closes,
                expected.confirmed,
            )
            assert programme.members == expected.members


def test_an_applications_files_are_what_the_orm_read_gives(django_assert_num_queries) -> None:
    application = f.ApplicationFactory()
    for name in ("budget & plan.pdf", "letter.docx"):
        ApplicationAttachment.objects.create(
            application=application, file=f"grant_applications/{name}", original_name=name, size=9
        )
    ApplicationAttachment.objects.create(
        application=f.ApplicationFactory(), file="grant_applications/x.pdf", size=1
    )

    with django_assert_num_queries(1):
        files = application_attachments(application)

    orm = list(application.attachments.order_by("pk"))
    assert [a.pk for a in files] == [a.pk for a in orm]
    for read, expected in zip(files, orm, strict=True):
        assert (read.get_absolute_url(), read.original_name, read.size) == (
            expected.get_absolute_url(),
            expected.original_name,
            expected.size,
        )
    assert application_attachments(f.ApplicationFactory()) == []


def test_project_programmes_with_totals_match_the_listed_grants_totals(
    django_assert_num_queries,
):
    from grants.selectors import grant_totals, project_grants, project_programmes_with_totals

    project = f.ProjectFactory()
    busy = f.GrantProgrammeFactory(project=project, slug="b-busy")
    empty = f.GrantProgrammeFactory(project=project, slug="a-empty")
    other = f.GrantProgrammeFactory(project=project, slug="c-other")
    f.GrantProgrammeFactory(project=project, slug="d-private", is_public=False)
    f.GrantFactory(programme=busy, amount=Decimal("100.50"), currency="USD")
    f.GrantFactory(programme=busy, amount=None, currency="USD")
    f.GrantFactory(programme=busy, amount=Decimal("5000"), currency="KGS")
    f.GrantFactory(programme=other, amount=Decimal("20.25"), currency="USD")
    f.GrantFactory(programme=other, amount=None, currency="EUR")
    private = project.grant_programmes.get(slug="d-private")
    f.GrantFactory(programme=private, amount=Decimal("999"), currency="USD")

    with django_assert_num_queries(1):
        programmes, totals = project_programmes_with_totals(project)

    assert [programme.slug for programme in programmes] == ["a-empty", "b-busy", "c-other"]
    assert programmes[0] == empty
    assert totals == grant_totals(project_grants(project))
    assert (totals.count, totals.without_amount) == (5, 2)
    assert totals.amounts == [("KGS", Decimal("5000")), ("USD", Decimal("120.75"))]


# --- an application's page: the programme's criteria and the application's reviews ---------


def test_the_criteria_and_reviews_are_what_the_orm_reads_give(django_assert_num_queries) -> None:
    programme = f.GrantProgrammeFactory()
    # Out of key order on purpose: the page lists them by position.
    second = f.ScoringCriterionFactory(programme=programme, name_en="Budget", position=2)
    first = f.ScoringCriterionFactory(programme=programme, name_en="Relevance", position=1)
    f.ScoringCriterionFactory()  # another programme's
    members = [
        f.CommitteeMemberFactory(programme=programme, user__first_name=name).user
        for name in ("Ann", "", "Cy")
    ]
    application = f.ApplicationFactory(programme=programme)
    review_submit(application=application, reviewer=members[0], scores={second: 3, first: "7.5"})
    review_submit(application=application, reviewer=members[1], scores={first: 2})
    review_submit(
        application=application,
        reviewer=members[2],
        scores={},
        conflict_of_interest=True,
        conflict_note="My cousin's <NGO>",
    )

    expected_criteria = list(programme.criteria.order_by("position", "pk"))
    with django_assert_num_queries(1):
        criteria = programme_criteria(programme)
    assert [c.pk for c in criteria] == [first.pk, second.pk]
    for read, orm in zip(criteria, expected_criteria, strict=True):
        assert {f.attname: getattr(read, f.attname) for f in orm._meta.concrete_fields} == {
            f.attname: getattr(orm, f.attname) for f in orm._meta.concrete_fields
        }
        assert (str(read), read.name) == (str(orm), orm.name)

    # PostgreSQL reads the scores beside each review as arrays; SQLite (make run) by a
    # second query.
    with django_assert_num_queries(1 if connection.vendor == "postgresql" else 2):
        reviews = application_reviews(application, members[1], criteria)
    orm_reviews = {r.pk: r for r in Review.objects.filter(application=application)}
    assert reviews.own is not None and reviews.own.reviewer_id == members[1].pk
    assert [r.reviewer_id for r in reviews.others] == [members[0].pk, members[2].pk]
    for review in (reviews.own, *reviews.others):
        orm = orm_reviews[review.pk]
        assert {f.attname: getattr(review, f.attname) for f in orm._meta.concrete_fields} == {
            f.attname: getattr(orm, f.attname) for f in orm._meta.concrete_fields
        }
        assert review.reviewer.get_full_name() == orm.reviewer.get_full_name()
        assert review.reviewer.get_username() == orm.reviewer.get_username()
        scores = {s.criterion_id: s.score for s in ReviewScore.objects.filter(review=orm)}
        assert [(s.criterion.pk, s.score) for s in review.score_list] == [
            (c.pk, scores[c.pk]) for c in criteria if c.pk in scores
        ]
