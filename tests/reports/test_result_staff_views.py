"""Staff pages of the results framework: who may see, enter and approve period values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from reports.models import IndicatorPeriod, PeriodStatus
from tests import factories as f

pytestmark = pytest.mark.django_db

PERIOD_POST = {
    "period_start": "2022-01-01",
    "period_end": "2022-12-31",
    "target_value": "30",
    "actual_value": "24",
    "actual_women": "14",
    "actual_men": "",
    "evidence_note": "Training attendance sheets",
}


@pytest.fixture
def indicator(project):
    return f.ResultIndicatorFactory(result__project=project)


def _client(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_anonymous_visitors_are_sent_to_log_in(indicator) -> None:
    url = reverse("staff:result_indicator_detail", args=[indicator.pk])
    response = _client(None).get(url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_an_outsider_organisation_gets_404_everywhere(outsider, indicator) -> None:
    period = f.IndicatorPeriodFactory(indicator=indicator)
    client = _client(outsider)
    assert (
        client.get(reverse("staff:result_indicator_detail", args=[indicator.pk])).status_code == 404
    )
    assert (
        client.post(
            reverse("staff:result_indicator_detail", args=[indicator.pk]), PERIOD_POST
        ).status_code
        == 404
    )
    assert client.get(reverse("staff:indicator_period_update", args=[period.pk])).status_code == 404
    assert (
        client.post(reverse("staff:indicator_period_approve", args=[period.pk])).status_code == 404
    )
    assert indicator.result.title not in client.get(reverse("staff:result_list")).content.decode()


def test_a_viewer_reads_but_gets_403_on_every_write(viewer, indicator) -> None:
    period = f.IndicatorPeriodFactory(indicator=indicator)
    client = _client(viewer)
    page = client.get(reverse("staff:result_indicator_detail", args=[indicator.pk]))
    assert page.status_code == 200 and b"Add a period" not in page.content
    assert (
        client.post(
            reverse("staff:result_indicator_detail", args=[indicator.pk]), PERIOD_POST
        ).status_code
        == 403
    )
    assert client.get(reverse("staff:indicator_period_update", args=[period.pk])).status_code == 403
    assert (
        client.post(reverse("staff:indicator_period_approve", args=[period.pk])).status_code == 403
    )
    assert IndicatorPeriod.objects.count() == 1


def test_a_field_officer_enters_a_draft_but_may_not_approve_it(field_officer, indicator) -> None:
    client = _client(field_officer)
    response = client.post(
        reverse("staff:result_indicator_detail", args=[indicator.pk]), PERIOD_POST
    )
    assert response.status_code == 302
    period = IndicatorPeriod.objects.get()
    assert period.status == PeriodStatus.DRAFT
    assert period.actual_women == 14 and period.actual_men is None
    assert period.entered_by == field_officer
    assert (
        client.post(reverse("staff:indicator_period_approve", args=[period.pk])).status_code == 403
    )


def test_a_programme_manager_approves_and_reopens_a_period(manager, indicator) -> None:
    period = f.IndicatorPeriodFactory(indicator=indicator)
    client = _client(manager)
    assert (
        client.post(reverse("staff:indicator_period_approve", args=[period.pk])).status_code == 302
    )
    period.refresh_from_db()
    assert period.status == PeriodStatus.APPROVED and period.approved_by == manager
    assert (
        client.post(reverse("staff:indicator_period_reopen", args=[period.pk])).status_code == 302
    )
    period.refresh_from_db()
    assert period.status == PeriodStatus.DRAFT


def test_bad_input_is_explained_in_the_users_language_and_nothing_is_saved(
    manager, indicator
) -> None:
    client = _client(manager)
    url = "/ru" + reverse("staff:result_indicator_detail", args=[indicator.pk])[3:]
    response = client.post(url, {**PERIOD_POST, "actual_women": "40", "actual_men": "1"})
    assert response.status_code == 200
    assert "больше" in response.content.decode()
    assert not IndicatorPeriod.objects.exists()


def test_changing_a_period_saves_the_new_values_as_a_draft(manager, indicator) -> None:
    period = f.IndicatorPeriodFactory(
        indicator=indicator,
        period_start=dt.date(2022, 1, 1),
        period_end=dt.date(2022, 12, 31),
        status=PeriodStatus.APPROVED,
        approved_at=dt.datetime(2023, 1, 5, tzinfo=dt.UTC),
    )
    client = _client(manager)
    response = client.post(reverse("staff:indicator_period_update", args=[period.pk]), PERIOD_POST)
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.target_value == Decimal(30) and period.status == PeriodStatus.DRAFT


def test_the_results_list_runs_the_same_queries_for_1_and_10_results(
    manager, project, django_assert_max_num_queries
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    f.ResultIndicatorFactory(result__project=project)
    client = _client(manager)
    url = reverse("staff:result_list")
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for _ in range(9):
        f.ResultIndicatorFactory(result__project=project)
        f.ResultIndicatorFactory(result=project.results.first())
    with django_assert_max_num_queries(len(small)):
        assert client.get(url).status_code == 200
