"""Each working group's member counts kept on write (``WorkingGroupTotals``) give the same
figures as counting the current seats themselves, whatever wrote the seats, and a rebuild
gives the same rows."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from io import StringIO
from typing import Any
from unittest import mock

import pytest
from django.core.management import call_command
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from communities import group_services, services
from communities.models import Membership, Sector, WorkingGroup, WorkingGroupTotals
from communities.summary_selectors import WorkingGroupSummary, working_group_summary
from communities.summary_services import working_group_totals_rebuild
from core.choices import Sex
from tests import factories as f

pytestmark = pytest.mark.django_db


def _counted_from_seats(groups: QuerySet[WorkingGroup]) -> WorkingGroupSummary:
    """The figures as working_group_summary() computed them before the kept counts: from
    every current seat of the groups."""
    seats = list(Membership.objects.current().filter(working_group__in=groups))
    sectors = Counter(seat.sector for seat in seats)
    labels = dict(Sector.choices)
    return WorkingGroupSummary(
        groups=groups.count(),
        members=len(seats),
        women=sum(seat.sex == Sex.FEMALE for seat in seats),
        men=sum(seat.sex == Sex.MALE for seat in seats),
        sectors=[
            (str(labels[sector]), count)
            for sector, count in sorted(sectors.items(), key=lambda pair: (-pair[1], pair[0]))
        ],
    )


def _stored_rows() -> list[tuple[Any, ...]]:
    return list(
        WorkingGroupTotals.objects.order_by("working_group_id").values_list(
            "working_group_id", "members", "women", "men", "sectors", "valid_until"
        )
    )


def _assert_kept(groups: QuerySet[WorkingGroup]) -> None:
    assert working_group_summary(groups) == _counted_from_seats(groups)
    for group in groups:
        assert working_group_summary(WorkingGroup.objects.filter(pk=group.pk)) == (
            _counted_from_seats(WorkingGroup.objects.filter(pk=group.pk))
        )


@pytest.fixture
def group(org, project):
    group = f.WorkingGroupFactory(organisation=org)
    group.projects.add(project)
    return group


def test_it_keeps_the_counts_through_the_services_writes(group, field_officer) -> None:
    other = f.WorkingGroupFactory(organisation=group.organisation)
    groups = WorkingGroup.objects.filter(pk__in=[group.pk, other.pk])
    values = {"full_name": "Aigul", "sector": Sector.POLICE, "role": "member", "sex": "female"}
    first = services.membership_create(user=field_officer, working_group=group, values=values)
    _assert_kept(groups)
    services.membership_create(
        user=field_officer,
        working_group=group,
        values={**values, "full_name": "Bakyt", "sex": "male", "sector": Sector.YOUTH},
    )
    _assert_kept(groups)
    services.membership_update(
        user=field_officer, member=first, values={**values, "sector": Sector.HEALTH}
    )
    _assert_kept(groups)
    # A successor takes the seat: the predecessor's seat ends the day they join.
    services.membership_create(
        user=field_officer,
        working_group=group,
        values={
            **values,
            "full_name": "Cholpon",
            "joined_on": dt.date(2024, 1, 1),
            "replaces": [first],
        },
    )
    _assert_kept(groups)
    assert working_group_summary(groups).members == 2
    leaver = Membership.objects.get(full_name="Bakyt")
    group_services.membership_leave(user=field_officer, member=leaver, left_on=dt.date(2024, 6, 1))
    _assert_kept(groups)
    assert (working_group_summary(groups).members, working_group_summary(groups).men) == (1, 0)


def test_it_follows_a_seat_moved_to_another_group_and_a_deleted_seat() -> None:
    group, other = f.WorkingGroupFactory(), f.WorkingGroupFactory()
    groups = WorkingGroup.objects.filter(pk__in=[group.pk, other.pk])
    seats = [
        f.MembershipFactory(working_group=group, sector=sector, sex=sex)
        for sector, sex in [
            (Sector.POLICE, "female"),
            (Sector.POLICE, "male"),
            (Sector.YOUTH, ""),
            (Sector.ACTIVIST, "female"),
        ]
    ]
    seats[0].working_group = other
    seats[0].save()
    _assert_kept(groups)
    seats[1].delete()
    _assert_kept(groups)
    seats[2].delete()
    seats[3].delete()
    # No current member left in the group: its row goes, and it still counts as a group.
    assert not WorkingGroupTotals.objects.filter(working_group=group).exists()
    _assert_kept(groups)


def test_it_keeps_the_counts_through_the_admin(admin_client) -> None:
    member = f.MembershipFactory(sector=Sector.POLICE, sex="female")
    groups = WorkingGroup.objects.filter(pk=member.working_group_id)
    data = {
        "working_group": member.working_group_id,
        "full_name": "Renamed Person",
        "sex": "male",
        "age_band": "30_44",
        "sector": "youth",
        "position": "",
        "organisation_name": "",
        "role": "member",
        "joined_on": "2021-05-01",
        "left_on": "",
        "phone": "",
        "email": "",
    }
    change = reverse("admin:communities_membership_change", args=[member.pk])
    assert admin_client.post(change, data).status_code == 302
    assert working_group_summary(groups).sectors == [(str(Sector.YOUTH.label), 1)]
    _assert_kept(groups)
    delete = reverse("admin:communities_membership_delete", args=[member.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    assert working_group_summary(groups).members == 0
    _assert_kept(groups)


def test_it_stops_counting_a_member_once_their_leaving_date_has_come() -> None:
    today = timezone.localdate()
    group = f.WorkingGroupFactory()
    groups = WorkingGroup.objects.filter(pk=group.pk)
    f.MembershipFactory(working_group=group, left_on=today + dt.timedelta(days=3))
    f.MembershipFactory(working_group=group, left_on=today + dt.timedelta(days=10))
    f.MembershipFactory(working_group=group)
    assert working_group_summary(groups).members == 3
    assert WorkingGroupTotals.objects.get(working_group=group).valid_until == (
        today + dt.timedelta(days=3)
    )
    # No write since: the kept row has run out, so the reader counts the seats again.
    for days, members in [(3, 2), (9, 2), (10, 1)]:
        later = today + dt.timedelta(days=days)
        with mock.patch("django.utils.timezone.localdate", return_value=later):
            assert working_group_summary(groups).members == members
            assert working_group_summary(groups) == _counted_from_seats(groups)


def test_a_rebuild_restores_the_rows_the_writes_kept() -> None:
    groups = [f.WorkingGroupFactory() for _ in range(3)]
    for number, sector in enumerate([Sector.POLICE, Sector.YOUTH, Sector.POLICE, Sector.HEALTH]):
        f.MembershipFactory(
            working_group=groups[number % 3], sector=sector, sex=["female", "male"][number % 2]
        )
    f.MembershipFactory(working_group=groups[0], left_on=dt.date(2022, 1, 1))
    kept = _stored_rows()
    WorkingGroupTotals.objects.all().delete()
    assert working_group_totals_rebuild() == 3
    assert _stored_rows() == kept
    WorkingGroupTotals.objects.filter(working_group=groups[0]).update(members=99)
    out = StringIO()
    call_command("rebuild_summaries", stdout=out)
    assert "member counts for 3 working groups" in out.getvalue()
    assert _stored_rows() == kept
