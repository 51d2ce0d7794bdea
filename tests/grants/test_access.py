"""grants.access: grants of programmes the user's organisation manages or whose project it
is a partner in."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from grants.access import (
    get_application_for_committee,
    get_application_page_for_committee,
    get_committee_programme_with_members,
    get_grant_for_user,
    grant_reports_for_user,
    grants_for_user,
)
from grants.models import (
    CommitteeAffiliation,
    CommitteeDecision,
    CommitteeMember,
    GrantProgramme,
)
from projects.access import staff_organisation_ids
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_managed_and_project_grants_are_visible(org, project, field_officer) -> None:
    managed = f.GrantFactory(programme__managing_organisation=org)
    via_project = f.GrantFactory(programme__project=project)
    f.GrantFactory()
    assert set(grants_for_user(field_officer)) == {managed, via_project}


def test_outsider_gets_404_and_viewer_403_on_write(org, outsider, viewer) -> None:
    grant = f.GrantFactory(programme__managing_organisation=org)
    with pytest.raises(Http404):
        get_grant_for_user(outsider, grant.pk)
    assert get_grant_for_user(viewer, grant.pk) == grant
    with pytest.raises(PermissionDenied):
        get_grant_for_user(viewer, grant.pk, write=True)


def test_overdue_reports_are_scoped(org, field_officer) -> None:
    mine = f.GrantReportFactory(
        grant__programme__managing_organisation=org, due_date=dt.date(2020, 1, 1)
    )
    f.GrantReportFactory(due_date=dt.date(2020, 1, 1))
    assert list(grant_reports_for_user(field_officer).overdue()) == [mine]


def test_the_committees_read_of_an_application_joins_the_managing_organisation_for_the_letter(
    django_assert_num_queries,
) -> None:
    seat = f.CommitteeMemberFactory(is_chair=True)
    application = f.ApplicationFactory(programme=seat.programme)
    managing = seat.programme.managing_organisation

    with django_assert_num_queries(1):
        letter = get_application_for_committee(
            seat.user, application.pk, with_managing_organisation=True
        )
        assert letter.programme.managing_organisation == managing
    # Other pages read only the organisation's key, which needs no join.
    with django_assert_num_queries(1):
        page = get_application_for_committee(seat.user, application.pk)
        assert page.programme.managing_organisation_id == managing.pk
        assert page.applicant == application.applicant and page.reader_seat_is_chair is True


def _member_seen(member) -> tuple:
    return (
        member.pk,
        member.user_id,
        str(member),
        member.affiliation,
        member.represents,
        member.is_chair,
        member.is_illustrative,
        member.programme_id,
    )


def test_the_programme_with_its_committee_is_what_the_orm_read_gives(
    org, field_officer, outsider, django_assert_num_queries
) -> None:
    programme = f.GrantProgrammeFactory(
        managing_organisation=org, envelope=Decimal("600000.50"), description_en="Why <b>"
    )
    seats = [
        f.CommitteeMemberFactory(programme=programme, user__username="zed", represents="Ayil"),
        f.CommitteeMemberFactory(
            programme=programme,
            user__username="amy",
            user__first_name="Amy",
            user__last_name="Doe",
            is_chair=True,
            affiliation=CommitteeAffiliation.GOVERNMENT,
        ),
        f.CommitteeMemberFactory(programme=programme, user__username="bob", is_illustrative=True),
    ]
    f.CommitteeMemberFactory()  # another programme's seat
    expected = list(
        CommitteeMember.objects.filter(programme=programme)
        .select_related("user", "programme")
        .order_by("-is_chair", "user__username")
    )

    for reader in (seats[0].user, field_officer):
        staff_organisation_ids(reader)  # read with the user on a request (StaffRolesBackend)
        with django_assert_num_queries(1):
            read, members = get_committee_programme_with_members(reader, programme.pk)
            assert [_member_seen(m) for m in members] == [_member_seen(m) for m in expected]
            assert [str(m.user) for m in members] == ["amy", "bob", "zed"]
            assert all(m.programme is read for m in members)
        for field in GrantProgramme._meta.concrete_fields:
            assert getattr(read, field.attname) == getattr(programme, field.attname)
        assert str(read) == str(programme)
    with pytest.raises(Http404):
        get_committee_programme_with_members(outsider, programme.pk)


def test_a_programme_without_a_committee_is_its_secretariats_only(
    org, field_officer, outsider, django_assert_num_queries
) -> None:
    programme = f.GrantProgrammeFactory(managing_organisation=org)
    staff_organisation_ids(field_officer)  # read with the user on a request (StaffRolesBackend)

    with django_assert_num_queries(1):
        read, members = get_committee_programme_with_members(field_officer, programme.pk)
    assert (read.pk, read.name, members) == (programme.pk, programme.name, [])
    for reader, pk in [(outsider, programme.pk), (field_officer, 10**9), (field_officer, "x")]:
        with pytest.raises(Http404):
            get_committee_programme_with_members(reader, pk)
    with pytest.raises(Http404):
        get_committee_programme_with_members(AnonymousUser(), programme.pk)


def _fields(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def test_the_application_page_reads_what_the_committees_orm_read_gives(
    org, field_officer, outsider, django_assert_num_queries
) -> None:
    programme = f.GrantProgrammeFactory(managing_organisation=org)
    chair = f.CommitteeMemberFactory(programme=programme, is_chair=True).user
    member = f.CommitteeMemberFactory(programme=programme).user
    decided = f.ApplicationFactory(programme=programme, summary_en="Why <b>", reference="R1")
    CommitteeDecision.objects.create(
        application=decided, outcome="award", reason="Best", decided_by=chair
    )
    pending = f.ApplicationFactory(
        programme=programme,
        applicant__acronym="OF",
        submitted_online=True,
        email_confirmed_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
    )
    unconfirmed = f.ApplicationFactory(programme=programme, submitted_online=True)
    elsewhere = f.ApplicationFactory()

    for reader in (chair, member, field_officer):
        staff_organisation_ids(reader)  # read with the user on a request (StaffRolesBackend)
        for application in (decided, pending):
            expected = get_application_for_committee(reader, application.pk)
            with django_assert_num_queries(1):
                read = get_application_page_for_committee(reader, application.pk)
            assert _fields(read) == _fields(expected)
            assert _fields(read.programme) == _fields(expected.programme)
            assert _fields(read.applicant) == _fields(expected.applicant)
            assert str(read.applicant) == str(expected.applicant)
            assert read.reader_seat_is_chair == expected.reader_seat_is_chair
            assert read.title == expected.title and read.summary == expected.summary
            if application is decided:
                assert _fields(read.decision) == _fields(expected.decision)
            else:
                with pytest.raises(CommitteeDecision.DoesNotExist):
                    read.decision  # noqa: B018
    for reader, application in [
        (outsider, decided),
        (member, unconfirmed),
        (member, elsewhere),
        (AnonymousUser(), decided),
    ]:
        with pytest.raises(Http404):
            get_application_for_committee(reader, application.pk)
        with pytest.raises(Http404):
            get_application_page_for_committee(reader, application.pk)
    with pytest.raises(Http404):
        get_application_page_for_committee(member, "x")
