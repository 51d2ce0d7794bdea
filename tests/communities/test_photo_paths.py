"""Photos on every upload path (staff form, admin, project cover image, imports): stripped of
metadata, pixel count checked first, a thumbnail always made, and pages that survive a
photo without one."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from communities.models import Activity, ActivityPhoto, ActivityStatus
from projects.models import Project
from tests import factories as f
from tests.core.test_uploads import _huge_png, _jpeg_with_comment
from tests.staff.photos import has_gps, jpeg_with_gps

pytestmark = pytest.mark.django_db


def _read(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def _admin_photo_post(admin_client, activity: Activity, data: bytes, name: str):
    return admin_client.post(
        reverse("admin:communities_activityphoto_add"),
        {
            "activity": activity.pk,
            "image": SimpleUploadedFile(name, data, content_type="image/jpeg"),
            "caption_en": "Training",
            "position": 0,
        },
    )


def test_a_photo_added_in_the_admin_is_stripped_and_gets_a_thumbnail(admin_client) -> None:
    activity = f.ActivityFactory()
    response = _admin_photo_post(admin_client, activity, jpeg_with_gps(), "IMG_4411.jpg")
    assert response.status_code == 302, response.content[:2000]
    photo = ActivityPhoto.objects.get(activity=activity)
    assert not has_gps(_read(photo.image))
    assert b"PhoneMaker" not in _read(photo.image)
    assert "IMG_4411" not in photo.image.name
    assert photo.thumbnail
    assert photo.width == 800


def test_the_admin_refuses_a_decompression_bomb_with_a_clear_message(admin_client) -> None:
    activity = f.ActivityFactory()
    response = _admin_photo_post(admin_client, activity, _huge_png(), "bomb.png")
    assert response.status_code == 200
    body = response.content.decode()
    assert "megapixels" in body or "мегапиксел" in body
    assert not ActivityPhoto.objects.exists()


def test_a_cover_image_loses_its_comment_gps_and_file_name(admin_client) -> None:
    project = f.ProjectFactory()
    project.cover_image = SimpleUploadedFile("Aigul home.jpg", _jpeg_with_comment())
    project.save()
    project.refresh_from_db()
    data = _read(project.cover_image)
    assert b"Lenin" not in data
    assert "Aigul" not in project.cover_image.name
    project.cover_image = SimpleUploadedFile("gps.jpg", jpeg_with_gps())
    project.save()
    assert not has_gps(_read(Project.objects.get(pk=project.pk).cover_image))


def test_an_imported_photo_is_stripped_and_gets_a_thumbnail() -> None:
    # Imports and scripts create photos with the ORM directly.
    activity = f.ActivityFactory()
    photo = ActivityPhoto.objects.create(
        activity=activity, image=SimpleUploadedFile("x.jpg", jpeg_with_gps())
    )
    photo.refresh_from_db()
    assert not has_gps(_read(photo.image))
    assert photo.thumbnail
    with Image.open(io.BytesIO(_read(photo.thumbnail))) as thumb:
        assert max(thumb.size) == 480


def _photo_without_thumbnail(activity: Activity) -> ActivityPhoto:
    photo = ActivityPhoto.objects.create(
        activity=activity, image=SimpleUploadedFile("x.jpg", jpeg_with_gps())
    )
    # Photos stored before thumbnails were made on every path have none.
    ActivityPhoto.objects.filter(pk=photo.pk).update(thumbnail="")
    return photo


def test_pages_survive_a_photo_without_a_thumbnail(client, project, manager) -> None:
    activity = f.ActivityFactory(
        project=project,
        status=ActivityStatus.PUBLISHED,
        published_at=dt.datetime(2022, 3, 16, tzinfo=dt.UTC),
        date=dt.date(2022, 3, 15),
    )
    _photo_without_thumbnail(activity)
    client.force_login(manager)
    assert client.get(reverse("staff:activity_detail", args=[activity.pk])).status_code == 200
    report = (
        reverse("staff:donor_report")
        + f"?date_from=2022-01-01&date_to=2022-12-31&project={project.pk}"
    )
    response = client.get(report)
    assert response.status_code == 200
    assert activity.photos.get().image.url in response.content.decode()


def test_saving_a_photo_without_a_thumbnail_makes_one(project) -> None:
    photo = _photo_without_thumbnail(f.ActivityFactory(project=project))
    photo.refresh_from_db()
    photo.caption_en = "Fixed"
    photo.save()
    assert ActivityPhoto.objects.get(pk=photo.pk).thumbnail
