"""Upgrading a database created before the activity log moved from projects to communities.

The move is state-only (the tables keep their projects_* names), so rows written by the old
code must be readable through ``communities.models.Activity`` afterwards, with their
communities, photos and content type intact. Runs on SQLite locally and on PostgreSQL in CI
(``.ci/run`` sets DATABASE_URL)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from communities.models import Activity, ActivityPhoto, ProjectCommunity

BEFORE_MOVE = [
    ("communities", "0003_planaction_open_due_index"),
    ("projects", "0003_activity_report_and_review_indexes"),
]
AFTER_MOVE = [
    ("communities", "0004_activity_log_moved_from_projects"),
    ("projects", "0004_activity_log_moved_to_communities"),
]

pytestmark = pytest.mark.migrations


def _migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


@pytest.fixture
def latest_targets() -> list[tuple[str, str]]:
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def test_rows_written_before_the_move_are_read_through_communities_after_it(
    transactional_db: None, latest_targets: list[tuple[str, str]]
) -> None:
    try:
        executor = _migrate(BEFORE_MOVE)
        # contenttypes 0002 is named too: the state holds only the ancestors of the nodes given.
        old = executor.loader.project_state(
            [*BEFORE_MOVE, ("contenttypes", "0002_remove_content_type_name")]
        ).apps
        # The historical models of the pre-move state: what the old code wrote.
        Region = old.get_model("communities", "Region")
        Community = old.get_model("communities", "Community")
        Project = old.get_model("projects", "Project")
        OldActivity = old.get_model("projects", "Activity")
        OldPhoto = old.get_model("projects", "ActivityPhoto")
        OldProjectCommunity = old.get_model("projects", "ProjectCommunity")
        OldContentType = old.get_model("contenttypes", "ContentType")

        region = Region.objects.create(code="KG-C", kind="oblast", country="KG", name_en="Chüy")
        community = Community.objects.create(
            region=region, kind="village", country="KG", name_en="Ivanovka"
        )
        project = Project.objects.create(slug="upgrade", title_en="Upgrade", is_public=True)
        OldProjectCommunity.objects.create(project=project, community=community)
        activity = OldActivity.objects.create(
            project=project,
            date=dt.date(2026, 3, 1),
            kind="meeting",
            title_en="Village meeting",
            status="published",
            published_at=dt.datetime(2026, 3, 2, tzinfo=dt.UTC),
        )
        activity.communities.add(community)
        OldPhoto.objects.create(
            activity=activity, image="activities/2026/03/photo.jpg", width=640, height=480
        )
        # Before the move the activity's content type carried the projects label.
        old_type, _ = OldContentType.objects.get_or_create(app_label="projects", model="activity")
        OldContentType.objects.filter(app_label="communities", model="activity").delete()

        _migrate(AFTER_MOVE)
    finally:
        _migrate(latest_targets)

    moved = Activity.objects.get(pk=activity.pk)
    assert moved.title_en == "Village meeting"
    assert moved.project.slug == "upgrade"
    assert list(moved.communities.values_list("name_en", flat=True)) == ["Ivanovka"]
    assert list(Activity.objects.published()) == [moved]
    photo = ActivityPhoto.objects.get(activity=moved)
    assert photo.image.name == "activities/2026/03/photo.jpg"
    assert ProjectCommunity.objects.get(project__slug="upgrade").community.name_en == "Ivanovka"
    # Same content type row, relabelled: permissions and admin log entries keep pointing at it.
    ContentType.objects.clear_cache()
    assert ContentType.objects.get_for_model(Activity).pk == old_type.pk
    assert not ContentType.objects.filter(app_label="projects", model="activity").exists()
