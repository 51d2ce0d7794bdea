"""The staff "My work" dashboard. It spans apps (projects, the activity log, plan actions,
grant reports), so it sits in the top layer."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET

from communities.access import plan_actions_for_user
from communities.models import ActionStatus, Activity, ActivityStatus
from core.cache import cached_fragment
from core.staff import AuthenticatedHttpRequest, staff_login_required
from grants.access import grant_reports_for_user
from grants.models import ReportStatus
from projects.access import (
    manage_organisation_ids,
    projects_for_user,
    review_organisation_ids,
    reviewable_projects_for_user,
    staff_roles,
    writable_organisation_ids,
)
from projects.models import Organisation, StaffRole

DUE_SOON_DAYS = 30
DASHBOARD_PROJECTS = 20


# --- Dashboard ---------------------------------------------------------------------------


@staff_login_required
@require_GET
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    roles = staff_roles(user)
    organisations = list(Organisation.objects.filter(pk__in=list(roles)).order_by("name"))
    for organisation in organisations:
        organisation.staff_role_label = StaffRole(roles[organisation.pk]).label  # type: ignore[attr-defined]  # a label for the template

    def panels() -> str:
        # A large partner organisation works on hundreds of projects: the dashboard shows the
        # first few (active before archived) and links to the full list, and counts activities
        # only for those it shows, so the page costs the same however many projects there are.
        my_projects = projects_for_user(user)
        projects = list(
            my_projects.only("id", "slug", "title", "status", "is_archived").order_by(
                "is_archived", "title"
            )[: DASHBOARD_PROJECTS + 1]
        )
        more_projects = len(projects) > DASHBOARD_PROJECTS
        projects = projects[:DASHBOARD_PROJECTS]
        activity_counts = dict(
            Activity.objects.filter(project__in=[project.pk for project in projects])
            .order_by()
            .values_list("project")
            .annotate(n=Count("id"))
        )
        for project in projects:
            project.activity_count = activity_counts.get(project.pk, 0)  # type: ignore[attr-defined]  # a count for the template
        mine = Activity.objects.filter(
            author=user, project__in=projects_for_user(user)
        ).select_related("project", "reviewed_by")
        drafts = list(mine.filter(status=ActivityStatus.DRAFT).order_by("-updated_at")[:20])
        returned = list(mine.filter(status=ActivityStatus.RETURNED).order_by("-updated_at")[:20])
        waiting: list[Activity] = []
        if review_organisation_ids(user):
            waiting = list(
                Activity.objects.filter(
                    status=ActivityStatus.SUBMITTED, project__in=reviewable_projects_for_user(user)
                )
                .select_related("project", "author")
                .order_by("submitted_at", "pk")[:50]
            )
        due_actions = list(
            plan_actions_for_user(user)
            .filter(due_date__lte=today + dt.timedelta(days=DUE_SOON_DAYS))
            .exclude(status__in=[ActionStatus.DONE, ActionStatus.CANCELLED])
            .select_related("plan", "plan__working_group", "plan__community")
            .order_by("due_date", "pk")[:50]
        )
        # What is due: reports late or coming due soon, owed to or by the organisation.
        overdue_reports = list(
            grant_reports_for_user(user)
            .filter(
                status__in=[ReportStatus.DUE, ReportStatus.RETURNED],
                due_date__lte=today + dt.timedelta(days=DUE_SOON_DAYS),
            )
            .select_related("grant", "grant__grantee", "grant__programme")
            .order_by("due_date", "pk")[:50]
        )
        return render_to_string(
            "staff/_dashboard_panels.html",
            {
                "projects": projects,
                "more_projects": more_projects,
                "drafts": drafts,
                "returned": returned,
                "waiting": waiting,
                "is_reviewer": bool(review_organisation_ids(user)),
                "due_actions": due_actions,
                "overdue_reports": overdue_reports,
                "today": today,
            },
            request=request,
        )

    # The panels are the costly part (seven queries over the user's projects, plans and
    # grants). They are kept per user, day and language until any record in the workspace
    # changes: every write bumps the content version in the key, so a new draft, a review
    # or a plan action marked done shows on the next request.
    panels_html = cached_fragment(f"staff-dashboard:user-{user.pk}:{today.isoformat()}", panels)
    return render(
        request,
        "staff/dashboard.html",
        {
            "organisations": organisations,
            "can_write": bool(writable_organisation_ids(user)),
            "can_manage": bool(manage_organisation_ids(user)),
            "panels": panels_html,
        },
    )
