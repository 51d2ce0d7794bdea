"""The JSON answers of the outbox endpoints (static/js/outbox-store.js acts on the status):
201 made, 200 made by an earlier attempt, 400 refused (messages per field, the entry stays
editable on the phone), 401 signed out (held until the next login), 403 not allowed and
404 not found (both shown, never retried). Each domain app keeps its own endpoints."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _


class OutboxKeyError(ValueError):
    pass


def outbox_key(request: HttpRequest) -> uuid.UUID:
    try:
        return uuid.UUID(request.POST.get("client_key", ""))
    except ValueError:
        raise OutboxKeyError from None


def outbox_refusal(form: forms.Form, message: str) -> JsonResponse:
    errors: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    for name, field_errors in form.errors.items():
        errors[name] = [str(error) for error in field_errors]
        if name in form.fields:
            labels[name] = str(form.fields[name].label or name)
    return JsonResponse({"message": message, "errors": errors, "labels": labels}, status=400)


def outbox_answer(
    request: HttpRequest, *, status: int, url: str, message: str, **extra: Any
) -> JsonResponse:
    if request.headers.get("X-Outbox-Foreground"):
        # The user is watching: the page the outbox opens next says it arrived.
        messages.success(request, message)
    return JsonResponse({"url": url, "message": message, **extra}, status=status)


def outbox_endpoint(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answers the outbox in JSON where a staff page would redirect to the login page or
    show an error page: signed out 401, someone else's record 404, read-only 403, a key
    that is not a UUID 400."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return JsonResponse(
                {"message": _("You are signed out. Log in again: it stays on this phone.")},
                status=401,
            )
        try:
            return view(request, *args, **kwargs)
        except OutboxKeyError:
            return JsonResponse(
                {"message": _("This outbox item has no valid key."), "errors": {}}, status=400
            )
        except Http404:
            return JsonResponse(
                {"message": _("This record is not there, or you may not see it.")}, status=404
            )
        except PermissionDenied:
            return JsonResponse({"message": _("You may not change this record.")}, status=403)

    return wrapper
