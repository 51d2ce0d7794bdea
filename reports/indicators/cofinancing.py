"""Co-financing: contributions to plan actions, to joint plans as a whole and to whole
projects, pledged and received, by source and by currency, converted to the reporting
currency."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, ExpressionWrapper, F, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from communities.models import (
    Contribution,
    ContributionSource,
    ContributionState,
    PlanAction,
    PlanTotals,
)
from reports.indicators.cycle import scoped_plans
from reports.indicators.figures import Breakdown, Figure
from reports.indicators.money import MONEY, as_money, converted
from reports.indicators.scope import (
    IndicatorFilter,
    Rows,
    aggregate,
    in_period,
    project_ids,
    shared,
)


def scoped_contributions(filters: IndicatorFilter) -> QuerySet[Contribution]:
    plans = scoped_plans(filters).values("pk")
    # One contribution stays one row: the action is a to-one join, plans and projects are
    # subqueries. The action's plan is read through that join, not through a nested
    # ``action IN (actions of these plans)``: at scale 100 the public actions (264,000) no
    # longer fit a hashed subplan in work_mem, and PostgreSQL rescanned them for each of
    # 350,000 contributions (the home page's headline sum ran for over 15 minutes).
    target = Q(action__plan__in=plans) | Q(plan__in=plans)
    if not filters.has_place:
        # A contribution to a whole project has no place of its own: it counts only when
        # no place narrows the report.
        target |= Q(project__in=project_ids(filters))
    return Contribution.objects.filter(target).filter(in_period("date", filters))


def received_usd_total(filters: IndicatorFilter) -> Decimal | None:
    """US dollars received by the contributions in scope: the headline co-financing figure.

    Without a period it adds up the plans' summaries kept on write (``PlanTotals``, one row
    per plan) instead of every contribution (1.7 s over 600,000 of them at scale 100); only
    the contributions to whole projects, which have no plan, are read themselves, through
    their project index. A period needs each contribution's date: then the contributions."""
    sql, params = received_usd_sql(filters)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return row[0] if row else None


def received_usd_sql(filters: IndicatorFilter) -> tuple[str, list[Any]]:
    """``received_usd_total`` as one SELECT of one value and its parameters, to be run alone
    or as a scalar subquery beside other headline figures."""
    received = Q(state=ContributionState.RECEIVED)
    if filters.date_from or filters.date_to:
        dated = scoped_contributions(filters).filter(received).values(usd=F("amount_usd"))
        return _sum_of_usd(dated.order_by())
    # Each part without its model's default ordering and with its column named in the SQL:
    # SQLite refuses ORDER BY inside a compound statement and column lists on a subquery.
    amounts = (
        PlanTotals.objects.filter(plan__in=scoped_plans(filters).values("pk"))
        .values(usd=F("received_usd"))
        .order_by()
    )
    if not filters.has_place:
        # A contribution to a whole project has no place: it counts only without one.
        whole_projects = Contribution.objects.filter(received, project__in=project_ids(filters))
        amounts = amounts.union(whole_projects.values(usd=F("amount_usd")).order_by(), all=True)
    # One round trip, one sum (null only when every amount is, as the sum over every
    # contribution was): Django cannot aggregate over a union, so it is wrapped here. A
    # second query would take the home page past its budget of 12.
    return _sum_of_usd(amounts.order_by())


def _sum_of_usd(amounts: QuerySet) -> tuple[str, list[Any]]:
    try:
        sql, params = amounts.query.sql_with_params()
    except EmptyResultSet:
        # Nothing can match (no plan, no project in scope): the sum of no rows.
        return "SELECT NULL", []
    # The inner SQL is Django's own compilation, its values passed as parameters.
    return f"SELECT SUM(usd) FROM ({sql}) AS amounts", list(params)  # noqa: S608


@shared
def _cofinancing_groups(filters: IndicatorFilter, target: str) -> Rows:
    """Pledged and received per (source type, currency), converted and as recorded, in one
    pass over the contributions; the breakdowns add up these few groups."""
    if target == settings.REPORTING_CURRENCY:
        return _cofinancing_in_reporting_currency(filters)
    return list(_cofinancing_query(filters, target))


def _cofinancing_reporting_query(filters: IndicatorFilter) -> QuerySet:
    return _cofinancing_query(filters, settings.REPORTING_CURRENCY)


@aggregate(_cofinancing_reporting_query)
def _cofinancing_in_reporting_currency(filters: IndicatorFilter, rows: Rows) -> Rows:
    return rows


def _cofinancing_query(filters: IndicatorFilter, target: str) -> QuerySet:
    money = {"output_field": MONEY}
    pledged, received = Q(state=ContributionState.PLEDGED), Q(state=ContributionState.RECEIVED)
    # US dollars are stored on each contribution when it is saved; other targets convert.
    in_target = (
        F("amount_usd") if target == "USD" else converted("amount", "currency", "date", target)
    )
    parts = (
        _contributions_by_target(filters)
        if filters.project or filters.donor or filters.organisation_ids is not None
        else [scoped_contributions(filters)]
    )
    grouped = [
        part.annotate(converted=ExpressionWrapper(in_target, output_field=MONEY))
        .values("source_type", "currency")
        .annotate(
            pledged=Coalesce(Sum("converted", filter=pledged), Value(Decimal(0)), **money),
            received=Coalesce(Sum("converted", filter=received), Value(Decimal(0)), **money),
            unconverted=Count("pk", filter=Q(converted__isnull=True)),
            pledged_amount=Coalesce(Sum("amount", filter=pledged), Value(Decimal(0)), **money),
            received_amount=Coalesce(Sum("amount", filter=received), Value(Decimal(0)), **money),
        )
        .order_by()
        for part in parts
    ]
    if len(grouped) == 1:
        return grouped[0]
    # One query; a (source, currency) group may come once per kind of target, and
    # _add_up adds them (a contribution has exactly one target, so none counts twice).
    return grouped[0].union(*grouped[1:], all=True)


def _contributions_by_target(filters: IndicatorFilter) -> list[QuerySet[Contribution]]:
    """``scoped_contributions`` split by kind of target, for a project's, a donor's or an
    organisation's report. With the three targets ORed, PostgreSQL read every contribution (hashed
    subplans defeat the indexes): 48 ms for a project's few rows at scale 10, against 1 ms
    with each part finding them through its own foreign-key index. The staff dashboard (the
    user's organisations' projects) reads them this way too: at scale 10 its ORed scan read
    every contribution and joined every plan action (190-300 ms), the parts 130-180 ms.
    Reports with no scope at all (every record) keep the single scan: there the parts cost
    more (400-490 ms against 290-320 ms at scale 10)."""
    plans = scoped_plans(filters).values("pk")
    parts = [
        Contribution.objects.filter(
            action__in=PlanAction.objects.filter(plan__in=plans).values("pk")
        ),
        Contribution.objects.filter(plan__in=plans),
    ]
    if not filters.has_place:
        parts.append(Contribution.objects.filter(project__in=project_ids(filters)))
    return [part.filter(in_period("date", filters)) for part in parts]


def _add_up(
    groups: Sequence[Mapping[str, Any]], key: str, columns: dict[str, str]
) -> list[dict[str, Any]]:
    totals: dict[str, dict[str, Any]] = {}
    for group in groups:
        row = totals.setdefault(group[key], {key: group[key], **dict.fromkeys(columns, 0)})
        for name, column in columns.items():
            row[name] += group[column] or 0
    return [totals[k] for k in sorted(totals)]


def cofinancing_by_source(filters: IndicatorFilter, target: str | None = None) -> list[dict]:
    target = target or settings.REPORTING_CURRENCY
    rows = _add_up(
        _cofinancing_groups(filters, target),
        "source_type",
        {"pledged": "pledged", "received": "received", "unconverted": "unconverted"},
    )
    return [
        {
            "source_type": r["source_type"],
            "pledged": as_money(r["pledged"]),
            "received": as_money(r["received"]),
            "unconverted": r["unconverted"],
        }
        for r in rows
    ]


def cofinancing_by_currency(filters: IndicatorFilter) -> list[dict]:
    rows = _add_up(
        _cofinancing_groups(filters, settings.REPORTING_CURRENCY),
        "currency",
        {"pledged": "pledged_amount", "received": "received_amount"},
    )
    return [
        {
            "currency": r["currency"],
            "pledged": as_money(r["pledged"]),
            "received": as_money(r["received"]),
        }
        for r in rows
    ]


def compute_cofinancing(filters: IndicatorFilter) -> Figure:
    currency = settings.REPORTING_CURRENCY
    by_source = cofinancing_by_source(filters)
    by_currency = cofinancing_by_currency(filters)
    labels = dict(ContributionSource.choices)
    missing = sum(r["unconverted"] for r in by_source)
    note = (
        str(
            _(
                "%(count)s contributions have no exchange rate on or before their date and are "
                "left out of the converted totals."
            )
            % {"count": missing}
        )
        if missing
        else ""
    )
    return Figure(
        sum((r["received"] for r in by_source), Decimal(0)),
        [
            Breakdown(
                "source",
                str(_("By source, in %(currency)s") % {"currency": currency}),
                [str(_("Source")), str(_("Received")), str(_("Pledged"))],
                [
                    [
                        str(labels.get(r["source_type"], r["source_type"])),
                        r["received"],
                        r["pledged"],
                    ]
                    for r in by_source
                ],
            ),
            Breakdown(
                "currency",
                str(_("In original currencies")),
                [str(_("Currency")), str(_("Received")), str(_("Pledged"))],
                [[r["currency"], r["received"], r["pledged"]] for r in by_currency],
            ),
        ],
        note,
    )


# The grouped reads of this module, read together for a whole report (catalogue).
AGGREGATES = (_cofinancing_in_reporting_currency,)
