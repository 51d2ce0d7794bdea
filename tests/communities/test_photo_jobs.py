"""Photos processed by a background job (issue #13): the request only checks and stores the
original, the job strips GPS and camera data, writes the clean sizes and deletes the
original; it can run twice, its failure reaches admins, and no page ever shows (or serves)
a photo that is not processed yet."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from communities import activity_services as services
from communities.models import Activity, ActivityPhoto, PhotoStatus
from core import jobs
from core.models import BackgroundJob, JobState
from core.tasks import run_background_job
from core.uploads import PHOTO_ORIGINALS_DIR
from tests import factories as f
from tests.communities.outbox_posts import outbox_activity
from tests.staff.photos import has_gps, jpeg_with_gps, upload

pytestmark = pytest.mark.django_db

SYNC = "staff:activity_sync"


@pytest.fixture(autouse=True)
def _photos_in_background(settings):
    settings.PHOTOS_IN_BACKGROUND = True
    # English URLs and messages, whatever language an earlier test left active.
    with translation.override("en"):
        yield


@pytest.fixture
def community(project):
    community = f.CommunityFactory()
    f.ProjectCommunityFactory(project=project, community=community)
    return community


def _originals() -> list[Path]:
    root = Path(django_settings.MEDIA_ROOT) / PHOTO_ORIGINALS_DIR
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def _send_without_running_jobs(client, project, community, django_capture_on_commit_callbacks):
    """Upload through the outbox endpoint and keep the queued jobs from running."""
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            reverse(SYNC),
            outbox_activity(project, community, submit="1", photos=[upload(jpeg_with_gps())]),
        )
    assert response.status_code == 201
    assert BackgroundJob.objects.get().state == JobState.QUEUED
    return Activity.objects.get(pk=response.json()["id"]).photos.get()


def _publish(activity: Activity, reviewer) -> None:
    services.activity_publish(activity=activity, reviewer=reviewer)


def test_an_uploaded_photo_is_processed_by_the_job_and_its_original_deleted(
    client, project, community, field_officer, django_capture_on_commit_callbacks
) -> None:
    client.force_login(field_officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(SYNC),
            outbox_activity(project, community, submit="1", photos=[upload(jpeg_with_gps())]),
        )
    assert response.status_code == 201
    photo = ActivityPhoto.objects.get()
    assert photo.status == PhotoStatus.READY
    with photo.image.open("rb") as stored:
        data = stored.read()
    assert data[:3] == b"\xff\xd8\xff"
    assert not has_gps(data)
    with photo.thumbnail.open("rb") as stored:
        assert not has_gps(stored.read())
    assert photo.width == 800
    assert not photo.original
    assert _originals() == []
    job = BackgroundJob.objects.get(kind="photo_process")
    assert job.state == JobState.DONE
    assert job.created_by == field_officer


def test_the_request_refuses_a_file_that_is_not_a_photo_at_once(
    client, project, community, field_officer
) -> None:
    client.force_login(field_officer)
    response = client.post(
        reverse(SYNC),
        outbox_activity(
            project, community, submit="1", photos=[upload(b"<html>" + b"x" * 100, "a.jpg")]
        ),
    )
    assert response.status_code == 400
    assert "not a photo" in response.content.decode()
    assert not Activity.objects.exists()
    assert not BackgroundJob.objects.exists()


def test_before_its_job_a_photo_is_processing_and_only_its_original_is_stored(
    client, project, community, field_officer, django_capture_on_commit_callbacks
) -> None:
    client.force_login(field_officer)
    photo = _send_without_running_jobs(
        client, project, community, django_capture_on_commit_callbacks
    )
    assert photo.status == PhotoStatus.PROCESSING
    assert not photo.image
    assert photo.original.name.startswith(f"{PHOTO_ORIGINALS_DIR}/")
    assert len(_originals()) == 1
    # The staff page shows a placeholder, not a broken image.
    page = client.get(reverse("staff:activity_detail", args=[photo.activity_id]))
    assert page.status_code == 200
    assert b'data-photo-status="processing"' in page.content


def test_an_original_is_never_served_not_even_to_its_author(
    client, project, community, field_officer, manager, django_capture_on_commit_callbacks
) -> None:
    client.force_login(field_officer)
    photo = _send_without_running_jobs(
        client, project, community, django_capture_on_commit_callbacks
    )
    _publish(photo.activity, manager)
    url = f"/media/{photo.original.name}"
    for viewer in (Client(), client):
        assert viewer.get(url).status_code == 404


def test_public_pages_never_show_a_photo_still_processing(
    client, project, community, field_officer, manager, django_capture_on_commit_callbacks
) -> None:
    client.force_login(field_officer)
    photo = _send_without_running_jobs(
        client, project, community, django_capture_on_commit_callbacks
    )
    _publish(photo.activity, manager)
    anonymous = Client()
    detail = anonymous.get(reverse("projects:news_detail", kwargs={"pk": photo.activity_id}))
    assert detail.status_code == 200
    assert b"photos-heading" not in detail.content
    assert b"og:image" not in detail.content
    for listing in (reverse("projects:news_list"), "/"):
        news = anonymous.get(listing, follow=True)
        assert news.status_code == 200
        assert "Тренинг по медиации".encode() in news.content
        assert b"has-photo" not in news.content

    run_background_job(str(BackgroundJob.objects.get().pk))
    photo.refresh_from_db()
    assert photo.status == PhotoStatus.READY
    detail = anonymous.get(reverse("projects:news_detail", kwargs={"pk": photo.activity_id}))
    assert photo.thumbnail.url.encode() in detail.content
    assert anonymous.get(photo.image.url).status_code == 200


def test_running_the_job_again_changes_nothing(
    client, project, community, field_officer, django_capture_on_commit_callbacks
) -> None:
    client.force_login(field_officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse(SYNC),
            outbox_activity(project, community, submit="1", photos=[upload(jpeg_with_gps())]),
        )
    photo = ActivityPhoto.objects.get()
    before = (photo.image.name, photo.thumbnail.name, photo.status)
    assert services.photo_process(photo_id=photo.pk) is not None
    # A redelivered message of a finished job is skipped too.
    run_background_job(str(BackgroundJob.objects.get().pk))
    photo.refresh_from_db()
    assert (photo.image.name, photo.thumbnail.name, photo.status) == before
    assert BackgroundJob.objects.get().attempts == 1


def test_a_job_that_died_half_way_finishes_when_it_runs_again(
    client,
    project,
    community,
    field_officer,
    monkeypatch,
    django_capture_on_commit_callbacks,
) -> None:
    client.force_login(field_officer)
    photo = _send_without_running_jobs(
        client, project, community, django_capture_on_commit_callbacks
    )
    job = BackgroundJob.objects.get()
    real_save = ActivityPhoto.save

    def crash(self, *args, **kwargs):
        raise ConnectionError("worker lost its database mid-way")

    monkeypatch.setattr(ActivityPhoto, "save", crash)
    with pytest.raises(ConnectionError):
        jobs.run_job(job.pk)
    photo.refresh_from_db()
    assert photo.status == PhotoStatus.PROCESSING
    assert photo.original
    monkeypatch.setattr(ActivityPhoto, "save", real_save)
    run_background_job(str(job.pk))
    photo.refresh_from_db()
    job.refresh_from_db()
    assert photo.status == PhotoStatus.READY
    assert job.state == JobState.DONE
    # The files the crashed attempt wrote were taken back: only the final two remain.
    stored = [p for p in Path(django_settings.MEDIA_ROOT).rglob("*.jpg") if p.is_file()]
    assert sorted(p.name for p in stored) == sorted(
        Path(name).name for name in (photo.image.name, photo.thumbnail.name)
    )


def test_a_failing_job_is_recorded_with_its_error_and_the_photo_marked_failed(
    client, project, community, field_officer, django_capture_on_commit_callbacks
) -> None:
    client.force_login(field_officer)
    photo = _send_without_running_jobs(
        client, project, community, django_capture_on_commit_callbacks
    )
    # The original passed the request's checks but is cut short on disk: it cannot decode.
    with photo.original.open("rb") as handle:
        head = handle.read()[:400]
    photo.original.storage.delete(photo.original.name)
    photo.original.storage.save(photo.original.name, io.BytesIO(head))
    job = BackgroundJob.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        run_background_job(str(job.pk))
    job.refresh_from_db()
    photo.refresh_from_db()
    assert job.state == JobState.FAILED
    assert "not a photo" in job.error
    assert photo.status == PhotoStatus.FAILED
    assert not photo.original
    assert _originals() == []
    # Admins see the failed job and its error.
    admin = f.UserFactory(username="root", is_staff=True, is_superuser=True)
    admin_client = Client()
    admin_client.force_login(admin)
    listing = admin_client.get(reverse("admin:core_backgroundjob_changelist"))
    assert listing.status_code == 200
    assert b"photo_process" in listing.content
    page = client.get(reverse("staff:activity_detail", args=[photo.activity_id]))
    assert b'data-photo-status="failed"' in page.content
