"""grants.access: grants of programmes the user's organisation manages or whose project it
is a partner in."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from grants.access import (
    get_application_for_committee,
    get_grant_for_user,
    grant_reports_for_user,
    grants_for_user,
)
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
