"""Uploaded files reach only people who may see their record: every file of a draft
activity, of a private project and every attachment is 404 for anonymous visitors and for
staff of another organisation; published photos stay public; the organisation's own staff
still get theirs."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from communities import models as cm
from projects import models as pm
from tests.factories import ActivityFactory
from tests.security.world import World, WorldFiles, add_files, build_world


@pytest.fixture(scope="module")
def shared_records(module_db: Any) -> World:
    # Built once per module (tests/conftest.py: module_db). Its files are added per test
    # (``files``), under that test's own MEDIA_ROOT, and roll back with its savepoint.
    with module_db.unblock(), translation.override("en"):
        return build_world("A")


@pytest.fixture
def world(records: World) -> World:
    return records


@pytest.fixture
def files(world: World) -> WorldFiles:
    return add_files(world)


def _outsider() -> Client:
    other = build_world("B")
    client = Client()
    client.force_login(other.users["org_admin"])
    return client


def _fetch(client: Client, field) -> int:
    response = client.get(field.url)
    if response.status_code == 200 and hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    return response.status_code


@pytest.mark.django_db
def test_no_file_of_a_non_public_record_reaches_anonymous_or_outsiders(
    world: World, files: WorldFiles
) -> None:
    # Attachments of the published activity are private too: they never appear publicly.
    published_attachment = world.published_activity.attachments.get().file
    private = [*files.private, published_attachment]
    assert len(private) == 5
    successes = [
        f"{label} {field.name}"
        for label, client in (("anonymous", Client()), ("outsider", _outsider()))
        for field in private
        if _fetch(client, field) != 404
    ]
    assert successes == []


@pytest.mark.django_db
def test_published_photos_and_public_covers_stay_public(files: WorldFiles) -> None:
    client = Client()
    public_images = [f for f in files.public if f.name.endswith(".jpg")]
    assert len(public_images) == 3  # photo, thumbnail, cover
    for field in public_images:
        response = client.get(field.url)
        assert response.status_code == 200, field.name
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Type"] == "image/jpeg"
        assert b"".join(response.streaming_content).startswith(b"\xff\xd8")


@pytest.mark.django_db
def test_the_organisations_staff_still_get_their_files(world: World, files: WorldFiles) -> None:
    client = Client()
    # The least privileged role of the organisation.
    client.force_login(world.users[pm.StaffRole.VIEWER.value])
    for field in [*files.private, *files.public]:
        assert _fetch(client, field) == 200, field.name


@pytest.mark.django_db
def test_a_photo_stops_being_public_when_its_activity_is_returned_to_draft(
    world: World, files: WorldFiles
) -> None:
    photo = world.published_activity.photos.get()
    assert Client().get(photo.image.url).status_code == 200
    cm.Activity.objects.filter(pk=world.published_activity.pk).update(
        status=cm.ActivityStatus.DRAFT
    )
    assert Client().get(photo.image.url).status_code == 404


@pytest.mark.django_db
def test_a_file_no_record_holds_is_not_served(world: World, settings) -> None:
    from pathlib import Path

    stray = Path(settings.MEDIA_ROOT) / "activities" / "stray.jpg"
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(b"\xff\xd8\xff")
    assert Client().get("/media/activities/stray.jpg").status_code == 404


@pytest.mark.django_db
def test_behind_nginx_the_checked_file_is_handed_over_with_x_accel_redirect(
    files: WorldFiles, settings
) -> None:
    settings.MEDIA_ACCEL_REDIRECT = "/protected-media/"
    public = files.public[0]
    response = Client().get(public.url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected-media/{public.name}"
    assert response.content == b""
    assert Client().get(files.private[0].url).status_code == 404


@pytest.mark.django_db
def test_attachments_download_and_are_never_rendered(world: World, files: WorldFiles) -> None:
    client = Client()
    client.force_login(world.users["org_admin"])
    attachment = world.activity.attachments.get().file
    response = client.get(attachment.url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == "attachment"
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_a_submitted_activity_on_a_public_project_keeps_its_photos_private(
    world: World, files: WorldFiles
) -> None:
    submitted = ActivityFactory(project=world.project, status=cm.ActivityStatus.SUBMITTED)
    photo = world.activity.photos.get()
    photo.activity = submitted
    photo.save()
    assert Client().get(photo.image.url).status_code == 404
