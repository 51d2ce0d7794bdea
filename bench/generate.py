"""Fill the database with generated data for benchmarks: ``python bench/generate.py --scale N``.

Scale 1 is about 50 projects, 400 organisations, 5,000 activities, 500 grants, 300 working
groups (3,000 members, 6,000 meetings) and 300 joint plans (3,000 actions, 6,000
contributions); scale 100 is a hundred times that. Every record hangs off a real gazetteer
community, and dates, places and organisations agree with each other (an activity happens in
one of its project's target communities, within the project's dates), so the pages render
what they would render with real data. Each model family is written by its own module in
``bench/generation/``.

Speed matters more than convenience here: rows get explicit primary keys so nothing has to be
read back, and on PostgreSQL they go in through ``COPY``. simple-history rows are not written
(the generated records have no edit history). Generated records are marked: slugs, usernames
and references start with ``bench-`` and a marker organisation ``bench-marker`` exists. The
script refuses to touch a database holding anything else unless ``--force`` is given.

    .venv/bin/python bench/generate.py --scale 1 -v2     # DATABASE_URL picks the database
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __name__ == "__main__":
    # Run as a script, bench/ would come first on sys.path and bench/reports.py would shadow
    # the reports app: put the repository root there instead.
    ROOT = Path(__file__).resolve().parent.parent
    sys.path[0] = str(ROOT)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()

from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection, models, transaction

from bench.generation.constants import MARKER_SLUG, PREFIX
from bench.generation.rows_activities import activities_generate
from bench.generation.rows_grants import grants_generate
from bench.generation.rows_groups import working_groups_generate
from bench.generation.rows_organisations import organisations_generate, staff_generate
from bench.generation.rows_projects import projects_generate
from bench.generation.world import GenerationError, world_build
from communities import models as cm
from communities.contribution_services import contribution_amounts_refresh
from communities.summary_services import (
    activity_place_keys_rebuild,
    plan_totals_rebuild,
    working_group_totals_rebuild,
)
from core.search_index import rebuild as rebuild_search_index
from grants import models as gm
from projects import models as pm

# The model families in the order they are written: each points only at earlier ones.
FAMILIES = (
    organisations_generate,
    staff_generate,
    projects_generate,
    working_groups_generate,
    activities_generate,
    grants_generate,
)


def generated_models() -> list[type[models.Model]]:
    """Tables the generator writes, children first, so they can be emptied in this order."""
    return [
        cm.Activity.communities.through,
        cm.ActivityPhoto,
        cm.ActivityAttachment,
        cm.Activity,
        # Derived from the contributions and actions (communities.summary_services).
        cm.PlanCofinancing,
        cm.PlanTotals,
        cm.Contribution,
        cm.PlanAction.partners.through,
        cm.PlanAction.problems.through,
        cm.PlanAction,
        cm.JointPlan,
        cm.Meeting.members_present.through,
        cm.Meeting,
        cm.IdentifiedProblem,
        cm.Assessment,
        cm.WorkingGroup.projects.through,
        cm.WorkingGroup,
        cm.Membership,
        gm.GrantReport,
        gm.Disbursement,
        gm.Grant.communities.through,
        gm.Grant,
        gm.ReviewScore,
        gm.Review,
        gm.Application.communities.through,
        gm.Application,
        gm.ScoringCriterion,
        gm.GrantProgramme.funders.through,
        gm.GrantProgramme,
        cm.ProjectCommunity,
        pm.Partnership,
        pm.Project.themes.through,
        pm.Project,
        pm.StaffMembership,
        pm.Organisation,
    ]


def foreign_data() -> list[str]:
    """What in this database was not made by the generator."""
    user_model = get_user_model()
    checks: list[tuple[str, models.QuerySet[Any]]] = [
        ("organisations", pm.Organisation.objects.exclude(slug__startswith=PREFIX)),
        ("projects", pm.Project.objects.exclude(slug__startswith=PREFIX)),
        ("grant programmes", gm.GrantProgramme.objects.exclude(slug__startswith=PREFIX)),
        ("users", user_model.objects.exclude(username__startswith=PREFIX)),
    ]
    return [name for name, qs in checks if qs.exists()]


def empty_generated_tables(log: Callable[[str], None]) -> None:
    """Only called when every row in these tables is generated, so emptying them whole is
    safe and far faster than deleting row by row."""
    tables = [m._meta.db_table for m in generated_models()]
    user_model = get_user_model()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            derived, kept_links = _rows_depending_on_generated()
            # The gazetteer stays: its links to generated rows (a community's local
            # government) are cut, and the tables they point at are emptied with DELETE,
            # which PostgreSQL allows where TRUNCATE refuses any referenced table.
            for model, field in kept_links:
                table = connection.ops.quote_name(model._meta.db_table)
                column = connection.ops.quote_name(field.column)
                cursor.execute(f"UPDATE {table} SET {column} = NULL")  # noqa: S608
            linked = {field.related_model._meta.db_table for _model, field in kept_links}
            truncated = [t for t in tables if t not in linked]
            truncated += [m._meta.db_table for m in derived]
            names = ", ".join(connection.ops.quote_name(t) for t in truncated)
            # Checks still queued from earlier in an enclosing transaction block TRUNCATE.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            cursor.execute(f"TRUNCATE {names} RESTART IDENTITY")
            for table in tables:
                if table in linked:
                    cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608
            cursor.execute(
                f"DELETE FROM {connection.ops.quote_name(user_model._meta.db_table)} "  # noqa: S608
                "WHERE username LIKE %s",
                [PREFIX + "%"],
            )
        else:
            cursor.execute(f"UPDATE {cm.WorkingGroup._meta.db_table} SET chair_id = NULL")  # noqa: S608
            for table in tables:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608
            # Sessions and staff memberships of bench users go with them.
            user_model.objects.filter(username__startswith=PREFIX).delete()
    log("emptied previously generated data")


def _rows_depending_on_generated() -> tuple[
    list[type[models.Model]], list[tuple[type[models.Model], models.Field[Any, Any]]]
]:
    """Tables whose rows point, directly or through each other, at generated rows (plan
    revisions, project areas, results frameworks): they were derived from them and are
    emptied with them. The gazetteer and the users are kept; their links to generated rows
    are returned instead."""
    from django.apps import apps

    generated = set(generated_models())
    kept = {cm.Region, cm.District, cm.Community, get_user_model()}
    derived: list[type[models.Model]] = []
    kept_links: list[tuple[type[models.Model], models.Field[Any, Any]]] = []
    changed = True
    while changed:
        changed = False
        emptied = generated | set(derived)
        for model in apps.get_models(include_auto_created=True):
            if model in emptied or model._meta.proxy or not model._meta.managed:
                continue
            links = [
                field
                for field in model._meta.concrete_fields
                if field.is_relation
                and field.related_model in emptied
                and getattr(field, "db_constraint", True)
            ]
            if not links:
                continue
            if model in kept:
                kept_links += [(model, f) for f in links if (model, f) not in kept_links]
                continue
            derived.append(model)
            changed = True
    return derived, kept_links


def _is_superuser() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
    return bool(row and row[0])


def _refuse_foreign_data(*, force: bool, has_generated: bool) -> None:
    foreign = foreign_data()
    if foreign and not force:
        raise GenerationError(
            "This database holds records that were not generated for benchmarks "
            f"({', '.join(foreign)}). Use a dedicated database, or pass --force to add "
            "generated data next to them."
        )
    if foreign and has_generated:
        raise GenerationError(
            "This database holds both generated and other records; remove the generated "
            "ones (slugs starting with 'bench-') before generating again."
        )


def tidy_after_load(log: Callable[[str], None]) -> None:
    """Vacuum and analyse what was just loaded. Rows written and then updated leave a dead
    copy behind: every search document (inserted, then given its vectors: about 46,000 dead
    rows at scale 10, which doubled search p95 until vacuumed) and every contribution (its
    dollar amount is filled in afterwards: 1.2 million dead rows at scale 100)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        if connection.in_atomic_block:
            # VACUUM cannot run inside a transaction (the tests wrap each one in one).
            cursor.execute("ANALYZE")
            return
        cursor.execute("VACUUM (ANALYZE)")
    log("vacuumed and analysed")


def generate(
    *, scale: float, seed: int = 20260630, force: bool = False, log: Callable[[str], None]
) -> dict[str, int]:
    """Write every model family at this scale; returns the rows written per table."""
    if scale <= 0:
        raise GenerationError("--scale must be positive.")
    has_generated = pm.Organisation.objects.filter(slug=MARKER_SLUG).exists()
    _refuse_foreign_data(force=force, has_generated=has_generated)
    with transaction.atomic():
        if has_generated:
            empty_generated_tables(log)
        if connection.vendor == "postgresql" and scale > 1 and _is_superuser():
            # Above scale 1 the per-row foreign-key triggers cost more than the inserts.
            # The rows are written by the same code at every scale, and scale 1 and the
            # tests run with every constraint checked, so skipping the triggers here
            # (for this transaction only) loses no safety.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = replica")
            log("foreign-key triggers off for this transaction")
        world = world_build(scale=scale, seed=seed, log=log)
        for family in FAMILIES:
            family(world)
        written = [s.model for s in world.sinks]
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), written):
                cursor.execute(sql)
        # COPY skips the pre_save receiver that converts each contribution to US dollars.
        contribution_amounts_refresh()
        # ... and the receivers that keep the plan summaries (the refresh above rebuilt them
        # already; said again here so the generator does not depend on that).
        plans_summarised = plan_totals_rebuild()
        log(f"plan summaries: {plans_summarised} plans")
        # COPY skipped the receivers that keep each group's member counts too.
        log(f"member counts: {working_group_totals_rebuild()} working groups")
        # Replica mode skipped the triggers that copy each activity's news sort key onto its
        # links to communities (communities migration 0019).
        log(f"news sort keys: {activity_place_keys_rebuild()} links")
    # Rows went in without signals: the search documents are built once, for every record.
    indexed = rebuild_search_index()
    log(f"search documents: {indexed}")
    tidy_after_load(log)
    return {s.table: s.count for s in world.sinks if s.count}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=20260630)
    parser.add_argument(
        "--force",
        action="store_true",
        help="Add generated data to a database that also holds other records.",
    )
    parser.add_argument("-v", "--verbosity", type=int, default=1)
    args = parser.parse_args(argv)
    verbose = args.verbosity >= 2
    started = time.perf_counter()
    try:
        counts = generate(
            scale=args.scale,
            seed=args.seed,
            force=args.force,
            log=lambda message: print(message, flush=True) if verbose else None,
        )
    except GenerationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    total = sum(counts.values())
    elapsed = time.perf_counter() - started
    print(f"Generated {total:,} rows at scale {args.scale:g} in {elapsed:.1f}s")
    if verbose:
        for table, count in sorted(counts.items()):
            print(f"  {table}: {count:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
