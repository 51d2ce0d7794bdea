"""Staff workspace plumbing every app's staff views share: the login guard, service errors
shown on forms, the change history panel, and the account pages (login, logout, passwords)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth import views as auth_views
from django.contrib.auth.models import User
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import reverse, reverse_lazy

View = Callable[..., HttpResponseBase]


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
        instance.history.select_related("history_user").order_by(  # type: ignore[attr-defined]  # every model given to the history panel registers simple-history
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
