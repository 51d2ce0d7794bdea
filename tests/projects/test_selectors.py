"""Public read helpers that fold counts and photos into the queries pages already run."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from communities.models import ActionStatus, ActivityPhoto, JointPlan, Sector, WorkingGroup
from communities.news_selectors import news_cards, published_news
from communities.summary_selectors import plan_summary, working_group_summary
from core.db import first_rows_with_total
from projects.models import Project
from tests import factories as f


def _jpeg() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), "#1d5c8c").save(buffer, format="JPEG")
    return SimpleUploadedFile("p.jpg", buffer.getvalue(), "image/jpeg")


@pytest.mark.django_db
def test_news_cards_carry_the_first_photo_by_position_in_one_query(
    django_assert_num_queries: Any,
) -> None:
    project = f.ProjectFactory()
    with_photos = f.ActivityFactory(project=project, published=True, date=dt.date(2022, 5, 2))
    without = f.ActivityFactory(project=project, published=True, date=dt.date(2022, 5, 1))
    ActivityPhoto.objects.create(
        activity=with_photos, image=_jpeg(), position=2, caption_en="Second"
    )
    first = ActivityPhoto.objects.create(
        activity=with_photos, image=_jpeg(), position=1, caption_en="Lamp posts", caption_ru=""
    )

    with django_assert_num_queries(1):
        cards = news_cards(published_news().filter(project=project), 10)

    assert [card.pk for card in cards] == [with_photos.pk, without.pk]
    assert cards[1].photo_list == []
    [photo] = cards[0].photo_list
    assert photo.pk == first.pk
    assert photo.image.name == first.image.name
    with translation.override("ru"):
        # Russian caption empty: falls back like any translated field.
        assert photo.caption == "Lamp posts"


@pytest.mark.django_db
def test_news_cards_stop_at_the_limit() -> None:
    project = f.ProjectFactory()
    for _ in range(3):
        f.ActivityFactory(project=project, published=True)
    assert len(news_cards(published_news().filter(project=project), 2)) == 2


@pytest.mark.django_db
def test_first_rows_with_total_counts_every_row_not_only_the_listed_ones(
    django_assert_num_queries: Any,
) -> None:
    for _ in range(5):
        f.ProjectFactory()
    with django_assert_num_queries(1):
        rows, total = first_rows_with_total(Project.objects.order_by("pk"), 2)
    assert len(rows) == 2
    assert total == 5
    assert first_rows_with_total(Project.objects.none(), 2) == ([], 0)


@pytest.mark.django_db
def test_working_group_summary_counts_groups_and_current_members_in_one_query(
    django_assert_num_queries: Any,
) -> None:
    group = f.WorkingGroupFactory()
    other = f.WorkingGroupFactory()
    f.MembershipFactory(working_group=group, sex="female", sector=Sector.POLICE)
    f.MembershipFactory(working_group=group, sex="male", sector=Sector.POLICE)
    f.MembershipFactory(working_group=other, sex="female", sector=Sector.ACTIVIST)
    f.MembershipFactory(working_group=other, left_on=dt.date(2022, 1, 1))  # left: not counted
    groups = WorkingGroup.objects.filter(pk__in=[group.pk, other.pk])

    with django_assert_num_queries(1):
        summary = working_group_summary(groups)

    assert (summary.groups, summary.members, summary.women, summary.men) == (2, 3, 2, 1)
    assert [count for _label, count in summary.sectors] == [2, 1]


@pytest.mark.django_db
def test_working_group_summary_counts_groups_without_members() -> None:
    group = f.WorkingGroupFactory()
    summary = working_group_summary(WorkingGroup.objects.filter(pk=group.pk))
    assert (summary.groups, summary.members, summary.sectors) == (1, 0, [])


@pytest.mark.django_db
def test_plan_summary_counts_plans_and_live_actions_in_one_query(
    django_assert_num_queries: Any,
) -> None:
    plan = f.JointPlanFactory()
    empty_plan = f.JointPlanFactory()
    f.PlanActionFactory(plan=plan, status=ActionStatus.DONE, completed_on=dt.date(2022, 3, 1))
    f.PlanActionFactory(plan=plan, status=ActionStatus.PLANNED)
    f.PlanActionFactory(plan=plan, status=ActionStatus.CANCELLED)
    plans = JointPlan.objects.filter(pk__in=[plan.pk, empty_plan.pk])

    with django_assert_num_queries(1):  # counts and co-financing by source together
        summary = plan_summary(plans)

    assert (summary.plans, summary.actions_total, summary.actions_done) == (2, 2, 1)
    assert summary.percent_done == 50
    assert summary.cofinancing == []


@pytest.mark.django_db
def test_plan_summary_reads_counts_and_every_source_and_currency_in_one_query(
    django_assert_num_queries: Any,
) -> None:
    plan = f.JointPlanFactory()
    action = f.PlanActionFactory(plan=plan, status=ActionStatus.PLANNED)
    f.ContributionFactory(action=action, amount=Decimal("150.50"), currency="KGS")
    f.ContributionFactory(action=action, amount=Decimal("20"), currency="USD")
    plans = JointPlan.objects.filter(pk=plan.pk)

    with django_assert_num_queries(1):
        summary = plan_summary(plans)

    assert (summary.plans, summary.actions_total, summary.actions_done) == (1, 1, 0)
    amounts = [currency_rows for _label, currency_rows in summary.cofinancing]
    assert [[currency for currency, *_ in rows] for rows in amounts] == [["KGS", "USD"]]
    received_and_pledged = {currency: (r, p) for currency, r, p in amounts[0]}
    assert sum(received_and_pledged["KGS"]) == Decimal("150.50")
    assert sum(received_and_pledged["USD"]) == Decimal("20")


@pytest.mark.django_db
def test_plan_summary_counts_a_plan_once_when_the_plans_query_joins_projects() -> None:
    plan = f.JointPlanFactory()
    f.PlanActionFactory(plan=plan)
    plan.working_group.projects.add(f.ProjectFactory(), f.ProjectFactory())
    plans = JointPlan.objects.filter(working_group__projects__isnull=False)
    assert plans.count() == 2  # the join repeats the plan
    summary = plan_summary(plans)
    assert (summary.plans, summary.actions_total) == (1, 1)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("is_public", "is_archived"), [(True, False), (True, True), (False, False), (False, True)]
)
def test_a_loaded_project_is_shown_publicly_exactly_when_the_public_queryset_has_it(
    is_public: bool, is_archived: bool
) -> None:
    project = f.ProjectFactory(is_public=is_public, is_archived=is_archived)
    in_queryset = Project.objects.public().filter(pk=project.pk).exists()
    assert project.is_shown_publicly is in_queryset
    assert in_queryset is (is_public and not is_archived)


@pytest.mark.django_db
@pytest.mark.parametrize("theme_count", [0, 3])
def test_a_public_project_comes_with_its_themes_in_one_query(
    django_assert_num_queries: Any, theme_count: int
) -> None:
    from projects.selectors import get_public_project

    project = f.ProjectFactory()
    themes = [f.ThemeFactory(slug=f"theme-{letter}") for letter in "cab"[:theme_count]]
    project.themes.add(*themes)
    f.ProjectFactory().themes.add(f.ThemeFactory(slug="theme-other"))

    with django_assert_num_queries(1):
        loaded = get_public_project(project.slug)
        shown = [(theme.slug, str(theme)) for theme in loaded.themes.all()]

    expected = sorted((theme.slug, str(theme)) for theme in themes)
    assert shown == expected
    assert loaded == project and loaded.title == project.title
