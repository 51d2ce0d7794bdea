"""Money in the reporting currency, converted in SQL with the exchange rate on or before
each record's date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import DecimalField, Expression, ExpressionWrapper, F, QuerySet
from django.db.models.expressions import SQLiteNumericMixin

from core.cache import cached_fragment, read_fragment, store_fragment
from projects.models import ExchangeRate
from reports.indicators.scope import (
    Aggregate,
    IndicatorFilter,
    keep_value,
    kept_value,
    read_aggregates,
    shared_value,
)

MONEY = DecimalField(max_digits=28, decimal_places=8)
RATE = DecimalField(max_digits=18, decimal_places=8)
CENT = Decimal("0.01")


RateTable = dict[str, tuple[tuple[dt.date, Decimal], ...]]


RATES_KEY = "exchange-rates"


def _rates_query(_filters: Any = None) -> QuerySet:
    return ExchangeRate.objects.order_by("currency", "date").values(
        "currency", "date", "rate_to_usd"
    )


def _rate_table(rows: Iterable[Mapping[str, Any]]) -> RateTable:
    table: dict[str, list[tuple[dt.date, Decimal]]] = {}
    for row in rows:
        table.setdefault(row["currency"], []).append((row["date"], row["rate_to_usd"]))
    return {currency: tuple(rates) for currency, rates in table.items()}


def exchange_rate_table() -> RateTable:
    """Every exchange rate to US dollars, per currency in date order: one small query (a few
    rows per currency and year), kept per content version, so an added or corrected rate
    shows in the next report."""
    # Read once per report too: with the cache off, each converted aggregate read it again.
    return shared_value(
        RATES_KEY,
        lambda: cached_fragment(RATES_KEY, lambda: _rate_table(_rates_query()), per_language=False),
    )


def read_with_rates(filters: IndicatorFilter, aggregates: Sequence[Aggregate[Any]]) -> None:
    """``read_aggregates(filters, aggregates)``, with the exchange rates in the same
    statement when neither this report nor the cache has them yet: the reads a report
    needs before it can write its converting statements (the rates are literals in them)."""
    if kept_value(RATES_KEY) is None:
        cached = read_fragment(RATES_KEY, per_language=False)
        if cached is not None:
            keep_value(RATES_KEY, cached)
    if kept_value(RATES_KEY) is not None:
        read_aggregates(filters, aggregates)
        return
    rates = Aggregate(_rates_query, lambda _filters, rows: _rate_table(rows))
    read_aggregates(filters, [*aggregates, rates])
    table = rates(filters)
    store_fragment(RATES_KEY, table, per_language=False)
    keep_value(RATES_KEY, table)


def _rate_on_sql(
    date_sql: str, rates: tuple[tuple[dt.date, Decimal], ...], params: list[Any]
) -> str:
    """The rate in force on each row's date (the latest on or before it; NULL before the
    first), as a balanced tree of CASEs over the literal rates: a handful of comparisons per
    row instead of a correlated subquery per row. Appends its literals to ``params``."""
    if not rates:
        return "NULL"

    def node(low: int, high: int) -> str:
        # rates[low:high]; the row's date is known to be on or after rates[low] unless low == 0.
        if high - low == 1:
            if low:
                params.append(rates[low][1])
                return "%s"
            params.extend((rates[0][0], rates[0][1]))
            return f"CASE WHEN {date_sql} >= %s THEN %s ELSE NULL END"
        middle = (low + high) // 2
        params.append(rates[middle][0])
        later = node(middle, high)
        earlier = node(low, middle)
        return f"CASE WHEN {date_sql} >= %s THEN {later} ELSE {earlier} END"

    return node(0, len(rates))


class RateToTarget(SQLiteNumericMixin, Expression):
    """The multiplier ``rate_expression`` describes, written to SQL directly.

    Built from Django's Case and When, the tree of a few dozen rates was resolved and
    copied node by node for every query that converts: 20 to 30 ms of Python per converted
    indicator, more than PostgreSQL took to add up a project's grants. Here only the two
    columns are resolved; the CASEs around them are plain text with the rates as
    parameters, the same SQL as before."""

    output_field = MONEY

    def __init__(self, currency_field: str, date_field: str, target: str, rates: RateTable):
        super().__init__(output_field=MONEY)
        self.currency: Any = F(currency_field)
        self.date: Any = F(date_field)
        self.target = target
        self.rates = rates

    def get_source_expressions(self) -> list[Any]:
        return [self.currency, self.date]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        self.currency, self.date = exprs

    def as_sql(  # type: ignore[override]  # the stubs' params are a tuple of str | int; ours hold dates and decimals
        self, compiler: Any, connection: Any, **extra: Any
    ) -> tuple[str, list[Any]]:
        currency_sql, currency_params = compiler.compile(self.currency)
        date_sql, date_params = compiler.compile(self.date)
        if currency_params or date_params:
            # Plain columns carry no parameters; anything else would need them repeated.
            raise ValueError("RateToTarget converts plain columns only")
        params: list[Any] = [self.target, Decimal(1)]
        from_usd = [f"WHEN {currency_sql} = %s THEN %s"]
        from_usd_params: list[Any] = ["USD", Decimal(1)]
        for currency, currency_rates in self.rates.items():
            if currency == "USD":
                continue
            from_usd_params.append(currency)
            rate_sql = _rate_on_sql(date_sql, currency_rates, from_usd_params)
            from_usd.append(f"WHEN {currency_sql} = %s THEN {rate_sql}")
        from_usd_sql = f"CASE {' '.join(from_usd)} ELSE NULL END"
        if self.target == "USD":
            multiplier = from_usd_sql
        else:
            target_sql = _rate_on_sql(date_sql, self.rates.get(self.target, ()), from_usd_params)
            multiplier = f"({from_usd_sql} / {target_sql})"
        params += from_usd_params
        return f"CASE WHEN {currency_sql} = %s THEN %s ELSE {multiplier} END", params


def rate_expression(
    currency_field: str,
    date_field: str,
    target: str | None = None,
    rates: RateTable | None = None,
) -> Any:
    """Multiplier turning an amount in ``currency_field`` into ``target`` currency (default
    settings.REPORTING_CURRENCY), using for each row the ExchangeRate on or before its date.
    NULL when a rate is missing, so unconvertible amounts are visible, not silently zero.

    The rates are read once (``exchange_rate_table``) and written into the SQL as literals:
    there are few of them, and a correlated subquery per converted row cost seconds on
    hundreds of thousands of contributions."""
    target = target or settings.REPORTING_CURRENCY
    table = exchange_rate_table() if rates is None else rates
    return RateToTarget(currency_field, date_field, target, table)


def converted(
    amount_field: str,
    currency_field: str,
    date_field: str,
    target: str | None = None,
    rates: RateTable | None = None,
) -> ExpressionWrapper:
    return ExpressionWrapper(
        F(amount_field) * rate_expression(currency_field, date_field, target, rates),
        output_field=MONEY,
    )


def as_money(value: Any) -> Decimal:
    return Decimal(value or 0).quantize(CENT)
