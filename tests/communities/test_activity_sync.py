"""The outbox's endpoint: one activity per phone-made key however often it is sent, the
server's refusal as messages the phone can show, and the offline page list per user."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from communities.models import Activity, ActivityStatus
from tests import factories as f
from tests.communities.outbox_posts import outbox_activity
from tests.staff.photos import has_gps, jpeg_with_gps, upload

pytestmark = pytest.mark.django_db

SYNC = "staff:activity_sync"


@pytest.fixture
def community(project):
    community = f.CommunityFactory()
    f.ProjectCommunityFactory(project=project, community=community)
    return community


def test_it_makes_the_activity_with_its_photos(client, project, community, field_officer) -> None:
    client.force_login(field_officer)
    key = str(uuid.uuid4())
    data = outbox_activity(
        project,
        community,
        client_key=key,
        submit="1",
        photos=[upload(jpeg_with_gps()), upload(jpeg_with_gps())],
    )
    response = client.post(reverse(SYNC), data)
    assert response.status_code == 201
    activity = Activity.objects.get()
    assert response.json()["url"] == reverse("staff:activity_detail", args=[activity.pk])
    assert str(activity.client_key) == key
    assert activity.status == ActivityStatus.SUBMITTED
    assert activity.author == field_officer
    assert activity.photos.count() == 2
    for photo in activity.photos.all():
        with photo.image.open("rb") as handle:
            assert not has_gps(handle.read())


def test_sending_the_same_item_three_times_makes_one_activity(
    client, project, community, field_officer, django_assert_max_num_queries
) -> None:
    client.force_login(field_officer)
    key = str(uuid.uuid4())
    first = client.post(
        reverse(SYNC),
        outbox_activity(
            project, community, client_key=key, submit="1", photos=[upload(jpeg_with_gps())]
        ),
    )
    assert first.status_code == 201
    for _ in range(2):
        # A retry after a dropped connection: answered from the key, photos not read again.
        with django_assert_max_num_queries(12):
            again = client.post(
                reverse(SYNC),
                outbox_activity(
                    project, community, client_key=key, submit="1", photos=[upload(jpeg_with_gps())]
                ),
            )
        assert again.status_code == 200
        assert again.json()["id"] == first.json()["id"]
    assert Activity.objects.count() == 1
    assert Activity.objects.get().photos.count() == 1


def test_a_refused_item_gets_its_messages_per_field(
    client, project, community, field_officer
) -> None:
    client.force_login(field_officer)
    data = outbox_activity(project, community, submit="1", title_ru="", youth="50")
    response = client.post(reverse(SYNC), data, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 400
    body = response.json()
    assert body["message"]
    assert "youth" in body["errors"]
    assert body["labels"]["youth"]
    assert not Activity.objects.exists()


@pytest.mark.parametrize(
    ("user_fixture", "expected"),
    [(None, 401), ("outsider", 400), ("viewer", 403), ("field_officer", 201)],
)
def test_permission_matrix(client, request, project, community, user_fixture, expected) -> None:
    if user_fixture:
        client.force_login(request.getfixturevalue(user_fixture))
    response = client.post(reverse(SYNC), outbox_activity(project, community, submit="1"))
    # The outsider may log activities, but not on this project: the form refuses it.
    assert response.status_code == expected
    assert Activity.objects.exists() is (expected == 201)


def test_someone_elses_key_is_refused(client, project, community, field_officer, manager) -> None:
    key = str(uuid.uuid4())
    client.force_login(field_officer)
    assert (
        client.post(
            reverse(SYNC), outbox_activity(project, community, client_key=key, submit="1")
        ).status_code
        == 201
    )
    client.force_login(manager)
    response = client.post(
        reverse(SYNC), outbox_activity(project, community, client_key=key, submit="1")
    )
    assert response.status_code == 403
    assert "url" not in response.json()


def test_an_item_without_a_key_is_refused(client, project, community, field_officer) -> None:
    client.force_login(field_officer)
    response = client.post(
        reverse(SYNC), outbox_activity(project, community, client_key="not-a-uuid", submit="1")
    )
    assert response.status_code == 400
    assert not Activity.objects.exists()


def test_the_offline_list_names_the_users_projects_and_their_communities(
    client, project, community, field_officer, outsider
) -> None:
    other = f.ProjectFactory(slug="not-mine")
    client.force_login(field_officer)
    body = client.get(reverse("staff:offline_manifest")).json()
    assert body["user"] == field_officer.pk
    assert body["csrf"]
    assert reverse("staff:activity_create") in body["urls"]
    assert reverse("staff:project_detail", args=[project.slug]) in body["urls"]
    assert f"{reverse('staff:activity_communities')}?project={project.pk}" in body["urls"]
    assert reverse("staff:project_detail", args=[other.slug]) not in body["urls"]
    client.logout()
    assert client.get(reverse("staff:offline_manifest")).status_code == 401


def test_the_service_worker_covers_the_language_workspace(client) -> None:
    response = client.get("/ru/staff/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/ru/staff/"
    body = response.content.decode()
    assert "__SW_VERSION__" not in body
    assert "https://" not in body  # no third-party host
    manifest = client.get("/ru/staff/manifest.webmanifest").json()
    assert manifest["scope"] == "/ru/staff/"
    assert manifest["display"] == "standalone"
    assert client.get("/ru/staff/offline/").status_code == 200
