"""core.middleware.DraftSavedMiddleware: the browser drops a draft only when the server says
it accepted that very form."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.middleware import DRAFT_SAVED_COOKIE

pytestmark = pytest.mark.django_db


def _activity(project, **extra):
    return {
        "date": "2024-05-14",
        "kind": "training",
        "project": project.pk,
        "title_en": "Mediation training",
        "women": "3",
        "men": "2",
        "youth": "0",
        **extra,
    }


def test_an_accepted_form_hands_its_nonce_back(client, project, field_officer) -> None:
    client.force_login(field_officer)
    response = client.post(
        reverse("staff:activity_create"), _activity(project, _draft_nonce="a1b2-c3d4")
    )
    assert response.status_code == 302
    assert response.cookies[DRAFT_SAVED_COOKIE].value == "a1b2-c3d4"
    assert response["X-Draft-Saved"] == "a1b2-c3d4"


def test_a_refused_form_confirms_nothing(client, project, field_officer) -> None:
    client.force_login(field_officer)
    response = client.post(
        reverse("staff:activity_create"),
        _activity(project, title_en="", _draft_nonce="a1b2-c3d4"),
    )
    assert response.status_code == 400
    assert DRAFT_SAVED_COOKIE not in response.cookies


def test_an_expired_session_confirms_nothing(client, project) -> None:
    # The login redirect is a redirect too, but nothing was saved.
    response = client.post(reverse("staff:activity_create"), _activity(project, _draft_nonce="x1"))
    assert response.status_code == 302
    assert DRAFT_SAVED_COOKIE not in response.cookies


def test_a_strange_nonce_is_not_echoed(client, project, field_officer) -> None:
    client.force_login(field_officer)
    response = client.post(
        reverse("staff:activity_create"), _activity(project, _draft_nonce="<script>")
    )
    assert response.status_code == 302
    assert DRAFT_SAVED_COOKIE not in response.cookies
