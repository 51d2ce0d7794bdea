"""A full disk during an upload: a clear message, nothing half-saved.

bench/faults.py runs the real thing against a 2 MB tmpfs; this test injects the same
ENOSPC error into the storage so it runs in CI."""

from __future__ import annotations

import errno
import io
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.storage import FileSystemStorage
from django.test import Client
from django.urls import reverse
from PIL import Image

from communities import models as cm
from tests.security.world import World, build_world


def _jpeg() -> io.BytesIO:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "blue").save(out, "JPEG")
    out.seek(0)
    out.name = "photo.jpg"
    return out


def _post(client: Client, w: World):
    return client.post(
        reverse("staff:activity_create"),
        {
            "date": "2022-05-01",
            "kind": "meeting",
            "project": w.private_project.pk,
            "title_en": "Disk full probe",
            "women": "1",
            "men": "1",
            "youth": "0",
            "photos": [_jpeg()],
        },
    )


@pytest.mark.django_db
def test_no_photo_row_points_at_a_missing_file_when_the_disk_fills() -> None:
    w = build_world("A")
    client = Client(raise_request_exception=False)
    client.force_login(w.users["field_officer"])
    real_save = FileSystemStorage._save
    calls = {"n": 0}

    def fill_up(self, name, content):
        calls["n"] += 1
        if calls["n"] >= 2:  # the photo is written, the thumbnail finds the disk full
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_save(self, name, content)

    with mock.patch.object(FileSystemStorage, "_save", fill_up):
        response = _post(client, w)
    assert response.status_code != 302
    assert not cm.Activity.objects.filter(title_en="Disk full probe").exists()
    for photo in cm.ActivityPhoto.objects.all():
        assert Path(photo.image.path).is_file()


@pytest.mark.django_db
def test_a_full_disk_gives_the_user_a_clear_message_not_a_500() -> None:
    w = build_world("A")
    client = Client(raise_request_exception=False)
    client.force_login(w.users["field_officer"])
    with mock.patch.object(
        FileSystemStorage, "_save", side_effect=OSError(errno.ENOSPC, "No space left on device")
    ):
        response = _post(client, w)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Disk full probe" in body  # the form comes back with the user's input
    assert "could not be stored" in body
    assert "no space left" in body
    assert not cm.Activity.objects.filter(title_en="Disk full probe").exists()
