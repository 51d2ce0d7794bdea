"""Staff workspace: accounts, the "My work" dashboard, and the activity log with its review
workflow. Every record is fetched through an access helper, never by pk alone."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from communities import activity_services as services
from communities import staff_selectors, translation_services
from communities.access import (
    can_edit_activity,
    get_activity_for_user,
)
from communities.activity_forms import (
    ActivityFilterForm,
    ActivityForm,
    ActivityTranslationForm,
    ReturnForm,
)
from communities.models import Activity, ActivityStatus
from core.inputs import parse_id, parse_ids
from core.record_translations import posted_texts
from core.staff import apply_service_error, history_entries, staff_login_required
from projects.access import (
    can_manage_project,
    can_review_project,
    can_write_project,
    get_project_for_user,
    manage_organisation_ids,
    writable_organisation_ids,
)
from projects.selectors import budget_totals, project_budget_lines, project_setup_partners

View = Callable[..., HttpResponse]
logger = logging.getLogger(__name__)


# --- Projects -----------------------------------------------------------------------------


@staff_login_required
@require_GET
def project_list(request: HttpRequest) -> HttpResponse:
    projects = staff_selectors.staff_projects(request.user)
    return render(
        request,
        "staff/project_list.html",
        {"projects": projects, "can_create": bool(manage_organisation_ids(request.user))},
    )


@staff_login_required
@require_GET
def project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_project_for_user(request.user, slug)
    budget_lines = list(project_budget_lines(project))
    return render(
        request,
        "staff/project_detail.html",
        {
            "project": project,
            "activities": staff_selectors.project_recent_activities(project),
            "working_groups": staff_selectors.project_working_groups_for_user(
                request.user, project
            ),
            "partners": project_setup_partners(project),
            "target_communities": staff_selectors.project_target_communities_for_staff(project),
            "areas": staff_selectors.project_areas(project),
            "budget_lines": budget_lines,
            "budget_totals": budget_totals(budget_lines),
            "can_write": can_write_project(request.user, project),
            "can_manage": can_manage_project(request.user, project),
            "history": history_entries(project),
        },
    )


# --- Activities ---------------------------------------------------------------------------


@staff_login_required
@require_GET
def activity_list(request: HttpRequest) -> HttpResponse:
    form = ActivityFilterForm(request.GET or None, user=request.user)
    chosen = form.cleaned_data if form.is_valid() else {}
    activities = staff_selectors.staff_activities(
        request.user, status=chosen.get("status") or "", project=chosen.get("project")
    )
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
            "translation_form": ActivityTranslationForm(activity=activity) if is_reviewer else None,
            "history": history_entries(activity),
        },
    )


@staff_login_required
@require_POST
def activity_translate(request: HttpRequest, pk: int) -> HttpResponse:
    """A reviewer adds or corrects the title and description in other languages."""
    activity = get_activity_for_user(request.user, pk, review=True)
    form = ActivityTranslationForm(request.POST, activity=activity)
    if form.is_valid():
        try:
            translation_services.activity_translations_update(
                activity=activity, reviewer=request.user, texts=posted_texts(form)
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Translations saved."))
            return redirect("staff:activity_detail", pk=activity.pk)
    return render(
        request,
        "staff/activity_detail.html",
        {
            "activity": activity,
            "communities": list(activity.communities.all()),
            "photos": list(activity.photos.all()),
            "can_publish": activity.status == ActivityStatus.SUBMITTED,
            "can_return": activity.status in (ActivityStatus.SUBMITTED, ActivityStatus.PUBLISHED),
            "return_form": ReturnForm(),
            "translation_form": form,
            "history": history_entries(activity),
        },
        status=400,
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
