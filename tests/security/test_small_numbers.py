"""Small numbers on public pages: counts about people (members by sex and sector, sensitive
problems) from 1 to the threshold minus one show as "fewer than 3", and the total beside
a breakdown cannot give a hidden cell back by subtraction."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from communities import models as cm
from core.small_numbers import HiddenCount, public_breakdown, public_count
from tests import factories as f


def test_counts_from_one_to_the_threshold_minus_one_are_hidden(settings) -> None:
    settings.PUBLIC_SMALL_NUMBER_THRESHOLD = 3
    assert public_count(0) == 0
    assert public_count(1) == HiddenCount(small=True)
    assert public_count(2) == HiddenCount(small=True)
    assert public_count(3) == 3
    with translation.override("en"):
        assert str(public_count(1)) == "fewer than 3"
    with translation.override("ru"):
        assert str(public_count(1)) == "менее 3"


def test_a_lone_hidden_cell_takes_the_next_smallest_with_it() -> None:
    cells = public_breakdown([10, 2, 5, 0])
    assert cells == [10, HiddenCount(small=True), HiddenCount(small=False), 0]
    # Two hidden cells already protect each other.
    assert public_breakdown([10, 2, 1]) == [10, HiddenCount(True), HiddenCount(True)]
    # Without a visible total nothing can be subtracted.
    assert public_breakdown([10, 2], total_shown=False) == [10, HiddenCount(True)]


def test_no_hidden_cell_can_be_recovered_from_the_total() -> None:
    for counts in ([7, 1], [4, 4, 2], [9, 3, 1, 6], [1, 1, 8], [2, 0, 5]):
        cells = public_breakdown(counts)
        hidden = [c for c, cell in zip(counts, cells, strict=True) if isinstance(cell, HiddenCount)]
        # Total minus the visible cells is the sum of the hidden ones: never a single cell.
        assert len(hidden) != 1, counts


@pytest.fixture
def village(db):
    project = f.ProjectFactory(slug="village-project", is_public=True)
    community = f.CommunityFactory(name_en="Small village")
    f.ProjectCommunityFactory(project=project, community=community)
    group = f.WorkingGroupFactory(community=community)
    group.projects.add(project)
    # 6 members: 1 woman; 4 activists and 2 from the police.
    f.MembershipFactory(working_group=group, sex="female", sector=cm.Sector.ACTIVIST)
    for _ in range(3):
        f.MembershipFactory(working_group=group, sex="male", sector=cm.Sector.ACTIVIST)
    for _ in range(2):
        f.MembershipFactory(working_group=group, sex="male", sector=cm.Sector.POLICE)
    sensitive = f.ProblemCategoryFactory(slug="family-violence", sensitive=True)
    lighting = f.ProblemCategoryFactory(slug="lighting", name_en="Street lighting")
    assessment = f.AssessmentFactory(community=community, project=project)
    f.IdentifiedProblemFactory(assessment=assessment, category=sensitive)
    for _ in range(4):
        f.IdentifiedProblemFactory(assessment=assessment, category=lighting)
    return community


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.django_db
def test_the_community_page_hides_small_member_and_sensitive_counts(village) -> None:
    with translation.override("en"):
        url = reverse("communities:community_detail", kwargs={"pk": village.pk})
    text = _text(Client().get(url).content.decode())
    assert "6 current members" in text
    assert "fewer than 3 of them women" in text
    # Police 2 is hidden; activists 4 is hidden with it, or 6 - 4 would give police back.
    assert "Police fewer than 3" in text
    assert "Activist not shown" in text or "activist not shown" in text.lower()
    assert "Other protection concerns fewer than 3" in text
    assert "Street lighting 4" in text
    assert not re.search(r"Other protection concerns 1\b", text)


@pytest.mark.django_db
def test_open_data_holds_no_member_or_problem_counts(db) -> None:
    from reports.open_data import DATASETS

    columns = {column.name for dataset, _rows in DATASETS.values() for column in dataset.columns}
    assert not columns & {"members", "women_members", "sector", "problems", "category"}
