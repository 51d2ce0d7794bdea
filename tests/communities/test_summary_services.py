"""The plan summaries kept on write give the same figures as adding up the actions and
contributions themselves, whatever the writes were, and a rebuild gives the same rows."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import translation

from communities.models import (
    ActionStatus,
    Contribution,
    ContributionSource,
    ContributionState,
    JointPlan,
    PlanAction,
    PlanCofinancing,
    PlanTotals,
)
from communities.summary_selectors import PlanSummary, plan_summary
from communities.summary_services import plan_totals_rebuild, plan_totals_refresh
from core.choices import Currency
from tests import factories as f

pytestmark = pytest.mark.django_db


def _raw_plan_summary(plans: QuerySet[Any]) -> PlanSummary:
    """The figures as plan_summary() computed them before the summaries: from every action
    and contribution of the plans."""
    actions = PlanAction.objects.filter(plan__in=plans).exclude(status=ActionStatus.CANCELLED)
    counts = JointPlan.objects.filter(pk__in=plans.order_by().values("pk")).aggregate(
        plans=Count("pk", distinct=True),
        total=Count("actions__id", filter=~Q(actions__status=ActionStatus.CANCELLED)),
        done=Count("actions__id", filter=Q(actions__status=ActionStatus.DONE)),
    )
    summary = PlanSummary(
        plans=counts["plans"], actions_total=counts["total"], actions_done=counts["done"]
    )
    rows = (
        Contribution.objects.filter(
            Q(action__in=actions.values("pk")) | Q(plan__in=plans.order_by().values("pk"))
        )
        .values("source_type", "currency")
        .annotate(
            received=Sum("amount", filter=Q(state="received")),
            pledged=Sum("amount", filter=Q(state="pledged")),
        )
        .order_by("source_type", "currency")
    )
    by_source: dict[str, list[tuple[str, Decimal, Decimal]]] = defaultdict(list)
    for row in rows:
        by_source[row["source_type"]].append(
            (row["currency"], row["received"] or Decimal(0), row["pledged"] or Decimal(0))
        )
    for value, label in ContributionSource.choices:
        if value in by_source:
            summary.cofinancing.append((str(label), by_source[value]))
    return summary


def _stored_rows() -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    totals = list(
        PlanTotals.objects.order_by("plan_id").values_list(
            "plan_id", "actions_total", "actions_done", "received_usd"
        )
    )
    cofinancing = list(
        PlanCofinancing.objects.order_by("plan_id", "source_type", "currency").values_list(
            "plan_id",
            "source_type",
            "currency",
            "received",
            "pledged",
            "received_usd",
            "pledged_usd",
            "unconverted",
        )
    )
    return totals, cofinancing


def _status(rng: random.Random) -> dict[str, Any]:
    status = rng.choice(ActionStatus.values)
    return {
        "status": status,
        "completed_on": dt.date(2022, 5, 1) if status == ActionStatus.DONE else None,
    }


def _random_contribution(
    rng: random.Random, plans: list[JointPlan], actions: list[PlanAction]
) -> Contribution:
    on_action = rng.random() < 0.7
    return f.ContributionFactory(
        action=rng.choice(actions) if on_action else None,
        plan=None if on_action else rng.choice(plans),
        source_type=rng.choice(ContributionSource.values),
        currency=rng.choice([Currency.KGS, Currency.TJS, Currency.USD]),
        state=rng.choice(ContributionState.values),
        amount=Decimal(rng.randint(1, 10_000_000)) / 100,
        date=dt.date(2022, rng.randint(1, 12), 1),
    )


def test_summaries_give_the_raw_figures_after_random_writes_and_a_rebuild_the_same_rows() -> None:
    rng = random.Random(19)
    f.ExchangeRateFactory(currency=Currency.KGS, date=dt.date(2022, 6, 1))
    plans = [f.JointPlanFactory() for _ in range(4)]
    actions = [f.PlanActionFactory(plan=rng.choice(plans), **_status(rng)) for _ in range(12)]
    contributions = [_random_contribution(rng, plans, actions) for _ in range(40)]
    # Then the writes staff make: statuses change (cancelled and back), pledges arrive,
    # a contribution moves to another target, an action to another plan, some are deleted.
    for action in rng.sample(actions, 6):
        for name, value in _status(rng).items():
            setattr(action, name, value)
        action.save()
    for contribution in rng.sample(contributions, 10):
        contribution.state = ContributionState.RECEIVED
        contribution.amount += Decimal(1)
        contribution.save()
    moved = next(c for c in contributions if c.action_id is not None)
    moved.action, moved.plan = None, next(p for p in plans if p.pk != moved.action.plan_id)
    moved.save()
    mover = actions[0]
    mover.plan = next(p for p in plans if p.pk != mover.plan_id)
    mover.save()
    for contribution in rng.sample(contributions, 5):
        contribution.delete()
    f.ContributionFactory(action=None, project=f.ProjectFactory())  # a project's: no plan's

    everything = JointPlan.objects.all()
    for subset in (everything, JointPlan.objects.filter(pk__in=[p.pk for p in plans[:2]])):
        assert plan_summary(subset) == _raw_plan_summary(subset)
    # Some co-financing and actions of each kind took part.
    summary = plan_summary(everything)
    assert summary.actions_total and summary.actions_done and len(summary.cofinancing) > 2
    assert _stored_received_usd() == _raw_received_usd()
    kept = _stored_rows()
    assert plan_totals_rebuild() == len(plans)
    assert _stored_rows() == kept


def _raw_received_usd() -> dict[int, Decimal]:
    """Each plan's received dollars from its contributions, cancelled actions included
    (plans whose received money has no dollar amount are left out)."""
    totals: dict[int, Decimal] = defaultdict(Decimal)
    received = Contribution.objects.filter(state=ContributionState.RECEIVED, project=None)
    for contribution in received.select_related("action"):
        plan_id = contribution.plan_id or contribution.action.plan_id
        if contribution.amount_usd is not None:
            totals[plan_id] += contribution.amount_usd
    return dict(totals)


def _stored_received_usd() -> dict[int, Decimal]:
    return dict(
        PlanTotals.objects.exclude(received_usd=None).values_list("plan_id", "received_usd")
    )


DAY = dt.date(2031, 3, 1)


def test_received_dollars_per_plan_follow_every_kind_of_write() -> None:
    # Rates and contributions in a year of their own: rates of the shared records' days
    # would be reused by the factory (get_or_create) and change the sums.
    f.ExchangeRateFactory(currency=Currency.KGS, date=dt.date(2031, 1, 1), rate_to_usd="0.01")
    plan = f.JointPlanFactory()
    other = f.JointPlanFactory()
    action = f.PlanActionFactory(plan=plan)
    # Created: to an action, to the plan as a whole (no action: the plan gets a row), in
    # dollars, and one pledged (not received).
    on_action = f.ContributionFactory(action=action, amount=Decimal(1000), date=DAY)
    f.ContributionFactory(action=None, plan=other, amount=Decimal(500), date=DAY)
    f.ContributionFactory(action=action, currency=Currency.USD, amount=Decimal(7), date=DAY)
    f.ContributionFactory(
        action=action, state=ContributionState.PLEDGED, amount=Decimal(99), date=DAY
    )
    assert PlanTotals.objects.get(plan=plan).received_usd == Decimal("17.00")
    assert PlanTotals.objects.get(plan=other).received_usd == Decimal("5.00")

    # Updated: a cancelled action's money still counts here (the headline always counted it).
    action.status = ActionStatus.CANCELLED
    action.save()
    on_action.amount = Decimal(2000)
    on_action.save()
    assert PlanTotals.objects.get(plan=plan).received_usd == Decimal("27.00")
    # Moved to the other plan, then its currency changed.
    on_action.action, on_action.plan = None, other
    on_action.currency = Currency.USD
    on_action.save()
    assert PlanTotals.objects.get(plan=plan).received_usd == Decimal("7.00")
    assert PlanTotals.objects.get(plan=other).received_usd == Decimal("2005.00")
    # A new rate re-converts every contribution in that currency.
    f.ExchangeRateFactory(currency=Currency.KGS, date=dt.date(2031, 2, 1), rate_to_usd="0.02")
    assert PlanTotals.objects.get(plan=other).received_usd == Decimal("2010.00")
    # Deleted.
    on_action.delete()
    assert PlanTotals.objects.get(plan=other).received_usd == Decimal("10.00")
    assert _stored_received_usd() == _raw_received_usd()


def test_a_plan_with_no_action_or_money_counts_as_a_plan_with_nothing() -> None:
    plan = f.JointPlanFactory()
    summary = plan_summary(JointPlan.objects.filter(pk=plan.pk))
    assert summary == PlanSummary(plans=1, actions_total=0, actions_done=0, cofinancing=[])
    assert summary == _raw_plan_summary(JointPlan.objects.filter(pk=plan.pk))


def test_cancelling_an_action_takes_it_and_its_money_out_of_the_summary() -> None:
    action = f.PlanActionFactory()
    f.ContributionFactory(action=action, amount=Decimal(700))
    plans = JointPlan.objects.filter(pk=action.plan_id)
    with translation.override("en"):
        cofinancing = plan_summary(plans).cofinancing
    assert cofinancing == [("Local budget", [("KGS", Decimal("700.00"), Decimal(0))])]

    action.status = ActionStatus.CANCELLED
    action.save()

    assert plan_summary(plans) == PlanSummary(plans=1, actions_total=0, cofinancing=[])


def test_a_new_exchange_rate_reaches_the_summaries_dollar_sums() -> None:
    contribution = f.ContributionFactory(amount=Decimal(1000), date=dt.date(2022, 3, 1))
    row = PlanCofinancing.objects.get(plan=contribution.action.plan)
    assert (row.received_usd, row.unconverted) == (None, 1)

    f.ExchangeRateFactory(currency=Currency.KGS, date=dt.date(2022, 1, 1), rate_to_usd="0.0115")

    row = PlanCofinancing.objects.get(plan=contribution.action.plan)
    assert (row.received, row.received_usd, row.unconverted) == (
        Decimal("1000.00"),
        Decimal("11.50"),
        0,
    )


def test_refreshing_a_plan_takes_a_fixed_number_of_queries(
    django_assert_num_queries: Any,
) -> None:
    plan = f.JointPlanFactory()
    for _ in range(5):
        f.ContributionFactory(action=f.PlanActionFactory(plan=plan))
    # Lock, two deletes, five reads (actions; received dollars to the plan, to its actions;
    # money by source to the plan, to its actions), two inserts, inside a savepoint:
    # whatever the number of actions and contributions.
    with django_assert_num_queries(12):
        plan_totals_refresh(plan_ids=[plan.pk, None])
    assert PlanTotals.objects.get(plan=plan).actions_total == 5


def test_rebuild_summaries_command_restores_rows_lost_to_bulk_writes() -> None:
    contribution = f.ContributionFactory()
    PlanTotals.objects.all().delete()
    PlanCofinancing.objects.all().delete()
    plans = JointPlan.objects.filter(pk=contribution.action.plan_id)
    assert plan_summary(plans).actions_total == 0

    output = StringIO()
    call_command("rebuild_summaries", stdout=output)

    assert "1 plans" in output.getvalue()
    assert plan_summary(plans) == _raw_plan_summary(plans)
    assert plan_summary(plans).actions_total == 1
