"""Publishing is possible only from "submitted": a reviewer cannot publish a draft its
author never sent for review, and the button is not offered on drafts."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from communities import activity_services as services
from communities.models import Activity, ActivityStatus
from tests.security.world import World, build_world


@pytest.fixture(scope="module")
def shared_records(module_db: Any) -> World:
    # Built once per module (tests/conftest.py: module_db); each test gets its own deep copy
    # and its writes roll back with its savepoint.
    with module_db.unblock(), translation.override("en"):
        return build_world("A")


@pytest.fixture
def world(records: World) -> World:
    return records


@pytest.mark.django_db
@pytest.mark.parametrize("status", [ActivityStatus.DRAFT, ActivityStatus.RETURNED])
def test_the_service_refuses_to_publish_an_unsubmitted_activity(world: World, status) -> None:
    Activity.objects.filter(pk=world.activity.pk).update(status=status)
    with pytest.raises(ValidationError):
        services.activity_publish(activity=world.activity, reviewer=world.users["org_admin"])
    world.activity.refresh_from_db()
    assert world.activity.status == status
    assert world.activity.published_at is None


@pytest.mark.django_db
def test_a_reviewer_posting_publish_on_a_draft_leaves_it_a_draft(world: World) -> None:
    client = Client()
    client.force_login(world.users["org_admin"])
    detail = reverse("staff:activity_detail", kwargs={"pk": world.activity.pk})
    page = client.get(detail).content.decode()
    publish_url = reverse("staff:activity_publish", kwargs={"pk": world.activity.pk})
    assert publish_url not in page

    client.post(publish_url)
    world.activity.refresh_from_db()
    assert world.activity.status == ActivityStatus.DRAFT
    assert not Activity.objects.published().filter(pk=world.activity.pk).exists()


@pytest.mark.django_db
def test_a_submitted_activity_is_offered_and_published(world: World) -> None:
    Activity.objects.filter(pk=world.activity.pk).update(status=ActivityStatus.SUBMITTED)
    client = Client()
    client.force_login(world.users["org_admin"])
    publish_url = reverse("staff:activity_publish", kwargs={"pk": world.activity.pk})
    page = client.get(reverse("staff:activity_detail", kwargs={"pk": world.activity.pk}))
    assert publish_url in page.content.decode()
    client.post(publish_url)
    world.activity.refresh_from_db()
    assert world.activity.status == ActivityStatus.PUBLISHED
