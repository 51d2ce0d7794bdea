"""Working-group, assessment and joint-plan services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from communities import plan_services, services
from communities.models import ActionStatus, Meeting, Membership
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(org, project):
    group = f.WorkingGroupFactory(organisation=org)
    group.projects.add(project)
    return group


def test_a_meeting_records_members_present_and_totals(group, field_officer) -> None:
    present = [f.MembershipFactory(working_group=group) for _ in range(2)]
    meeting = services.meeting_create(
        user=field_officer,
        working_group=group,
        date=dt.date(2024, 5, 1),
        kind="working_group",
        decisions="Light the school road",
        women=2,
        men=0,
        youth=1,
        members_present=present,
    )
    assert set(meeting.members_present.all()) == set(present)
    assert meeting.history.filter(history_type="+").exists()


def test_a_meeting_refuses_members_of_another_group(group, field_officer) -> None:
    stranger = f.MembershipFactory()
    with pytest.raises(ValidationError):
        services.meeting_create(
            user=field_officer,
            working_group=group,
            date=dt.date(2024, 5, 1),
            kind="working_group",
            members_present=[stranger],
        )
    assert not Meeting.objects.exists()


def test_a_viewer_cannot_record_a_meeting(group, viewer) -> None:
    with pytest.raises(PermissionDenied):
        services.meeting_create(
            user=viewer, working_group=group, date=dt.date(2024, 5, 1), kind="working_group"
        )


def test_only_the_owning_organisation_manages_members(
    group, field_officer, outsider, project, other_org
) -> None:
    from projects.models import PartnerRole

    f.PartnershipFactory(project=project, organisation=other_org, role=PartnerRole.FUNDING)
    values = {"full_name": "Nurlan", "sector": "police", "role": "member", "phone": "+996 700"}
    with pytest.raises(PermissionDenied):
        services.membership_create(user=outsider, working_group=group, values=values)
    member = services.membership_create(user=field_officer, working_group=group, values=values)
    assert member.phone == "+996 700"
    assert Membership.objects.count() == 1


def test_ranking_problems_sets_unique_ranks_and_allows_swaps(project, field_officer) -> None:
    assessment = f.AssessmentFactory(project=project)
    first = f.IdentifiedProblemFactory(assessment=assessment, priority_rank=1)
    second = f.IdentifiedProblemFactory(assessment=assessment, priority_rank=2)
    services.assessment_rank(
        user=field_officer, assessment=assessment, ranks={first.pk: 2, second.pk: 1}
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.priority_rank, second.priority_rank) == (2, 1)
    with pytest.raises(ValidationError):
        services.assessment_rank(
            user=field_officer, assessment=assessment, ranks={first.pk: 1, second.pk: 1}
        )
    first.refresh_from_db()
    assert first.priority_rank == 2


def test_ranking_refuses_problems_of_another_assessment(project, field_officer) -> None:
    assessment = f.AssessmentFactory(project=project)
    foreign = f.IdentifiedProblemFactory()
    with pytest.raises(ValidationError):
        services.assessment_rank(user=field_officer, assessment=assessment, ranks={foreign.pk: 1})


def test_an_action_marked_done_needs_a_completion_date(group, field_officer) -> None:
    action = f.PlanActionFactory(plan__working_group=group)
    with pytest.raises(ValidationError):
        services.plan_action_update(user=field_officer, action=action, status=ActionStatus.DONE)
    services.plan_action_update(
        user=field_officer,
        action=action,
        status=ActionStatus.DONE,
        completed_on=dt.date(2022, 6, 1),
        result_notes={"ru": "Освещение установлено"},
    )
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    assert action.result_note_ru == "Освещение установлено"


def test_a_contribution_is_added_to_the_plan(group, field_officer, outsider) -> None:
    action = f.PlanActionFactory(plan__working_group=group)
    kwargs = {
        "action": action,
        "source_type": "local_budget",
        "amount": Decimal("25000"),
        "currency": "KGS",
        "state": "pledged",
        "date": dt.date(2022, 3, 1),
    }
    with pytest.raises(PermissionDenied):
        plan_services.contribution_create(user=outsider, **kwargs)
    contribution = plan_services.contribution_create(user=field_officer, **kwargs)
    assert contribution.amount == Decimal("25000")
    with pytest.raises(ValidationError):
        plan_services.contribution_create(user=field_officer, **{**kwargs, "amount": Decimal("-5")})
