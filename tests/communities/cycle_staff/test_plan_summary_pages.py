"""Place pages read the plan summaries: the first view after a staff write through the
services shows the new figures (the cache is on in tests, so this also checks that the
write retires the cached page)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from communities import plan_services, services
from communities.models import ActionStatus, ContributionSource, ContributionState
from core.choices import Currency

pytestmark = pytest.mark.django_db


def _page(client, world) -> str:
    url = reverse("communities:community_detail", kwargs={"pk": world.community.pk})
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_next_view_after_a_pledge_its_receipt_and_a_done_action_shows_each(
    client, world, people, settings
) -> None:
    # The plan has one open action and a local-budget pledge (conftest), nothing from business.
    first = _page(client, world)
    assert "0 of 1" in first
    assert "Local budget" in first and "Business" not in first

    pledge = plan_services.contribution_create(
        user=people.field_officer,
        action=world.action,
        source_type=ContributionSource.BUSINESS,
        amount=Decimal("12345"),
        currency=Currency.KGS,
        state=ContributionState.PLEDGED,
        date=dt.date(2024, 2, 1),
    )
    after_pledge = _page(client, world)
    assert "Business" in after_pledge and "12\u00a0345" in after_pledge.replace(",", "\u00a0")

    plan_services.contribution_receive(
        user=people.field_officer,
        contribution=pledge,
        amount=Decimal("20000"),
        date=dt.date(2024, 3, 1),
        confirm_above_pledge=True,
    )
    after_receipt = _page(client, world)
    assert "20\u00a0000" in after_receipt.replace(",", "\u00a0")

    services.plan_action_update(
        user=people.field_officer,
        action=world.action,
        status=ActionStatus.DONE,
        completed_on=dt.date(2024, 4, 1),
    )
    assert "1 of 1" in _page(client, world)
