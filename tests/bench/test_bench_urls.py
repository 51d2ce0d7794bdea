"""The two bench-only views the harness times against (config/bench_urls.py)."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.utils import timezone

from communities.models import ActivityStatus
from core.cache import content_version
from tests.factories import ActivityFactory, ProjectFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("config.bench_urls"),
]


def test_the_no_query_floor_runs_no_query(client, django_assert_num_queries) -> None:
    with django_assert_num_queries(0):
        response = client.get("/en/bench/floor/")
    assert response.status_code == 200
    assert len(response.content) > 3000


@override_settings(BENCH_WRITE_SECRET="s3cret")
def test_the_write_endpoint_publishes_news_so_cached_pages_are_recomputed(client) -> None:
    project = ProjectFactory(slug="bench-project-1")
    news = ActivityFactory(
        project=project, status=ActivityStatus.PUBLISHED, published_at=timezone.now()
    )
    before_version, before_published = content_version(), news.published_at
    response = client.post("/bench/write/", headers={"X-Bench-Secret": "s3cret"})
    assert response.status_code == 204
    news.refresh_from_db()
    assert news.published_at > before_published
    assert content_version() != before_version


@override_settings(BENCH_WRITE_SECRET="s3cret")
def test_the_write_endpoint_can_save_a_project_instead(client) -> None:
    project = ProjectFactory(slug="bench-project-1")
    before_version, before_saved = content_version(), project.updated_at
    response = client.post("/bench/write/?what=project", headers={"X-Bench-Secret": "s3cret"})
    assert response.status_code == 204
    project.refresh_from_db()
    assert project.updated_at > before_saved
    assert content_version() != before_version


@pytest.mark.parametrize("secret", ["", "wrong"])
def test_the_write_endpoint_does_not_exist_without_the_secret(client, settings, secret) -> None:
    ProjectFactory(slug="bench-project-1")
    settings.BENCH_WRITE_SECRET = secret and "s3cret"
    response = client.post("/bench/write/", headers={"X-Bench-Secret": secret})
    assert response.status_code == 404
    assert client.get("/bench/write/").status_code in (404, 405)
