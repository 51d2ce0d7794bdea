"""A small two-organisation world for the staff workspace tests: everything ``org`` owns
has a twin owned by ``other_org``, so every test can also try to reach the other side."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from projects.models import PartnerRole
from tests import factories as f


@dataclass
class World:
    project: Any
    community: Any
    community_b: Any
    outside_community: Any
    working_group: Any
    member: Any
    meeting: Any
    plan: Any
    action: Any
    assessment: Any
    problem: Any
    activity: Any
    submitted: Any
    grant: Any
    report: Any
    other_project: Any
    other_community: Any
    other_group: Any
    other_member: Any
    other_meeting: Any
    other_plan: Any
    other_action: Any
    other_assessment: Any
    other_activity: Any
    other_grant: Any


def build_world(*, org: Any, other_org: Any, project: Any, author: Any = None) -> World:
    today = timezone.localdate()
    community = f.CommunityFactory(name_en="Kara-Suu")
    community_b = f.CommunityFactory(name_en="Nookat")
    outside = f.CommunityFactory(name_en="Elsewhere")
    f.ProjectCommunityFactory(project=project, community=community)
    f.ProjectCommunityFactory(project=project, community=community_b)
    group = f.WorkingGroupFactory(organisation=org, community=community, name="Kara-Suu group")
    group.projects.add(project)
    member = f.MembershipFactory(
        working_group=group, full_name="Aigul Private", phone="+996555000111"
    )
    meeting = f.MeetingFactory(working_group=group)
    plan = f.JointPlanFactory(working_group=group)
    action = f.PlanActionFactory(plan=plan, due_date=today + dt.timedelta(days=10))
    assessment = f.AssessmentFactory(project=project, community=community)
    problem = f.IdentifiedProblemFactory(assessment=assessment)
    activity = f.ActivityFactory(project=project, author=author, title_en="Our draft")
    submitted = f.ActivityFactory(
        project=project, author=author, status="submitted", title_en="Waiting one"
    )
    programme = f.GrantProgrammeFactory(managing_organisation=org, project=project)
    grant = f.GrantFactory(programme=programme)
    report = f.GrantReportFactory(grant=grant, due_date=today - dt.timedelta(days=5))

    other_project = f.ProjectFactory(slug="other-project", title_en="Other project")
    f.PartnershipFactory(
        project=other_project, organisation=other_org, role=PartnerRole.IMPLEMENTING
    )
    other_community = f.CommunityFactory(name_en="Other place")
    f.ProjectCommunityFactory(project=other_project, community=other_community)
    other_group = f.WorkingGroupFactory(organisation=other_org, community=other_community)
    other_group.projects.add(other_project)
    other_member = f.MembershipFactory(working_group=other_group, full_name="Other Secret")
    other_meeting = f.MeetingFactory(working_group=other_group)
    other_plan = f.JointPlanFactory(working_group=other_group)
    other_action = f.PlanActionFactory(plan=other_plan)
    other_assessment = f.AssessmentFactory(project=other_project, community=other_community)
    other_activity = f.ActivityFactory(project=other_project, title_en="Their draft")
    other_programme = f.GrantProgrammeFactory(managing_organisation=other_org)
    other_grant = f.GrantFactory(programme=other_programme)
    f.GrantReportFactory(grant=other_grant, due_date=today - dt.timedelta(days=5))
    return World(
        project=project,
        community=community,
        community_b=community_b,
        outside_community=outside,
        working_group=group,
        member=member,
        meeting=meeting,
        plan=plan,
        action=action,
        assessment=assessment,
        problem=problem,
        activity=activity,
        submitted=submitted,
        grant=grant,
        report=report,
        other_project=other_project,
        other_community=other_community,
        other_group=other_group,
        other_member=other_member,
        other_meeting=other_meeting,
        other_plan=other_plan,
        other_action=other_action,
        other_assessment=other_assessment,
        other_activity=other_activity,
        other_grant=other_grant,
    )
