"""Each indicator of the catalogue against a hand-computed answer (see the comments in
conftest.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from reports.indicators.catalogue import (
    INDICATORS,
    INDICATORS_BY_CODE,
    Indicator,
    Result,
    compute_indicators,
)
from reports.indicators.cofinancing import cofinancing_by_source
from reports.indicators.money import rate_expression
from reports.indicators.people import coverage_totals
from reports.indicators.scope import IndicatorFilter
from tests.reports.conftest import PERIOD

pytestmark = pytest.mark.django_db


def _value(code: str, filters: IndicatorFilter):
    return INDICATORS_BY_CODE[code].compute(filters)


def _rows(result: Result, code: str) -> dict:
    breakdown = next(b for b in result.breakdowns if b.code == code)
    return {row[0]: row[1:] if len(row) > 2 else row[1] for row in breakdown.rows}


def test_coverage_is_a_snapshot_at_the_period_end(world):
    later = IndicatorFilter(project=world.other_project, date_to=dt.date(2023, 6, 30))
    assert coverage_totals(later) == {"communities": 2, "people": 3000 + 9999}


def test_place_filters_narrow_coverage(world):
    by_region = IndicatorFilter(region=world.other_region, **PERIOD)
    assert coverage_totals(by_region) == {"communities": 1, "people": 3000}
    by_community = IndicatorFilter(project=world.project, community=world.village_b, **PERIOD)
    assert coverage_totals(by_community) == {"communities": 1, "people": 6000}


def test_active_groups_leave_out_dissolved_and_not_yet_formed(period_filter):
    assert _value("groups.active", period_filter).value == 1


def test_members_at_period_end_leave_out_who_left_during_the_period(period_filter):
    result = _value("groups.members", period_filter)
    assert result.value == 3
    assert _rows(result, "sex")["Women"] == 2
    assert _rows(result, "sex")["Men"] == 1
    assert _rows(result, "sector")["Police"] == [2, 1, 1]
    assert _rows(result, "age_band")["60 and over"] == [1, 0, 1]


def test_member_who_left_counts_before_leaving(world):
    mid_year = IndicatorFilter(project=world.project, date_to=dt.date(2022, 6, 1))
    assert _value("groups.members", mid_year).value == 4


def test_women_share(period_filter):
    assert _value("groups.women_share", period_filter).value == Decimal("66.7")


def test_meetings_and_participants_count_the_period_only(period_filter):
    assert _value("meetings.held", period_filter).value == 2
    result = _value("meetings.participants", period_filter)
    assert result.value == 21
    assert _rows(result, "sex_youth") == {"Women": 12, "Men": 9, "Of whom young people": 3}


def test_assessments_held(period_filter):
    assert _value("meetings.assessments", period_filter).value == 1


def test_problems_by_category(period_filter):
    identified = _value("problems.identified", period_filter)
    assert identified.value == 3
    assert _rows(identified, "category") == {"Street lighting": 2, "Domestic violence": 1}
    prioritised = _value("problems.prioritised", period_filter)
    assert _rows(prioritised, "category") == {"Street lighting": 1, "Domestic violence": 1}
    # Resolved in the period: one identified in 2022, one identified in 2021.
    assert _value("problems.resolved", period_filter).value == 2


def test_public_figures_fold_sensitive_categories(world):
    public = IndicatorFilter(project=world.project, public_only=True, **PERIOD)
    rows = _rows(_value("problems.identified", public), "category")
    assert rows == {"Street lighting": 2, "Other protection concerns": 1}
    assert "Domestic violence" not in rows


def test_plans_approved_in_the_period(period_filter):
    assert _value("plans.approved", period_filter).value == 1


def test_actions_by_status(period_filter):
    result = _value("plans.actions", period_filter)
    assert result.value == 3
    assert _rows(result, "status") == {"Done": 2, "Planned": 1}


def test_percent_on_time_counts_a_late_completion_against(period_filter):
    result = _value("plans.on_time", period_filter)
    assert result.value == Decimal("50.0")
    assert _rows(result, "timeliness") == {"On time": 1, "Late": 1}


def test_cofinancing_in_three_currencies_uses_the_rate_on_or_before_the_date(period_filter):
    result = _value("cofinancing.total", period_filter)
    assert result.value == Decimal("2600.00")
    by_source = _rows(result, "source")
    assert by_source["Local budget"] == [Decimal("1500.00"), Decimal("0.00")]
    assert by_source["Business"] == [Decimal("1100.00"), Decimal("0.00")]
    assert by_source["Residents (cash)"] == [Decimal("0.00"), Decimal("300.00")]
    assert _rows(result, "currency") == {
        "EUR": [Decimal("1000.00"), Decimal("0.00")],
        "KGS": [Decimal("130000.00"), Decimal("0.00")],
        "USD": [Decimal("0.00"), Decimal("300.00")],
    }
    assert result.note == ""


def test_cofinancing_in_another_reporting_currency(period_filter, settings):
    settings.REPORTING_CURRENCY = "EUR"
    by_source = cofinancing_by_source(period_filter)
    business = next(r for r in by_source if r["source_type"] == "business")
    assert business["received"] == Decimal("1000.00")


def test_contribution_without_a_rate_is_reported_not_zeroed(world, period_filter):
    from tests import factories as f

    f.ContributionFactory(
        action=world.plan.actions.first(),
        amount=Decimal("10"),
        currency="GBP",
        date=dt.date(2022, 3, 1),
    )
    result = _value("cofinancing.total", period_filter)
    assert result.value == Decimal("2600.00")
    assert "1 contributions" in result.note


def test_a_rate_added_later_changes_the_converted_total(world, period_filter):
    from tests import factories as f

    assert _value("cofinancing.total", period_filter).value == Decimal("2600.00")
    # 50 000 KGS on 2022-07-01 now takes this rate (0.0120 → 600.00 USD) instead of the
    # one of 2022-06-01 (0.0100 → 500.00 USD).
    f.ExchangeRateFactory(currency="KGS", date=dt.date(2022, 6, 15), rate_to_usd=Decimal("0.0120"))
    assert _value("cofinancing.total", period_filter).value == Decimal("2700.00")


def test_conversion_takes_the_latest_rate_on_or_before_each_date(world):
    from communities.models import Contribution
    from tests import factories as f

    # Seven rates make a CASE tree several levels deep; every boundary is checked.
    days = [dt.date(2023, month, 1) for month in (1, 2, 3, 5, 7, 8, 11)]
    for n, day in enumerate(days, start=1):
        f.ExchangeRateFactory(currency="TJS", date=day, rate_to_usd=Decimal(n) / 100)
    probes = {
        dt.date(2022, 12, 31): None,  # before the first rate
        dt.date(2023, 1, 1): Decimal("0.01"),
        dt.date(2023, 2, 28): Decimal("0.02"),
        dt.date(2023, 3, 1): Decimal("0.03"),
        dt.date(2023, 4, 30): Decimal("0.03"),
        dt.date(2023, 5, 1): Decimal("0.04"),
        dt.date(2023, 7, 31): Decimal("0.05"),
        dt.date(2023, 8, 1): Decimal("0.06"),
        dt.date(2023, 10, 31): Decimal("0.06"),
        dt.date(2023, 11, 1): Decimal("0.07"),
        dt.date(2030, 1, 1): Decimal("0.07"),
    }
    action = world.plan.actions.first()
    for day in probes:
        f.ContributionFactory(action=action, amount=Decimal(100), currency="TJS", date=day)
    got = dict(
        Contribution.objects.filter(currency="TJS")
        .annotate(rate=rate_expression("currency", "date", "USD"))
        .values_list("date", "rate")
    )
    assert {
        day: (None if r is None else Decimal(r).quantize(Decimal("0.01"))) for day, r in got.items()
    } == probes
    # Into euros (1.10 USD each since 2022-01-01): TJS → USD → EUR on the same date.
    eur = (
        Contribution.objects.filter(currency="TJS", date=dt.date(2023, 5, 1))
        .annotate(rate=rate_expression("currency", "date", "EUR"))
        .values_list("rate", flat=True)
        .get()
    )
    assert Decimal(eur).quantize(Decimal("0.000001")) == (
        Decimal("0.04") / Decimal("1.10")
    ).quantize(Decimal("0.000001"))


def test_grants_awarded_and_disbursed(period_filter):
    awarded = _value("grants.awarded", period_filter)
    assert awarded.value == 2
    assert _rows(awarded, "grantee_type") == {
        "Civil society organisation": [1, Decimal("5000.00")],
        "Local government": [1, Decimal("3000.00")],
    }
    disbursed = _value("grants.disbursed", period_filter)
    assert disbursed.value == Decimal("2500.00")
    assert _value("grants.reports_overdue", period_filter).value == 1


def test_activity_in_two_communities_counts_once_for_the_project(period_filter):
    result = _value("activities.count", period_filter)
    assert result.value == 2
    by_community = _rows(result, "community")
    assert by_community["Aidarken"] == [2, 28]
    assert by_community["Kadamjai"] == [1, 18]


def test_activity_in_two_matching_communities_counts_once_for_the_region(world):
    in_region = IndicatorFilter(project=world.project, region=world.region, **PERIOD)
    result = _value("activities.participants", in_region)
    assert result.value == 28
    assert _rows(result, "sex_youth") == {"Women": 14, "Men": 14, "Of whom young people": 5}


def test_public_activities_are_published_only(world):
    public = IndicatorFilter(project=world.project, public_only=True, **PERIOD)
    assert _value("activities.count", public).value == 1


def test_every_indicator_has_code_name_definition_and_disaggregations():
    codes = [i.code for i in INDICATORS]
    assert len(codes) == len(set(codes))
    for indicator in INDICATORS:
        assert str(indicator.name) and str(indicator.definition)
        assert indicator.disaggregations
        assert indicator.kind in {"flow", "snapshot"}


def test_compute_indicators_runs_the_whole_catalogue(period_filter):
    results = compute_indicators(period_filter)
    assert [r.indicator.code for r in results] == [i.code for i in INDICATORS]


def test_catalogue_entries_take_keyword_arguments_only():
    with pytest.raises(TypeError):
        Indicator("x", "coverage", "X", "X", "count", "flow", (), lambda filters: None)  # type: ignore[misc]  # positional arguments on purpose: the test expects the TypeError


def test_scoped_contributions_read_the_actions_plan_through_a_join(world, period_filter):
    from reports.indicators.cofinancing import _contributions_by_target, scoped_contributions

    scoped = scoped_contributions(period_filter)
    by_target = {
        pk
        for part in _contributions_by_target(period_filter)
        for pk in part.values_list("pk", flat=True)
    }
    assert set(scoped.values_list("pk", flat=True)) == by_target
    assert by_target
    # A nested "action IN (actions of these plans)" ORed with the other targets stops being a
    # hashed subplan once the actions outgrow work_mem: rescanned per contribution, the
    # home page's headline sum ran for over 15 minutes at scale 100.
    sql = str(scoped.query)
    assert 'FROM "communities_planaction"' not in sql
    assert 'JOIN "communities_planaction"' in sql


@pytest.mark.parametrize("scope", ["project", "donor", "organisations"])
def test_it_gives_the_same_figures_with_the_scopes_built_once_per_report(world, scope):
    # Inside compute_indicators each scope subquery is built once and reused by every
    # statement; computed one by one outside it, each statement builds its own.
    subject = {
        "project": {"project": world.project},
        "donor": {"donor": world.donor},
        "organisations": {"organisation_ids": (world.implementer.pk,)},
    }[scope]
    filters = IndicatorFilter(**subject, **PERIOD)
    shared = compute_indicators(filters)
    alone = [indicator.compute(filters) for indicator in INDICATORS]
    assert [(r.value, r.breakdowns, r.note) for r in shared] == [
        (r.value, r.breakdowns, r.note) for r in alone
    ]
    assert any(r.value for r in shared)
