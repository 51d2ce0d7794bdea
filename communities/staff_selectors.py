"""Reads for the staff pages of the cycle of security: working groups, assessments and joint
plans, each scoped to what the user may see (``communities.access``) and carrying the joins
and counts its page shows, so a page's query count stays flat as the records grow. The
staff project page and the activity log read here too.

The public pages' reads are in ``communities.selectors``."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from communities.access import (
    activities_for_user,
    assessments_for_user,
    plan_actions_for_user,
    plans_for_user,
    working_groups_for_user,
)
from communities.models import (
    ActionStatus,
    Activity,
    ActivityStatus,
    Assessment,
    Community,
    Contribution,
    ContributionSource,
    ContributionState,
    IdentifiedProblem,
    JointPlan,
    Meeting,
    Membership,
    PlanAction,
    PlanRevision,
    ProjectArea,
    ProjectCommunity,
    WorkingGroup,
)
from projects.access import projects_for_user, reviewable_projects_for_user
from projects.models import Project

# --- Working groups ----------------------------------------------------------------------


def staff_working_groups(user: Any) -> QuerySet[WorkingGroup]:
    """The groups the user sees, with their seat, organisation, sitting members and meetings."""
    return (
        working_groups_for_user(user)
        .select_related("community", "organisation")
        .annotate(
            member_count=Count("members", filter=Q(members__left_on__isnull=True), distinct=True),
            meeting_count=Count("meetings", distinct=True),
        )
        .order_by("name")
    )


def working_group_members(group: WorkingGroup) -> QuerySet[Membership]:
    """Every seat, current ones first, with the successor of those who left."""
    return group.members.select_related("replaced_by").order_by(
        "left_on", "role", "full_name", "body"
    )


def working_group_composition(group: WorkingGroup) -> dict[str, int]:
    """Sitting members by sex, in one query."""
    return group.members.current().aggregate(
        total=Count("pk"),
        women=Count("pk", filter=Q(sex="female")),
        men=Count("pk", filter=Q(sex="male")),
    )


def working_group_recent_meetings(group: WorkingGroup, limit: int = 20) -> QuerySet[Meeting]:
    return group.meetings.order_by("-date", "-pk")[:limit]


def working_group_plans(group: WorkingGroup) -> QuerySet[JointPlan]:
    return group.plans.order_by("-period_start")


def working_group_covered(group: WorkingGroup) -> QuerySet[Community]:
    return group.communities.select_related("district").order_by("name")


def meeting_attendance(meeting: Meeting) -> QuerySet[Membership]:
    """Who attended, by name: shown only to those who see personal data."""
    return meeting.members_present.order_by("full_name")


# --- Assessments -------------------------------------------------------------------------


def staff_assessments(user: Any) -> QuerySet[Assessment]:
    """The assessments the user sees, newest first, with their problem count."""
    return (
        assessments_for_user(user)
        .select_related("project", "community", "working_group")
        .annotate(problem_count=Count("problems"))
        .order_by("-date", "-pk")
    )


def assessment_problems(assessment: Assessment) -> QuerySet[IdentifiedProblem]:
    """The problems residents raised, in the order the working group ranked them."""
    return (
        IdentifiedProblem.objects.filter(assessment=assessment)
        .select_related("category")
        .order_by("priority_rank", "-votes", "pk")
    )


# --- Joint plans ---------------------------------------------------------------------------


def staff_plans(user: Any) -> QuerySet[JointPlan]:
    """The plans the user sees, latest period first, with their actions done and in all."""
    return (
        plans_for_user(user)
        .select_related("working_group", "community")
        .annotate(
            action_count=Count("actions", distinct=True),
            done_count=Count("actions", filter=Q(actions__status=ActionStatus.DONE), distinct=True),
        )
        .order_by("-period_start", "pk")
    )


def plan_actions(plan: JointPlan) -> QuerySet[PlanAction]:
    """A plan's actions in order, with everything the plan page shows beside each."""
    return (
        plan.actions.select_related("responsible_organisation")
        .prefetch_related(
            "partners",
            Prefetch("problems", queryset=IdentifiedProblem.objects.select_related("category")),
            Prefetch("contributions", queryset=Contribution.objects.select_related("contributor")),
            Prefetch("activities", queryset=Activity.objects.order_by("date", "pk")),
        )
        .order_by("position", "pk")
    )


def plan_open_action_count(plan: JointPlan) -> int:
    """Actions neither done nor cancelled: closing the plan with these needs a reason."""
    return plan.actions.exclude(status__in=[ActionStatus.DONE, ActionStatus.CANCELLED]).count()


def plan_problems(plan: JointPlan) -> QuerySet[IdentifiedProblem]:
    """Problems a plan's actions may answer: those raised in the communities its group covers."""
    covered = list(plan.working_group.communities.values_list("pk", flat=True))
    covered.append(plan.working_group.community_id)
    return IdentifiedProblem.objects.filter(assessment__community__in=covered)


def plan_own_contributions(plan: JointPlan) -> QuerySet[Contribution]:
    """Co-financing pledged to the plan as a whole, not to one of its actions."""
    return plan.plan_contributions.select_related("contributor").order_by("date", "pk")


def plan_revisions(plan: JointPlan) -> QuerySet[PlanRevision]:
    return plan.revisions.order_by("-version")


def plan_money_by_source(plan: JointPlan) -> list[dict[str, Any]]:
    """Pledged and received co-financing per source and currency, in one query."""
    rows = (
        Contribution.objects.filter(Q(action__plan=plan) | Q(plan=plan))
        .values("source_type", "currency", "state")
        .annotate(total=Sum("amount"))
        .order_by("source_type", "currency")
    )
    labels = dict(ContributionSource.choices)
    table: dict[tuple[str, str], dict[str, Any]] = defaultdict(
        lambda: {"pledged": Decimal("0"), "received": Decimal("0")}
    )
    for row in rows:
        entry = table[(row["source_type"], row["currency"])]
        entry["source"] = labels.get(row["source_type"], row["source_type"])
        entry["currency"] = row["currency"]
        key = "received" if row["state"] == ContributionState.RECEIVED else "pledged"
        entry[key] += row["total"] or Decimal("0")
    return list(table.values())


# --- Projects and the activity log ---------------------------------------------------------


def staff_projects(user: Any) -> QuerySet[Project]:
    """The projects the user works on, archived last, with their number of activities."""
    return (
        projects_for_user(user)
        .annotate(activity_count=Count("activities", distinct=True))
        .order_by("is_archived", "title")
    )


def project_recent_activities(project: Project, limit: int = 30) -> QuerySet[Activity]:
    return (
        project.activities.select_related("author")
        .annotate(photo_count=Count("photos"))
        .order_by("-date", "-pk")[:limit]
    )


def project_working_groups_for_user(user: Any, project: Project) -> QuerySet[WorkingGroup]:
    """The project's working groups the user sees."""
    return (
        working_groups_for_user(user)
        .filter(projects=project)
        .select_related("community", "organisation")
    )


def project_target_communities_for_staff(project: Project) -> QuerySet[ProjectCommunity]:
    return project.target_communities.select_related("community", "community__region")


def project_areas(project: Project) -> QuerySet[ProjectArea]:
    return project.areas.with_places().order_by("level", "pk")


def staff_activities(
    user: Any, *, status: str = "", project: Project | None = None
) -> QuerySet[Activity]:
    """The activities the user sees, newest first, optionally of one status or project."""
    activities = activities_for_user(user).select_related("project", "author")
    if status:
        activities = activities.filter(status=status)
    if project is not None:
        activities = activities.filter(project=project)
    return activities.annotate(photo_count=Count("photos")).order_by("-date", "-pk")


# --- The "My work" dashboard ---------------------------------------------------------------


def dashboard_projects(user: Any, limit: int) -> list[Project]:
    """The first ``limit`` + 1 of the user's projects (active before archived; the extra one
    says there are more), each with ``activity_count``. Activities are counted only for these,
    so a partner working on hundreds of projects costs the same two queries."""
    projects = list(
        projects_for_user(user)
        .only("id", "slug", "title", "status", "is_archived")
        .order_by("is_archived", "title")[: limit + 1]
    )
    counts = dict(
        Activity.objects.filter(project__in=[project.pk for project in projects[:limit]])
        .order_by()
        .values_list("project")
        .annotate(n=Count("id"))
    )
    for project in projects:
        project.activity_count = counts.get(project.pk, 0)  # type: ignore[attr-defined]  # a count for the template
    return projects


def own_activities(user: Any, status: str, limit: int = 20) -> list[Activity]:
    """The user's own activities of one status (drafts, returned), last edited first."""
    return list(
        Activity.objects.filter(author=user, project__in=projects_for_user(user), status=status)
        .select_related("project", "reviewed_by")
        .order_by("-updated_at")[:limit]
    )


def activities_awaiting_review(user: Any, limit: int = 50) -> list[Activity]:
    """Submitted activities of the projects the user reviews, oldest submission first."""
    return list(
        Activity.objects.filter(
            status=ActivityStatus.SUBMITTED, project__in=reviewable_projects_for_user(user)
        )
        .select_related("project", "author")
        .order_by("submitted_at", "pk")[:limit]
    )


def plan_actions_due(user: Any, until: dt.date, limit: int = 50) -> list[PlanAction]:
    """Open plan actions the user sees that are due by ``until`` (or overdue)."""
    return list(
        plan_actions_for_user(user)
        .filter(due_date__lte=until)
        .exclude(status__in=[ActionStatus.DONE, ActionStatus.CANCELLED])
        .select_related("plan", "plan__working_group", "plan__community")
        .order_by("due_date", "pk")[:limit]
    )
