"""Contributions converted to US dollars when they are saved, keeping the rate used.

The headline co-financing figure and the donor report add up ``Contribution.amount_usd``
instead of converting every contribution through the exchange-rate table on each request
(406 ms over 600,000 contributions at scale 100). The conversion uses the ExchangeRate in
force on the contribution's date (the latest on or before it), as the reports always did.

- every save of a contribution fills both columns (a ``pre_save`` receiver, so the admin,
  the staff forms, imports and fixtures all go through it);
- a saved or deleted exchange rate re-converts that currency's contributions in two UPDATEs;
- bulk writes (the benchmark generator's COPY) call ``contribution_amounts_refresh()``.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.db.models import Case, DecimalField, F, Value, When
from django.db.models.functions import Round
from django.db.models.signals import post_delete, post_save, pre_save

from communities.models import Contribution
from communities.summary_services import plan_totals_rebuild
from core.cache import invalidate_all
from projects.models import ExchangeRate

USD = "USD"
CENT = Decimal("0.01")
RATE = DecimalField(max_digits=18, decimal_places=8)


def rate_to_usd(currency: str, day: dt.date) -> Decimal | None:
    """US dollars per unit of ``currency`` on ``day``: the latest rate on or before it."""
    if currency == USD:
        return Decimal(1)
    return (
        ExchangeRate.objects.filter(currency=currency, date__lte=day)
        .order_by("-date")
        .values_list("rate_to_usd", flat=True)
        .first()
    )


def contribution_convert(*, contribution: Contribution) -> None:
    """Fill ``amount_usd`` and ``rate_used`` on an unsaved instance (the caller saves)."""
    rate = rate_to_usd(contribution.currency, contribution.date) if contribution.date else None
    contribution.rate_used = rate
    contribution.amount_usd = (
        (Decimal(contribution.amount) * rate).quantize(CENT, rounding=ROUND_HALF_UP)
        if rate is not None and contribution.amount is not None
        else None
    )


@transaction.atomic
def contribution_amounts_refresh(*, currencies: list[str] | None = None) -> int:
    """Re-convert every contribution in ``currencies`` (all when None) with the current
    rates, in SQL: the rate by a CASE over that currency's few rates, then the amount.
    Returns the number of contributions updated."""
    wanted = (
        currencies
        if currencies is not None
        else list(Contribution.objects.order_by().values_list("currency", flat=True).distinct())
    )
    updated = 0
    for currency in wanted:
        rows = Contribution.objects.filter(currency=currency)
        if currency == USD:
            rate: Any = Value(Decimal(1), output_field=RATE)
        else:
            rates = ExchangeRate.objects.filter(currency=currency).order_by("-date")
            whens = [
                When(date__gte=day, then=Value(value, output_field=RATE))
                for day, value in rates.values_list("date", "rate_to_usd")
            ]
            rate = (
                Case(*whens, default=Value(None, output_field=RATE), output_field=RATE)
                if whens
                else Value(None, output_field=RATE)
            )
        updated += rows.update(rate_used=rate)
        rows.update(amount_usd=Round(F("amount") * F("rate_used"), 2))
    # QuerySet.update() sends no signal: the plan summaries' dollar sums are rebuilt and the
    # cached totals go explicitly.
    plan_totals_rebuild()
    invalidate_all()
    return updated


def _convert_before_save(sender: type[Contribution], instance: Contribution, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    contribution_convert(contribution=instance)


def _rate_changed(sender: type[ExchangeRate], instance: ExchangeRate, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    contribution_amounts_refresh(currencies=[instance.currency])


def connect() -> None:
    """Called from CommunitiesConfig.ready()."""
    pre_save.connect(_convert_before_save, sender=Contribution, dispatch_uid="contribution-usd")
    post_save.connect(_rate_changed, sender=ExchangeRate, dispatch_uid="rate-saved-usd")
    post_delete.connect(_rate_changed, sender=ExchangeRate, dispatch_uid="rate-deleted-usd")
