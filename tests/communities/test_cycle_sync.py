"""The outbox's endpoints for working-group meetings and plan-action updates: one record per
phone-made key however often it is sent, refusals as messages per field, a late retry that
never overwrites a newer update, and the permission matrix of both endpoints."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.urls import reverse

from communities import services
from communities.models import ActionStatus, Meeting, PlanActionUpdate
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(org, project):
    group = f.WorkingGroupFactory(organisation=org, name="Kara-Suu group")
    group.projects.add(project)
    return group


@pytest.fixture
def action(group):
    plan = f.JointPlanFactory(working_group=group)
    return f.PlanActionFactory(plan=plan)


def _meeting(key: str, **extra):
    return {
        "client_key": key,
        "date": "2024-05-14",
        "kind": "working_group",
        "women": "4",
        "men": "3",
        "youth": "1",
        "agenda": "Освещение улиц у школы",
        **extra,
    }


def _update(key: str, **extra):
    return {
        "client_key": key,
        "status": "done",
        "completed_on": "2024-05-20",
        "result_note_ru": "Фонари установлены",
        **extra,
    }


def test_a_meeting_sent_three_times_is_recorded_once(client, group, field_officer) -> None:
    client.force_login(field_officer)
    key = str(uuid.uuid4())
    url = reverse("staff:meeting_sync", args=[group.pk])
    first = client.post(url, _meeting(key))
    assert first.status_code == 201
    meeting = Meeting.objects.get()
    assert first.json()["url"] == reverse("staff:meeting_detail", args=[meeting.pk])
    assert str(meeting.client_key) == key
    assert meeting.recorded_by == field_officer
    assert meeting.agenda == "Освещение улиц у школы"
    for _ in range(2):
        again = client.post(url, _meeting(key))
        assert again.status_code == 200
        assert again.json()["id"] == meeting.pk
    assert Meeting.objects.count() == 1


def test_a_refused_meeting_gets_its_messages_per_field(client, group, field_officer) -> None:
    client.force_login(field_officer)
    response = client.post(
        reverse("staff:meeting_sync", args=[group.pk]),
        _meeting(str(uuid.uuid4()), youth="50"),
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["message"]
    assert "youth" in body["errors"]
    assert body["labels"]["youth"]
    assert not Meeting.objects.exists()


def test_someone_elses_meeting_key_is_refused(client, group, field_officer, manager) -> None:
    key = str(uuid.uuid4())
    url = reverse("staff:meeting_sync", args=[group.pk])
    client.force_login(field_officer)
    assert client.post(url, _meeting(key)).status_code == 201
    client.force_login(manager)
    response = client.post(url, _meeting(key))
    assert response.status_code == 403
    assert "url" not in response.json()
    assert Meeting.objects.count() == 1


def test_a_meeting_without_a_key_is_refused(client, group, field_officer) -> None:
    client.force_login(field_officer)
    response = client.post(reverse("staff:meeting_sync", args=[group.pk]), _meeting("nope"))
    assert response.status_code == 400
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    ("user_fixture", "expected"),
    [(None, 401), ("outsider", 404), ("viewer", 403), ("field_officer", 201)],
)
def test_meeting_sync_permission_matrix(client, request, group, user_fixture, expected) -> None:
    if user_fixture:
        client.force_login(request.getfixturevalue(user_fixture))
    response = client.post(
        reverse("staff:meeting_sync", args=[group.pk]), _meeting(str(uuid.uuid4()))
    )
    assert response.status_code == expected
    assert response["Content-Type"].startswith("application/json")
    assert Meeting.objects.exists() is (expected == 201)


def test_meeting_sync_takes_only_posts(client, group, field_officer) -> None:
    client.force_login(field_officer)
    assert client.get(reverse("staff:meeting_sync", args=[group.pk])).status_code == 405


def test_a_plan_action_update_sent_again_never_overwrites_a_newer_one(
    client, action, field_officer, manager
) -> None:
    client.force_login(field_officer)
    key = str(uuid.uuid4())
    url = reverse("staff:plan_action_sync", args=[action.pk])
    first = client.post(url, _update(key))
    assert first.status_code == 201
    assert first.json()["url"] == reverse("staff:plan_detail", args=[action.plan_id])
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    assert action.result_note_ru == "Фонари установлены"
    # A colleague reopens it afterwards; the phone, which never got the first answer,
    # sends its update again.
    services.plan_action_update(user=manager, action=action, status=ActionStatus.IN_PROGRESS)
    for _ in range(2):
        again = client.post(url, _update(key))
        assert again.status_code == 200
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS
    updates = PlanActionUpdate.objects.filter(action=action)
    assert updates.count() == 2
    assert updates.filter(client_key=key, author=field_officer).count() == 1


def test_a_refused_plan_action_update_says_why(client, action, field_officer) -> None:
    client.force_login(field_officer)
    response = client.post(
        reverse("staff:plan_action_sync", args=[action.pk]),
        _update(str(uuid.uuid4()), completed_on=""),
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert response.status_code == 400
    assert "completed_on" in response.json()["errors"]
    action.refresh_from_db()
    assert action.status == ActionStatus.PLANNED
    assert not PlanActionUpdate.objects.exists()


def test_someone_elses_update_key_is_refused(client, action, field_officer, manager) -> None:
    key = str(uuid.uuid4())
    url = reverse("staff:plan_action_sync", args=[action.pk])
    client.force_login(field_officer)
    assert client.post(url, _update(key)).status_code == 201
    client.force_login(manager)
    assert client.post(url, _update(key, status="delayed")).status_code == 403
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE


@pytest.mark.parametrize(
    ("user_fixture", "expected"),
    [(None, 401), ("outsider", 404), ("viewer", 403), ("field_officer", 201)],
)
def test_plan_action_sync_permission_matrix(
    client, request, action, user_fixture, expected
) -> None:
    if user_fixture:
        client.force_login(request.getfixturevalue(user_fixture))
    response = client.post(
        reverse("staff:plan_action_sync", args=[action.pk]), _update(str(uuid.uuid4()))
    )
    assert response.status_code == expected
    action.refresh_from_db()
    assert (action.status == ActionStatus.DONE) is (expected == 201)
    assert PlanActionUpdate.objects.exists() is (expected == 201)


def test_the_offline_list_has_the_meeting_and_update_forms(
    client, group, action, field_officer
) -> None:
    done = f.PlanActionFactory(
        plan=action.plan, status=ActionStatus.DONE, completed_on=dt.date(2022, 5, 1)
    )
    other_group = f.WorkingGroupFactory()
    client.force_login(field_officer)
    urls = client.get(reverse("staff:offline_manifest")).json()["urls"]
    assert reverse("staff:meeting_create", args=[group.pk]) in urls
    assert reverse("staff:plan_action_update", args=[action.pk]) in urls
    assert reverse("staff:plan_action_update", args=[done.pk]) not in urls
    assert reverse("staff:meeting_create", args=[other_group.pk]) not in urls


def test_the_meeting_and_update_forms_go_through_the_outbox(
    client, group, action, field_officer
) -> None:
    client.force_login(field_officer)
    page = client.get(reverse("staff:meeting_create", args=[group.pk])).content.decode()
    assert f'data-outbox="{reverse("staff:meeting_sync", args=[group.pk])}"' in page
    assert 'data-outbox-kind="meeting"' in page
    page = client.get(reverse("staff:plan_action_update", args=[action.pk])).content.decode()
    assert f'data-outbox="{reverse("staff:plan_action_sync", args=[action.pk])}"' in page
    assert 'data-outbox-kind="plan_action"' in page
