"""Which grants and grantee reports a staff user follows: those of programmes their
organisation manages, or whose project their organisation is a partner in."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from core.db import RowReader
from core.inputs import parse_id
from grants.models import (
    Application,
    CommitteeDecision,
    CommitteeMember,
    Grant,
    GrantProgramme,
    GrantReport,
    GrantReportQuerySet,
)
from projects.access import (
    projects_for_user,
    review_organisation_ids,
    staff_organisation_ids,
    writable_organisation_ids,
)
from projects.models import Organisation


def grants_for_user(user: Any) -> QuerySet[Grant]:
    ids = staff_organisation_ids(user)
    return Grant.objects.filter(
        Q(programme__managing_organisation_id__in=ids)
        | Q(programme__project__in=projects_for_user(user))
        | Q(grantee_id__in=ids)
    )


def get_grant_for_user(user: Any, pk: int | str, *, write: bool = False) -> Grant:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404("No such grant.") from None
    grant = (
        grants_for_user(user)
        .select_related("programme", "programme__managing_organisation", "grantee")
        .filter(pk=pk)
        .first()
    )
    if grant is None:
        raise Http404("No such grant.")
    if write and grant.programme.managing_organisation_id not in writable_organisation_ids(user):
        raise PermissionDenied
    return grant


def grant_reports_for_user(user: Any) -> GrantReportQuerySet:
    return GrantReport.objects.filter(grant__in=grants_for_user(user))


# --- the grant committee and grantees -------------------------------------------------


def committee_programmes_for_user(user: Any) -> QuerySet[GrantProgramme]:
    """Programmes whose committee the user sits on, or that their organisation manages
    (its staff are the committee's secretariat). Nobody else sees a committee's work."""
    if not getattr(user, "is_authenticated", False):
        return GrantProgramme.objects.none()
    return GrantProgramme.objects.filter(
        Q(committee_members__user=user)
        | Q(managing_organisation_id__in=staff_organisation_ids(user))
    ).distinct()


def get_committee_programme_for_user(user: Any, pk: int | str) -> GrantProgramme:
    programme_id = parse_id(pk)
    programme = (
        committee_programmes_for_user(user)
        .select_related("managing_organisation")
        .filter(pk=programme_id)
        .first()
        if programme_id is not None
        else None
    )
    if programme is None:
        raise Http404("No such programme.")
    return programme


def get_committee_programme_with_members(
    user: Any, pk: int | str
) -> tuple[GrantProgramme, list[CommitteeMember]]:
    """The programme as get_committee_programme_for_user gives it (but for its managing
    organisation, which the ranking page needs only the key of), with its committee (chair
    first, then by username). One statement: the programme with its members and their
    users joined (none: one row without a member), and who may see it (a member, or staff
    of the managing organisation, whose roles came with the user) is checked on those rows.

    Hand-written (``_programme_with_members_sql``): through the ORM, building and
    compiling the query and three instances per member took Django several times the
    0.2 ms PostgreSQL spends on it (bench/grants_committee.py). The instances are bare
    (core.db.RowReader): for showing, never saved."""
    programme_id = parse_id(pk)
    if programme_id is None or not getattr(user, "is_authenticated", False):
        raise Http404("No such programme.")
    with connection.cursor() as cursor:
        cursor.execute(_programme_with_members_sql(), (programme_id,))
        rows = cursor.fetchall()
    if not rows:
        raise Http404("No such programme.")
    programme_reader, member_reader, user_reader = _committee_readers()
    (programme,) = programme_reader.read(rows[:1])
    member_at = programme_reader.width
    user_at = member_at + member_reader.width
    # A programme without a committee comes as one row without a member.
    seated = [row for row in rows if row[member_at] is not None]
    members = member_reader.read(seated, member_at)
    for member, seat_user in zip(members, user_reader.read(seated, user_at), strict=True):
        _MEMBER_PROGRAMME.set_cached_value(member, programme)  # one object, not one per row
        _MEMBER_USER.set_cached_value(member, seat_user)
    allowed = any(
        member.user_id == user.pk for member in members
    ) or programme.managing_organisation_id in staff_organisation_ids(user)
    if not allowed:
        raise Http404("No such programme.")
    return programme, members


_MEMBER_PROGRAMME = CommitteeMember._meta.get_field("programme")
_MEMBER_USER = CommitteeMember._meta.get_field("user")


@cache
def _committee_readers() -> tuple[
    RowReader[GrantProgramme], RowReader[CommitteeMember], RowReader[Any]
]:
    user_model = get_user_model()
    return (
        RowReader(GrantProgramme, GrantProgramme._meta.concrete_fields),
        RowReader(CommitteeMember, CommitteeMember._meta.concrete_fields),
        # What a member is shown by (CommitteeMember.__str__): not the password hash.
        RowReader(
            user_model,
            [
                user_model._meta.get_field(name)
                for name in ("id", "username", "first_name", "last_name")
            ],
        ),
    )


@cache
def _programme_with_members_sql() -> str:
    """Only the models' own table and column names are written into it: no input."""
    quote = connection.ops.quote_name
    programme_reader, member_reader, user_reader = _committee_readers()
    programme = quote(GrantProgramme._meta.db_table)
    member = quote(CommitteeMember._meta.db_table)
    users = quote(get_user_model()._meta.db_table)
    return (
        f"SELECT {programme_reader.columns('p')}, {member_reader.columns('m')}, "  # noqa: S608
        f"{user_reader.columns('u')} FROM {programme} p "
        f"LEFT JOIN {member} m ON m.programme_id = p.id "
        f"LEFT JOIN {users} u ON u.id = m.user_id "
        "WHERE p.id = %s ORDER BY m.is_chair DESC, u.username"
    )


def may_decide(
    user: Any,
    programme: GrantProgramme,
    *,
    members: Iterable[CommitteeMember] | None = None,
    is_chair: bool | None = None,
) -> bool:
    """The chair records decisions, as do programme managers of the managing organisation
    (who keep the minutes). ``members``: the programme's committee when the caller has
    already read it; ``is_chair``: whether the user chairs it, when already known."""
    if is_chair is not None:
        if is_chair:
            return True
    elif members is not None:
        if any(m.user_id == user.pk and m.is_chair for m in members):
            return True
    elif CommitteeMember.objects.filter(programme=programme, user=user, is_chair=True).exists():
        return True
    return programme.managing_organisation_id in review_organisation_ids(user)


def reader_seat_is_chair(application: Application) -> bool | None:
    """The seat of the user who read ``application`` through get_application_for_committee:
    True (chair), False (member), None (no seat)."""
    seat: bool | None = getattr(application, "reader_seat_is_chair", None)
    return seat


def committee_applications_for_user(user: Any) -> QuerySet[Application]:
    return Application.objects.before_committee().filter(
        programme__in=committee_programmes_for_user(user)
    )


def get_application_for_committee(
    user: Any, pk: int | str, *, with_managing_organisation: bool = False
) -> Application:
    """An application of a programme whose committee the user sits on or runs (as
    committee_applications_for_user), in one query: the row is read by its key with the
    user's seat on the committee, and who may see it is checked on that row. The
    programme's managing organisation is read with it only ``with_managing_organisation``
    (the letter, which it signs): one join fewer to compile on every other page (about a
    fifth of the 16 ms Django spent building this query under load, for 0.3 ms in the
    database; bench/grants_committee.py)."""
    application_id = parse_id(pk)
    if application_id is None or not getattr(user, "is_authenticated", False):
        raise Http404("No such application.")
    related = ["programme", "applicant", "decision"]
    if with_managing_organisation:
        related.append("programme__managing_organisation")
    application = (
        Application.objects.before_committee()
        # The decision too: the application's page and the letter show it.
        .select_related(*related)
        # The user's seat on the committee, read with the row rather than by a query of its
        # own: True (chair), False (member) or None (no seat).
        .annotate(
            reader_seat_is_chair=Subquery(
                CommitteeMember.objects.filter(programme=OuterRef("programme"), user=user)
                .order_by()
                .values("is_chair")[:1]
            )
        )
        .filter(pk=application_id)
        .first()
    )
    if application is None or (
        reader_seat_is_chair(application) is None
        and application.programme.managing_organisation_id not in staff_organisation_ids(user)
    ):
        raise Http404("No such application.")
    return application


def get_application_page_for_committee(user: Any, pk: int | str) -> Application:
    """get_application_for_committee for the application's page, which only shows what it
    reads: the same row, programme, applicant, decision and reader's seat, under the same
    rule, by one hand-written statement into bare instances (core.db.RowReader). Through
    the ORM, Django spent about 3 ms of Python building that query and its four instances
    under load, for 0.3 ms in the database (bench/grants_committee.py). Pages that write
    (a review, a decision, a translation, the letter) keep get_application_for_committee."""
    application_id = parse_id(pk)
    if application_id is None or not getattr(user, "is_authenticated", False):
        raise Http404("No such application.")
    with connection.cursor() as cursor:
        cursor.execute(_application_page_sql(), (user.pk, application_id, False))
        row = cursor.fetchone()
    if row is None:
        raise Http404("No such application.")
    readers = _application_page_readers()
    at = 0
    instances = []
    for reader in readers:
        instances.append(reader.read([row], at)[0] if row[at] is not None else None)
        at += reader.width
    application, programme, applicant, decision = instances
    assert application is not None and programme is not None and applicant is not None
    # What Application.from_db records: the programme the row was read with.
    application.loaded_programme_id = application.programme_id
    _APPLICATION_PROGRAMME.set_cached_value(application, programme)
    _APPLICATION_APPLICANT.set_cached_value(application, applicant)
    # No decision yet: application.decision raises DoesNotExist, as after select_related.
    _APPLICATION_DECISION.set_cached_value(application, decision)
    application.reader_seat_is_chair = row[at]
    if row[at] is None and programme.managing_organisation_id not in staff_organisation_ids(user):
        raise Http404("No such application.")
    return application


_APPLICATION_PROGRAMME = Application._meta.get_field("programme")
_APPLICATION_APPLICANT = Application._meta.get_field("applicant")
_APPLICATION_DECISION = CommitteeDecision._meta.get_field("application").remote_field


@cache
def _application_page_readers() -> tuple[RowReader[Any], ...]:
    return tuple(
        RowReader(model, model._meta.concrete_fields)
        for model in (Application, GrantProgramme, Organisation, CommitteeDecision)
    )


@cache
def _application_page_sql() -> str:
    """Only the models' own table and column names are written into it: no input."""
    quote = connection.ops.quote_name
    application, programme, applicant, decision = _application_page_readers()
    return (
        f"SELECT {application.columns('a')}, {programme.columns('p')}, "  # noqa: S608
        f"{applicant.columns('o')}, {decision.columns('d')}, "
        # The reader's seat: True (chair), False (member), NULL (none).
        f"(SELECT m.is_chair FROM {quote(CommitteeMember._meta.db_table)} m "
        "WHERE m.programme_id = a.programme_id AND m.user_id = %s LIMIT 1) "
        f"FROM {quote(Application._meta.db_table)} a "
        f"INNER JOIN {quote(GrantProgramme._meta.db_table)} p ON p.id = a.programme_id "
        f"INNER JOIN {quote(Organisation._meta.db_table)} o ON o.id = a.applicant_id "
        f"LEFT JOIN {quote(CommitteeDecision._meta.db_table)} d ON d.application_id = a.id "
        # Application.objects.before_committee(): entered by staff, or confirmed online.
        "WHERE a.id = %s AND (a.submitted_online = %s OR a.email_confirmed_at IS NOT NULL)"
    )


def grantee_grants_for_user(user: Any) -> QuerySet[Grant]:
    """Grants whose grantee organisation the user works for: the grantee's own user."""
    return Grant.objects.filter(grantee_id__in=staff_organisation_ids(user))


def get_grant_report_for_grantee(user: Any, pk: int | str) -> GrantReport:
    """A report the user's organisation owes; 403 for a read-only member of it."""
    report = (
        GrantReport.objects.filter(grant__in=grantee_grants_for_user(user), pk=parse_id(pk))
        .select_related("grant", "grant__programme", "grant__grantee")
        .first()
        if parse_id(pk) is not None
        else None
    )
    if report is None:
        raise Http404("No such report.")
    if report.grant.grantee_id not in writable_organisation_ids(user):
        raise PermissionDenied
    return report
