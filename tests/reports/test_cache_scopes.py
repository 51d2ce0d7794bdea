"""Writes to the reports app's public records retire the pages that show them
(reports/cache_scopes.py): before, the app was not among the public content apps, so a
figure entered in the admin stayed off the cached home and project pages for up to an hour."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from reports.services import indicator_period_approve
from tests import factories as f

pytestmark = pytest.mark.django_db


def _page(url: str) -> str:
    response = Client().get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _served_from_cache(url: str, before: str) -> bool:
    with CaptureQueriesContext(connection) as queries:
        html = _page(url)
    return len(queries) == 0 and html == before


def test_it_shows_a_new_reported_figure_on_the_cached_home_and_project_pages() -> None:
    project = f.ProjectFactory()
    home, detail = "/en/", f"/en/projects/{project.slug}/"
    _page(home), _page(detail)

    f.ReportedFigureFactory(project=project, value=Decimal("987654"))

    assert "987,654" in _page(home)
    assert "987,654" in _page(detail)


def test_it_shows_an_approved_indicator_period_on_its_project_page_only() -> None:
    project, other = f.ProjectFactory(), f.ProjectFactory()
    period = f.IndicatorPeriodFactory(
        indicator__result__project=project,
        actual_value=Decimal("4321"),
        evidence_note="Attendance sheets of the mediation trainings.",
    )
    detail, other_detail = f"/en/projects/{project.slug}/", f"/en/projects/{other.slug}/"
    assert "4,321" not in _page(detail)
    other_before = _page(other_detail)

    indicator_period_approve(period=period, user=f.UserFactory())

    assert "4,321" in _page(detail)
    assert _served_from_cache(other_detail, other_before)


def test_it_retires_the_sources_page_when_a_source_document_is_renamed() -> None:
    document = f.SourceDocumentFactory(title_en="Programme newsletter, spring")
    f.ReportedFigureFactory(source_document=document)
    _page("/en/reports/sources/")

    document.title_en = "Programme newsletter, summer"
    document.save()

    assert "Programme newsletter, summer" in _page("/en/reports/sources/")
