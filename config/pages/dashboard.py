"""The staff "My work" dashboard. It spans apps (projects, the activity log, plan actions,
grant reports), so it sits in the top layer."""

from __future__ import annotations

import datetime as dt

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET

from communities.models import ActivityStatus
from communities.staff_selectors import (
    activities_awaiting_review,
    dashboard_projects,
    own_activities,
    plan_actions_due,
)
from core.cache import cached_fragment
from core.staff import AuthenticatedHttpRequest, staff_login_required
from grants.selectors import grant_reports_due
from projects.access import (
    manage_organisation_ids,
    review_organisation_ids,
    writable_organisation_ids,
)
from projects.selectors import staff_organisations

DUE_SOON_DAYS = 30
DASHBOARD_PROJECTS = 20


# --- Dashboard ---------------------------------------------------------------------------


@staff_login_required
@require_GET
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    today = timezone.localdate()

    def panels() -> str:
        # A large partner organisation works on hundreds of projects: the dashboard shows the
        # first few (active before archived) and links to the full list.
        projects = dashboard_projects(user, DASHBOARD_PROJECTS)
        is_reviewer = bool(review_organisation_ids(user))
        due_by = today + dt.timedelta(days=DUE_SOON_DAYS)
        return render_to_string(
            "staff/_dashboard_panels.html",
            {
                "projects": projects[:DASHBOARD_PROJECTS],
                "more_projects": len(projects) > DASHBOARD_PROJECTS,
                "drafts": own_activities(user, ActivityStatus.DRAFT),
                "returned": own_activities(user, ActivityStatus.RETURNED),
                "waiting": activities_awaiting_review(user) if is_reviewer else [],
                "is_reviewer": is_reviewer,
                "due_actions": plan_actions_due(user, due_by),
                # What is due: reports late or coming due soon, owed to or by the organisation.
                "overdue_reports": grant_reports_due(user, due_by),
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
            "organisations": staff_organisations(user),
            "can_write": bool(writable_organisation_ids(user)),
            "can_manage": bool(manage_organisation_ids(user)),
            "panels": panels_html,
        },
    )
