"""The donor report lists the programmes' reported figures with their source, apart from
the counted indicators, in the page, its XLSX and a CSV."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from core.i18n import shown_in_label
from reports.indicators.scope import IndicatorFilter
from reports.report import build_report
from tests import factories as f
from tests.reports.conftest import PERIOD

pytestmark = pytest.mark.django_db

QUERY = "?date_from=2022-01-01&date_to=2022-12-31"


def _url(name: str, **params) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse(name) + f"{QUERY}&{query}"


@pytest.fixture
def figures(world):
    document = f.SourceDocumentFactory(title_en="Programme brochure", title_ru="Брошюра программы")
    people = f.ReportedFigureFactory(
        project=world.project,
        kind="people_covered",
        value=Decimal("245000"),
        source_document=document,
        source_location="page 2",
        position=1,
    )
    budget = f.ReportedFigureFactory(
        project=world.project,
        kind="local_budget",
        qualifier="more_than",
        value=Decimal("14000000"),
        currency="KGS",
        source_document=document,
        source_location="page 3",
        position=2,
    )
    # Funded by the same donor, but the viewer's organisation is no partner in it.
    hidden = f.ReportedFigureFactory(
        project=world.other_project,
        kind="municipalities",
        value=Decimal("12"),
        source_document=f.SourceDocumentFactory(title_en="Other programme's leaflet"),
    )
    return people, budget, hidden


def test_the_page_shows_reported_figures_with_their_source_apart_from_counted_ones(
    client, world, viewer, figures
):
    client.force_login(viewer)
    html = client.get(_url("staff:donor_report", project=world.project.pk)).content.decode()
    section = html[html.index('id="reported-figures"') :]
    section = section[: section.index("</section>")]
    assert "Reported by the programme" in section
    assert "has not counted them from its records" in section
    assert "People covered" in section and "245" in section
    assert "more than" in section and "Co-financing from local budgets" in section
    assert "Programme brochure" in section and "page 3" in section
    assert figures[0].source_document.get_absolute_url() in section
    # Never mixed into the counted figures at the top.
    headline = html[html.index('class="figures report-headline"') :]
    assert "245" not in headline[: headline.index("</ul>")]


def test_a_donor_report_lists_only_the_figures_of_projects_the_user_works_on(
    client, world, viewer, figures
):
    client.force_login(viewer)
    html = client.get(_url("staff:donor_report", donor=world.donor.pk)).content.decode()
    assert "Programme brochure" in html
    assert "Other programme&#x27;s leaflet" not in html
    assert "Other programme's leaflet" not in html


def test_a_report_without_reported_figures_has_no_such_section(client, world, viewer):
    client.force_login(viewer)
    html = client.get(_url("staff:donor_report", project=world.project.pk)).content.decode()
    assert 'id="reported-figures"' not in html


def test_the_xlsx_has_a_sheet_of_reported_figures_with_numbers_and_sources(
    client, world, viewer, figures
):
    client.force_login(viewer)
    content = client.get(_url("staff:donor_report_xlsx", project=world.project.pk)).content
    workbook = load_workbook(io.BytesIO(content))
    assert (
        workbook.sheetnames.index("Reported figures") == workbook.sheetnames.index("Indicators") + 1
    )
    rows = list(workbook["Reported figures"].iter_rows(values_only=True))
    assert rows[1][:8] == (
        "Project",
        "Figure",
        "Qualifier",
        "Value",
        "Currency",
        "Year",
        "Source document",
        "Page or section",
    )
    people = next(row for row in rows if row[1] == "People covered")
    assert people[3] == 245000.0  # a real number, not text
    assert people[6:8] == ("Programme brochure", "page 2")
    budget = next(row for row in rows if row[1] == "Co-financing from local budgets")
    assert budget[2:5] == ("more than", 14000000.0, "KGS")
    assert any("has not counted them" in str(row[0]) for row in rows)
    # The counted indicators' sheet holds no reported figure.
    indicators = [row for row in workbook["Indicators"].iter_rows(values_only=True)]
    assert not any(245000.0 in row for row in indicators)


def test_the_csv_of_reported_figures_equals_the_xlsx_rows(client, world, viewer, figures):
    client.force_login(viewer)
    response = client.get(
        reverse("staff:donor_report_csv", kwargs={"table": "reported"})
        + f"{QUERY}&project={world.project.pk}"
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][1] == "Figure"
    assert [row[1] for row in rows[1:]] == ["People covered", "Co-financing from local budgets"]


def test_the_report_structure_holds_the_figures_for_its_projects_only(world, figures):
    report = build_report(IndicatorFilter(donor=world.donor, **PERIOD))
    assert {figure.pk for figure in report.reported_figures} == {fig.pk for fig in figures}
    scoped = build_report(IndicatorFilter(project=world.project, **PERIOD))
    assert [figure.pk for figure in scoped.reported_figures] == [figures[0].pk, figures[1].pk]
    assert scoped.table("reported") is not None
    # The dashboard (figures only) does not read them.
    assert build_report(IndicatorFilter(**PERIOD), with_tables=False).reported_figures == []


def test_a_source_or_project_in_another_language_is_marked_in_the_exports(
    client, world, viewer, figures
):
    # The source has no Kyrgyz title: a Kyrgyz report names the Russian one with the marker,
    # as the pages do (issue #21), in the CSV, the XLSX and the PDF alike.
    client.force_login(viewer)
    with translation.override("ky"):
        url = reverse("staff:donor_report_csv", kwargs={"table": "reported"})
        marker = f"({shown_in_label('ru')})"
    response = client.get(url + f"{QUERY}&project={world.project.pk}")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1:]
    assert rows and all(row[6] == f"Брошюра программы {marker}" for row in rows)
    assert all(row[0] == f"{world.project.title_ru} {marker}" for row in rows)
