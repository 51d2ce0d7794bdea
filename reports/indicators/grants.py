"""Grants: awards, disbursed tranches and overdue grantee reports."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from core.i18n import marked_text_in_sql
from grants.models import Disbursement, Grant, GrantReport
from projects.models import GranteeType
from reports.indicators.figures import Breakdown, Figure
from reports.indicators.money import as_money, converted
from reports.indicators.rollup import rolled_up_query, rolled_up_rows
from reports.indicators.scope import IndicatorFilter, Rows, aggregate, in_period, scoped_grants


def awarded_grants(filters: IndicatorFilter) -> QuerySet[Grant]:
    return scoped_grants(filters).filter(in_period("start_date", filters))


AWARDED_KEYS = ("programme_label", "region_label", "grantee_type")


def _awarded_query(filters: IndicatorFilter) -> QuerySet:
    grants = awarded_grants(filters).annotate(
        converted_amount=converted("amount", "currency", "start_date", settings.REPORTING_CURRENCY),
        programme_label=marked_text_in_sql("programme__name"),
        region_label=marked_text_in_sql("region__name"),
    )
    return rolled_up_query(grants, AWARDED_KEYS, n=Count("pk"), total=Sum("converted_amount"))


@aggregate(_awarded_query)
def _awarded_groups(filters: IndicatorFilter, rows: Rows) -> dict[str, Rows]:
    return rolled_up_rows(rows, AWARDED_KEYS, ("n", "total"))


def compute_grants_awarded(filters: IndicatorFilter) -> Figure:
    target = settings.REPORTING_CURRENCY
    groups = _awarded_groups(filters)
    by_programme = groups["programme_label"]
    by_region = groups["region_label"]
    by_type = groups["grantee_type"]
    cols = [str(_("Grants")), str(_("Amount, %(currency)s") % {"currency": target})]

    def rows(data: list[dict], key: str, choices: Any = None) -> list[list]:
        labels = dict(choices.choices) if choices else {}
        return [
            [str(labels.get(r[key], r[key] or _("Not recorded"))), r["n"], as_money(r["total"])]
            for r in data
        ]

    return Figure(
        sum(r["n"] for r in by_type),
        [
            Breakdown(
                "programme",
                str(_("By programme")),
                [str(_("Programme")), *cols],
                rows(by_programme, "programme_label"),
            ),
            Breakdown(
                "region",
                str(_("By region")),
                [str(_("Region")), *cols],
                rows(by_region, "region_label"),
            ),
            Breakdown(
                "grantee_type",
                str(_("By grantee type")),
                [str(_("Grantee type")), *cols],
                rows(by_type, "grantee_type", GranteeType),
            ),
        ],
    )


def paid_disbursements(filters: IndicatorFilter) -> QuerySet[Disbursement]:
    return Disbursement.objects.filter(
        grant__in=scoped_grants(filters).values("pk"), paid_amount__isnull=False
    ).filter(in_period("paid_date", filters))


DISBURSED_KEYS = ("programme_label", "region_label", "grant__grantee_type")


def _disbursed_query(filters: IndicatorFilter) -> QuerySet:
    target = settings.REPORTING_CURRENCY
    base = paid_disbursements(filters).annotate(
        converted_amount=converted("paid_amount", "grant__currency", "paid_date", target),
        programme_label=marked_text_in_sql("grant__programme__name"),
        region_label=marked_text_in_sql("grant__region__name"),
    )
    return rolled_up_query(base, DISBURSED_KEYS, n=Count("pk"), total=Sum("converted_amount"))


@aggregate(_disbursed_query)
def _disbursed_groups(filters: IndicatorFilter, rows: Rows) -> dict[str, Rows]:
    return rolled_up_rows(rows, DISBURSED_KEYS, ("n", "total"))


def compute_grants_disbursed(filters: IndicatorFilter) -> Figure:
    target = settings.REPORTING_CURRENCY
    groups = _disbursed_groups(filters)

    def group(key: str, choices: Any = None) -> list[list]:
        labels = dict(choices.choices) if choices else {}
        data = groups[key]
        return [
            [str(labels.get(r[key], r[key] or _("Not recorded"))), r["n"], as_money(r["total"])]
            for r in data
        ]

    cols = [str(_("Payments")), str(_("Amount, %(currency)s") % {"currency": target})]
    by_type = group("grant__grantee_type", GranteeType)
    return Figure(
        sum((r[2] for r in by_type), Decimal(0)),
        [
            Breakdown(
                "programme",
                str(_("By programme")),
                [str(_("Programme")), *cols],
                group("programme_label"),
            ),
            Breakdown(
                "region",
                str(_("By region")),
                [str(_("Region")), *cols],
                group("region_label"),
            ),
            Breakdown(
                "grantee_type", str(_("By grantee type")), [str(_("Grantee type")), *cols], by_type
            ),
        ],
    )


def overdue_reports(filters: IndicatorFilter) -> QuerySet[GrantReport]:
    """Reports due before the period end and not received by then."""
    end = filters.period_end
    return GrantReport.objects.filter(
        grant__in=scoped_grants(filters).values("pk"), due_date__lt=end
    ).filter(Q(received_on__isnull=True) | Q(received_on__gt=end))


def _overdue_query(filters: IndicatorFilter) -> QuerySet:
    return (
        overdue_reports(filters)
        .annotate(programme_label=marked_text_in_sql("grant__programme__name"))
        .values("programme_label")
        .annotate(n=Count("pk"))
        .order_by("programme_label")
    )


@aggregate(_overdue_query)
def _overdue_by_programme(filters: IndicatorFilter, rows: Rows) -> Rows:
    return rows


def compute_reports_overdue(filters: IndicatorFilter) -> Figure:
    rows = _overdue_by_programme(filters)
    return Figure(
        sum(r["n"] for r in rows),
        [
            Breakdown(
                "programme",
                str(_("By programme")),
                [str(_("Programme")), str(_("Reports"))],
                [[r["programme_label"], r["n"]] for r in rows],
            )
        ],
    )


# The grouped reads of this module, read together for a whole report (catalogue).
AGGREGATES = (_awarded_groups, _disbursed_groups, _overdue_by_programme)
