"""Disaggregations read with one grouped query (reports.indicators.rollup) must equal the
one-query-per-disaggregation figures they replaced, in every language (translated names
sort by the page language's column) and after each write."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db.models import Count, Sum
from django.utils import translation

from core.i18n import marked_text_in_sql
from grants.models import Disbursement, Grant
from projects.models import GranteeType
from reports.indicators.catalogue import INDICATORS_BY_CODE
from reports.indicators.money import converted
from reports.indicators.rollup import rolled_up
from reports.indicators.scope import IndicatorFilter, sharing_aggregates
from tests import factories as f

pytestmark = pytest.mark.django_db

GRANT_KEYS = ("programme__name", "region__name", "grantee_type")


def _one_query_per_key(queryset, keys, **aggregates):
    return {key: list(queryset.values(key).annotate(**aggregates).order_by(key)) for key in keys}


def _grants():
    return Grant.objects.annotate(
        converted_amount=converted("amount", "currency", "start_date", "USD")
    )


@pytest.fixture
def grants():
    f.ExchangeRateFactory(currency="KGS", date=dt.date(2022, 1, 1), rate_to_usd=Decimal("0.0118"))
    f.ExchangeRateFactory(currency="KGS", date=dt.date(2022, 7, 1), rate_to_usd=Decimal("0.0121"))
    # English and Russian names sort in opposite orders.
    alpha = f.GrantProgrammeFactory(name_en="Alpha grants", name_ru="Яблоко")
    zulu = f.GrantProgrammeFactory(name_en="Zulu grants", name_ru="Абрикос")
    north = f.RegionFactory(name_en="North", name_ru="Юг")
    south = f.RegionFactory(name_en="South", name_ru="Айыл")
    f.GrantFactory(programme=alpha, region=north, amount=Decimal("1000.10"))
    f.GrantFactory(programme=alpha, region=south, amount=Decimal("333333.33"), currency="KGS")
    f.GrantFactory(
        programme=zulu,
        region=None,
        amount=Decimal("777.77"),
        currency="KGS",
        start_date=dt.date(2022, 8, 1),
        grantee_type=GranteeType.LOCAL_GOVERNMENT,
    )
    # No rate before 2022: its amount is not convertible and its total stays NULL.
    f.GrantFactory(programme=zulu, region=north, currency="KGS", start_date=dt.date(2021, 5, 1))
    return alpha, zulu, north, south


@pytest.mark.parametrize("language", ["en", "ru"])
def test_one_grouped_query_gives_the_rows_of_one_query_per_disaggregation(grants, language):
    aggregates = {"n": Count("pk"), "total": Sum("converted_amount")}
    with translation.override(language):
        assert rolled_up(_grants(), GRANT_KEYS, **aggregates) == _one_query_per_key(
            _grants(), GRANT_KEYS, **aggregates
        )


def test_one_grouped_query_reads_once(grants, django_assert_num_queries):
    queryset = _grants()  # reads the exchange rates
    with django_assert_num_queries(1):
        rolled_up(queryset, GRANT_KEYS, n=Count("pk"), total=Sum("converted_amount"))


def _awarded_reference(filters):
    """The figures as computed before, one query per disaggregation."""
    grants = Grant.objects.filter(start_date__gte=filters.date_from).annotate(
        converted_amount=converted("amount", "currency", "start_date", "USD"),
        # Names as the pages show them (the stored column is in the saver's language).
        programme_label=marked_text_in_sql("programme__name"),
        region_label=marked_text_in_sql("region__name"),
    )
    keys = ("programme_label", "region_label", "grantee_type")
    return _one_query_per_key(grants, keys, n=Count("pk"), total=Sum("converted_amount"))


def _disbursed_reference(filters):
    paid = Disbursement.objects.filter(
        paid_amount__isnull=False, paid_date__gte=filters.date_from
    ).annotate(
        converted_amount=converted("paid_amount", "grant__currency", "paid_date", "USD"),
        programme_label=marked_text_in_sql("grant__programme__name"),
        region_label=marked_text_in_sql("grant__region__name"),
    )
    keys = ("programme_label", "region_label", "grant__grantee_type")
    return _one_query_per_key(paid, keys, n=Count("pk"), total=Sum("converted_amount"))


def _table(result, code):
    return next(b for b in result.breakdowns if b.code == code).rows


def test_grant_figures_equal_the_per_disaggregation_queries_after_a_series_of_writes(
    grants, settings
):
    settings.REPORTING_CURRENCY = "USD"
    alpha, zulu, north, _south = grants
    filters = IndicatorFilter(date_from=dt.date(2020, 1, 1))
    writes = [
        lambda: f.GrantFactory(programme=zulu, region=north, amount=Decimal("12.34")),
        lambda: Grant.objects.filter(programme=alpha).update(amount=Decimal("99.99")),
        lambda: f.DisbursementFactory(
            grant=Grant.objects.filter(currency="KGS").first(),
            paid_amount=Decimal("250.50"),
            paid_date=dt.date(2022, 9, 1),
        ),
        lambda: f.DisbursementFactory(
            grant=Grant.objects.filter(region=None).first(),
            paid_amount=Decimal("10"),
            paid_date=dt.date(2022, 3, 1),
        ),
    ]
    for write in writes:
        write()
        with translation.override("ru"), sharing_aggregates():
            awarded = INDICATORS_BY_CODE["grants.awarded"].compute(filters)
            disbursed = INDICATORS_BY_CODE["grants.disbursed"].compute(filters)
            expected = _awarded_reference(filters)
            paid = _disbursed_reference(filters)
        assert awarded.value == sum(r["n"] for r in expected["grantee_type"])
        assert [row[0] for row in _table(awarded, "programme")] == [
            r["programme_label"] for r in expected["programme_label"]
        ]
        assert [row[1:] for row in _table(awarded, "region")] == [
            [r["n"], Decimal(r["total"] or 0).quantize(Decimal("0.01"))]
            for r in expected["region_label"]
        ]
        assert [row[1:] for row in _table(disbursed, "programme")] == [
            [r["n"], Decimal(r["total"] or 0).quantize(Decimal("0.01"))]
            for r in paid["programme_label"]
        ]
        assert disbursed.value == sum(
            Decimal(r["total"] or 0).quantize(Decimal("0.01")) for r in paid["grant__grantee_type"]
        )


def test_member_and_plan_action_figures_add_up_from_one_query_each(django_assert_num_queries):
    group = f.WorkingGroupFactory()
    f.MembershipFactory(working_group=group, sex="female")
    f.MembershipFactory(working_group=group, sex="male", sector="")
    filters = IndicatorFilter(date_to=dt.date(2030, 1, 1))
    with sharing_aggregates():
        with django_assert_num_queries(1):
            members = INDICATORS_BY_CODE["groups.members"].compute(filters)
        with django_assert_num_queries(0):
            share = INDICATORS_BY_CODE["groups.women_share"].compute(filters)
    assert members.value == 2
    assert share.value == Decimal("50.0")
