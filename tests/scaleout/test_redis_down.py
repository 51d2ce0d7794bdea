"""Redis down: the portal keeps serving pages from the database, logins and publishing keep
working, and nothing stale comes back when Redis does.

The instance here uses a private redis-server (never the shared one), which the test freezes
with SIGSTOP: connections hang exactly as with a dead or partitioned Redis, and, unlike a
restart, the cached pages are still in it when it resumes with SIGCONT. The pages the
instance cached before the outage still show an activity that was returned during it, so
they must not be served afterwards (core/cache_backends.py empties the cache on recovery).
"""

from __future__ import annotations

import os
import signal
import statistics
import time
import uuid
from typing import Any

import pytest
import requests

from communities.models import ActivityStatus
from projects.models import PartnerRole, StaffRole
from tests import factories as f
from tests.scaleout.conftest import PASSWORD, login, post_form, skip_unless_engines

pytestmark = [pytest.mark.scaleout, skip_unless_engines(), pytest.mark.django_db(transaction=True)]


def _world() -> dict[str, Any]:
    org = f.OrganisationFactory(slug=f"org-{uuid.uuid4().hex[:6]}")
    project = f.ProjectFactory(slug=f"proj-{uuid.uuid4().hex[:6]}", is_public=True)
    f.PartnershipFactory(project=project, organisation=org, role=PartnerRole.IMPLEMENTING)
    reviewer = f.UserFactory(username=f"reviewer-{uuid.uuid4().hex[:6]}")
    reviewer.set_password(PASSWORD)
    reviewer.save()
    f.StaffMembershipFactory(user=reviewer, organisation=org, role=StaffRole.PROGRAMME_MANAGER)
    shown = f"Checkpoint review {uuid.uuid4().hex[:8]}"
    waiting = f"Youth football evening {uuid.uuid4().hex[:8]}"
    return {
        "project": project,
        "reviewer": reviewer,
        "shown": f.ActivityFactory(
            project=project, author=reviewer, published=True, title_en=shown, title_ru=shown
        ),
        "waiting": f.ActivityFactory(
            project=project,
            author=reviewer,
            status=ActivityStatus.SUBMITTED,
            title_en=waiting,
            title_ru=waiting,
        ),
    }


def _pages(base: str, world: dict[str, Any]) -> list[requests.Response]:
    paths = ["/en/news/", f"/en/projects/{world['project'].slug}/", "/en/news/feed/", "/en/"]
    return [requests.get(base + path, timeout=30) for path in paths for _ in range(3)]


def test_pages_logins_and_publishing_work_while_redis_is_down_and_nothing_stale_returns(
    engines,
) -> None:
    redis = engines.redis_server()
    web = engines.gunicorn("c", workers=2, REDIS_URL=redis.url)
    world = _world()
    shown, waiting = world["shown"].title_en, world["waiting"].title_en

    warm = _pages(web.url, world)
    assert all(r.status_code == 200 for r in warm)
    assert sum(shown in r.text for r in warm) >= 6  # the news list, project page, feed

    os.kill(redis.process.pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        during = _pages(web.url, world)
        assert [r.status_code for r in during] == [200] * len(during)
        # Logging in and reviewing work on the database alone.
        reviewer = login(web.url, world["reviewer"].username)
        assert reviewer.get(f"{web.url}/en/staff/", timeout=30).status_code == 200
        published = post_form(
            reviewer, f"{web.url}/en/staff/activities/{world['waiting'].pk}/publish/", {}
        )
        assert published.status_code == 302
        returned = post_form(
            reviewer,
            f"{web.url}/en/staff/activities/{world['shown'].pk}/return/",
            {"comment": "Wrong date."},
        )
        assert returned.status_code == 302
        after_writes = _pages(web.url, world)
        assert all(r.status_code == 200 for r in after_writes)
        assert not any(shown in r.text for r in after_writes)
        assert any(waiting in r.text for r in after_writes)
        seconds = time.monotonic() - started
        median_ms = statistics.median(r.elapsed.total_seconds() * 1000 for r in after_writes)
        print(
            f"redis down: {len(during) + len(after_writes)} pages in {seconds:.1f} s, "
            f"median {median_ms:.0f} ms"
        )
    finally:
        os.kill(redis.process.pid, signal.SIGCONT)

    # Redis is back with the pages cached before the outage still in it.
    time.sleep(2.5)  # the backend's RETRY_AFTER_SECONDS
    back = _pages(web.url, world)
    assert all(r.status_code == 200 for r in back)
    assert not any(shown in r.text for r in back), "a page cached before the outage came back"
    assert any(waiting in r.text for r in back)
