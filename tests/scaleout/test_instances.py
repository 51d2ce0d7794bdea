"""Several instances on one Redis and one database, with a real Celery worker.

- Un-publishing is seen at once everywhere: two gunicorn instances of 3 workers each; after
  a reviewer returns a published activity on one of them, none of 100 anonymous requests
  spread over both shows it.
- Two instances share sessions and import previews.
- A worker killed (SIGKILL) mid-import loses nothing: the job completes on redelivery,
  with no duplicate row.
"""

from __future__ import annotations

import os
import re
import signal
import time
import uuid
from itertools import cycle
from typing import Any

import pytest
import requests

from core.models import BackgroundJob, JobState
from grants.models import Grant
from projects.models import PartnerRole, StaffRole
from tests import factories as f
from tests.grants.conftest import grant_permissions, grant_row, xlsx_bytes
from tests.scaleout.conftest import (
    PASSWORD,
    admin_login,
    children,
    login,
    post_form,
    skip_unless_engines,
)

pytestmark = [pytest.mark.scaleout, skip_unless_engines(), pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def web(engines) -> tuple[Any, Any]:
    return engines.gunicorn("a"), engines.gunicorn("b")


def _world() -> dict[str, Any]:
    org = f.OrganisationFactory(slug=f"org-{uuid.uuid4().hex[:6]}")
    project = f.ProjectFactory(slug=f"proj-{uuid.uuid4().hex[:6]}", is_public=True)
    f.PartnershipFactory(project=project, organisation=org, role=PartnerRole.IMPLEMENTING)
    reviewer = f.UserFactory(username=f"reviewer-{uuid.uuid4().hex[:6]}")
    reviewer.set_password(PASSWORD)
    reviewer.save()
    f.StaffMembershipFactory(user=reviewer, organisation=org, role=StaffRole.PROGRAMME_MANAGER)
    token = f"Zhanybek{uuid.uuid4().hex[:8]}"
    title = f"Bazaar patrol {token}"
    activity = f.ActivityFactory(project=project, published=True, title_en=title, title_ru=title)
    # The search page repeats the query; the activity's title is what must not show.
    return {
        "project": project,
        "reviewer": reviewer,
        "activity": activity,
        "token": token,
        "title": title,
    }


def _public_paths(world: dict[str, Any]) -> list[str]:
    return [
        "/en/news/",
        "/en/news/feed/",
        f"/en/projects/{world['project'].slug}/",
        f"/en/search/?q={world['token']}",
        f"/en/news/{world['activity'].pk}/",
        "/en/",
    ]


def _spread(instances: tuple[Any, ...], paths: list[str], count: int, text: str) -> list[str]:
    """``count`` anonymous requests, alternating instances and pages, each on a new
    connection (so every gunicorn worker takes some); the URLs that showed ``text``."""
    showing = []
    targets = cycle([(i.url, p) for p in paths for i in instances])
    for _ in range(count):
        base, path = next(targets)
        response = requests.get(base + path, timeout=30)
        assert response.status_code in (200, 404), (path, response.status_code)
        if text in response.text:
            showing.append(base + path)
    return showing


def test_unpublishing_on_one_instance_is_seen_at_once_on_every_worker_of_both(web) -> None:
    world = _world()
    paths = _public_paths(world)
    # Every worker of both instances caches the pages with the activity on them.
    before = _spread(web, paths, 100, world["title"])
    # The home page does not list this old activity; every other page does.
    assert len(before) >= 80
    reviewer = login(web[0].url, world["reviewer"].username)
    returned = post_form(
        reviewer,
        f"{web[0].url}/en/staff/activities/{world['activity'].pk}/return/",
        {"comment": "The photo shows faces; please replace it."},
    )
    assert returned.status_code == 302
    world["activity"].refresh_from_db()
    assert world["activity"].status == "returned"
    assert _spread(web, paths, 100, world["title"]) == []


def test_a_session_and_an_import_preview_made_on_one_instance_work_on_the_other(
    web, places, programme, yiman
) -> None:
    a, b = web
    world = _world()
    staff = login(a.url, world["reviewer"].username)
    on_b = staff.get(f"{b.url}/en/staff/", timeout=30, allow_redirects=False)
    assert on_b.status_code == 200
    assert world["reviewer"].username in on_b.text
    # Logging out on B ends the session on A too.
    post_form(staff, f"{b.url}/en/staff/logout/", {})
    assert staff.get(f"{a.url}/en/staff/", timeout=30, allow_redirects=False).status_code == 302

    importer = _importer()
    admin = admin_login(a.url, importer.username)
    fields = _preview(admin, a.url, xlsx_bytes([grant_row(Grant_ID=f"LIP-{i}") for i in range(5)]))
    confirmed = admin.post(
        f"{b.url}/admin/grants/grant/process_import/",
        data=fields,
        timeout=60,
        allow_redirects=False,
    )
    assert confirmed.status_code == 302
    assert Grant.objects.count() == 5


def _importer() -> Any:
    user = f.UserFactory(username=f"importer-{uuid.uuid4().hex[:6]}", is_staff=True)
    user.set_password(PASSWORD)
    user.save()
    user.user_permissions.set(
        grant_permissions("import_grant", "export_grant", "view_grant", "add_grant", "change_grant")
    )
    return user


def _preview(admin: requests.Session, base: str, data: bytes) -> dict[str, str]:
    url = f"{base}/admin/grants/grant/import/"
    admin.get(url, timeout=30)
    preview = admin.post(
        url,
        data={
            "csrfmiddlewaretoken": admin.cookies["csrftoken"],
            "format": "0",
            "language": "ru",
            "resource": "0",
        },
        files={"import_file": ("grants.xlsx", data)},
        headers={"Referer": url},
        timeout=120,
    )
    form = re.search(
        r'<form[^>]*action="[^"]*process_import[^"]*"[^>]*>(.*?)</form>', preview.text, re.S
    )
    assert form is not None, preview.text[:3000]
    return dict(
        re.findall(
            r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form.group(1)
        )
    )


def test_a_worker_killed_mid_import_loses_nothing_and_duplicates_nothing(
    engines, web, places, programme, yiman
) -> None:
    a, b = web
    worker = engines.celery_worker()
    rows = 3000
    importer = _importer()
    admin = admin_login(a.url, importer.username)
    fields = _preview(
        admin, a.url, xlsx_bytes([grant_row(Grant_ID=f"LIP-{i:05d}") for i in range(rows)])
    )
    confirmed = admin.post(
        f"{b.url}/admin/grants/grant/process_import/",
        data=fields,
        timeout=60,
        allow_redirects=False,
    )
    assert confirmed.status_code == 302 and "/staff/jobs/" in confirmed.headers["Location"]
    job = BackgroundJob.objects.get(created_by=importer)

    deadline = time.monotonic() + 60
    while job.state != JobState.RUNNING:
        assert time.monotonic() < deadline, "the worker never took the job"
        time.sleep(0.05)
        job.refresh_from_db()
    time.sleep(0.5)  # well into the rows
    job.refresh_from_db()
    assert job.state == JobState.RUNNING, "the import finished before the kill; use more rows"
    pool = children(worker.pid)
    assert len(pool) == 1
    os.kill(pool[0], signal.SIGKILL)
    assert Grant.objects.count() == 0

    deadline = time.monotonic() + 120
    while not job.finished:
        assert time.monotonic() < deadline, "the job was not redelivered"
        time.sleep(0.3)
        job.refresh_from_db()
    assert job.state == JobState.DONE, job.error
    assert job.attempts == 2
    assert Grant.objects.count() == rows
    assert Grant.objects.values("reference").distinct().count() == rows
    assert f"{rows}" in job.message
    # The user's job page (on the other instance) shows the result.
    page = admin.get(f"{a.url}/en/staff/jobs/{job.pk}/", timeout=30)
    assert job.message in page.text
