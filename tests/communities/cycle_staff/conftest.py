"""Records the cycle staff-page tests share: two organisations' worlds (tests/staff/world.py),
a draft plan and pledges, built once per test module through ``module_db``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation

from communities.models import (
    ContributionState,
    PlanStatus,
)
from tests import factories as f
from tests.conftest import build_people
from tests.staff.world import World, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def shared_records(module_db):
    with module_db.unblock(), translation.override("en"):
        people = build_people()
        world = build_world(
            org=people.org,
            other_org=people.other_org,
            project=people.project,
            author=people.field_officer,
        )
        draft = f.JointPlanFactory(
            working_group=world.working_group,
            status=PlanStatus.DRAFT,
            approved_by="",
            approval_date=None,
            title_en="Draft plan",
        )
        pledge = f.ContributionFactory(
            action=world.action,
            state=ContributionState.PLEDGED,
            amount=Decimal("1000"),
            currency="KGS",
            date=dt.date(2024, 3, 1),
        )
        other_pledge = f.ContributionFactory(
            action=world.other_action, state=ContributionState.PLEDGED
        )
    return people, world, {"draft": draft, "pledge": pledge, "other_pledge": other_pledge}


@pytest.fixture
def everything(records):
    return records


@pytest.fixture
def world(records) -> World:
    return records[1]


@pytest.fixture
def extra(records) -> dict[str, Any]:
    return records[2]


@pytest.fixture
def people(records):
    return records[0]
