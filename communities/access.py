"""Who may see and change working groups, their meetings, members, assessments and joint
plans in the staff workspace.

- The facilitating (owning) organisation and the partners of the group's projects see a
  working group and its meetings and plans; writers among them record meetings and update
  the plan.
- Members' personal data (full name, phone, email) is for the owning organisation's staff
  only; only its writers add or change members.
- Assessments belong to a project: its partners see them and its writers record them.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from communities.models import (
    Activity,
    ActivityStatus,
    Assessment,
    Community,
    Contribution,
    IdentifiedProblem,
    JointPlan,
    Meeting,
    Membership,
    PlanAction,
    WorkingGroup,
)
from projects.access import (
    can_review_project,
    can_write_project,
    projects_for_user,
    staff_organisation_ids,
    writable_organisation_ids,
)
from projects.models import Partnership


def _as_pk(pk: int | str) -> int:
    try:
        return int(pk)
    except (TypeError, ValueError):
        raise Http404("Not found.") from None


def _group_filter(organisation_ids: list[int]) -> Q:
    partner_projects = Partnership.objects.filter(organisation_id__in=organisation_ids).values(
        "project_id"
    )
    return Q(organisation_id__in=organisation_ids) | Q(projects__in=partner_projects)


def working_groups_for_user(user: Any, *, write: bool = False) -> QuerySet[WorkingGroup]:
    ids = writable_organisation_ids(user) if write else staff_organisation_ids(user)
    # A subquery, not a join, so callers never get duplicate rows or need distinct().
    visible = WorkingGroup.objects.filter(_group_filter(ids)).values("pk")
    return WorkingGroup.objects.filter(pk__in=visible)


def _group_ids(user: Any, *, write: bool) -> set[int]:
    attr = "_staff_group_write_ids" if write else "_staff_group_ids"
    cached = getattr(user, attr, None)
    if cached is None:
        cached = set(working_groups_for_user(user, write=write).values_list("pk", flat=True))
        setattr(user, attr, cached)
    return cached


def can_write_working_group(user: Any, group: WorkingGroup) -> bool:
    return group.pk in _group_ids(user, write=True)


def sees_personal_data(user: Any, group: WorkingGroup) -> bool:
    return group.organisation_id in staff_organisation_ids(user)


def can_manage_members(user: Any, group: WorkingGroup) -> bool:
    return group.organisation_id in writable_organisation_ids(user)


def get_working_group_for_user(
    user: Any, pk: int | str, *, write: bool = False, members: bool = False
) -> WorkingGroup:
    """``write``: record meetings and update plans. ``members``: add or change members,
    which only the owning organisation's writers may do."""
    group = (
        working_groups_for_user(user)
        .select_related("community", "organisation")
        .filter(pk=_as_pk(pk))
        .first()
    )
    if group is None:
        raise Http404("No such working group.")
    if write and not can_write_working_group(user, group):
        raise PermissionDenied
    if members and not can_manage_members(user, group):
        # A partner organisation may see the group but never its members' personal data.
        if not sees_personal_data(user, group):
            raise Http404("No such working group.")
        raise PermissionDenied
    return group


def members_for_user(user: Any) -> QuerySet[Membership]:
    """Members whose personal data the user may see: owning organisation's staff only."""
    return Membership.objects.filter(
        working_group__organisation_id__in=staff_organisation_ids(user)
    )


def get_membership_for_user(user: Any, pk: int | str, *, write: bool = False) -> Membership:
    member = (
        members_for_user(user)
        .select_related("working_group", "working_group__community")
        .filter(pk=_as_pk(pk))
        .first()
    )
    if member is None:
        raise Http404("No such member.")
    if write and not can_manage_members(user, member.working_group):
        raise PermissionDenied
    return member


def meetings_for_user(user: Any, *, write: bool = False) -> QuerySet[Meeting]:
    return Meeting.objects.filter(working_group__in=working_groups_for_user(user, write=write))


def get_meeting_for_user(user: Any, pk: int | str, *, write: bool = False) -> Meeting:
    meeting = (
        meetings_for_user(user)
        .select_related("working_group", "working_group__community", "working_group__organisation")
        .filter(pk=_as_pk(pk))
        .first()
    )
    if meeting is None:
        raise Http404("No such meeting.")
    if write and not can_write_working_group(user, meeting.working_group):
        raise PermissionDenied
    return meeting


def plans_for_user(user: Any, *, write: bool = False) -> QuerySet[JointPlan]:
    return JointPlan.objects.filter(working_group__in=working_groups_for_user(user, write=write))


def get_plan_for_user(user: Any, pk: int | str, *, write: bool = False) -> JointPlan:
    plan = (
        plans_for_user(user)
        .select_related("working_group", "working_group__organisation", "community")
        .filter(pk=_as_pk(pk))
        .first()
    )
    if plan is None:
        raise Http404("No such joint plan.")
    if write and not can_write_working_group(user, plan.working_group):
        raise PermissionDenied
    return plan


def plan_actions_for_user(user: Any, *, write: bool = False) -> QuerySet[PlanAction]:
    return PlanAction.objects.filter(plan__in=plans_for_user(user, write=write))


def get_plan_action_for_user(user: Any, pk: int | str, *, write: bool = False) -> PlanAction:
    action = (
        plan_actions_for_user(user)
        .select_related("plan", "plan__working_group", "plan__community")
        .filter(pk=_as_pk(pk))
        .first()
    )
    if action is None:
        raise Http404("No such plan action.")
    if write and not can_write_working_group(user, action.plan.working_group):
        raise PermissionDenied
    return action


def assessments_for_user(user: Any) -> QuerySet[Assessment]:
    return Assessment.objects.filter(project__in=projects_for_user(user))


def get_assessment_for_user(user: Any, pk: int | str, *, write: bool = False) -> Assessment:
    assessment = (
        assessments_for_user(user)
        .select_related("project", "community", "working_group")
        .filter(pk=_as_pk(pk))
        .first()
    )
    if assessment is None:
        raise Http404("No such assessment.")
    if write and not can_write_project(user, assessment.project):
        raise PermissionDenied
    return assessment


def get_problem_for_user(user: Any, pk: int | str, *, write: bool = False) -> IdentifiedProblem:
    problem = (
        IdentifiedProblem.objects.filter(assessment__in=assessments_for_user(user))
        .select_related("assessment", "assessment__project")
        .filter(pk=_as_pk(pk))
        .first()
    )
    if problem is None:
        raise Http404("No such problem.")
    if write and not can_write_project(user, problem.assessment.project):
        raise PermissionDenied
    return problem


def writable_communities(user: Any) -> QuerySet[Community]:
    """Target communities of the projects the user may write to: the only ones a working
    group the user sets up may cover."""
    return Community.objects.filter(
        pk__in=Community.objects.filter(
            project_links__project__in=projects_for_user(user, write=True)
        ).values("pk")
    )


def contributions_for_user(user: Any) -> QuerySet[Contribution]:
    """Contributions to actions and plans of the user's working groups, and to the user's
    projects as a whole."""
    plans = plans_for_user(user).values("pk")
    return Contribution.objects.filter(
        Q(action__plan__in=plans) | Q(plan__in=plans) | Q(project__in=projects_for_user(user))
    )


def can_write_contribution(user: Any, contribution: Contribution) -> bool:
    if contribution.project is not None:
        return can_write_project(user, contribution.project)
    plan = contribution.plan or (contribution.action.plan if contribution.action else None)
    # The check constraint ties a contribution to exactly one of action, plan, project.
    assert plan is not None
    return can_write_working_group(user, plan.working_group)


def get_contribution_for_user(user: Any, pk: int | str, *, write: bool = False) -> Contribution:
    contribution = (
        contributions_for_user(user)
        .select_related(
            "contributor",
            "project",
            "plan__working_group",
            "action__plan__working_group",
        )
        .filter(pk=_as_pk(pk))
        .first()
    )
    if contribution is None:
        raise Http404("No such contribution.")
    if write and not can_write_contribution(user, contribution):
        raise PermissionDenied
    return contribution


def project_communities(project_id: int | None) -> QuerySet[Community]:
    """The project's target communities: the only ones its records may name."""
    if not project_id:
        return Community.objects.none()
    return Community.objects.filter(project_links__project_id=project_id).order_by("name")


# --- Activity log ----------------------------------------------------------------------


def activities_for_user(user: Any) -> QuerySet[Activity]:
    return Activity.objects.filter(project__in=projects_for_user(user))


def can_edit_activity(user: Any, activity: Activity) -> bool:
    """Writers on the project edit an activity until it is submitted; after that only a
    reviewer's return opens it again, so what a manager reviewed is what gets published."""
    return activity.status in (
        ActivityStatus.DRAFT,
        ActivityStatus.RETURNED,
    ) and can_write_project(user, activity.project)


def get_activity_for_user(
    user: Any, pk: int | str, *, write: bool = False, review: bool = False
) -> Activity:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404("No such activity.") from None
    activity = (
        activities_for_user(user)
        .select_related("project", "author", "reviewed_by", "plan_action", "meeting")
        .filter(pk=pk)
        .first()
    )
    if activity is None:
        raise Http404("No such activity.")
    if write and not can_write_project(user, activity.project):
        raise PermissionDenied
    if review and not can_review_project(user, activity.project):
        raise PermissionDenied
    return activity
