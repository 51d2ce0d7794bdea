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
