"""Large admin imports run as a background job: progress page, same checks, no duplicates
when a job is delivered twice, a failed job shows its error to the user and to admins."""

from __future__ import annotations

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from core.jobs import run_job
from core.models import BackgroundJob, JobState
from grants.models import Grant, ImportUpload
from tests import factories as f
from tests.grants.conftest import grant_permissions, grant_row, xlsx_bytes
from tests.grants.test_import import admin_confirm, admin_preview

pytestmark = pytest.mark.django_db


@pytest.fixture
def importer(db):
    user = f.UserFactory(username="importer", is_staff=True)
    user.user_permissions.set(
        grant_permissions("import_grant", "export_grant", "view_grant", "add_grant", "change_grant")
    )
    return user


@pytest.fixture(autouse=True)
def _small_threshold(settings):
    settings.IMPORT_BACKGROUND_ROWS = 3


def _rows(count: int) -> list[list[object]]:
    return [grant_row(Grant_ID=f"LIP-{i:03d}") for i in range(count)]


def test_a_confirm_above_the_threshold_becomes_a_job_with_a_progress_page(
    client, importer, places, programme, yiman, django_capture_on_commit_callbacks
) -> None:
    client.force_login(importer)
    preview = admin_preview(client, xlsx_bytes(_rows(5)))
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_confirm(client, preview)
    job = BackgroundJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == job.get_absolute_url()
    assert (job.kind, job.state, job.total, job.progress) == ("spreadsheet_import", "done", 5, 5)
    assert job.created_by == importer
    assert Grant.objects.count() == 5
    assert LogEntry.objects.filter(user=importer).count() == 5
    # The upload is removed with the commit of the import, not before.
    assert not ImportUpload.objects.exists()
    page = client.get(job.get_absolute_url())
    assert page.status_code == 200
    assert "Import finished: 5 new, 0 updated, 0 unchanged." in page.content.decode()


def test_a_confirm_at_the_threshold_still_runs_in_the_request(
    client, importer, places, programme, yiman
) -> None:
    client.force_login(importer)
    preview = admin_preview(client, xlsx_bytes(_rows(3)))
    response = admin_confirm(client, preview)
    assert response.status_code == 302
    assert not BackgroundJob.objects.exists()
    assert Grant.objects.count() == 3


def test_a_job_delivered_twice_imports_once(
    client, importer, places, programme, yiman, django_capture_on_commit_callbacks
) -> None:
    client.force_login(importer)
    preview = admin_preview(client, xlsx_bytes(_rows(5)))
    with django_capture_on_commit_callbacks(execute=False):
        admin_confirm(client, preview)
    job = BackgroundJob.objects.get()
    run_job(job.pk)
    # The broker hands the same message out again (worker died before acknowledging).
    assert run_job(job.pk) is None
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.attempts == 1
    assert Grant.objects.count() == 5


def test_a_job_interrupted_before_its_commit_leaves_nothing_and_completes_on_retry(
    client, importer, places, programme, yiman, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    client.force_login(importer)
    preview = admin_preview(client, xlsx_bytes(_rows(5)))
    with django_capture_on_commit_callbacks(execute=False):
        admin_confirm(client, preview)
    job = BackgroundJob.objects.get()

    from django.db import OperationalError

    def connection_lost(self, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    # The job's finishing step fails after every row was written in its transaction.
    monkeypatch.setattr(BackgroundJob, "full_clean", connection_lost)
    with pytest.raises(OperationalError):
        run_job(job.pk)
    assert Grant.objects.count() == 0
    monkeypatch.undo()
    run_job(job.pk)
    job.refresh_from_db()
    assert (job.state, job.attempts) == (JobState.DONE, 2)
    assert Grant.objects.count() == 5


def test_a_file_that_went_bad_fails_the_job_with_the_row_errors_and_saves_nothing(
    client, importer, places, programme, yiman, django_capture_on_commit_callbacks
) -> None:
    client.force_login(importer)
    preview = admin_preview(client, xlsx_bytes(_rows(5)))
    places["osh"].name_en, places["osh"].name_ru, places["osh"].name_ky = "Gone", "Нет", "Жок"
    places["osh"].save()
    with django_capture_on_commit_callbacks(execute=True):
        admin_confirm(client, preview)
    job = BackgroundJob.objects.get()
    assert job.state == JobState.FAILED
    assert "Nothing was imported" in job.error
    assert "is not a known region" in job.error
    assert Grant.objects.count() == 0
    page = client.get(job.get_absolute_url()).content.decode()
    assert "is not a known region" in page


def test_the_progress_page_polls_while_the_job_runs(client, importer) -> None:
    job = BackgroundJob.objects.create(
        kind="spreadsheet_import", created_by=importer, total=200, progress=0
    )
    client.force_login(importer)
    from django.core.cache import cache

    cache.set(f"job-progress:{job.pk}", (50, 200))
    html = client.get(job.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 1s"' in html
    assert '<progress value="50" max="200">' in html
    fragment = client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true")
    assert fragment.content.decode().startswith('<div id="job-status"')
    job.state = JobState.DONE
    job.save()
    assert "hx-trigger" not in client.get(job.get_absolute_url()).content.decode()


def test_the_admin_lists_failed_jobs_with_their_error(admin_client, importer) -> None:
    BackgroundJob.objects.create(
        kind="spreadsheet_import",
        created_by=importer,
        state=JobState.FAILED,
        error="Traceback (most recent call last):\nValueError: broken cell in row 7",
    )
    page = admin_client.get(reverse("admin:core_backgroundjob_changelist") + "?state__exact=failed")
    assert page.status_code == 200
    assert "ValueError: broken cell in row 7" in page.content.decode()
