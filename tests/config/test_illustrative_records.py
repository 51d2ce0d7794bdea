"""Illustrative (made-up demo) records are never counted in a figure, report or download,
and never shown on a public page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db.models import Sum
from django.test import Client
from django.utils import translation

from communities.models import Activity, ContributionState, JointPlan, Meeting
from config.pages.selectors import headline_figures
from reports.indicators.catalogue import compute_indicators
from reports.indicators.scope import IndicatorFilter
from reports.open_data import activity_rows
from reports.report import build_report
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(project):
    group = f.WorkingGroupFactory()
    group.projects.add(project)
    real = f.JointPlanFactory(working_group=group, title_en="Real plan")
    invented = f.JointPlanFactory(
        working_group=group, title_en="Invented plan", is_illustrative=True
    )
    for plan, amount in ((real, 100), (invented, 1500)):
        f.ContributionFactory(
            action=f.PlanActionFactory(plan=plan), amount=Decimal(amount), currency="USD"
        )
    f.MeetingFactory(working_group=group, women=4, men=3)
    f.MeetingFactory(working_group=group, women=40, men=30, is_illustrative=True)
    f.ActivityFactory(project=project, published=True, title_en="Real news", women=6, men=5)
    f.ActivityFactory(
        project=project, published=True, title_en="Invented news", women=60, is_illustrative=True
    )
    return project


def test_home_totals_equal_the_sums_over_non_illustrative_records(world) -> None:
    figures = headline_figures()
    real_plans = JointPlan.objects.approved().filter(is_illustrative=False)
    received = real_plans.filter(
        actions__contributions__state=ContributionState.RECEIVED
    ).aggregate(total=Sum("actions__contributions__amount"))["total"]
    assert figures["plans_approved"] == real_plans.count() == 1
    assert figures["cofinancing_usd"] == received == Decimal(100)


def test_the_donor_report_counts_no_illustrative_record(world) -> None:
    filters = IndicatorFilter(project=world)
    values = {r.indicator.code: r.value for r in compute_indicators(filters)}
    assert values["plans.approved"] == 1
    assert values["meetings.held"] == Meeting.objects.filter(is_illustrative=False).count() == 1
    assert values["activities.count"] == 1
    participants = Activity.objects.filter(is_illustrative=False).aggregate(
        n=Sum("women") + Sum("men")
    )["n"]
    assert values["activities.participants"] == participants == 11
    report = build_report(filters)
    plans = report.table("plans")
    assert plans is not None and [row[0] for row in plans.rows if "Invented" in str(row)] == []


def test_open_data_leaves_illustrative_activities_out(world) -> None:
    with translation.override("en"):
        titles = [row[4] for row in activity_rows()]
    assert "Real news" in titles and "Invented news" not in titles


def test_public_pages_never_show_an_illustrative_record(world) -> None:
    cache.clear()
    client = Client()
    news = client.get("/en/news/").content.decode()
    assert "Real news" in news and "Invented news" not in news
    invented = Activity.objects.get(title_en="Invented news")
    assert client.get(f"/en/news/{invented.pk}/").status_code == 404
    page = client.get(world.get_absolute_url().replace("/ru/", "/en/")).content.decode()
    assert "$1,500" not in page and "Invented plan" not in page
    community = JointPlan.objects.get(title_en="Invented plan").community
    place = client.get(f"/en/places/communities/{community.pk}/").content.decode()
    assert "Invented plan" not in place


def test_an_illustrative_activity_outside_the_period_changes_nothing(world) -> None:
    before = headline_figures()
    f.ActivityFactory(project=world, date=dt.date(2022, 6, 1), published=True, is_illustrative=True)
    cache.clear()
    assert headline_figures() == before
