"""Migrations run forward over existing rows, back to zero and forward again; destructive
operations must carry an explicit `# destructive:` note in their file."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection, migrations
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from tests import factories as f

LOCAL_APPS = ("projects", "communities", "grants", "reports")


def _leaves(executor: MigrationExecutor) -> list[tuple[str, str]]:
    return executor.loader.graph.leaf_nodes()


def _migrate(targets: list[tuple[str, str | None]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


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


@pytest.mark.django_db(transaction=True)
def test_migrations_run_forward_over_data_then_back_to_zero_and_forward_again() -> None:
    from communities.models import Membership
    from grants.models import Grant
    from projects.models import Project

    _seed()
    executor = MigrationExecutor(connection)
    leaves = _leaves(executor)
    local_leaves = [node for node in leaves if node[0] in LOCAL_APPS]
    try:
        # Step back each latest migration that nothing else depends on, then forward
        # again: the newest migrations must apply over existing rows.
        stepped = []
        for app, name in local_leaves:
            node = executor.loader.graph.node_map[(app, name)]
            parents = [p.key for p in node.parents if p.key[0] == app]
            if not parents:
                continue
            plan = executor.migration_plan([parents[0]])
            if [(m.app_label, m.name) for m, _backwards in plan] == [(app, name)]:
                _migrate([parents[0]])
                _migrate(leaves)
                stepped.append(name)
        assert Project.objects.count() == 1
        assert Membership.objects.count() == 3

        # Everything back to zero: every local table is gone.
        _migrate([(app, None) for app in LOCAL_APPS])
        remaining = {t for t in _tables() if t.split("_", 1)[0] in LOCAL_APPS and "_" in t}
        assert remaining == set()
    finally:
        # Whatever happened above, leave the schema complete for the tests that follow.
        _migrate(leaves)

    assert {m._meta.db_table for m in apps.get_app_config("grants").get_models()} <= _tables()
    # The re-created schema takes new rows, constraints and all.
    _seed()
    assert Grant.objects.count() == 1


# Operations that lose data or can fail on existing rows when applied.
_DESTRUCTIVE = (migrations.RemoveField, migrations.DeleteModel)


def destructive_operations(loader: MigrationLoader, app: str, name: str) -> list[str]:
    """Describe each operation of a migration that can destroy or reject existing data."""
    migration = loader.disk_migrations[(app, name)]
    state = loader.project_state((app, name), at_end=False)
    found = []
    for operation in migration.operations:
        if isinstance(operation, _DESTRUCTIVE):
            found.append(operation.describe())
        elif isinstance(operation, migrations.AlterField):
            model_state = state.models.get((app, operation.model_name_lower))
            old = model_state.fields.get(operation.name) if model_state else None
            if old is not None and old.null and not operation.field.null:
                found.append(f"{operation.describe()} (nullable to NOT NULL)")
        elif isinstance(operation, migrations.RunPython | migrations.RunSQL) and not (
            operation.reversible
        ):
            found.append(f"{operation.describe()} (irreversible)")
        operation.state_forwards(app, state)
    return found


def test_destructive_migrations_carry_an_explicit_note() -> None:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    unnoted = []
    for app, name in sorted(loader.disk_migrations):
        if app not in LOCAL_APPS:
            continue
        found = destructive_operations(loader, app, name)
        if not found:
            continue
        source = Path(inspect.getfile(type(loader.disk_migrations[(app, name)]))).read_text()
        if "# destructive:" not in source:
            unnoted.append(f"{app}.{name}: {found}")
    assert unnoted == [], (
        "Add a '# destructive: <why it is safe, what the backup/rollback plan is>' comment "
        f"to: {unnoted}"
    )


def test_the_destructive_scan_recognises_removed_fields_and_new_not_null() -> None:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    leaf = next(n for n in loader.graph.leaf_nodes() if n[0] == "projects")

    class Migration(migrations.Migration):
        dependencies = [leaf]
        operations = [
            migrations.AlterField(
                "project",
                "budget",
                field=__import__("django").db.models.DecimalField(max_digits=16, decimal_places=2),
            ),
            migrations.RemoveField("project", "source_note"),
            migrations.RunPython(lambda apps, schema_editor: None),
        ]

    loader.disk_migrations[("projects", "9999_probe")] = Migration("9999_probe", "projects")
    loader.graph.add_node(
        ("projects", "9999_probe"), loader.disk_migrations[("projects", "9999_probe")]
    )
    loader.graph.add_dependency("probe", ("projects", "9999_probe"), leaf)
    found = destructive_operations(loader, "projects", "9999_probe")
    assert len(found) == 3, found
