"""The public project page's results framework and reported figures: approved values only,
unknown shown as "—", sources linked, and the same number of queries however large the
framework grows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from reports.models import PeriodStatus
from tests import factories as f

pytestmark = pytest.mark.django_db

APPROVED = {"status": PeriodStatus.APPROVED, "approved_at": dt.datetime(2023, 1, 5, tzinfo=dt.UTC)}


def _grow(project, results: int, start: int = 0) -> None:
    for index in range(start, start + results):
        result = f.ResultFactory(project=project, position=index)
        for position in range(2):
            indicator = f.ResultIndicatorFactory(result=result, position=position)
            for year in (2021, 2022):
                f.IndicatorPeriodFactory(
                    indicator=indicator,
                    period_start=dt.date(year, 1, 1),
                    period_end=dt.date(year, 12, 31),
                    target_value=Decimal(10),
                    actual_value=Decimal(7),
                    evidence_note="Attendance sheets",
                    **APPROVED,
                )
        f.ReportedFigureFactory(project=project, position=index)
        document = f.SourceDocumentFactory()
        document.projects.add(project)


def _page(client: Client, project) -> tuple[int, str]:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/en/projects/{project.slug}/")
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_project_page_runs_the_same_queries_for_1_and_8_results(client, project) -> None:
    _grow(project, 1)
    client.get(f"/en/projects/{project.slug}/")  # per-process caches (content types…)
    small, _html = _page(client, project)
    _grow(project, 7, start=1)
    large, html = _page(client, project)
    assert large == small
    assert html.count('class="result-indicator"') == 16


def test_only_approved_periods_show_with_a_chart_and_a_table(client, project) -> None:
    document = f.SourceDocumentFactory(title_en="Annual report 2022")
    indicator = f.ResultIndicatorFactory(result__project=project, title_en="Mediators trained")
    f.IndicatorPeriodFactory(
        indicator=indicator,
        period_start=dt.date(2022, 1, 1),
        period_end=dt.date(2022, 12, 31),
        target_value=Decimal(30),
        actual_value=Decimal(24),
        actual_women=14,
        source_document=document,
        source_location="page 7",
        **APPROVED,
    )
    f.IndicatorPeriodFactory(
        indicator=indicator,
        period_start=dt.date(2023, 1, 1),
        period_end=dt.date(2023, 12, 31),
        target_value=Decimal(777),
    )
    _count, html = _page(client, project)
    section = html[html.index('id="results"') :]
    assert "Mediators trained" in section and "<svg" in section
    assert f'aria-describedby="indicator-{indicator.pk}-table"' in section
    assert f'id="indicator-{indicator.pk}-table"' in section
    assert "777" not in section  # the draft stays in the staff area
    assert "Annual report 2022" in section and "page 7" in section
    # Men were not counted: shown as not known, not as 0.
    row = section[section.index("<tbody>") : section.index("</tbody>")]
    assert '<td class="num">14</td>' in row and '<td class="num">—</td>' in row


def test_the_source_line_links_each_document_in_the_page_language(client, project) -> None:
    document = f.SourceDocumentFactory(title_en="Newsletter", title_ru="Бюллетень")
    document.projects.add(project)
    _count, html = _page(client, project)
    assert "Source:" in html and document.get_absolute_url() in html
    cache.clear()
    russian = client.get(f"/ru/projects/{project.slug}/").content.decode()
    assert "Источник:" in russian and "Бюллетень" in russian
    sources = client.get("/en/reports/sources/").content.decode()
    assert f'id="source-{document.slug}"' in sources and project.title_en in sources


SUGHD = {
    "en": "districts of Sughd region",
    "ru": "районов Согдийской области",
    "ky": "Согди облусундагы район",
    "tg": "ноҳияи вилояти Суғд",
}


@pytest.mark.parametrize("language", list(SUGHD))
def test_a_reported_figures_own_label_keeps_its_place_names_capitalised(
    client, project, language
) -> None:
    # The label is written to follow its number; lowering it whole made «sughd», «согдийской».
    f.ReportedFigureFactory(
        project=project,
        kind="other",
        value=Decimal(5),
        **{f"label_{code}": label for code, label in SUGHD.items()},
    )
    f.ReportedFigureFactory(project=project, kind="communities", value=Decimal(15), position=1)
    html = client.get(f"/{language}/projects/{project.slug}/").content.decode()
    assert f'<span class="label">{SUGHD[language]}' in html
    if language == "en":
        # A kind's catalogue name is a caption («Communities»): it follows the number lowered.
        assert '<span class="label">communities' in html


@pytest.mark.parametrize(
    ("language", "caption"),
    [
        ("ru", "муниципалитетов"),
        ("ky", "муниципалитет"),
        ("tg", "мунисипалитет"),
        ("en", "municipalities"),
    ],
)
def test_a_figures_kind_after_its_number_is_counted_in_the_page_language(
    client, project, language, caption
) -> None:
    # «12 муниципалитеты», «12 муниципалитеттер», «12 мунисипалитетҳо» read the plural name
    # of the kind; Russian declines by the number, Kyrgyz and Tajik keep the noun singular.
    f.ReportedFigureFactory(project=project, kind="municipalities", value=Decimal(12))
    html = client.get(f"/{language}/projects/{project.slug}/").content.decode()
    assert f'<span class="label">{caption}</span>' in html
