"""core.together.read_together: several values() reads in one statement, each giving the
rows it gives alone."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Count, F, Sum
from django.test.utils import CaptureQueriesContext

from communities.models import Contribution
from core.together import read_together
from projects.models import ExchangeRate
from tests import factories as f

pytestmark = pytest.mark.django_db


def _reads() -> dict:
    contributions = Contribution.objects.order_by()
    return {
        # Dates and exact decimals, in a given order.
        "rates": ExchangeRate.objects.order_by("-date").values("currency", "date", "rate_to_usd"),
        # Grouped sums and counts, with a None where a group has no value.
        "sums": contributions.values("currency")
        .annotate(n=Count("pk"), total=Sum("amount"), usd=Sum("amount_usd"))
        .order_by("currency"),
        # A compound statement.
        "parts": contributions.filter(state="received")
        .values(label=F("source_type"))
        .union(contributions.filter(state="pledged").values(label=F("state")), all=True)
        .order_by("label"),
        # A read that can match nothing: Django sends no SQL for it.
        "none": ExchangeRate.objects.filter(pk__in=[]).values("pk"),
    }


def _world() -> None:
    f.ExchangeRateFactory(currency="KGS", date=dt.date(2022, 1, 1), rate_to_usd=Decimal("0.0118"))
    f.ExchangeRateFactory(currency="TJS", date=dt.date(2023, 5, 1), rate_to_usd=Decimal("0.0915"))
    f.ContributionFactory(amount=Decimal("1234.56"), currency="KGS")
    f.ContributionFactory(amount=Decimal("0.01"), currency="KGS", state="pledged")
    # No rate before its date: its dollar amount stays unknown (NULL).
    f.ContributionFactory(amount=Decimal("100"), currency="EUR", date=dt.date(2020, 1, 1))


def test_each_read_gives_the_rows_it_gives_alone_with_their_types():
    _world()
    alone = {name: list(queryset) for name, queryset in _reads().items()}
    together = read_together(_reads())
    assert together == alone
    for name, rows in alone.items():
        for row, read in zip(rows, together[name], strict=True):
            assert [type(value) for value in read.values()] == [
                type(value) for value in row.values()
            ]
    assert alone["sums"] and alone["parts"] and alone["rates"]
    assert together["rates"][0]["rate_to_usd"] == Decimal("0.09150000")


def test_the_reads_are_one_statement_on_postgresql():
    _world()
    with CaptureQueriesContext(connection) as queries:
        read_together(_reads())
    # SQLite (make run) reads them one by one; the read that matches nothing costs none.
    assert len(queries) == (1 if connection.vendor == "postgresql" else 3)


def test_a_sum_keeps_every_digit():
    # Past a float's 15-16 significant digits: decoded as floats, these would round.
    f.ContributionFactory(amount=Decimal("123456789012.34"), currency="KGS")
    f.ContributionFactory(amount=Decimal("0.01"), currency="KGS")
    rows = read_together(
        {
            "total": Contribution.objects.values("currency").annotate(total=Sum("amount")),
            "n": Contribution.objects.values("currency").annotate(n=Count("pk")),
        }
    )
    assert rows["total"] == [{"currency": "KGS", "total": Decimal("123456789012.35")}]
    assert rows["n"] == [{"currency": "KGS", "n": 2}]
