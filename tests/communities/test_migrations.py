"""Migrations replayed over rows, on a database of their own that starts empty: forward from
zero, stopping at two upgrades to write the rows older code wrote, then every newest migration
stepped back and forward again over rows. The two upgrades keep what older code wrote:

- the activity log moved from projects to communities (communities 0004 / projects 0004): rows
  written by the old code are read through ``communities.models.Activity`` afterwards, with
  their communities, photos and content type intact (the move is state-only; the tables keep
  their projects_* names);
- working groups that cover several communities (communities 0005): every group recorded
  before covers the community it was recorded against, and older seats and contributions
  stay valid.

Rendering the migration states is the slowest part of the suite, and Django pays it for every
operation it applies or unapplies. The journey used to rewind the worker's own test database
to zero and replay it (every operation twice, backwards rendering the most); it now builds the
"old main" database forward from empty, which is also the migrate from zero, with rows in it.
Every test database is built by the same migrations too (tests/db_template.py migrates its
template from zero; without templates pytest-django does). Runs on SQLite locally and on
PostgreSQL in CI (``.ci/run`` sets DATABASE_URL). Destructive operations are checked in
tests/security/test_migrations.py.

On PostgreSQL the upgrade from empty (steps 1 to 3 below, with the checks made between them)
is a template database like the test databases' own: named after a hash of every migration
file, the Django version and this file, built by the first run that needs it
(``build_database_once``) and copied by every later run, in about a second instead of a
minute of state rendering (98% of the test's time). Any change to a migration or to this
file names a new template, so the upgrade is replayed, and its checks made, whenever
anything it depends on changes; a build whose checks fail leaves no template, so every run
replays it until it passes. The checks on the upgraded rows through today's models, new rows
in the migrated schema and the newest migrations stepped back and forward run on the copy in
every run. ``TEST_DB_TEMPLATE=off`` (and SQLite) replays the whole journey in the test."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from communities.models import Activity, ActivityPhoto, Membership, ProjectCommunity
from grants.models import Grant
from projects.models import Project
from tests import db_template
from tests import factories as f

LOCAL_APPS = ("projects", "communities", "grants", "reports")
BEFORE_MOVE = [
    ("communities", "0003_planaction_open_due_index"),
    ("projects", "0003_activity_report_and_review_indexes"),
]
AFTER_MOVE = [
    ("communities", "0004_activity_log_moved_from_projects"),
    ("projects", "0004_activity_log_moved_to_communities"),
]
AFTER_CYCLE = [("communities", "0005_cycle_working_groups_plans_contributions")]

pytestmark = pytest.mark.migrations

# The upgraded databases, one per hash of the migrations and this file (_journey_key).
JOURNEY_PREFIX = "portal_test_journey_"
# pg_advisory_lock key, other than the test template's and the demo's (build_database_once).
JOURNEY_LOCK = 7_202_622


@contextmanager
def _empty_database(tmp_path: Path, template: str | None = None) -> Iterator[None]:
    """Point the test's connection at a new, empty database (on PostgreSQL, a copy of
    ``template`` when one is named), and back at the worker's test database afterwards,
    untouched (as Django's create_test_db switches it)."""
    settings_dict = connection.settings_dict
    test_database = settings_dict["NAME"]
    quote = connection.ops.quote_name
    stashed = None
    if connection.vendor == "postgresql":
        # Named after the configured database whether or not this worker has made its test
        # database yet, and after the worker, so two workers never share it.
        base = test_database if test_database.startswith("test_") else f"test_{test_database}"
        empty = f"{base}_upgrade{os.environ.get('PYTEST_XDIST_WORKER', '')}"
        with connection._nodb_cursor() as cursor:  # type: ignore[attr-defined]  # private Django API, not in django-stubs
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(empty)}")
            copy_of = f" TEMPLATE {quote(template)}" if template else ""
            cursor.execute(f"CREATE DATABASE {quote(empty)}{copy_of}")
    else:
        empty = str(tmp_path / "upgrade.sqlite3")
        # An in-memory SQLite test database lives only as long as its connection: keep that
        # one aside instead of closing it.
        stashed, connection.connection = connection.connection, None
    connection.close()
    settings_dict["NAME"] = empty
    # Content types are cached per database alias, and the alias stays "default".
    ContentType.objects.clear_cache()
    try:
        yield
    finally:
        connection.close()
        settings_dict["NAME"] = test_database
        ContentType.objects.clear_cache()
        if stashed is not None:
            connection.connection = stashed
        if connection.vendor == "postgresql":
            with connection._nodb_cursor() as cursor:  # type: ignore[attr-defined]  # private Django API, not in django-stubs
                cursor.execute(f"DROP DATABASE IF EXISTS {quote(empty)}")


def _migrate(targets: list[tuple[str, str | None]]) -> MigrationExecutor:
    # The executor builds its graph from disk and the applied rows when it is made.
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor


def _tables() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def _seed() -> None:
    org = f.OrganisationFactory()
    project = f.ProjectFactory()
    f.PartnershipFactory(project=project, organisation=org)
    group = f.WorkingGroupFactory(organisation=org)
    f.MembershipFactory.create_batch(3, working_group=group)
    f.ActivityFactory(project=project, published=True)
    f.GrantFactory(grantee=org)
    f.PlanActionFactory(plan=f.JointPlanFactory(working_group=group))


def _step_back_each_newest_migration(leaves: list[tuple[str, str]]) -> list[str]:
    """Step back each latest migration that nothing else depends on, then forward again: the
    newest migrations must apply over existing rows."""
    executor = MigrationExecutor(connection)
    stepped = []
    for app, name in [node for node in leaves if node[0] in LOCAL_APPS]:
        node = executor.loader.graph.node_map[(app, name)]
        parents = [p.key for p in node.parents if p.key[0] == app]
        if not parents:
            continue
        plan = executor.migration_plan([parents[0]])
        if [(m.app_label, m.name) for m, _backwards in plan] == [(app, name)]:
            _migrate([parents[0]])
            executor = _migrate(leaves)
            stepped.append(name)
    return stepped


def _write_rows_before_the_move(executor: MigrationExecutor) -> dict[str, Any]:
    # contenttypes 0002 is named too: the state holds only the ancestors of the nodes given.
    old = executor.loader.project_state(
        [*BEFORE_MOVE, ("contenttypes", "0002_remove_content_type_name")]
    ).apps
    # The historical models of the pre-move state: what the old code wrote.
    Region = old.get_model("communities", "Region")
    Community = old.get_model("communities", "Community")
    OldProject = old.get_model("projects", "Project")
    OldActivity = old.get_model("projects", "Activity")
    OldPhoto = old.get_model("projects", "ActivityPhoto")
    OldProjectCommunity = old.get_model("projects", "ProjectCommunity")
    OldContentType = old.get_model("contenttypes", "ContentType")

    region = Region.objects.create(code="KG-C", kind="oblast", country="KG", name_en="Chüy")
    community = Community.objects.create(
        region=region, kind="village", country="KG", name_en="Ivanovka"
    )
    project = OldProject.objects.create(slug="upgrade", title_en="Upgrade", is_public=True)
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
    return {"activity": activity.pk, "content_type": old_type.pk}


def _write_rows_before_covered_communities(executor: MigrationExecutor) -> dict[str, Any]:
    old = executor.loader.project_state(AFTER_MOVE).apps
    Region = old.get_model("communities", "Region")
    Community = old.get_model("communities", "Community")
    Organisation = old.get_model("projects", "Organisation")
    Group = old.get_model("communities", "WorkingGroup")
    OldMember = old.get_model("communities", "Membership")
    Plan = old.get_model("communities", "JointPlan")
    Action = old.get_model("communities", "PlanAction")
    OldContribution = old.get_model("communities", "Contribution")
    # The region the move's rows were written in.
    region = Region.objects.get(code="KG-C")
    community = Community.objects.create(
        region=region, kind="ayil_aimak", name_en="Kok-Jar", soate_code="41708000000001"
    )
    organisation = Organisation.objects.create(slug="ngo", name_en="NGO")
    group = Group.objects.create(community=community, organisation=organisation, name="Old")
    OldMember.objects.create(working_group=group, full_name="Aigul", sector="activist")
    plan = Plan.objects.create(
        community=community,
        working_group=group,
        title_en="Plan",
        period_start="2020-01-01",
        period_end="2020-12-31",
    )
    action = Action.objects.create(plan=plan, description_en="Lights")
    OldContribution.objects.create(
        action=action, source_type="local_budget", amount=5, currency="KGS", date="2020-02-01"
    )
    return {"group": group.pk, "community": community.pk, "action": action.pk}


def _journey_key() -> str:
    """What the upgraded database depends on: the migrations and Django (the test template's
    key) and the code here that writes the old rows and checks them between the steps."""
    digest = hashlib.sha256(db_template.migrations_key().encode())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:20]


def _upgrade_from_empty() -> dict[str, Any]:
    """Steps 1 to 3 on the connection's empty database, checked as they go: the ids of the
    rows older code wrote."""
    assert _tables() == set()
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()

    # 1. From zero to just before the activity log moved (Django's own apps and core as
    # they are now, as the old database had them), write what the old code wrote, and move
    # it.
    others = [node for node in leaves if node[0] not in LOCAL_APPS]
    moved_rows = _write_rows_before_the_move(_migrate([*BEFORE_MOVE, *others]))
    executor = _migrate(AFTER_MOVE)

    # 2. Groups recorded against one community, then the upgrade to covered communities.
    cycle_rows = _write_rows_before_covered_communities(executor)
    executor = _migrate(AFTER_CYCLE)
    # The models as they stand right after this migration: later ones add columns.
    new = executor.loader.project_state(AFTER_CYCLE).apps
    NewGroup = new.get_model("communities", "WorkingGroup")
    NewMember = new.get_model("communities", "Membership")
    NewContribution = new.get_model("communities", "Contribution")
    upgraded = NewGroup.objects.get(pk=cycle_rows["group"])
    assert list(upgraded.communities.values_list("pk", flat=True)) == [cycle_rows["community"]]
    member = NewMember.objects.get(working_group=upgraded)
    assert (member.full_name, member.body, member.replaced_by) == ("Aigul", "", None)
    contribution = NewContribution.objects.get()
    assert contribution.action_id == cycle_rows["action"] and contribution.kind == "cash"
    assert contribution.plan_id is None and contribution.project_id is None

    # 3. The rest of the way, to the schema every test database has.
    _migrate(leaves)
    assert MigrationExecutor(connection).migration_plan(leaves) == []
    return {**moved_rows, **cycle_rows}


def _upgraded_from_template(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """The connection on a copy of the upgraded database built once per journey key (by this
    run, or by an earlier one); yields the ids of the rows older code wrote."""
    quote = connection.ops.quote_name
    name = f"{JOURNEY_PREFIX}{_journey_key()}"
    with connection._nodb_cursor() as cursor:  # type: ignore[attr-defined]

        def build(building: str) -> None:
            with db_template.connected_to(building):
                rows = _upgrade_from_empty()
            # The date first, as on the test templates (_drop_stale_templates reads it).
            comment = f"{db_template.BUILT}{int(time.time())} {json.dumps(rows)}"
            cursor.execute(f"COMMENT ON DATABASE {quote(building)} IS %s", [comment])

        db_template.build_database_once(
            cursor,
            name=name,
            lock=JOURNEY_LOCK,
            build=build,
            after_build=lambda: db_template._drop_stale_templates(
                cursor, keep=name, quote_name=quote, prefix=JOURNEY_PREFIX
            ),
            # One lock for every journey, as for the test templates: a build drops the
            # leftovers of others, which must not be a build in progress.
            lock_scope=JOURNEY_PREFIX,
        )
        cursor.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [name],
        )
        (comment,) = cursor.fetchone()
    rows = json.loads(comment.removeprefix(db_template.BUILT).split(" ", 1)[1])
    with _empty_database(tmp_path, template=name):
        yield rows


@contextmanager
def _upgraded_database(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """The connection on a database upgraded from empty (steps 1 to 3), its own to change;
    yields the ids of the rows older code wrote."""
    if connection.vendor == "postgresql" and os.environ.get("TEST_DB_TEMPLATE") != "off":
        yield from _upgraded_from_template(tmp_path)
        return
    with _empty_database(tmp_path):
        yield _upgrade_from_empty()


# The journey runs on a database of its own, so a time-out leaves the worker's test database
# as it was; forward-only it takes under a minute on an idle machine and several on a loaded one.
# It needs no test database, so it asks for none (no django_db mark, only the blocker): on a
# fresh cluster it then runs beside the other worker's build of the migrated template
# (tests/db_template.py, the same minute of state rendering) instead of waiting for it first.
@pytest.mark.timeout(1200)
def test_migrations_from_empty_upgrade_rows_written_by_older_code(
    tmp_path: Path, django_db_blocker: Any
) -> None:
    with django_db_blocker.unblock(), _upgraded_database(tmp_path) as rows:
        leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
        assert MigrationExecutor(connection).migration_plan(leaves) == []

        # The rows written before the move, read through communities.models.
        moved = Activity.objects.get(pk=rows["activity"])
        assert moved.title_en == "Village meeting"
        assert moved.project.slug == "upgrade"
        assert list(moved.communities.values_list("name_en", flat=True)) == ["Ivanovka"]
        assert list(Activity.objects.published()) == [moved]
        photo = ActivityPhoto.objects.get(activity=moved)
        assert photo.image.name == "activities/2026/03/photo.jpg"
        assert ProjectCommunity.objects.get(project__slug="upgrade").community.name_en == "Ivanovka"
        # Same content type row, relabelled: permissions and admin log entries keep pointing
        # at it.
        ContentType.objects.clear_cache()
        assert ContentType.objects.get_for_model(Activity).pk == rows["content_type"]
        assert not ContentType.objects.filter(app_label="projects", model="activity").exists()

        # The migrated schema takes new rows, constraints and all.
        assert {m._meta.db_table for m in apps.get_app_config("grants").get_models()} <= _tables()
        _seed()
        assert Grant.objects.count() == 1
        counts = (Project.objects.count(), Membership.objects.count(), Activity.objects.count())
        assert counts == (2, 4, 2)

        # 4. The newest migrations step back and apply again over existing rows.
        assert _step_back_each_newest_migration(leaves)
        assert (Project.objects.count(), Membership.objects.count(), Activity.objects.count()) == (
            counts
        )


def test_every_migration_declares_how_to_unapply_it() -> None:
    # Unapplying every migration down to zero over rows costs minutes of state rendering, so
    # the journey above steps back only the newest ones; that every older one can be stepped
    # back too (Django refuses an operation without a reverse) is checked here, on the files.
    loader = MigrationLoader(None, ignore_no_migrations=True)
    irreversible = [
        f"{app}.{name}: {operation.describe()}"
        for (app, name), migration in sorted(loader.disk_migrations.items())
        if app in (*LOCAL_APPS, "core")
        for operation in migration.operations
        if not operation.reversible
    ]
    assert irreversible == []
