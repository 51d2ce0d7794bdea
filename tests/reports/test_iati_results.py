"""IATI results from the results framework: targets and actuals of approved periods, with
their source, and only the breakdown parts that are known."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from defusedxml import ElementTree as SafeET
from django.urls import reverse
from django.utils import translation

from core.i18n import shown_in_label
from reports.models import PeriodStatus
from tests import factories as f
from tests.reports import iati_validation

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework(world, org):
    org.iati_identifier = "GB-CHC-1234567"
    org.save()
    indicator = f.ResultIndicatorFactory(
        result__project=world.project,
        result__kind="outcome",
        title_en="Mediators trained",
        title_ru="Обучено медиаторов",
        baseline_value=Decimal(0),
        baseline_year=2021,
    )
    approved = dict(
        status=PeriodStatus.APPROVED, approved_at=dt.datetime(2023, 1, 5, tzinfo=dt.UTC)
    )
    f.IndicatorPeriodFactory(
        indicator=indicator,
        period_start=dt.date(2022, 1, 1),
        period_end=dt.date(2022, 12, 31),
        target_value=Decimal(30),
        actual_value=Decimal(24),
        actual_women=14,
        source_document=f.SourceDocumentFactory(title_en="Annual report 2022"),
        source_location="page 7",
        **approved,
    )
    # A draft is not published.
    f.IndicatorPeriodFactory(
        indicator=indicator,
        period_start=dt.date(2023, 1, 1),
        period_end=dt.date(2023, 12, 31),
        target_value=Decimal(999),
    )
    return world


def test_framework_results_pass_the_standard_with_targets_and_actuals(client, framework) -> None:
    response = client.get(reverse("reports:iati_activity", args=[framework.project.slug]))
    document = response.content
    assert iati_validation.all_errors(document) == []
    root = SafeET.fromstring(document)
    result = next(
        r
        for r in root.iter("result")
        if r.get("type") == "2" and r.find("indicator/baseline") is not None
    )
    indicator = result.find("indicator")
    assert indicator.find("baseline").get("year") == "2021"
    periods = indicator.findall("period")
    assert len(periods) == 1  # the draft stays out
    assert periods[0].find("target").get("value") == "30"
    actuals = periods[0].findall("actual")
    assert actuals[0].get("value") == "24"
    assert "Annual report 2022, page 7" in actuals[0].find("comment/narrative").text
    dimensions = [(a.get("value"), a.find("dimension").attrib) for a in actuals[1:]]
    # Women are known (14); men and age bands are not, so nothing is sent for them.
    assert dimensions == [("14", {"name": "sex", "value": "female"})]
    assert b"999" not in document


def test_a_source_title_missing_in_a_narratives_language_is_the_fallbacks_and_marked(
    client, framework
) -> None:
    # The source is titled in English and Russian only (the factory's Russian title): each
    # comment narrative names the title shown in its own language, as the pages do (issue
    # #21), not the title in the export's language under another language's xml:lang.
    with translation.override("en"):
        response = client.get(reverse("reports:iati_activity", args=[framework.project.slug]))
    root = SafeET.fromstring(response.content)
    comment = next(root.iter("comment"))
    narratives = {
        n.get("{http://www.w3.org/XML/1998/namespace}lang"): n.text
        for n in comment.findall("narrative")
    }
    assert "Annual report 2022, page 7" in narratives["en"]
    assert "Бюллетень программы" in narratives["ru"]
    for code in ("ky", "tg"):
        with translation.override(code):
            marker = f"({shown_in_label('ru')})"
        assert "Бюллетень программы" in narratives[code] and marker in narratives[code], code
        assert "Annual report" not in narratives[code], code
