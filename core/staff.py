"""Staff workspace plumbing every app's staff views share: the login guard, the form page
that writes through a service and shows its errors, the change history panel, and the
account pages (login, logout, passwords)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.models import User
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Model
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy

View = Callable[..., HttpResponseBase]
Saved = TypeVar("Saved")


# --- Helpers shared by every staff view -------------------------------------------------


class AuthenticatedHttpRequest(HttpRequest):
    """The request a view behind staff_login_required receives: its user is signed in."""

    user: User


def staff_login_required(view: View) -> View:
    """login_required that also works for htmx requests: a partial swap of the login page
    into a form would be useless, so htmx is told to send the whole page to login and
    come back to the page the user was on."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
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


def apply_service_error(form: BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError beside the matching field, else above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def form_page(
    request: HttpRequest,
    form: BaseForm,
    *,
    save: Callable[[], Saved],
    success: str,
    redirect_to: str | Callable[[Saved], str],
    template: str,
    context: Mapping[str, Any],
) -> HttpResponse:
    """The page behind every staff form that writes through a service.

    On a valid POST it calls ``save`` (the service); a ValidationError the service raises is
    shown on the form, beside the field it names. Otherwise the user sees ``success`` and goes
    to ``redirect_to``, a URL or a function of what ``save`` returned (a new record's page).
    Anything else renders ``template`` with the form, as 400 when the form has errors, so a
    refused write is not answered like a fresh form."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save()
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, success)
            return redirect(redirect_to if isinstance(redirect_to, str) else redirect_to(saved))
    status = 400 if form.errors else 200
    return render(request, template, {"form": form, **context}, status=status)


def translation_page(
    request: HttpRequest,
    form: BaseForm,
    *,
    save: Callable[[], object],
    heading: str,
    action: str,
    back_url: str,
    record_title: str,
) -> HttpResponse:
    """The page behind each record's "translations" form (a plan, a grant, a programme, an
    application): a valid POST saves through ``save`` and returns to the record's page; a
    refusal shows the form again beside the record's title, as 400."""
    return form_page(
        request,
        form,
        save=save,
        success=gettext("Translations saved."),
        redirect_to=back_url,
        template="staff/translation_form.html",
        context={
            "translation_form": form,
            "translation_heading": heading,
            "translation_action": action,
            "back_url": back_url,
            "record_title": record_title,
        },
    )


# Column names some models leave without a verbose name: shown with these labels, so a
# history never prints a raw name like "submitted at".
_AUTO_LABELS: dict[str, Any] = {
    "submitted_at": gettext_lazy("Submitted on"),
    "published_at": gettext_lazy("Published on"),
    "position": gettext_lazy("Order"),
    "chair": gettext_lazy("Chair"),
    "width": gettext_lazy("Width"),
    "height": gettext_lazy("Height"),
    "size": gettext_lazy("Size"),
    "thumbnail": gettext_lazy("Thumbnail"),
    "content_type": gettext_lazy("File type"),
}
_HISTORY_KINDS = {
    "+": gettext_lazy("Created"),
    "~": gettext_lazy("Changed"),
    "-": gettext_lazy("Deleted"),
}


def _has_own_label(field: Any) -> bool:
    return str(field.verbose_name) != field.name.replace("_", " ")


def _field_label(field: Any) -> str | None:
    """A person's word for the field in the active language, or None to leave it out."""
    translated = getattr(field, "translated_field", None)
    if translated is not None:
        language = dict(settings.LANGUAGES).get(field.language, field.language)
        return f"{capfirst(translated.verbose_name)} ({language})"
    if _has_own_label(field):
        return str(capfirst(field.verbose_name))
    if field.name in _AUTO_LABELS:
        return str(_AUTO_LABELS[field.name])
    if getattr(field, "is_relation", False) and field.related_model is not None:
        return str(capfirst(field.related_model._meta.verbose_name))
    return None


def _shown_value(field: Any, value: Any, related: dict[tuple[Any, Any], str]) -> str:
    if value in (None, ""):
        return "—"
    if getattr(field, "is_relation", False):
        return _short(related.get((field.related_model, value), "…"))
    if field.choices:
        return _short(str(dict(field.flatchoices).get(value, value)))
    if isinstance(value, bool):
        return str(gettext_lazy("yes") if value else gettext_lazy("no"))
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return date_format(value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    return _short(value)


def _skipped(field: Any) -> bool:
    """Bookkeeping a person never edits (timestamps, search keys): not a change to show."""
    return (
        not field.editable
        or getattr(field, "auto_now", False)
        or getattr(field, "auto_now_add", False)
        or field.name in {"slug", "lookup_names", "match_key"}
    )


def history_entries(instance: Model, *, limit: int = 25) -> list[dict[str, Any]]:
    """Who changed what and when, newest first, in words: field labels and choice values in
    the active language («Статус: черновик → на проверке»), times in the staff member's time
    zone (core.middleware.SessionTimeZoneMiddleware), linked records by name.

    One query for the versions, plus one per kind of linked record that changed. Many-to-
    many changes are left out of the field list (diffing them costs a query per version);
    the version itself still shows who saved it and when."""
    records = list(
        instance.history.select_related("history_user").order_by(  # type: ignore[attr-defined]  # every model given to the history panel registers simple-history
            "-history_date", "-history_id"
        )[: limit + 1]
    )
    m2m = (
        {field.name for field in getattr(records[0], "_history_m2m_fields", [])}
        if records
        else set()
    )
    translated = {
        field.name for field in instance._meta.concrete_fields if hasattr(field, "translated_field")
    }
    raw: list[tuple[Any, list[tuple[Any, Any, Any]]]] = []
    wanted: dict[Any, set[Any]] = defaultdict(set)
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes: list[tuple[Any, Any, Any]] = []
        if previous is not None and record.history_type == "~":
            # Versions saved before the per-language columns were recorded hold none of
            # them: comparing against those would list every language as newly filled.
            untracked = bool(translated) and all(
                getattr(previous, name, None) is None for name in translated
            )
            delta = record.diff_against(previous, excluded_fields=m2m)
            for change in delta.changes:
                try:
                    field = instance._meta.get_field(change.field)
                except FieldDoesNotExist:
                    continue
                if _skipped(field) or (untracked and change.field in translated):
                    continue
                if {change.old, change.new} <= {None, ""}:
                    continue
                changes.append((field, change.old, change.new))
                if getattr(field, "is_relation", False):
                    for value in (change.old, change.new):
                        if value not in (None, ""):
                            wanted[field.related_model].add(value)
        raw.append((record, changes))
    related: dict[tuple[Any, Any], str] = {}
    for model, pks in wanted.items():
        for pk, obj in model._default_manager.in_bulk(list(pks)).items():
            related[(model, pk)] = str(obj)
    entries = []
    for record, changes in raw:
        shown = []
        for field, old, new in changes:
            label = _field_label(field)
            if label is None:
                continue
            shown.append(
                {
                    "field": label,
                    "old": _shown_value(field, old, related),
                    "new": _shown_value(field, new, related),
                }
            )
        entries.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "kind": str(_HISTORY_KINDS.get(record.history_type, record.history_type)),
                "changes": shown,
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
