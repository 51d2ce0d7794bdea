"""What public pages show about working groups and joint plans in a place or a project:
counts, sectors and co-financing, never names (split from communities/selectors.py, which
keeps the reads of the records themselves)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    Count,
    F,
    Q,
    QuerySet,
    Sum,
    Value,
    Window,
)
from django.utils import timezone

from communities.models import (
    ContributionSource,
    JointPlan,
    PlanCofinancing,
    Sector,
    WorkingGroupTotals,
)
from communities.selectors import plans_with_progress
from communities.summary_services import working_group_totals_rows
from core.small_numbers import PublicCount, public_breakdown, public_count


@dataclass
class WorkingGroupSummary:
    """Counts and sectors only: names of groups and members are never public."""

    groups: int = 0
    members: int = 0
    women: int = 0
    men: int = 0
    sectors: list[tuple[str, int]] = field(default_factory=list)

    # What public pages show: members are people, so small counts are hidden
    # (core.small_numbers); sectors add up to the member total shown beside them.
    @property
    def public_members(self) -> PublicCount:
        return public_count(self.members)

    @property
    def public_women(self) -> PublicCount:
        return public_count(self.women)

    @property
    def public_sectors(self) -> list[tuple[str, PublicCount]]:
        cells = public_breakdown([count for _label, count in self.sectors], total_shown=True)
        return [(label, cell) for (label, _count), cell in zip(self.sectors, cells, strict=True)]

    @property
    def public_sector_max(self) -> int:
        # Bar widths are drawn against the largest visible count: against a hidden one
        # they would give it back.
        return max((c for _l, c in self.public_sectors if isinstance(c, int)), default=0)


def _sector_count_sql(vendor: str) -> str:
    # One sector's count out of a group's ``sectors`` object, as an integer (null when the
    # group has nobody in that sector); the key is a parameter.
    if vendor == "postgresql":
        return "CAST(totals.sectors ->> %s AS integer)"
    return "CAST(json_extract(totals.sectors, %s) AS integer)"


def working_group_summary(groups: QuerySet[Any]) -> WorkingGroupSummary:
    """The groups' count and their current members by sex and sector, adding up each group's
    member counts kept on write (``WorkingGroupTotals``): one row per group where adding up
    the members read every seat of a country's groups (44 ms for Kyrgyzstan's 17,000
    members at scale 10, growing with them).

    One statement, written out: the groups (``groups``, compiled by the ORM) joined to their
    counts and summed by the database, a column per sector. Summed in Python, decoding each
    group's counts cost as much as the members query had; as an ORM aggregate, building
    its fourteen filtered sums cost 13 ms for a single project's groups."""
    today = timezone.localdate()
    try:
        groups_sql, groups_params = (
            groups.order_by().values(chosen_id=F("pk")).query.sql_with_params()
        )
    except EmptyResultSet:  # no group can match (``WorkingGroup.objects.none()``)
        return WorkingGroupSummary()
    # A row holds from the day it was counted until the first leaving date it counted.
    holds = "totals.counted_on <= %s AND (totals.valid_until IS NULL OR totals.valid_until > %s)"
    sector_sql = _sector_count_sql(connection.vendor)
    sector_keys = [
        value if connection.vendor == "postgresql" else f'$."{value}"' for value in Sector.values
    ]
    sector_sums = "".join(
        f", SUM(CASE WHEN {holds} THEN {sector_sql} END)" for _value in Sector.values
    )
    table = WorkingGroupTotals._meta.db_table
    statement = (
        "SELECT COUNT(*), "  # noqa: S608  # table and column names only; values are parameters
        f"SUM(CASE WHEN totals.working_group_id IS NOT NULL AND NOT ({holds}) THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN {holds} THEN totals.members END), "
        f"SUM(CASE WHEN {holds} THEN totals.women END), "
        f"SUM(CASE WHEN {holds} THEN totals.men END)"
        f"{sector_sums} "
        f"FROM ({groups_sql}) AS chosen LEFT JOIN {table} AS totals "
        "ON totals.working_group_id = chosen.chosen_id"
    )
    day: list[Any] = [today, today]
    params = [*day, *day, *day, *day]
    for key in sector_keys:
        params += [*day, key]
    with connection.cursor() as cursor:
        cursor.execute(statement, [*params, *groups_params])
        found = cursor.fetchone()
    group_count, ran_out, members, women, men, *by_sector_found = found
    summary = WorkingGroupSummary(
        groups=group_count, members=members or 0, women=women or 0, men=men or 0
    )
    by_sector = Counter(
        {value: count or 0 for value, count in zip(Sector.values, by_sector_found, strict=True)}
    )
    if ran_out:
        # A leaving date has come since these groups' seats were last written (or the row
        # is from a later day): their members are counted again, from the seats.
        stale = groups.filter(
            Q(member_totals__counted_on__gt=today) | Q(member_totals__valid_until__lte=today)
        )
        for recounted in working_group_totals_rows(stale.order_by().values_list("pk", flat=True)):
            summary.members += recounted.members
            summary.women += recounted.women
            summary.men += recounted.men
            by_sector.update(recounted.sectors)
    labels = dict(Sector.choices)
    # Largest first, ties by the stored value, as the members query used to order them.
    for sector, total in sorted(by_sector.items(), key=lambda pair: (-pair[1], pair[0])):
        if total:
            summary.sectors.append((str(labels.get(sector, sector)), total))
    return summary


@dataclass
class PlanSummary:
    plans: int = 0
    actions_total: int = 0
    actions_done: int = 0
    # (source label, [(currency, received, pledged)])
    cofinancing: list[tuple[str, list[tuple[str, Decimal, Decimal]]]] = field(default_factory=list)

    @property
    def percent_done(self) -> int:
        if not self.actions_total:
            return 0
        return round(100 * self.actions_done / self.actions_total)


def plan_summary(
    plans: QuerySet[Any], *, counts: tuple[int, int, int] | None = None
) -> PlanSummary:
    """Actions done out of total and co-financing by source for a set of public plans.
    Cancelled actions are left out of the total: they will never be done.

    Read from the plan summaries kept on write (``communities.summary_services``): one row
    per plan and one per plan, source and currency, where adding up the actions and
    contributions themselves read every one of a country's (0.3-0.4 s for Kyrgyzstan at
    scale 10). ``counts`` (plans, actions, actions done), when the caller read them
    already, spare the query that adds them up (``listed_plans_with_summary``)."""
    # The plans are matched by id so a join in ``plans`` can never count a plan twice.
    plan_ids = plans.order_by().values("pk")
    # Money for single actions and for plans as a whole ("14 million soms from local
    # budgets" towards the plan), never counted twice.
    money = (
        PlanCofinancing.objects.filter(plan__in=plan_ids)
        .values("source_type", "currency")
        .annotate(received=Sum("received"), pledged=Sum("pledged"))
        .order_by()
    )
    rows: list[dict[str, Any]]
    if counts is None:
        counts, rows = _plan_counts_and_money(plan_ids, money)
    else:
        rows = [dict(row) for row in money.order_by("source_type", "currency")]
    summary = PlanSummary(plans=counts[0], actions_total=counts[1], actions_done=counts[2])
    by_source: dict[str, list[tuple[str, Decimal, Decimal]]] = defaultdict(list)
    for row in rows:
        by_source[row["source_type"]].append(
            (row["currency"], row["received"] or Decimal(0), row["pledged"] or Decimal(0))
        )
    for value, label in ContributionSource.choices:
        if value in by_source:
            summary.cofinancing.append((str(label), by_source[value]))
    return summary


def _plan_counts_and_money(
    plan_ids: QuerySet[Any], money: QuerySet[Any]
) -> tuple[tuple[int, int, int], list[dict[str, Any]]]:
    """The plan and action counts and the co-financing rows by source and currency in one
    statement: the counts (one row, an aggregate with no grouping) joined to every money
    row, so they come back even when no plan has any co-financing."""
    totals = (
        JointPlan.objects.filter(pk__in=plan_ids)
        .order_by()
        # A constant to group by is no grouping at all: one row of totals.
        .annotate(every_plan=Value(1))
        .values("every_plan")
        .annotate(
            plans=Count("pk"),
            total=Sum("totals__actions_total"),
            done=Sum("totals__actions_done"),
        )
        .values("plans", "total", "done")
    )
    money_compiler = money.query.get_compiler(using=money.db)
    try:
        totals_sql, totals_params = totals.query.sql_with_params()
        money_sql, money_params = money_compiler.as_sql()
    except EmptyResultSet:  # no plan can match (``JointPlan.objects.none()``)
        return (0, 0, 0), []
    statement = (
        "SELECT totals.plans, totals.total, totals.done, "  # noqa: S608
        "money.source_type, money.currency, money.received, money.pledged "
        f"FROM ({totals_sql}) AS totals LEFT JOIN ({money_sql}) AS money ON 1 = 1 "
        "ORDER BY money.source_type, money.currency"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, [*totals_params, *money_params])
        found = cursor.fetchall()
    plans, total, done = found[0][:3]
    counts = (plans, total or 0, done or 0)
    # A NULL source is the joined row of a set of plans with no co-financing at all. The
    # money columns go through the ORM's own converters, so the amounts are the Decimals
    # the queryset would have returned (SQLite hands back floats).
    money_rows = money_compiler.results_iter(
        results=[[row[3:] for row in found if row[3] is not None]], tuple_expected=True
    )
    rows = [
        {"source_type": source, "currency": currency, "received": received, "pledged": pledged}
        for source, currency, received, pledged in money_rows
    ]
    return counts, rows


def listed_plans_with_summary(
    plans: QuerySet[JointPlan], limit: int
) -> tuple[list[JointPlan], PlanSummary]:
    """The first ``limit`` plans with their progress (``plans_with_progress``) and the
    summary of all of them, the plan and action counts riding along in the list's query as
    windows over every plan: a place page evaluated the public-plans filter once more to
    add them up. ``plans`` must hold each plan once (no join to a many-valued relation)."""
    listed: list[JointPlan] = list(
        plans_with_progress(plans).annotate(
            plans_in_all=Window(Count("pk")),
            actions_in_all=Window(Sum("totals__actions_total")),
            done_in_all=Window(Sum("totals__actions_done")),
        )[:limit]
    )
    counts = (0, 0, 0)
    if listed:
        first: Any = listed[0]
        counts = (first.plans_in_all, first.actions_in_all or 0, first.done_in_all or 0)
    return listed, plan_summary(plans, counts=counts)
