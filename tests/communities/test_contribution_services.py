"""Contributions carry their amount in US dollars and the rate used, written on save and
kept current when a rate changes (communities/contribution_services.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from communities.contribution_services import contribution_amounts_refresh
from communities.models import Contribution
from core.choices import Currency
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_it_converts_at_the_latest_rate_on_or_before_the_contribution_date() -> None:
    f.ExchangeRateFactory(currency=Currency.KGS, date=dt.date(2022, 1, 1), rate_to_usd="0.0118")
    f.ExchangeRateFactory(currency=Currency.KGS, date=dt.date(2022, 6, 1), rate_to_usd="0.0125")
    march = f.ContributionFactory(amount=Decimal("50000"), date=dt.date(2022, 3, 1))
    july = f.ContributionFactory(amount=Decimal("50000"), date=dt.date(2022, 7, 1))
    assert (march.rate_used, march.amount_usd) == (Decimal("0.0118"), Decimal("590.00"))
    assert (july.rate_used, july.amount_usd) == (Decimal("0.0125"), Decimal("625.00"))


def test_dollars_keep_their_amount_and_unknown_rates_stay_empty() -> None:
    dollars = f.ContributionFactory(currency=Currency.USD, amount=Decimal("120.50"))
    no_rate = f.ContributionFactory(currency=Currency.TJS, amount=Decimal("900"))
    assert (dollars.rate_used, dollars.amount_usd) == (Decimal(1), Decimal("120.50"))
    assert (no_rate.rate_used, no_rate.amount_usd) == (None, None)


def test_a_new_or_corrected_rate_reconverts_that_currency_only() -> None:
    tjs = f.ContributionFactory(currency=Currency.TJS, amount=Decimal("1000"))
    kgs = f.ContributionFactory(amount=Decimal("50000"))
    assert kgs.amount_usd is None
    f.ExchangeRateFactory(currency=Currency.TJS, date=dt.date(2022, 1, 1), rate_to_usd="0.09")
    tjs.refresh_from_db()
    assert tjs.amount_usd == Decimal("90.00")
    kgs.refresh_from_db()
    assert kgs.amount_usd is None

    rate = f.ExchangeRateFactory(currency=Currency.TJS, date=dt.date(2022, 1, 1))
    rate.rate_to_usd = Decimal("0.1")
    rate.save()
    tjs.refresh_from_db()
    assert (tjs.rate_used, tjs.amount_usd) == (Decimal("0.1"), Decimal("100.00"))


def test_bulk_written_contributions_are_converted_by_the_refresh() -> None:
    f.ExchangeRateFactory(currency=Currency.KGS, date=dt.date(2022, 1, 1), rate_to_usd="0.0118")
    contribution = f.ContributionFactory(amount=Decimal("50000"))
    Contribution.objects.filter(pk=contribution.pk).update(amount_usd=None, rate_used=None)
    f.ContributionFactory(amount=Decimal("70000"))
    # One UPDATE pair per currency, however many contributions: the default ordering must
    # not turn the currency list into one entry per contribution.
    with CaptureQueriesContext(connection) as queries:
        assert contribution_amounts_refresh() == 2
    assert len([q for q in queries if q["sql"].startswith("UPDATE")]) == 2
    contribution.refresh_from_db()
    assert contribution.amount_usd == Decimal("590.00")
