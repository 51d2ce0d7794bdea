"""communities.access: the owning organisation and partners of the group's projects see a
working group; only the owning organisation sees and manages members' personal data."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from communities.access import (
    assessments_for_user,
    get_assessment_for_user,
    get_meeting_for_user,
    get_membership_for_user,
    get_plan_action_for_user,
    get_plan_for_user,
    get_working_group_for_user,
    members_for_user,
    project_communities,
    sees_personal_data,
    working_groups_for_user,
)
from projects.models import PartnerRole
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(org, project):
    group = f.WorkingGroupFactory(organisation=org)
    group.projects.add(project)
    return group


def test_owner_sees_and_writes_everything(group, field_officer) -> None:
    member = f.MembershipFactory(working_group=group)
    meeting = f.MeetingFactory(working_group=group)
    action = f.PlanActionFactory(plan__working_group=group)
    assert get_working_group_for_user(field_officer, group.pk, write=True, members=True) == group
    assert get_membership_for_user(field_officer, member.pk, write=True) == member
    assert get_meeting_for_user(field_officer, meeting.pk, write=True) == meeting
    assert get_plan_for_user(field_officer, action.plan_id, write=True) == action.plan
    assert get_plan_action_for_user(field_officer, action.pk, write=True) == action


def test_outsider_gets_404_on_every_type(group, outsider, project) -> None:
    member = f.MembershipFactory(working_group=group)
    meeting = f.MeetingFactory(working_group=group)
    action = f.PlanActionFactory(plan__working_group=group)
    assessment = f.AssessmentFactory(project=project)
    calls = [
        (get_working_group_for_user, group.pk),
        (get_membership_for_user, member.pk),
        (get_meeting_for_user, meeting.pk),
        (get_plan_for_user, action.plan_id),
        (get_plan_action_for_user, action.pk),
        (get_assessment_for_user, assessment.pk),
    ]
    for helper, pk in calls:
        with pytest.raises(Http404):
            helper(outsider, pk)
    assert not working_groups_for_user(outsider).exists()
    assert not assessments_for_user(outsider).exists()


def test_viewer_gets_403_on_writes(group, viewer, project) -> None:
    meeting = f.MeetingFactory(working_group=group)
    assessment = f.AssessmentFactory(project=project)
    assert get_meeting_for_user(viewer, meeting.pk) == meeting
    with pytest.raises(PermissionDenied):
        get_meeting_for_user(viewer, meeting.pk, write=True)
    with pytest.raises(PermissionDenied):
        get_working_group_for_user(viewer, group.pk, members=True)
    with pytest.raises(PermissionDenied):
        get_assessment_for_user(viewer, assessment.pk, write=True)
    # Viewers of the owning organisation still see personal data; they just cannot change it.
    assert sees_personal_data(viewer, group)


def test_partner_organisation_sees_the_group_but_not_its_members(
    group, project, other_org, outsider
) -> None:
    f.PartnershipFactory(project=project, organisation=other_org, role=PartnerRole.FUNDING)
    member = f.MembershipFactory(working_group=group)
    assert get_working_group_for_user(outsider, group.pk, write=True) == group
    assert not sees_personal_data(outsider, group)
    assert not members_for_user(outsider).exists()
    with pytest.raises(Http404):
        get_working_group_for_user(outsider, group.pk, members=True)
    with pytest.raises(Http404):
        get_membership_for_user(outsider, member.pk)


def test_working_group_list_has_no_duplicates(group, org, field_officer) -> None:
    second = f.ProjectFactory()
    f.PartnershipFactory(project=second, organisation=org)
    group.projects.add(second)
    assert list(working_groups_for_user(field_officer)) == [group]


def test_project_communities_are_the_targets_only(project) -> None:
    target = f.CommunityFactory()
    f.ProjectCommunityFactory(project=project, community=target)
    f.CommunityFactory()
    assert list(project_communities(project.pk)) == [target]
    assert not project_communities(None).exists()
