"""The results framework and reported figures in a real Chromium: readable at phone size
and free of serious accessibility violations."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from reports.models import PeriodStatus
from tests import factories as f
from tests.public.conftest import Portal, build_portal

AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe-core" / "axe.min.js"


@pytest.fixture
def portal(db: None) -> Portal:
    # Committed for the live server, so built per test rather than once per module.
    return build_portal()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_results_and_reported_figures_read_well_on_a_phone(
    browser_page: Any, live_server: Any, portal: Portal
) -> None:
    document = f.SourceDocumentFactory(title_en="Programme newsletter")
    document.projects.add(portal.project)
    f.ReportedFigureFactory(project=portal.project, source_document=document)
    indicator = f.ResultIndicatorFactory(
        result__project=portal.project, title_en="Mediators trained"
    )
    f.IndicatorPeriodFactory(
        indicator=indicator,
        period_start=dt.date(2022, 1, 1),
        period_end=dt.date(2022, 12, 31),
        target_value=Decimal(30),
        actual_value=Decimal(24),
        source_document=document,
        status=PeriodStatus.APPROVED,
        approved_at=dt.datetime(2023, 1, 5, tzinfo=dt.UTC),
    )
    browser = browser_page.context.browser
    # axe is injected as an inline script, which the portal's CSP blocks: this context
    # bypasses CSP for the audit only.
    context = browser.new_context(viewport={"width": 375, "height": 812}, bypass_csp=True)
    page = context.new_page()
    for path in (f"/en/projects/{portal.project.slug}/", "/en/reports/sources/"):
        page.goto(f"{live_server.url}{path}")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth > document.documentElement.clientWidth"
        )
        assert not overflow, path
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document)")
        serious = [
            (violation["id"], [node["target"] for node in violation["nodes"]][:3])
            for violation in result["violations"]
            if violation["impact"] in ("serious", "critical")
        ]
        assert serious == [], (path, serious)
    page.goto(f"{live_server.url}/en/projects/{portal.project.slug}/")
    chart = page.locator(f"svg[aria-describedby='indicator-{indicator.pk}-table']")
    assert chart.is_visible()
    assert chart.bounding_box()["width"] <= 375
    assert page.get_by_role("link", name="Programme newsletter").first.is_visible()
    context.close()
