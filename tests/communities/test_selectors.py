"""Public place reads: plan progress counted per listed plan."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from communities.models import ActionStatus, JointPlan, PlanAction
from communities.selectors import plans_with_progress
from tests import factories as f


@pytest.mark.django_db
def test_plans_with_progress_counts_live_and_done_actions_newest_plan_first() -> None:
    older = f.JointPlanFactory(period_start=dt.date(2021, 1, 1), period_end=dt.date(2021, 12, 31))
    newer = f.JointPlanFactory()
    f.PlanActionFactory(plan=older, status=ActionStatus.DONE, completed_on=dt.date(2021, 5, 1))
    f.PlanActionFactory(plan=older, status=ActionStatus.PLANNED)
    f.PlanActionFactory(plan=older, status=ActionStatus.CANCELLED)

    rows = list(plans_with_progress(JointPlan.objects.filter(pk__in=[older.pk, newer.pk])))

    assert [(plan.pk, plan.actions_done, plan.actions_total) for plan in rows] == [
        (newer.pk, 0, 0),
        (older.pk, 1, 2),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("limit", [1, 3, 5])
def test_listed_plans_with_summary_give_the_list_and_the_summary_read_apart(limit: int) -> None:
    from communities.summary_selectors import listed_plans_with_summary, plan_summary

    plans = [
        f.JointPlanFactory(
            period_start=dt.date(2019 + n, 1, 1), period_end=dt.date(2019 + n, 12, 31)
        )
        for n in range(4)
    ]
    for plan, statuses in zip(
        plans,
        [
            [ActionStatus.DONE, ActionStatus.PLANNED],
            [ActionStatus.CANCELLED],
            [],
            [ActionStatus.DONE],
        ],
        strict=True,
    ):
        for status in statuses:
            done_on = dt.date(2021, 5, 1) if status == ActionStatus.DONE else None
            f.PlanActionFactory(plan=plan, status=status, completed_on=done_on)
    f.ContributionFactory(action=PlanAction.objects.filter(plan=plans[0]).first())
    chosen = JointPlan.objects.filter(pk__in=[plan.pk for plan in plans])

    listed, summary = listed_plans_with_summary(chosen, limit)

    expected = list(plans_with_progress(chosen)[:limit])
    assert [(p.pk, p.actions_done, p.actions_total) for p in listed] == [
        (p.pk, p.actions_done, p.actions_total) for p in expected
    ]
    assert summary == plan_summary(chosen)
    assert (summary.plans, summary.actions_total, summary.actions_done) == (4, 3, 2)


@pytest.mark.django_db
def test_listed_plans_with_summary_of_no_plan_count_nothing() -> None:
    from communities.summary_selectors import listed_plans_with_summary, plan_summary

    listed, summary = listed_plans_with_summary(JointPlan.objects.none(), 20)

    assert listed == []
    assert summary == plan_summary(JointPlan.objects.none())


# --- Public communities, map markers and region counts -----------------------------------


@pytest.mark.django_db
def test_public_communities_are_exactly_those_a_public_record_names() -> None:
    from communities.selectors import public_communities

    public_project = f.ProjectFactory()
    private_project = f.ProjectFactory(is_public=False)
    archived_project = f.ProjectFactory(is_archived=True)
    targeted = f.CommunityFactory()
    f.ProjectCommunityFactory(project=public_project, community=targeted)
    in_news = f.CommunityFactory()
    f.ActivityFactory(project=public_project, published=True).communities.add(in_news)
    granted = f.CommunityFactory()
    f.GrantFactory().communities.add(granted)
    # Named only by records the public never sees.
    private_target = f.CommunityFactory()
    f.ProjectCommunityFactory(project=private_project, community=private_target)
    archived_target = f.CommunityFactory()
    f.ProjectCommunityFactory(project=archived_project, community=archived_target)
    in_draft = f.CommunityFactory()
    f.ActivityFactory(project=public_project).communities.add(in_draft)
    in_private_news = f.CommunityFactory()
    f.ActivityFactory(project=private_project, published=True).communities.add(in_private_news)
    in_illustrative_news = f.CommunityFactory()
    f.ActivityFactory(project=public_project, published=True, is_illustrative=True).communities.add(
        in_illustrative_news
    )
    in_private_grant = f.CommunityFactory()
    f.GrantFactory(programme__is_public=False).communities.add(in_private_grant)
    f.CommunityFactory()  # named by nothing

    assert set(public_communities().values_list("pk", flat=True)) == {
        targeted.pk,
        in_news.pk,
        granted.pk,
    }


@pytest.mark.django_db
def test_map_markers_link_each_community_to_its_own_page() -> None:
    from communities.selectors import map_markers

    communities = [f.CommunityFactory(), f.CommunityFactory(), f.CommunityFactory()]
    unmapped = f.CommunityFactory(latitude=None, longitude=None)

    markers = map_markers([*communities, unmapped])

    assert [marker["url"] for marker in markers] == [c.get_absolute_url() for c in communities]
    assert [marker["name"] for marker in markers] == [str(c) for c in communities]


@pytest.mark.django_db
def test_regions_of_counts_the_communities_as_regions_with_counts_does() -> None:
    from communities.selectors import mapped_communities, regions_of, regions_with_counts

    project = f.ProjectFactory()
    for region in [f.RegionFactory(), f.RegionFactory(), f.RegionFactory()]:
        for _ in range(region.pk % 3 + 1):
            community = f.CommunityFactory(region=region, district=None, country=region.country)
            f.ProjectCommunityFactory(project=project, community=community)
    f.CommunityFactory()  # in no public record: its region is not listed

    expected = [(r.pk, r.community_count) for r in regions_with_counts()]
    found = [(r.pk, r.community_count) for r in regions_of(mapped_communities())]

    assert found == expected
    assert len(found) == 3


@pytest.mark.django_db
def test_mapped_rows_show_what_model_instances_show_without_another_query(
    django_assert_num_queries: Any,
) -> None:
    from django.utils import translation

    from communities.models import LocationPrecision
    from communities.selectors import map_markers, mapped_communities, mapped_rows, regions_of

    project = f.ProjectFactory()
    district = f.DistrictFactory()
    places = [
        f.CommunityFactory(district=district, region=district.region),
        f.CommunityFactory(district=district, region=district.region, name_en=""),
        f.CommunityFactory(
            district=None,
            region=district.region,
            country=district.country,
            latitude=None,
            longitude=None,
        ),
        f.CommunityFactory(location_precision=LocationPrecision.DISTRICT_CENTRE),
    ]
    for community in places:
        f.ProjectCommunityFactory(project=project, community=community)

    def shown(community: Any) -> tuple[Any, ...]:
        return (
            community.pk,
            str(community),
            community.get_absolute_url(),
            community.get_kind_display(),
            community.population,
            community.district_id,
            str(community.district) if community.district else None,
            str(community.region),
            community.region.get_absolute_url(),
            community.region.country,
        )

    for language in ("en", "ru"):
        with translation.override(language):
            instances = list(mapped_communities())
            expected = [shown(c) for c in instances]
            expected_markers = map_markers(instances)
            expected_regions = [(str(r), r.community_count) for r in regions_of(instances)]
            with django_assert_num_queries(1):
                rows = mapped_rows(mapped_communities())
                found = [shown(c) for c in rows]
                markers = map_markers(rows)
                regions = [(str(r), r.community_count) for r in regions_of(rows)]

            assert found == expected
            assert markers == expected_markers
            assert regions == expected_regions
    # One region instance per region, so the list does not build it once per community.
    assert rows[0].region is rows[1].region


@pytest.mark.django_db
def test_plans_with_progress_follow_an_action_written_and_show_in_the_table_with_no_query(
    django_assert_num_queries: Any,
) -> None:
    from django.template.loader import render_to_string

    plan = f.JointPlanFactory(title_en="Street lighting plan")
    action = f.PlanActionFactory(plan=plan, status=ActionStatus.PLANNED)
    action.status = ActionStatus.DONE
    action.completed_on = dt.date(2022, 5, 1)
    action.save()

    rows = list(plans_with_progress(JointPlan.objects.filter(pk=plan.pk)))

    assert [(row.actions_done, row.actions_total) for row in rows] == [(1, 1)]
    # Only the columns the table shows are read: it loads none of the others.
    with django_assert_num_queries(0):
        html = render_to_string("includes/plan_table.html", {"plans": rows, "show_community": True})
    assert "Street lighting plan" in html
    assert str(plan.community) in html
