"""The outbox's endpoints for working-group meetings and plan-action updates (the activity's
is communities.activity_sync_views). Each entry carries a key made on the phone; the meeting
recorded, or the update applied, for a key is answered again on every retry, so a dropped
connection never records a meeting twice, and a late retry of an update never overwrites a
newer one. JSON answers as core.outbox describes."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from communities import services
from communities.access import (
    get_plan_action_for_user,
    get_working_group_for_user,
    sees_personal_data,
)
from communities.forms import MeetingForm, PlanActionStatusForm
from communities.models import Meeting, PlanAction
from core.outbox import outbox_answer, outbox_endpoint, outbox_key, outbox_refusal
from core.staff import apply_service_error


def _meeting_answer(request: HttpRequest, meeting: Meeting, status: int) -> HttpResponse:
    return outbox_answer(
        request,
        status=status,
        url=reverse("staff:meeting_detail", args=[meeting.pk]),
        message=_("Meeting recorded."),
        id=meeting.pk,
    )


@never_cache
@require_POST
@outbox_endpoint
def meeting_sync(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_working_group_for_user(request.user, pk, write=True)
    client_key = outbox_key(request)
    # Checked before the form: a retry of a meeting the server already has costs one query.
    existing = services.meeting_find_sent(user=request.user, client_key=client_key)
    if existing is not None:
        return _meeting_answer(request, existing, 200)
    form = MeetingForm(
        request.POST, working_group=group, show_names=sees_personal_data(request.user, group)
    )
    refused = _("The server did not accept this meeting. Correct it and send it again.")
    if not form.is_valid():
        return outbox_refusal(form, refused)
    try:
        meeting = services.meeting_create(
            user=request.user, working_group=group, client_key=client_key, **form.service_kwargs()
        )
    except ValidationError as exc:
        apply_service_error(form, exc)
        return outbox_refusal(form, refused)
    except IntegrityError:
        # Two attempts of the same entry arrived together; the other one recorded it.
        existing = services.meeting_find_sent(user=request.user, client_key=client_key)
        if existing is None:
            raise
        return _meeting_answer(request, existing, 200)
    return _meeting_answer(request, meeting, 201)


def _action_answer(request: HttpRequest, action: PlanAction, status: int) -> HttpResponse:
    return outbox_answer(
        request,
        status=status,
        url=reverse("staff:plan_detail", args=[action.plan_id]),
        message=_("Plan action updated."),
        id=action.pk,
    )


@never_cache
@require_POST
@outbox_endpoint
def plan_action_sync(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_plan_action_for_user(request.user, pk, write=True)
    client_key = outbox_key(request)
    applied = services.plan_action_update_find_sent(user=request.user, client_key=client_key)
    if applied is not None:
        return _action_answer(request, applied.action, 200)
    form = PlanActionStatusForm(request.POST)
    refused = _("The server did not accept this update. Correct it and send it again.")
    if not form.is_valid():
        return outbox_refusal(form, refused)
    try:
        action = services.plan_action_update(
            user=request.user,
            action=action,
            status=form.cleaned_data["status"],
            completed_on=form.cleaned_data.get("completed_on"),
            result_notes=form.result_notes(),
            client_key=client_key,
        )
    except ValidationError as exc:
        apply_service_error(form, exc)
        return outbox_refusal(form, refused)
    except IntegrityError:
        applied = services.plan_action_update_find_sent(user=request.user, client_key=client_key)
        if applied is None:
            raise
        return _action_answer(request, applied.action, 200)
    return _action_answer(request, action, 201)
