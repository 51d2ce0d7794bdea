"""The staff web app's offline side: the outbox's endpoint for activities, and the list of
pages a phone keeps for work without a connection.

The outbox (static/js/outbox.js) keeps an activity on the phone from the moment it is
submitted, and sends it here, as many times as it takes. Each item carries a key made on
the phone; the activity made for a key is returned again on every retry, so a connection
that drops mid-upload never makes a second record. Answers are JSON the outbox can act on:
201 made, 200 already made, 400 refused (the messages, per field), 401 signed out, 403 not
allowed.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from communities import activity_services as services
from communities.access import plan_actions_for_user, working_groups_for_user
from communities.activity_forms import ActivityForm
from communities.models import ActionStatus, Activity
from core.outbox import outbox_refusal
from core.staff import apply_service_error
from projects.access import projects_for_user, writable_organisation_ids

logger = logging.getLogger(__name__)

# A field officer works on a handful of projects; the cap keeps a phone's cache small even
# for a programme manager who sees dozens.
OFFLINE_MAX_PROJECTS = 40

# The files every offline staff page needs (the service worker adds its own).
OFFLINE_STATIC = (
    "css/portal.css",
    "js/nav.js",
    "js/staff-drafts.js",
    "js/staff-offline.js",
    "js/outbox-store.js",
    "js/outbox.js",
    "js/field-location.js",
    "vendor/htmx/htmx.min.js",
    "img/favicon.svg",
)


def _answer(activity: Activity, status: int, request: HttpRequest) -> JsonResponse:
    submitted = activity.submitted_at is not None
    message = _("Activity submitted for review.") if submitted else _("Draft saved.")
    if request.headers.get("X-Outbox-Foreground"):
        # The user is watching: the page the outbox opens next says it arrived.
        messages.success(request, message)
    return JsonResponse(
        {
            "id": activity.pk,
            "url": reverse("staff:activity_detail", args=[activity.pk]),
            "message": message,
            "status": activity.status,
        },
        status=status,
    )


def _refusal(form: ActivityForm) -> JsonResponse:
    return outbox_refusal(
        form, _("The server did not accept this activity. Correct it and send it again.")
    )


@never_cache
@require_POST
def activity_sync(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return JsonResponse(
            {"message": _("You are signed out. Log in again: the activity stays on this phone.")},
            status=401,
        )
    if not writable_organisation_ids(request.user):
        return JsonResponse({"message": _("You may not log activities.")}, status=403)
    try:
        client_key = uuid.UUID(request.POST.get("client_key", ""))
    except ValueError:
        return JsonResponse(
            {"message": _("This outbox item has no valid key."), "errors": {}}, status=400
        )
    try:
        # Checked before the photos are read: a retry of a report the server already has
        # costs one query, not another round of image processing.
        existing = services.activity_find_sent(author=request.user, client_key=client_key)
    except PermissionDenied:
        return JsonResponse({"message": _("This outbox item is not yours.")}, status=403)
    if existing is not None:
        return _answer(existing, 200, request)

    form = ActivityForm(request.POST, request.FILES, user=request.user)
    if not form.is_valid():
        return _refusal(form)
    submit = request.POST.get("submit") == "1"
    try:
        activity = services.activity_create(
            author=request.user, submit=submit, client_key=client_key, **form.service_kwargs()
        )
    except PermissionDenied:
        return JsonResponse({"message": _("You may not log activities here.")}, status=403)
    except ValidationError as exc:
        apply_service_error(form, exc)
        return _refusal(form)
    except IntegrityError:
        # Two attempts of the same item arrived together; the other one made it.
        existing = services.activity_find_sent(author=request.user, client_key=client_key)
        if existing is None:
            raise
        return _answer(existing, 200, request)
    except OSError:
        logger.exception("Storing outbox photos failed")
        return JsonResponse(
            {"message": _("The server could not store the photos now. It will be tried again.")},
            status=503,
        )
    return _answer(activity, 201, request)


@never_cache
@require_GET
def offline_manifest(request: HttpRequest) -> HttpResponse:
    """What the service worker keeps for this user: the workspace pages, the activity form,
    the user's projects and each project's list of communities. Also a fresh CSRF token,
    so an outbox sending in the background never uses a stale one."""
    if not request.user.is_authenticated:
        return JsonResponse({"user": None, "urls": []}, status=401)
    urls = [
        reverse("staff:dashboard"),
        reverse("staff:activity_create"),
        reverse("staff:activity_list"),
        reverse("staff:project_list"),
    ]
    communities_url = reverse("staff:activity_communities")
    projects = projects_for_user(request.user).filter(is_archived=False).order_by("slug")
    writable = set(projects_for_user(request.user, write=True).values_list("pk", flat=True))
    for project in projects.only("pk", "slug")[:OFFLINE_MAX_PROJECTS]:
        urls.append(reverse("staff:project_detail", args=[project.slug]))
        if project.pk in writable:
            urls.append(f"{communities_url}?project={project.pk}")
    # The meeting form of each group the user records meetings for, and the update form of
    # each open action of their plans: both work offline through the outbox.
    groups = working_groups_for_user(request.user, write=True).order_by("name")
    for group_id in groups.values_list("pk", flat=True)[:OFFLINE_MAX_PROJECTS]:
        urls.append(reverse("staff:meeting_create", args=[group_id]))
    actions = (
        plan_actions_for_user(request.user, write=True)
        .exclude(status__in=[ActionStatus.DONE, ActionStatus.CANCELLED])
        .order_by("due_date", "pk")
    )
    for action_id in actions.values_list("pk", flat=True)[:OFFLINE_MAX_PROJECTS]:
        urls.append(reverse("staff:plan_action_update", args=[action_id]))
    payload: dict[str, Any] = {
        "user": request.user.pk,
        "csrf": get_token(request),
        "urls": urls,
        "static": [static(name) for name in OFFLINE_STATIC],
    }
    return JsonResponse(payload)
