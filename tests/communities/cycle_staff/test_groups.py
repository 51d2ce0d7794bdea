"""Staff run the cycle themselves: the permission matrix for every cycle page, working groups
covering several communities, seats held by people or bodies and passed to successors, the bad
input the issue lists, nothing half-saved, and flat query counts on the plan and group pages.
The joint plan's own steps are in test_plans.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from communities.models import (
    Contribution,
    JointPlan,
    Membership,
    PlanRevision,
    WorkingGroup,
)
from tests import factories as f
from tests.staff.world import World

pytestmark = pytest.mark.django_db


READ, WRITE = "read", "write"
# (url name, args from the world and the extra records, kind)
PAGES = [
    ("staff:working_group_create", lambda w, x: [], WRITE),
    ("staff:working_group_update", lambda w, x: [w.working_group.pk], WRITE),
    ("staff:member_leave", lambda w, x: [w.member.pk], WRITE),
    ("staff:plan_create", lambda w, x: [], WRITE),
    ("staff:plan_update", lambda w, x: [x["draft"].pk], WRITE),
    ("staff:plan_approve", lambda w, x: [x["draft"].pk], WRITE),
    ("staff:plan_revise", lambda w, x: [w.plan.pk], WRITE),
    ("staff:plan_close", lambda w, x: [w.plan.pk], WRITE),
    ("staff:plan_action_create", lambda w, x: [w.plan.pk], WRITE),
    ("staff:plan_action_edit", lambda w, x: [w.action.pk], WRITE),
    ("staff:plan_contribution_create", lambda w, x: [w.plan.pk], WRITE),
    ("staff:contribution_create", lambda w, x: [w.action.pk], WRITE),
    ("staff:project_contribution_create", lambda w, x: [w.project.slug], WRITE),
    ("staff:contribution_receive", lambda w, x: [x["pledge"].pk], WRITE),
]
# Pages whose record belongs to the other organisation, for the outsider's 404.
OBJECTLESS = {"staff:working_group_create", "staff:plan_create"}
IDS = [p[0] for p in PAGES]


def _url(name: str, world: World, extra: dict[str, Any], args: Any) -> str:
    return reverse(name, args=args(world, extra))


@pytest.mark.parametrize(("name", "args", "kind"), PAGES, ids=IDS)
def test_anonymous_is_sent_to_login(client, world, extra, name, args, kind) -> None:
    response = client.get(_url(name, world, extra, args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:login"))


@pytest.mark.parametrize(("name", "args", "kind"), PAGES, ids=IDS)
def test_outsider_gets_404_for_another_organisations_record(
    client, world, extra, people, name, args, kind
) -> None:
    client.force_login(people.outsider)
    response = client.get(_url(name, world, extra, args))
    if name in OBJECTLESS:
        # The outsider may create their own; the form offers nothing of ours.
        assert response.status_code == 200
        body = response.content.decode()
        assert "Kara-Suu" not in body
    else:
        assert response.status_code == 404


@pytest.mark.parametrize(("name", "args", "kind"), PAGES, ids=IDS)
def test_viewer_gets_403(client, world, extra, people, name, args, kind) -> None:
    client.force_login(people.viewer)
    assert client.get(_url(name, world, extra, args)).status_code == 403
    assert client.post(_url(name, world, extra, args), {}).status_code == 403


@pytest.mark.parametrize("role", ["field_officer", "manager", "org_admin"])
@pytest.mark.parametrize(("name", "args", "kind"), PAGES, ids=IDS)
def test_writers_reach_every_page(client, world, extra, people, role, name, args, kind) -> None:
    client.force_login(getattr(people, role))
    assert client.get(_url(name, world, extra, args)).status_code == 200


def test_outsider_cannot_post_into_our_records(client, world, extra, people) -> None:
    client.force_login(people.outsider)
    before = (Contribution.objects.count(), JointPlan.objects.count())
    for name, args in (
        ("staff:plan_approve", [extra["draft"].pk]),
        ("staff:plan_close", [world.plan.pk]),
        ("staff:contribution_receive", [extra["pledge"].pk]),
        ("staff:plan_contribution_create", [world.plan.pk]),
    ):
        assert client.post(reverse(name, args=args), {"amount": "1"}).status_code == 404
    assert (Contribution.objects.count(), JointPlan.objects.count()) == before


def test_plan_communities_partial_is_scoped(client, world, people) -> None:
    url = reverse("staff:plan_communities")
    client.force_login(people.field_officer)
    own = client.get(url, {"working_group": world.working_group.pk})
    assert own.status_code == 200
    assert f'value="{world.community.pk}"' in own.content.decode()
    assert client.get(url, {"working_group": world.other_group.pk}).status_code == 404
    client.force_login(people.viewer)
    assert client.get(url, {"working_group": world.working_group.pk}).status_code == 403


# --- Working groups ----------------------------------------------------------------------------


def _group_post(world: World, people: Any, **overrides: Any) -> dict[str, Any]:
    data = {
        "name": "Sverdlovsk district working group",
        "organisation": people.org.pk,
        "communities": [world.community.pk, world.community_b.pk],
        "community": world.community_b.pk,
        "projects": [world.project.pk],
        "status": "active",
        "founding_act_number": "112",
        "founding_act_date": "2016-03-01",
        "founding_act_issued_by": "District akimiat",
    }
    data.update(overrides)
    return data


def test_manager_creates_a_group_covering_two_communities(client, world, people) -> None:
    assert not people.manager.is_staff
    client.force_login(people.manager)
    response = client.post(reverse("staff:working_group_create"), _group_post(world, people))
    assert response.status_code == 302
    group = WorkingGroup.objects.get(name="Sverdlovsk district working group")
    assert set(group.communities.all()) == {world.community, world.community_b}
    assert group.community == world.community_b
    assert group.founding_act_issued_by == "District akimiat"
    assert list(group.projects.all()) == [world.project]
    detail = client.get(response["Location"]).content.decode()
    assert "Kara-Suu" in detail and "Nookat" in detail and "District akimiat" in detail


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        (lambda w, p: {"communities": [w.other_community.pk]}, "communities"),
        (lambda w, p: {"communities": [w.outside_community.pk]}, "communities"),
        (lambda w, p: {"communities": []}, "communities"),
        (lambda w, p: {"organisation": p.other_org.pk}, "organisation"),
        (lambda w, p: {"projects": [w.other_project.pk]}, "projects"),
        (lambda w, p: {"community": w.outside_community.pk}, "community"),
        (lambda w, p: {"founding_act_date": ""}, "founding_act_date"),
    ],
)
def test_group_form_refuses_what_the_user_may_not_use(
    client, world, people, overrides, field
) -> None:
    client.force_login(people.field_officer)
    before = WorkingGroup.objects.count()
    response = client.post(
        reverse("staff:working_group_create"),
        _group_post(world, people, **overrides(world, people)),
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert WorkingGroup.objects.count() == before


def test_group_edit_keeps_projects_the_editor_cannot_see(client, world, people) -> None:
    world.working_group.projects.add(world.other_project)
    client.force_login(people.manager)
    response = client.post(
        reverse("staff:working_group_update", args=[world.working_group.pk]),
        _group_post(world, people, name="Kara-Suu group"),
    )
    assert response.status_code == 302
    assert set(world.working_group.projects.all()) == {world.project, world.other_project}


def test_a_seat_held_by_a_body_and_one_with_neither_name_nor_body(client, world, people) -> None:
    client.force_login(people.manager)
    url = reverse("staff:member_create", args=[world.working_group.pk])
    base = {"sector": "police", "role": "member"}
    response = client.post(url, {**base, "body": "District police department"})
    assert response.status_code == 302
    seat = Membership.objects.get(body="District police department")
    assert seat.full_name == "" and seat.is_body_seat
    before = Membership.objects.count()
    response = client.post(url, base)
    assert response.status_code == 400
    assert "or the body that holds the seat" in response.content.decode()
    assert Membership.objects.count() == before


def test_a_seat_without_person_or_body_is_refused_by_the_database() -> None:
    group = f.WorkingGroupFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(working_group=group, sector="police")


def test_a_new_member_replaces_another_and_history_is_kept(client, world, people) -> None:
    client.force_login(people.manager)
    response = client.post(
        reverse("staff:member_create", args=[world.working_group.pk]),
        {
            "full_name": "Bakyt Successor",
            "sector": "activist",
            "role": "member",
            "joined_on": "2024-02-01",
            "replaces": [world.member.pk],
        },
    )
    assert response.status_code == 302
    world.member.refresh_from_db()
    successor = Membership.objects.get(full_name="Bakyt Successor")
    assert world.member.left_on == dt.date(2024, 2, 1)
    assert world.member.replaced_by == successor
    # Both stay on record, and the group page says who replaced whom.
    body = client.get(reverse("staff:working_group_detail", args=[world.working_group.pk]))
    text = body.content.decode()
    assert "Aigul Private" in text and "replaced by" in text and "Bakyt Successor" in text


def test_a_member_leaves_with_a_reason(client, world, people) -> None:
    client.force_login(people.manager)
    url = reverse("staff:member_leave", args=[world.member.pk])
    response = client.post(url, {"left_on": "2020-01-01"})
    assert response.status_code == 400  # before joining (2021-05-01)
    world.member.refresh_from_db()
    assert world.member.left_on is None
    response = client.post(url, {"left_on": "2024-06-01", "reason": "Moved to Osh"})
    assert response.status_code == 302
    world.member.refresh_from_db()
    assert world.member.left_on == dt.date(2024, 6, 1)
    assert world.member.leave_reason == "Moved to Osh"
    assert Membership.objects.filter(pk=world.member.pk).exists()


def test_members_leave_only_by_the_owning_organisation(client, world, people) -> None:
    from projects.models import PartnerRole

    f.PartnershipFactory(
        project=world.project, organisation=people.other_org, role=PartnerRole.FUNDING
    )
    client.force_login(people.outsider)
    assert client.get(reverse("staff:member_leave", args=[world.member.pk])).status_code == 404
    assert (
        client.get(reverse("staff:working_group_update", args=[world.working_group.pk])).status_code
        == 404
    )


# --- Query counts --------------------------------------------------------------------------


def _grow_plan(plan: JointPlan, n: int, org: Any) -> None:
    for i in range(n):
        action = f.PlanActionFactory(plan=plan, planned_activities="One\nTwo")
        action.partners.add(org)
        action.problems.add(f.IdentifiedProblemFactory())
        f.ContributionFactory(action=action, state="pledged")
        f.ContributionFactory(action=None, plan=plan)
        f.ActivityFactory(project=plan.working_group.projects.first(), plan_action=action)
        PlanRevision.objects.create(
            plan=plan,
            version=plan.revisions.count() + 100 + i,
            reason="r",
            snapshot={},
            revised_on=timezone.localdate(),
        )


def _grow_group(group: WorkingGroup, n: int) -> None:
    for _ in range(n):
        old = f.MembershipFactory(working_group=group)
        new = f.MembershipFactory(working_group=group, full_name="", body=f"Body {old.pk}")
        old.left_on, old.replaced_by = dt.date(2024, 1, 1), new
        old.save()
        group.communities.add(f.CommunityFactory())


def test_plan_detail_query_count_is_flat(client, world, people, django_assert_num_queries) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(people.manager)
    url = reverse("staff:plan_detail", args=[world.plan.pk])
    _grow_plan(world.plan, 1, people.org)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    # A query per row shows as 3 more; staff pages cap no list, so there is no limit to cross.
    _grow_plan(world.plan, 3, people.org)
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def test_working_group_detail_query_count_is_flat(
    client, world, people, django_assert_num_queries
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(people.manager)
    url = reverse("staff:working_group_detail", args=[world.working_group.pk])
    _grow_group(world.working_group, 1)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _grow_group(world.working_group, 3)
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "name", ["staff:plan_action_create", "staff:plan_close", "staff:plan_contribution_create"]
)
def test_plan_form_pages_query_count_is_flat(
    client, world, people, name, django_assert_num_queries
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(people.manager)
    url = reverse(name, args=[world.plan.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _grow_plan(world.plan, 3, people.org)
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def test_group_form_query_count_is_flat(client, world, people, django_assert_num_queries) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(people.manager)
    url = reverse("staff:working_group_update", args=[world.working_group.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for _ in range(3):
        community = f.CommunityFactory()
        f.ProjectCommunityFactory(project=world.project, community=community)
        world.working_group.communities.add(community)
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def test_a_group_counts_on_every_community_it_covers() -> None:
    from communities.selectors import public_working_groups_covering

    seat, covered, elsewhere = f.CommunityFactory(), f.CommunityFactory(), f.CommunityFactory()
    group = f.WorkingGroupFactory(community=seat, covered=[covered])
    group.projects.add(f.ProjectFactory())
    assert list(public_working_groups_covering(covered)) == [group]
    assert list(public_working_groups_covering(seat)) == [group]
    assert not public_working_groups_covering(elsewhere).exists()
