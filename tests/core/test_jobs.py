"""Background jobs: who may see a job's page and file, retries of passing failures, errors
kept for admins, a job queue that is down, and flat query counts on the job page."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.db import OperationalError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core import jobs
from core.models import BackgroundJob, JobState
from core.tasks import run_background_job
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(db):
    return f.UserFactory(username="job-owner")


@pytest.fixture
def finished_job(owner):
    job = BackgroundJob.objects.create(
        kind="donor_report_xlsx",
        created_by=owner,
        state=JobState.DONE,
        total=2,
        progress=2,
        message="The Excel file is ready.",
        result_name="report.xlsx",
    )
    job.result_file.save("report.xlsx", ContentFile(b"PK-xlsx-bytes"), save=True)
    return job


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_a_job_page_and_its_file_reach_only_their_owner_and_admins(finished_job, owner) -> None:
    page = finished_job.get_absolute_url()
    download = f"{page}download/"
    anonymous = _client()
    assert anonymous.get(page).status_code == 302
    assert "/staff/login/" in anonymous.get(download)["Location"]
    outsider = _client(f.UserFactory(username="someone-else"))
    assert outsider.get(page).status_code == 404
    assert outsider.get(download).status_code == 404
    mine = _client(owner)
    assert mine.get(page).status_code == 200
    response = mine.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"PK-xlsx-bytes"
    assert 'filename="report.xlsx"' in response["Content-Disposition"]
    admin = _client(f.UserFactory(username="root", is_superuser=True, is_staff=True))
    assert admin.get(page).status_code == 200


def test_a_job_file_is_not_served_as_media(finished_job) -> None:
    assert _client().get(finished_job.result_file.url).status_code == 404


def test_an_unfinished_job_has_nothing_to_download(owner) -> None:
    job = BackgroundJob.objects.create(kind="donor_report_pdf", created_by=owner)
    assert _client(owner).get(f"{job.get_absolute_url()}download/").status_code == 404


def test_a_malformed_job_id_is_not_found(owner) -> None:
    assert _client(owner).get("/en/staff/jobs/not-a-uuid/").status_code == 404


def test_the_job_page_costs_the_same_queries_however_many_jobs_exist(
    owner, django_assert_num_queries
) -> None:
    client = _client(owner)
    job = BackgroundJob.objects.create(kind="donor_report_xlsx", created_by=owner)
    client.get(job.get_absolute_url())
    # The session, the user and the job (the session from the cache when it is Redis).
    with CaptureQueriesContext(connection) as first:
        client.get(job.get_absolute_url())
    assert len(first.captured_queries) <= 3
    for _ in range(20):
        BackgroundJob.objects.create(kind="donor_report_xlsx", created_by=owner)
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(job.get_absolute_url())


def test_a_passing_database_failure_is_retried_and_the_job_completes(owner, monkeypatch) -> None:
    job = BackgroundJob.objects.create(kind="donor_report_xlsx", created_by=owner)
    calls = {"n": 0}
    real = jobs.run_job

    def flaky(job_id):
        calls["n"] += 1
        if calls["n"] == 1:
            raise OperationalError("the database system is starting up")
        return real(job_id)

    monkeypatch.setattr("core.tasks.run_job", flaky)
    monkeypatch.setattr(
        "core.jobs.import_string",
        lambda path: lambda job, progress: jobs.JobResult(message="ready"),
    )
    run_background_job.apply(args=[str(job.pk)])
    job.refresh_from_db()
    assert calls["n"] == 2
    assert (job.state, job.message) == (JobState.DONE, "ready")


def test_a_failing_handler_fails_the_job_with_its_traceback_and_no_retry(
    owner, monkeypatch
) -> None:
    job = BackgroundJob.objects.create(kind="donor_report_xlsx", created_by=owner)

    def broken(job, progress):
        BackgroundJob.objects.create(kind="donor_report_xlsx", created_by=owner)
        raise KeyError("cofinancing.total")

    monkeypatch.setattr("core.jobs.import_string", lambda path: broken)
    run_background_job.apply(args=[str(job.pk)])
    job.refresh_from_db()
    assert job.state == JobState.FAILED and job.attempts == 1
    assert "Traceback" in job.error and "KeyError: 'cofinancing.total'" in job.error
    # What the handler wrote before failing went with its transaction.
    assert BackgroundJob.objects.count() == 1
    page = _client(owner).get(job.get_absolute_url()).content.decode()
    assert "An administrator can see the error" in page
    assert "KeyError" not in page


def test_a_job_that_cannot_be_queued_says_so_and_saves_nothing(
    owner, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    from kombu.exceptions import OperationalError as BrokerDown

    def down(*args, **kwargs):
        raise BrokerDown("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(run_background_job, "delay", down)
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.job_start(kind="donor_report_xlsx", params={}, created_by=owner)
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert "the job queue is unreachable" in job.error
    assert (
        "the job queue is unreachable"
        in _client(owner).get(job.get_absolute_url()).content.decode()
    )


def test_an_unknown_kind_of_job_is_refused(owner) -> None:
    with pytest.raises(ValueError, match="Unknown job kind"):
        jobs.job_start(kind="mine_bitcoin", params={}, created_by=owner)
