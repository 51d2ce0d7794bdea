"""Money in the reporting currency, converted in SQL with the exchange rate on or before
each record's date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Case, DecimalField, ExpressionWrapper, F, Q, Value, When

from core.cache import cached_fragment
from projects.models import ExchangeRate
from reports.indicators.scope import shared_value

MONEY = DecimalField(max_digits=28, decimal_places=8)
RATE = DecimalField(max_digits=18, decimal_places=8)
CENT = Decimal("0.01")


RateTable = dict[str, tuple[tuple[dt.date, Decimal], ...]]


def exchange_rate_table() -> RateTable:
    """Every exchange rate to US dollars, per currency in date order: one small query (a few
    rows per currency and year), kept per content version, so an added or corrected rate
    shows in the next report."""

    def build() -> RateTable:
        table: dict[str, list[tuple[dt.date, Decimal]]] = {}
        for currency, day, rate in ExchangeRate.objects.order_by("currency", "date").values_list(
            "currency", "date", "rate_to_usd"
        ):
            table.setdefault(currency, []).append((day, rate))
        return {currency: tuple(rates) for currency, rates in table.items()}

    # Read once per report too: with the cache off, each converted aggregate read it again.
    return shared_value(
        "exchange-rates", lambda: cached_fragment("exchange-rates", build, per_language=False)
    )


def _rate_on(date_field: str, rates: tuple[tuple[dt.date, Decimal], ...]) -> Any:
    """The rate in force on each row's ``date_field`` (the latest on or before it; NULL
    before the first), as a balanced tree of CASEs over the literal rates: a handful of
    comparisons per row instead of a correlated subquery per row."""
    if not rates:
        return Value(None, output_field=RATE)

    def node(low: int, high: int) -> Any:
        # rates[low:high]; the row's date is known to be on or after rates[low] unless low == 0.
        if high - low == 1:
            rate = Value(rates[low][1], output_field=RATE)
            if low:
                return rate
            return Case(
                When(Q(**{f"{date_field}__gte": rates[0][0]}), then=rate),
                default=Value(None, output_field=RATE),
                output_field=RATE,
            )
        middle = (low + high) // 2
        return Case(
            When(Q(**{f"{date_field}__gte": rates[middle][0]}), then=node(middle, high)),
            default=node(low, middle),
            output_field=RATE,
        )

    return node(0, len(rates))


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
    one = Value(Decimal(1), output_field=RATE)
    from_usd_rate = Case(
        When(**{currency_field: "USD"}, then=one),
        *(
            When(**{currency_field: currency}, then=_rate_on(date_field, currency_rates))
            for currency, currency_rates in table.items()
            if currency != "USD"
        ),
        default=Value(None, output_field=RATE),
        output_field=RATE,
    )
    if target == "USD":
        multiplier: Any = from_usd_rate
    else:
        multiplier = ExpressionWrapper(
            from_usd_rate / _rate_on(date_field, table.get(target, ())), output_field=MONEY
        )
    return Case(
        When(**{currency_field: target}, then=one),
        default=multiplier,
        output_field=MONEY,
    )


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
