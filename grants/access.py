"""Which grants and grantee reports a staff user follows: those of programmes their
organisation manages, or whose project their organisation is a partner in."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from core.inputs import parse_id
from grants.models import (
    Application,
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
    """The programme as get_committee_programme_for_user gives it, with its committee (chair
    first, then by username). One query: the committee is read with its programme, and who
    may see it (a member, or staff of the managing organisation) is checked on those rows.
    A programme without members is read as get_committee_programme_for_user does."""
    programme_id = parse_id(pk)
    if programme_id is None:
        raise Http404("No such programme.")
    members = list(
        CommitteeMember.objects.filter(programme_id=programme_id)
        # Not the managing organisation: the ranking page needs only its key.
        .select_related("user", "programme")
        .order_by("-is_chair", "user__username")
    )
    if not members:
        return get_committee_programme_for_user(user, programme_id), []
    programme = members[0].programme
    allowed = getattr(user, "is_authenticated", False) and (
        any(member.user_id == user.pk for member in members)
        or programme.managing_organisation_id in staff_organisation_ids(user)
    )
    if not allowed:
        raise Http404("No such programme.")
    for member in members:
        member.programme = programme  # one programme object, not one per row
    return programme, members


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
