"""Staff workspace: accounts, the "My work" dashboard, and the activity log with its review
workflow. Every record is fetched through an access helper, never by pk alone."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Model
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from communities.access import plan_actions_for_user, working_groups_for_user
from communities.models import ActionStatus
from grants.access import grant_reports_for_user
from projects import services
from projects.access import (
    activities_for_user,
    can_edit_activity,
    can_review_project,
    can_write_project,
    get_activity_for_user,
    get_project_for_user,
    projects_for_user,
    review_organisation_ids,
    reviewable_projects_for_user,
    staff_roles,
    writable_organisation_ids,
)
from projects.forms import ActivityFilterForm, ActivityForm, ReturnForm
from projects.inputs import parse_id, parse_ids
from projects.models import Activity, ActivityStatus, Organisation, StaffRole
from projects.public_cache import cached_fragment

View = Callable[..., HttpResponse]
logger = logging.getLogger(__name__)

DUE_SOON_DAYS = 30
DASHBOARD_PROJECTS = 20


# --- Helpers shared by every staff view -------------------------------------------------


def staff_login_required(view: View) -> View:
    """login_required that also works for htmx requests: a partial swap of the login page
    into a form would be useless, so htmx is told to send the whole page to login and
    come back to the page the user was on."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        htmx = getattr(request, "htmx", None)
        if htmx:
            back = htmx.current_url_abs_path or reverse("staff:dashboard")
            response = HttpResponse(status=204)
            response["HX-Redirect"] = f"{reverse('staff:login')}?{urlencode({'next': back})}"
            return response
        return redirect_to_login(request.get_full_path())

    return wrapper


def apply_service_error(form: Form, exc: ValidationError) -> None:
    """Show a service's ValidationError beside the matching field, else above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def history_entries(instance: Model, *, limit: int = 25) -> list[dict[str, Any]]:
    """Who changed what and when, newest first, in one query.

    Many-to-many changes are left out of the field list (diffing them costs a query per
    version); the version itself still shows who saved it and when."""
    records = list(
        instance.history.select_related("history_user").order_by(  # type: ignore[attr-defined]
            "-history_date", "-history_id"
        )[: limit + 1]
    )
    m2m = (
        {field.name for field in getattr(records[0], "_history_m2m_fields", [])}
        if records
        else set()
    )
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes: list[dict[str, str]] = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, excluded_fields=m2m)
            for change in delta.changes:
                field = instance._meta.get_field(change.field)
                is_relation = bool(getattr(field, "is_relation", False))
                changes.append(
                    {
                        "field": str(getattr(field, "verbose_name", change.field)),
                        "old": "" if is_relation else _short(change.old),
                        "new": "" if is_relation else _short(change.new),
                    }
                )
        entries.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "kind": record.get_history_type_display(),
                "changes": changes,
            }
        )
    return entries


def _short(value: Any) -> str:
    text = "—" if value in (None, "") else str(value)
    return text if len(text) <= 80 else text[:79] + "…"


# --- Accounts ----------------------------------------------------------------------------


class StaffLoginView(auth_views.LoginView):
    template_name = "staff/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # A `next` that Django refused is blanked, so the notice only shows for real ones.
        context["returning"] = bool(context.get("next"))
        return context


class StaffLogoutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


password_change = staff_login_required(
    auth_views.PasswordChangeView.as_view(
        template_name="staff/account/password_change_form.html",
        success_url=reverse_lazy("staff:password_change_done"),
    )
)
password_change_done = staff_login_required(
    auth_views.PasswordChangeDoneView.as_view(
        template_name="staff/account/password_change_done.html"
    )
)
password_reset = auth_views.PasswordResetView.as_view(
    template_name="staff/account/password_reset_form.html",
    email_template_name="staff/account/password_reset_email.txt",
    subject_template_name="staff/account/password_reset_subject.txt",
    success_url=reverse_lazy("staff:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="staff/account/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="staff/account/password_reset_confirm.html",
    success_url=reverse_lazy("staff:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="staff/account/password_reset_complete.html"
)


# --- Dashboard ---------------------------------------------------------------------------


@staff_login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    roles = staff_roles(user)
    organisations = list(Organisation.objects.filter(pk__in=list(roles)).order_by("name"))
    for organisation in organisations:
        organisation.staff_role_label = StaffRole(roles[organisation.pk]).label  # type: ignore[attr-defined]

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
            project.activity_count = activity_counts.get(project.pk, 0)  # type: ignore[attr-defined]
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
        overdue_reports = list(
            grant_reports_for_user(user)
            .overdue(today)
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
            "panels": panels_html,
        },
    )


# --- Projects -----------------------------------------------------------------------------


@staff_login_required
@require_GET
def project_list(request: HttpRequest) -> HttpResponse:
    projects = (
        projects_for_user(request.user)
        .annotate(activity_count=Count("activities", distinct=True))
        .order_by("is_archived", "title")
    )
    return render(request, "staff/project_list.html", {"projects": projects})


@staff_login_required
@require_GET
def project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_project_for_user(request.user, slug)
    activities = (
        project.activities.select_related("author")
        .annotate(photo_count=Count("photos"))
        .order_by("-date", "-pk")[:30]
    )
    groups = (
        working_groups_for_user(request.user)
        .filter(projects=project)
        .select_related("community", "organisation")
    )
    partners = project.partnerships.select_related("organisation")
    communities = project.target_communities.select_related("community", "community__region")
    return render(
        request,
        "staff/project_detail.html",
        {
            "project": project,
            "activities": activities,
            "working_groups": groups,
            "partners": partners,
            "target_communities": communities,
            "can_write": can_write_project(request.user, project),
            "history": history_entries(project),
        },
    )


# --- Activities ---------------------------------------------------------------------------


@staff_login_required
@require_GET
def activity_list(request: HttpRequest) -> HttpResponse:
    form = ActivityFilterForm(request.GET or None, user=request.user)
    activities = activities_for_user(request.user).select_related("project", "author")
    if form.is_valid():
        if form.cleaned_data.get("status"):
            activities = activities.filter(status=form.cleaned_data["status"])
        if form.cleaned_data.get("project"):
            activities = activities.filter(project=form.cleaned_data["project"])
    activities = activities.annotate(photo_count=Count("photos")).order_by("-date", "-pk")
    page = Paginator(activities, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "staff/activity_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_write": bool(writable_organisation_ids(request.user)),
        },
    )


def _storage_error() -> str:
    logger.exception("Storing activity photos failed")
    return _(
        "The photos could not be stored: the server has no space left or its storage is "
        "unavailable. Nothing was saved. Try again later, or save without photos."
    )


def _activity_form_response(
    request: HttpRequest, form: ActivityForm, activity: Activity | None
) -> HttpResponse:
    key = f"activity-{activity.pk}-edit" if activity else "activity-new"
    return render(
        request,
        "staff/activity_form.html",
        {
            "form": form,
            "activity": activity,
            "draft_key": f"{request.user.pk}:{key}",
            "photos": list(activity.photos.all()) if activity else [],
            "max_photos": settings.PHOTO_MAX_COUNT,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@staff_login_required
def activity_create(request: HttpRequest) -> HttpResponse:
    if not writable_organisation_ids(request.user):
        raise PermissionDenied
    initial = {}
    project_id = parse_id(request.GET.get("project"))
    if request.method == "GET" and project_id is not None:
        initial["project"] = project_id
    form = ActivityForm(
        request.POST or None, request.FILES or None, user=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            activity = services.activity_create(
                author=request.user, submit=submit, **form.service_kwargs()
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        except OSError:
            form.add_error(None, _storage_error())
        else:
            messages.success(
                request,
                _("Activity submitted for review.") if submit else _("Draft saved."),
            )
            return redirect("staff:activity_detail", pk=activity.pk)
    return _activity_form_response(request, form, None)


@staff_login_required
def activity_update(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_activity_for_user(request.user, pk, write=True)
    if not can_edit_activity(request.user, activity):
        messages.warning(
            request, _("This activity is with a reviewer; it can be changed once returned.")
        )
        return redirect("staff:activity_detail", pk=activity.pk)
    form = ActivityForm(
        request.POST or None, request.FILES or None, user=request.user, activity=activity
    )
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        remove = parse_ids(request.POST.getlist("remove_photo"))
        try:
            services.activity_update(
                activity=activity,
                user=request.user,
                submit=submit,
                remove_photo_ids=remove,
                **form.service_kwargs(),
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        except OSError:
            form.add_error(None, _storage_error())
        else:
            messages.success(
                request, _("Activity submitted for review.") if submit else _("Changes saved.")
            )
            return redirect("staff:activity_detail", pk=activity.pk)
    return _activity_form_response(request, form, activity)


@staff_login_required
@require_GET
def activity_communities(request: HttpRequest) -> HttpResponse:
    """htmx: the communities checkboxes for the project just chosen."""
    raw = request.GET.get("project", "")
    if raw:
        # Naming a project the user may not write to gets 404/403, not its communities.
        get_project_for_user(request.user, parse_id(raw) or "-", write=True)
    form = ActivityForm({"project": raw} if raw else None, user=request.user)
    return render(request, "staff/partials/communities_field.html", {"field": form["communities"]})


@staff_login_required
@require_GET
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_activity_for_user(request.user, pk)
    user = request.user
    is_reviewer = can_review_project(user, activity.project)
    return render(
        request,
        "staff/activity_detail.html",
        {
            "activity": activity,
            "communities": list(activity.communities.all()),
            "photos": list(activity.photos.all()),
            "can_edit": can_edit_activity(user, activity),
            "can_submit": can_edit_activity(user, activity),
            "can_publish": is_reviewer and activity.status == ActivityStatus.SUBMITTED,
            "can_return": is_reviewer
            and activity.status in (ActivityStatus.SUBMITTED, ActivityStatus.PUBLISHED),
            "return_form": ReturnForm(),
            "history": history_entries(activity),
        },
    )


@staff_login_required
@require_POST
def activity_submit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_activity_for_user(request.user, pk, write=True)
    try:
        services.activity_submit(activity=activity, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Activity submitted for review."))
    return redirect("staff:activity_detail", pk=activity.pk)


@staff_login_required
@require_POST
def activity_publish(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_activity_for_user(request.user, pk, review=True)
    try:
        services.activity_publish(activity=activity, reviewer=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Activity published. It now appears on public pages."))
    return redirect("staff:activity_detail", pk=activity.pk)


@staff_login_required
@require_POST
def activity_return(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_activity_for_user(request.user, pk, review=True)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.activity_return(
                activity=activity, reviewer=request.user, comment=form.cleaned_data["comment"]
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Activity returned to its author with your comment."))
            return redirect("staff:activity_detail", pk=activity.pk)
    return render(
        request,
        "staff/activity_detail.html",
        {
            "activity": activity,
            "communities": list(activity.communities.all()),
            "photos": list(activity.photos.all()),
            "can_publish": activity.status == ActivityStatus.SUBMITTED,
            "can_return": True,
            "return_form": form,
            "history": history_entries(activity),
        },
        status=400,
    )
