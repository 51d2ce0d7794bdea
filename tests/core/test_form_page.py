"""core.staff.form_page, the page behind every staff form that writes through a service:
nothing is saved from a GET or an invalid form, a service's refusal lands beside its field
with status 400, and a saved form ends in the message and the redirect."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from core.staff import form_page


class NameForm(forms.Form):
    name = forms.CharField()


def _request(method: str, data: dict[str, str] | None = None):
    factory = RequestFactory()
    request = factory.post("/", data or {}) if method == "POST" else factory.get("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _page(request, save):
    form = NameForm(request.POST or None)
    response = form_page(
        request,
        form,
        save=save,
        success="Saved.",
        redirect_to=lambda saved: f"/records/{saved}/",
        template="staff/partials/field.html",
        context={"field": form["name"]},
    )
    return form, response


def test_a_get_renders_the_form_without_saving() -> None:
    calls: list[str] = []
    _form, response = _page(_request("GET"), lambda: calls.append("saved"))
    assert response.status_code == 200
    assert calls == []


def test_an_invalid_form_is_answered_400_without_saving() -> None:
    calls: list[str] = []
    form, response = _page(_request("POST", {"name": ""}), lambda: calls.append("saved"))
    assert response.status_code == 400
    assert "name" in form.errors
    assert calls == []


def test_a_service_refusal_shows_beside_its_field_with_400() -> None:
    def refuse() -> int:
        raise ValidationError({"name": "This name is taken."})

    request = _request("POST", {"name": "Osh"})
    form, response = _page(request, refuse)
    assert response.status_code == 400
    assert form.errors["name"] == ["This name is taken."]
    assert list(get_messages(request)) == []


def test_a_refusal_naming_no_field_goes_above_the_form() -> None:
    def refuse() -> int:
        raise ValidationError("The plan is closed.")

    form, response = _page(_request("POST", {"name": "Osh"}), refuse)
    assert response.status_code == 400
    assert form.non_field_errors() == ["The plan is closed."]


@pytest.mark.parametrize("redirect_to", ["/records/7/", None])
def test_a_saved_form_shows_the_message_and_goes_to_the_next_page(redirect_to) -> None:
    request = _request("POST", {"name": "Osh"})
    form = NameForm(request.POST)
    response = form_page(
        request,
        form,
        save=lambda: 7,
        success="Saved.",
        redirect_to=redirect_to or (lambda saved: f"/records/{saved}/"),
        template="staff/partials/field.html",
        context={"field": form["name"]},
    )
    assert response.status_code == 302
    assert response["Location"] == "/records/7/"
    assert [str(m) for m in get_messages(request)] == ["Saved."]
