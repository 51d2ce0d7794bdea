"""A project's dates on its staff page, read as Russian writes a range of months."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from projects.models import PartnerRole
from tests import factories as f


@pytest.mark.django_db
def test_a_russian_project_range_writes_the_end_month_in_lower_case(
    client: Client, org: Any, manager: Any
) -> None:
    project = f.ProjectFactory(
        slug="oktyabr",
        planned_start=dt.date(2019, 10, 1),
        planned_end=dt.date(2021, 5, 1),
        start_precision="month",
        end_precision="month",
    )
    f.PartnershipFactory(project=project, organisation=org, role=PartnerRole.IMPLEMENTING)
    client.force_login(manager)
    with translation.override("ru"):
        path = reverse("staff:project_detail", kwargs={"slug": project.slug})
    html = client.get(path).content.decode()
    # The range begins the cell, so its first month keeps the capital; the second is inside.
    assert "Октябрь 2019 г. – май 2021 г." in html
