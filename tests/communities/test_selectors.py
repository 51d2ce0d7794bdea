"""Public place reads: plan progress counted per listed plan."""

from __future__ import annotations

import datetime as dt

import pytest

from communities.models import ActionStatus, JointPlan
from communities.selectors import plans_with_progress
from tests import factories as f


@pytest.mark.django_db
def test_plans_with_progress_counts_live_and_done_actions_newest_plan_first() -> None:
    older = f.JointPlanFactory(period_start=dt.date(2021, 1, 1), period_end=dt.date(2021, 12, 31))
    newer = f.JointPlanFactory()
    f.PlanActionFactory(plan=older, status=ActionStatus.DONE, completed_on=dt.date(2021, 5, 1))
    f.PlanActionFactory(plan=older, status=ActionStatus.PLANNED)
    f.PlanActionFactory(plan=older, status=ActionStatus.CANCELLED)

    rows = list(plans_with_progress(JointPlan.objects.filter(pk__in=[older.pk, newer.pk])))

    assert [(plan.pk, plan.actions_done, plan.actions_total) for plan in rows] == [
        (newer.pk, 0, 0),
        (older.pk, 1, 2),
    ]
