"""Upgrading to working groups that cover several communities: every group recorded before
covers the community it was recorded against, and older seats and contributions stay valid."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from projects.models import Organisation

BEFORE = [("communities", "0004_activity_log_moved_from_projects")]
AFTER = [("communities", "0005_cycle_working_groups_plans_contributions")]

pytestmark = pytest.mark.migrations


def _migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def test_existing_groups_cover_their_community_after_the_upgrade(transactional_db: None) -> None:
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        executor = _migrate(BEFORE)
        old = executor.loader.project_state(BEFORE).apps
        Region = old.get_model("communities", "Region")
        Community = old.get_model("communities", "Community")
        Group = old.get_model("communities", "WorkingGroup")
        OldMember = old.get_model("communities", "Membership")
        Plan = old.get_model("communities", "JointPlan")
        Action = old.get_model("communities", "PlanAction")
        OldContribution = old.get_model("communities", "Contribution")
        region = Region.objects.create(code="KG-C", kind="oblast", country="KG", name_en="Chüy")
        community = Community.objects.create(
            region=region, kind="ayil_aimak", name_en="Kok-Jar", soate_code="41708000000001"
        )
        # projects stays at its latest migration: its table is written with today's model.
        organisation = Organisation.objects.create(slug="ngo", name_en="NGO")
        group = Group.objects.create(
            community=community, organisation_id=organisation.pk, name="Old"
        )
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
        executor = _migrate(AFTER)
        # The models as they stand right after this migration: later ones add columns.
        new = executor.loader.project_state(AFTER).apps
        NewGroup = new.get_model("communities", "WorkingGroup")
        NewMember = new.get_model("communities", "Membership")
        NewContribution = new.get_model("communities", "Contribution")
        upgraded = NewGroup.objects.get(pk=group.pk)
        assert list(upgraded.communities.values_list("pk", flat=True)) == [community.pk]
        member = NewMember.objects.get(working_group=upgraded)
        assert (member.full_name, member.body, member.replaced_by) == ("Aigul", "", None)
        contribution = NewContribution.objects.get()
        assert contribution.action_id == action.pk and contribution.kind == "cash"
        assert contribution.plan_id is None and contribution.project_id is None
    finally:
        _migrate(latest)
