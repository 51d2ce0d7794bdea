"""The activity form from the user's side: clear messages beside the field, input kept,
photos checked, page weight within budget."""

from __future__ import annotations

import gzip

import pytest
from django.urls import reverse
from django.utils import translation

from communities.models import Activity
from tests import factories as f
from tests.staff.photos import html_with_png_header, jpeg_with_gps, renamed_exe, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def community(project):
    community = f.CommunityFactory()
    f.ProjectCommunityFactory(project=project, community=community)
    return community


def _data(project, community, **extra):
    data = {
        "date": "2024-05-01",
        "kind": "meeting",
        "project": project.pk,
        "communities": [community.pk],
        "women": 5,
        "men": 5,
        "youth": 2,
        "title_ru": "Встреча",
        "description_ru": "Жители обсудили освещение улиц.",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (html_with_png_header(), "photo.png", "is not a photo we can read"),
        (renamed_exe(), "setup.jpg", "is not a photo we can read"),
    ],
    ids=["html-with-png-header", "renamed-exe"],
)
def test_bad_uploads_get_a_clear_message_and_input_is_kept(
    client, project, community, field_officer, data, name, message
) -> None:
    client.force_login(field_officer)
    response = client.post(
        reverse("staff:activity_create"),
        _data(project, community, photos=[upload(jpeg_with_gps()), upload(data, name)]),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert name in body
    assert "Жители обсудили освещение улиц." in body
    assert not Activity.objects.exists()


def test_a_50_mb_upload_is_refused_by_size(client, project, community, field_officer) -> None:
    client.force_login(field_officer)
    big = upload(jpeg_with_gps() + b"\x00" * (50 * 1024 * 1024), "huge.jpg")
    response = client.post(
        reverse("staff:activity_create"), _data(project, community, photos=[big])
    )
    assert response.status_code == 400
    assert "a photo may be at most 10.0\xa0MB" in response.content.decode()
    assert not Activity.objects.exists()


def test_errors_sit_beside_their_field(client, project, community, field_officer) -> None:
    client.force_login(field_officer)
    response = client.post(
        reverse("staff:activity_create"),
        _data(project, community, youth=50, title_ru="", description_ru="Kept text"),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Young people are counted among the women and men" in body
    assert "Give the activity a title in at least one language." in body
    assert 'aria-invalid="true"' in body
    assert "Kept text" in body


def test_a_title_in_tajik_alone_is_enough(client, project, community, field_officer) -> None:
    client.force_login(field_officer)
    response = client.post(
        reverse("staff:activity_create"),
        _data(project, community, title_ru="", title_tg="Вохӯрӣ бо сокинон"),
    )
    assert response.status_code == 302
    assert Activity.objects.get().title_tg == "Вохӯрӣ бо сокинон"


def test_edit_can_remove_a_photo_and_add_one(client, project, community, field_officer) -> None:
    client.force_login(field_officer)
    client.post(
        reverse("staff:activity_create"),
        _data(project, community, photos=[upload(jpeg_with_gps())]),
    )
    activity = Activity.objects.get()
    old = activity.photos.get()
    response = client.post(
        reverse("staff:activity_update", args=[activity.pk]),
        _data(project, community, remove_photo=[old.pk], photos=[upload(jpeg_with_gps())]),
    )
    assert response.status_code == 302
    assert activity.photos.count() == 1
    assert activity.photos.get().pk != old.pk


@pytest.mark.parametrize(
    "name", ["staff:dashboard", "staff:activity_create", "staff:activity_list", "staff:login"]
)
def test_staff_pages_stay_under_150_kb_compressed(
    client, project, community, field_officer, name
) -> None:
    from django.contrib.staticfiles import finders

    if name != "staff:login":
        client.force_login(field_officer)
    html = client.get(reverse(name)).content
    assets = [
        "css/portal.css",
        "vendor/htmx/htmx.min.js",
        "js/staff-drafts.js",
        "img/favicon.svg",
    ]
    total = len(gzip.compress(html))
    for asset in assets:
        with open(finders.find(asset), "rb") as handle:
            total += len(gzip.compress(handle.read()))
    assert total <= 150 * 1024, total


def test_a_full_disk_gives_a_form_error_and_leaves_nothing_behind(
    client, project, community, field_officer, settings
) -> None:
    import errno
    from pathlib import Path
    from unittest import mock

    from django.core.files.storage import FileSystemStorage

    real_save = FileSystemStorage._save
    calls = {"n": 0}

    def fill_up(self, name, content):
        # The first photo and its thumbnail fit; the disk is full at the second photo.
        calls["n"] += 1
        if calls["n"] > 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_save(self, name, content)

    client.force_login(field_officer)
    with mock.patch.object(FileSystemStorage, "_save", fill_up):
        response = client.post(
            reverse("staff:activity_create"),
            _data(project, community, photos=[upload(jpeg_with_gps()), upload(jpeg_with_gps())]),
        )
    assert response.status_code == 400
    body = response.content.decode()
    assert "could not be stored" in body
    assert "Жители обсудили освещение улиц." in body
    assert not Activity.objects.exists()
    media = Path(settings.MEDIA_ROOT)
    assert not [p for p in media.rglob("*") if p.is_file()] if media.exists() else True
