"""The headline figures and the donor-report tables against hand-computed answers (see the
comments in conftest.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from reports import selectors
from reports.indicators.scope import IndicatorFilter
from tests.reports.conftest import PERIOD

pytestmark = pytest.mark.django_db


def test_headline_figures_for_one_project(period_filter):
    assert selectors.headline_figures(period_filter) == {
        "communities_covered": 2,
        "people_covered": 10000,
        "working_groups_active": 1,
        "plans_approved": 1,
        # received only: 1 000 + 500 + 1 100 USD
        "cofinancing_usd": Decimal("2600.00"),
        "grants_awarded": 2,
    }


def test_headline_figures_public_only_leave_out_private_projects(world):
    figures = selectors.headline_figures(IndicatorFilter(public_only=True))
    # Open-ended period ends today. A (4 000: the private 4 500 is hidden), B (6 000),
    # C (3 000) and the link that started in 2023 (9 999).
    assert figures["communities_covered"] == 4
    assert figures["people_covered"] == 22999


def test_people_covered_counts_a_shared_community_once_with_the_larger_figure(world):
    figures = selectors.headline_figures(IndicatorFilter(**PERIOD))
    assert figures["communities_covered"] == 3
    assert figures["people_covered"] == 4500 + 6000 + 3000


def test_donor_scope_covers_every_project_the_donor_funds(world):
    figures = selectors.headline_figures(IndicatorFilter(donor=world.donor, **PERIOD))
    assert figures["communities_covered"] == 3
    assert figures["people_covered"] == 13000


def test_highlights_put_activities_with_photos_first_then_the_newest(world, period_filter):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from communities.models import ActivityPhoto
    from tests import factories as f

    older = f.ActivityFactory(project=world.project, published=True, date=dt.date(2022, 2, 1))
    newer = f.ActivityFactory(project=world.project, published=True, date=dt.date(2022, 9, 1))
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), "#1d5c8c").save(buffer, format="JPEG")
    ActivityPhoto.objects.create(
        activity=older, image=SimpleUploadedFile("p.jpg", buffer.getvalue(), "image/jpeg")
    )

    highlights = selectors.highlight_activities(period_filter, limit=50)

    assert highlights[0] == older
    assert highlights.index(newer) > 0
    assert all(a.status == "published" for a in highlights)
    dates = [a.date for a in highlights[1:]]
    assert dates == sorted(dates, reverse=True)
    assert len(selectors.highlight_activities(period_filter, limit=1)) == 1


def _raw_received_usd(filters: IndicatorFilter) -> Decimal:
    """The headline co-financing as it was computed before the plan summaries: every
    contribution in scope added up."""
    from django.db.models import Sum

    from communities.models import ContributionState
    from reports.indicators.cofinancing import scoped_contributions
    from reports.indicators.money import as_money

    rows = scoped_contributions(filters).filter(state=ContributionState.RECEIVED)
    return as_money(rows.aggregate(total=Sum("amount_usd"))["total"])


def test_headline_cofinancing_from_the_plan_summaries_is_the_sum_of_the_contributions(
    django_assert_num_queries,
):
    from communities.models import ActionStatus, ContributionState
    from core.choices import Currency
    from tests import factories as f

    f.ExchangeRateFactory(currency=Currency.KGS, date=dt.date(2022, 1, 1), rate_to_usd="0.01")
    public, private = f.ProjectFactory(), f.ProjectFactory(is_public=False)
    plans = []
    for project in (public, private):
        group = f.WorkingGroupFactory()
        group.projects.add(project)
        plans.append(f.JointPlanFactory(working_group=group))
    cancelled = f.PlanActionFactory(plan=plans[0], status=ActionStatus.CANCELLED)
    # Converted at whichever rate is in force (the shared records may hold one already).
    soms = f.ContributionFactory(action=f.PlanActionFactory(plan=plans[0]), amount=Decimal(1000))
    assert soms.amount_usd is not None
    f.ContributionFactory(action=cancelled, currency=Currency.USD, amount=Decimal(3))
    f.ContributionFactory(action=None, plan=plans[0], currency=Currency.USD, amount=Decimal(20))
    f.ContributionFactory(action=None, project=public, currency=Currency.USD, amount=Decimal(400))
    f.ContributionFactory(action=None, project=private, currency=Currency.USD, amount=Decimal(5))
    f.ContributionFactory(action=None, plan=plans[1], currency=Currency.USD, amount=Decimal(60))
    f.ContributionFactory(
        action=None, plan=plans[0], state=ContributionState.PLEDGED, amount=Decimal(9000)
    )
    # No rate on or before its date: received but never converted, so in no dollar sum.
    unconverted = f.ContributionFactory(
        action=None, plan=plans[0], currency=Currency.TJS, date=dt.date(1990, 1, 1)
    )
    assert unconverted.amount_usd is None

    # The shared records hold contributions too: scopes over everything are checked
    # against the contributions themselves, those over the records above by hand as well.
    scopes = {
        "public": (IndicatorFilter(public_only=True), None),
        "everything": (IndicatorFilter(), None),
        "one project": (IndicatorFilter(project=public), Decimal("423.00") + soms.amount_usd),
        # A place leaves out the contributions to whole projects.
        "a place": (IndicatorFilter(community=plans[0].community), 23 + soms.amount_usd),
        # A period reads each contribution's date.
        "a period": (IndicatorFilter(project=public, date_from=dt.date(2022, 1, 1)), None),
        "an empty period": (IndicatorFilter(date_to=dt.date(2000, 1, 1)), Decimal("0.00")),
    }
    for name, (filters, expected) in scopes.items():
        figure = selectors.headline_figures(filters)["cofinancing_usd"]
        assert figure == _raw_received_usd(filters), name
        if expected is not None:
            assert (name, figure) == (name, expected)

    # Flat: the plans' summaries and the whole-project contributions in one query.
    from reports.indicators.cofinancing import received_usd_total

    for _ in range(5):
        f.ContributionFactory(action=f.PlanActionFactory(plan=plans[0]), amount=Decimal(1))
    with django_assert_num_queries(1):
        received_usd_total(IndicatorFilter(public_only=True))
