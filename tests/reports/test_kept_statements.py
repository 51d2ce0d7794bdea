"""The report's aggregates statement is written once per shape of filter and sent again with
another filter's values in its parameter places: the same statement, the same figures, and
nothing kept when a parameter follows a filter value in some other way."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.utils import translation

from communities.models import Activity
from core.together import compile_together
from reports.indicators import scope
from reports.indicators.catalogue import AGGREGATES, compute_indicators
from reports.indicators.scope import Aggregate, IndicatorFilter, sharing_aggregates

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="one statement per report on PostgreSQL only"
    ),
]

D = dt.date


def _filters(world, org) -> list[IndicatorFilter]:
    orgs = (org.pk,)
    return [
        IndicatorFilter(project=world.project, date_from=D(2022, 1, 1), date_to=D(2022, 12, 31)),
        IndicatorFilter(
            project=world.other_project, date_from=D(2021, 3, 1), date_to=D(2022, 6, 30)
        ),
        IndicatorFilter(donor=world.donor, organisation_ids=orgs),
        IndicatorFilter(donor=world.donor, project=world.project, date_from=D(2022, 1, 1)),
        IndicatorFilter(organisation_ids=orgs, date_from=D(2022, 1, 1), date_to=D(2022, 12, 31)),
        IndicatorFilter(organisation_ids=(org.pk, world.donor.pk), date_to=D(2022, 12, 31)),
        IndicatorFilter(region=world.region, date_from=D(2022, 1, 1)),
        IndicatorFilter(region=world.other_region, date_from=D(2022, 1, 1)),
        IndicatorFilter(country="KG", community=world.village_a, public_only=True),
        IndicatorFilter(public_only=True),
    ]


def _figures(filters: IndicatorFilter) -> list[tuple]:
    return [
        (r.indicator.code, r.value, [(b.code, b.rows) for b in r.breakdowns], r.note)
        for r in compute_indicators(filters)
    ]


@pytest.mark.parametrize("language", ["en", "ru"])
def test_it_gives_the_figures_the_statement_written_for_the_filter_gives(
    world, org, monkeypatch, language
):
    scope._KEPT_STATEMENTS.clear()
    with translation.override(language):
        # Every filter twice: the second of each shape reads with the kept statement.
        kept = [_figures(filters) for filters in _filters(world, org) * 2]
        assert any(value is not None for value in scope._KEPT_STATEMENTS.values())
        monkeypatch.setattr(scope, "_read_with_statement_kept", lambda *_args: None)
        written = [_figures(filters) for filters in _filters(world, org) * 2]
    assert kept == written


def test_it_sends_the_very_statement_and_parameters_written_for_the_filter(world, org, monkeypatch):
    sent: list[tuple[str, list]] = []
    run = scope.run_together

    def recording(together, params, *args):
        sent.append((together.statement, list(params)))
        return run(together, params, *args)

    monkeypatch.setattr(scope, "run_together", recording)
    scope._KEPT_STATEMENTS.clear()
    first, second = (
        IndicatorFilter(project=world.other_project, date_from=D(2021, 1, 1)),
        (IndicatorFilter(project=world.project, date_from=D(2022, 1, 1))),
    )
    with sharing_aggregates():
        compute_indicators(first)
        compute_indicators(second)
        # Written by Django for the second filter itself, after it was read (the rates and
        # programme ids it is written with are known by then).
        expected = compile_together({a.name: a.query(second) for a in AGGREGATES})
    assert sent[-1] == (expected.statement, expected.params)
    assert world.project.pk in sent[-1][1]
    assert world.other_project.pk not in sent[-1][1]


def _by_year(filters: IndicatorFilter):
    # A parameter derived from a filter value (its year), not the value itself.
    return Activity.objects.filter(date__year=filters.date_from.year).values("pk")


def _by_pk(filters: IndicatorFilter):
    return Activity.objects.filter(project=filters.project).values("pk")


def test_it_keeps_nothing_when_a_parameter_is_derived_from_a_filter_value(world):
    year = Aggregate(_by_year, lambda _filters, rows: rows)
    plain = Aggregate(_by_pk, lambda _filters, rows: rows)
    filters = IndicatorFilter(project=world.project, date_from=D(2022, 1, 1))
    with sharing_aggregates():
        assert scope._write_statement(filters, {"year": year, "plain": plain}, {}, {}) is None
        assert scope._write_statement(filters, {"plain": plain, "again": plain}, {}, {})


def test_it_keeps_nothing_when_writing_the_statement_needs_a_query(world):
    def reads_first(filters: IndicatorFilter):
        ids = list(Activity.objects.filter(project=filters.project).values_list("pk", flat=True))
        return Activity.objects.filter(pk__in=ids).values("pk")

    reading = Aggregate(reads_first, lambda _filters, rows: rows)
    plain = Aggregate(_by_pk, lambda _filters, rows: rows)
    filters = IndicatorFilter(project=world.project)
    with sharing_aggregates():
        assert scope._write_statement(filters, {"reads": reading, "plain": plain}, {}, {}) is None
