"""Destructive migration operations must carry an explicit `# destructive:` note in their
file. The replay of the migrations over rows (from an empty database through two upgrades, then
the newest stepped back and forward) is tests/communities/test_migrations.py."""

from __future__ import annotations

import inspect
from pathlib import Path

from django.db import migrations
from django.db.migrations.loader import MigrationLoader

LOCAL_APPS = ("projects", "communities", "grants", "reports")


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
