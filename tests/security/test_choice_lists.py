"""Choice lists offer only organisations the user may see: an organisation known only from
another organisation's private project is neither listed nor accepted."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from communities.cycle_forms import ContributionForm
from projects import models as pm
from tests import factories as f
from tests.security.world import World, build_world


@pytest.fixture(scope="module")
def shared_records(module_db: Any) -> tuple[World, World, Any]:
    # Built once per module (tests/conftest.py: module_db); each test gets its own deep copy
    # and its writes roll back with its savepoint.
    with module_db.unblock(), translation.override("en"):
        mine = build_world("A")
        theirs = build_world("B")
        # Known only as a partner on B's private project.
        hidden = f.OrganisationFactory(slug="hidden-partner", name_en="Hidden partner")
        f.PartnershipFactory(
            project=theirs.private_project, organisation=hidden, role=pm.PartnerRole.FUNDING
        )
        return mine, theirs, hidden


@pytest.fixture
def worlds(records: tuple[World, World, Any]) -> tuple[World, World, Any]:
    return records


@pytest.mark.django_db
def test_the_contribution_form_lists_only_organisations_the_user_may_see(worlds) -> None:
    mine, theirs, hidden = worlds
    offered = set(ContributionForm(user=mine.users["org_admin"]).fields["contributor"].queryset)
    assert hidden not in offered
    assert mine.org in offered  # the user's own
    assert theirs.org in offered  # public: partner on B's public project


@pytest.mark.django_db
def test_a_hidden_organisation_is_refused_when_posted(worlds) -> None:
    mine, _theirs, hidden = worlds
    client = Client()
    client.force_login(mine.users["org_admin"])
    url = reverse("staff:contribution_create", kwargs={"pk": mine.action.pk})
    page = client.get(url).content.decode()
    assert "Hidden partner" not in page
    before = mine.action.contributions.count()
    response = client.post(
        url,
        {
            "source_type": "local_budget",
            "state": "pledged",
            "amount": "100",
            "currency": "KGS",
            "date": "2022-01-10",
            "contributor": hidden.pk,
        },
    )
    assert response.status_code in (200, 400)
    assert mine.action.contributions.count() == before
