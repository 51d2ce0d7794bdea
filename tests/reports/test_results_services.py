"""Writes of the results framework: unknown kept apart from 0, evidence for every reported
actual, draft → approved, and computed actuals that never count illustrative records."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from reports import services
from reports.models import IndicatorPeriod, PeriodStatus
from tests import factories as f

pytestmark = pytest.mark.django_db

START, END = dt.date(2022, 1, 1), dt.date(2022, 12, 31)


def test_it_keeps_an_unknown_breakdown_empty_rather_than_zero(manager, project) -> None:
    document = f.SourceDocumentFactory()
    indicator = f.ResultIndicatorFactory(result__project=project)
    period = services.indicator_period_save(
        indicator=indicator,
        user=manager,
        period_start=START,
        period_end=END,
        actual_value=Decimal(40),
        actual_women=25,
        source_document=document,
        source_location="page 3",
    )
    period.refresh_from_db()
    assert period.actual_women == 25
    assert period.actual_men is None and period.actual_sex_unknown is None
    assert period.actual_under_30 is None
    assert period.status == PeriodStatus.DRAFT
    assert period.entered_by == manager and period.entered_at is not None


def test_it_rejects_a_breakdown_larger_than_the_actual(manager, project) -> None:
    indicator = f.ResultIndicatorFactory(result__project=project)
    with pytest.raises(ValidationError) as error:
        services.indicator_period_save(
            indicator=indicator,
            user=manager,
            period_start=START,
            period_end=END,
            actual_value=Decimal(10),
            actual_women=8,
            actual_men=5,
            evidence_note="Attendance sheets",
        )
    assert "actual_women" in error.value.message_dict
    assert not IndicatorPeriod.objects.exists()


def test_it_rejects_a_full_breakdown_that_does_not_add_up(manager, project) -> None:
    indicator = f.ResultIndicatorFactory(result__project=project)
    with pytest.raises(ValidationError):
        services.indicator_period_save(
            indicator=indicator,
            user=manager,
            period_start=START,
            period_end=END,
            actual_value=Decimal(10),
            actual_under_30=3,
            actual_30_plus=3,
            actual_age_unknown=3,
            evidence_note="Attendance sheets",
        )


def test_it_refuses_a_reported_actual_without_a_source(manager, project) -> None:
    indicator = f.ResultIndicatorFactory(result__project=project)
    with pytest.raises(ValidationError) as error:
        services.indicator_period_save(
            indicator=indicator,
            user=manager,
            period_start=START,
            period_end=END,
            actual_value=Decimal(10),
        )
    assert "source_document" in error.value.message_dict


def test_it_refuses_a_period_ending_before_it_starts(manager, project) -> None:
    indicator = f.ResultIndicatorFactory(result__project=project)
    with pytest.raises(ValidationError):
        services.indicator_period_save(
            indicator=indicator,
            user=manager,
            period_start=END,
            period_end=START,
            target_value=Decimal(5),
        )


def test_approving_records_who_and_when_and_a_change_sends_it_back_to_draft(manager) -> None:
    period = f.IndicatorPeriodFactory(period_start=START, period_end=END)
    approved = services.indicator_period_approve(period=period, user=manager)
    assert approved.status == PeriodStatus.APPROVED
    assert approved.approved_by == manager and approved.approved_at is not None
    with pytest.raises(ValidationError):
        services.indicator_period_approve(period=approved, user=manager)
    changed = services.indicator_period_save(
        indicator=approved.indicator,
        period=approved,
        user=manager,
        target_value=Decimal(120),
    )
    assert changed.status == PeriodStatus.DRAFT and changed.approved_by is None


def test_reopening_an_approved_period_makes_it_a_draft(manager) -> None:
    period = services.indicator_period_approve(
        period=f.IndicatorPeriodFactory(period_start=START, period_end=END), user=manager
    )
    reopened = services.indicator_period_reopen(period=period, user=manager)
    assert reopened.status == PeriodStatus.DRAFT and reopened.approved_at is None


def test_it_refuses_to_approve_a_period_with_neither_target_nor_actual(manager) -> None:
    period = f.IndicatorPeriodFactory(period_start=START, period_end=END, target_value=None)
    with pytest.raises(ValidationError):
        services.indicator_period_approve(period=period, user=manager)


def test_a_catalogue_indicator_counts_its_actual_from_records_without_illustrative_ones(
    manager, project
) -> None:
    f.ActivityFactory(project=project, date=dt.date(2022, 3, 1))
    f.ActivityFactory(project=project, date=dt.date(2022, 4, 1))
    f.ActivityFactory(project=project, date=dt.date(2022, 5, 1), is_illustrative=True)
    f.ActivityFactory(project=project, date=dt.date(2023, 5, 1))
    indicator = f.ResultIndicatorFactory(
        result__project=project, catalogue_code="activities.count", title_en="", unit="count"
    )
    period = services.indicator_period_save(
        indicator=indicator,
        user=manager,
        period_start=START,
        period_end=END,
        target_value=Decimal(4),
        actual_value=Decimal(99),  # ignored: a computed actual is never typed in
    )
    assert period.actual_value is None
    approved = services.indicator_period_approve(period=period, user=manager)
    assert approved.actual_value == Decimal(2)
    assert str(indicator) == "Activities held"


def test_it_rejects_an_unknown_catalogue_code(project) -> None:
    indicator = f.ResultIndicatorFactory.build(
        result=f.ResultFactory(project=project), catalogue_code="no.such", title_en=""
    )
    with pytest.raises(ValidationError):
        indicator.full_clean()


def test_a_reported_figure_of_money_needs_its_currency(project) -> None:
    document = f.SourceDocumentFactory()
    with pytest.raises(ValidationError):
        services.reported_figure_create(
            project=project,
            kind="local_budget",
            value=Decimal(14_000_000),
            source_document=document,
        )
    figure = services.reported_figure_create(
        project=project,
        kind="local_budget",
        value=Decimal(14_000_000),
        currency="KGS",
        qualifier="more_than",
        source_document=document,
        source_location="paragraph 4",
    )
    assert figure.source_document == document
