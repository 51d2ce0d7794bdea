"""Staff run the cycle themselves: working groups covering several communities, seats held by
people or bodies, a joint plan from draft to approval, revision and closing review, its
actions, and co-financing pledged then received. Permission matrix for every new URL, the
bad input the issue lists, and nothing half-saved."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from communities import cycle_services
from communities.models import (
    ActionStatus,
    Contribution,
    ContributionState,
    JointPlan,
    Membership,
    PlanRevision,
    PlanStatus,
    WorkingGroup,
)
from tests import factories as f
from tests.conftest import build_people
from tests.staff.world import World, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def shared_records(module_db):
    with module_db.unblock(), translation.override("en"):
        people = build_people()
        world = build_world(
            org=people.org,
            other_org=people.other_org,
            project=people.project,
            author=people.field_officer,
        )
        draft = f.JointPlanFactory(
            working_group=world.working_group,
            status=PlanStatus.DRAFT,
            approved_by="",
            approval_date=None,
            title_en="Draft plan",
        )
        pledge = f.ContributionFactory(
            action=world.action,
            state=ContributionState.PLEDGED,
            amount=Decimal("1000"),
            currency="KGS",
            date=dt.date(2024, 3, 1),
        )
        other_pledge = f.ContributionFactory(
            action=world.other_action, state=ContributionState.PLEDGED
        )
    return people, world, {"draft": draft, "pledge": pledge, "other_pledge": other_pledge}


@pytest.fixture
def everything(records):
    return records


@pytest.fixture
def world(records) -> World:
    return records[1]


@pytest.fixture
def extra(records) -> dict[str, Any]:
    return records[2]


@pytest.fixture
def people(records):
    return records[0]


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


# --- Joint plans ---------------------------------------------------------------------------


def test_plan_is_drafted_then_approved(client, world, people) -> None:
    client.force_login(people.field_officer)
    response = client.post(
        reverse("staff:plan_create"),
        {
            "working_group": world.working_group.pk,
            "community": world.community.pk,
            "title": "Safer streets 2025",
            "period_start": "2025-01-01",
            "period_end": "2025-12-31",
        },
    )
    assert response.status_code == 302
    plan = JointPlan.objects.get(title_en="Safer streets 2025")
    assert plan.status == PlanStatus.DRAFT
    approve = reverse("staff:plan_approve", args=[plan.pk])
    # An approval without a decision number is refused, and nothing changes.
    response = client.post(
        approve,
        {"approved_by": "Ayil kenesh", "decision_number": "", "approval_date": "2025-01-10"},
    )
    assert response.status_code == 400
    assert "decision_number" in response.context["form"].errors
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT and plan.approved_by == ""
    response = client.post(
        approve,
        {"approved_by": "Ayil kenesh", "decision_number": "7-2", "approval_date": "2025-01-10"},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.status, plan.decision_number) == (PlanStatus.APPROVED, "7-2")
    # No second approval, and no editing an approved plan outside a revision.
    assert client.get(approve).status_code == 302
    assert client.get(reverse("staff:plan_update", args=[plan.pk]))["Location"].endswith(
        reverse("staff:plan_revise", args=[plan.pk])
    )


def test_the_service_refuses_an_approval_without_a_decision_number(world, people) -> None:
    plan = f.JointPlanFactory(
        working_group=world.working_group, status="draft", approved_by="", approval_date=None
    )
    with pytest.raises(ValidationError) as caught:
        cycle_services.plan_approve(
            user=people.manager,
            plan=plan,
            approved_by="Council",
            decision_number="  ",
            approval_date=dt.date(2024, 1, 1),
        )
    assert "decision_number" in caught.value.message_dict


def test_a_plan_with_an_inverted_period_is_refused(client, world, people) -> None:
    client.force_login(people.field_officer)
    before = JointPlan.objects.count()
    response = client.post(
        reverse("staff:plan_create"),
        {
            "working_group": world.working_group.pk,
            "community": world.community.pk,
            "title": "Backwards",
            "period_start": "2025-12-31",
            "period_end": "2025-01-01",
        },
    )
    assert response.status_code == 400
    assert "period_end" in response.context["form"].errors
    assert JointPlan.objects.count() == before


def test_a_revision_keeps_the_earlier_version(client, world, people) -> None:
    client.force_login(people.manager)
    url = reverse("staff:plan_revise", args=[world.plan.pk])
    old_title = world.plan.title_en
    data = {
        "reason": "The council added a youth centre",
        "title": "Revised plan",
        "period_start": "2022-01-01",
        "period_end": "2023-06-30",
        "approved_by": "Local council",
        "decision_number": "",
        "approval_date": "2022-07-01",
    }
    assert client.post(url, data).status_code == 400
    assert not PlanRevision.objects.filter(plan=world.plan).exists()
    data["decision_number"] = "15"
    assert client.post(url, data).status_code == 302
    world.plan.refresh_from_db()
    assert world.plan.version == 2 and world.plan.title_en == "Revised plan"
    revision = PlanRevision.objects.get(plan=world.plan)
    assert revision.version == 1 and revision.snapshot["title"] == old_title
    assert len(revision.snapshot["actions"]) == 1
    page = client.get(reverse("staff:plan_detail", args=[world.plan.pk])).content.decode()
    assert "Earlier versions" in page and "The council added a youth centre" in page


def test_a_plan_cannot_close_with_open_actions_unless_a_reason_is_given(
    client, world, people
) -> None:
    client.force_login(people.manager)
    url = reverse("staff:plan_close", args=[world.plan.pk])
    data = {"closed_on": "2023-01-15", "achieved": "Street lights on two streets"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "open_actions_reason" in response.context["form"].errors
    world.plan.refresh_from_db()
    assert world.plan.status == PlanStatus.APPROVED
    data["open_actions_reason"] = "The budget year ended; the rest moves to the next plan"
    data["lessons"] = "Agree co-financing before the budget session"
    assert client.post(url, data).status_code == 302
    world.plan.refresh_from_db()
    assert world.plan.status == PlanStatus.COMPLETED
    assert world.plan.closed_on == dt.date(2023, 1, 15)
    assert world.plan.review_lessons.startswith("Agree")
    page = client.get(reverse("staff:plan_detail", args=[world.plan.pk])).content.decode()
    assert "Street lights on two streets" in page


def test_a_plan_closes_without_a_reason_once_every_action_is_done(world, people) -> None:
    world.action.status = ActionStatus.DONE
    world.action.completed_on = dt.date(2022, 5, 1)
    world.action.save()
    plan = cycle_services.plan_close(
        user=people.manager, plan=world.plan, closed_on=dt.date(2023, 1, 1), achieved="All done"
    )
    assert plan.status == PlanStatus.COMPLETED and plan.open_actions_reason == ""


def test_an_action_with_partners_problems_and_planned_activities(client, world, people) -> None:
    client.force_login(people.field_officer)
    response = client.post(
        reverse("staff:plan_action_create", args=[world.plan.pk]),
        {
            "description": "Light the road to school",
            "responsible_organisation": people.org.pk,
            "partners": [people.org.pk],
            "start_date": "2022-03-01",
            "due_date": "2022-09-01",
            "problems": [world.problem.pk],
            "planned_activities": "Survey the street\nInstall 12 lamps",
        },
    )
    assert response.status_code == 302
    action = world.plan.actions.get(description_en="Light the road to school")
    assert list(action.problems.all()) == [world.problem]
    assert action.planned_activity_lines == ["Survey the street", "Install 12 lamps"]
    world.problem.refresh_from_db()
    assert world.problem.status == "in_plan"
    page = client.get(reverse("staff:plan_detail", args=[world.plan.pk])).content.decode()
    assert "Install 12 lamps" in page


def test_an_action_naming_another_organisations_problem_is_refused(client, world, people) -> None:
    other_problem = f.IdentifiedProblemFactory(assessment=world.other_assessment)
    client.force_login(people.field_officer)
    before = world.plan.actions.count()
    response = client.post(
        reverse("staff:plan_action_create", args=[world.plan.pk]),
        {"description": "Sneaky", "problems": [other_problem.pk]},
    )
    assert response.status_code == 400
    assert world.plan.actions.count() == before


# --- Contributions ---------------------------------------------------------------------------


def test_a_plan_wide_pledge_is_received_with_a_document(
    client, world, people, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    client.force_login(people.manager)
    response = client.post(
        reverse("staff:plan_contribution_create", args=[world.plan.pk]),
        {
            "source_type": "local_budget",
            "kind": "cash",
            "state": "pledged",
            "amount": "14000000",
            "currency": "KGS",
            "date": "2024-01-15",
            "note": "More than 14 million soms from local budgets",
        },
    )
    assert response.status_code == 302
    pledge = Contribution.objects.get(plan=world.plan)
    assert pledge.action_id is None and pledge.project_id is None
    url = reverse("staff:contribution_receive", args=[pledge.pk])
    response = client.post(
        url,
        {
            "amount": "14000000",
            "date": "2024-04-01",
            "document": SimpleUploadedFile("decision.pdf", b"%PDF-1.4 test", "application/pdf"),
        },
    )
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.state == ContributionState.RECEIVED
    assert (pledge.pledged_amount, pledge.pledged_on) == (Decimal("14000000"), dt.date(2024, 1, 15))
    assert pledge.date == dt.date(2024, 4, 1)
    download = client.get(reverse("staff:contribution_document", args=[pledge.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    # Never reachable under its media name, and not by an outsider.
    assert client.get(f"/media/{pledge.document.name}").status_code == 404
    client.force_login(people.outsider)
    assert client.get(reverse("staff:contribution_document", args=[pledge.pk])).status_code == 404


def test_receiving_more_than_pledged_is_flagged_until_confirmed(client, extra, people) -> None:
    pledge = extra["pledge"]
    client.force_login(people.field_officer)
    url = reverse("staff:contribution_receive", args=[pledge.pk])
    response = client.post(url, {"amount": "1500", "date": "2024-04-01"})
    assert response.status_code == 400
    assert "more than the 1000" in response.content.decode()
    assert 'name="confirm_above_pledge"' in response.content.decode()
    pledge.refresh_from_db()
    assert pledge.state == ContributionState.PLEDGED and pledge.amount == Decimal("1000")
    response = client.post(
        url, {"amount": "1500", "date": "2024-04-01", "confirm_above_pledge": "on"}
    )
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.above_pledge and pledge.amount == Decimal("1500")


def test_receiving_before_the_pledge_date_is_refused(client, extra, people) -> None:
    client.force_login(people.field_officer)
    url = reverse("staff:contribution_receive", args=[extra["pledge"].pk])
    response = client.post(url, {"amount": "1000", "date": "2020-01-01"})
    assert response.status_code == 400
    extra["pledge"].refresh_from_db()
    assert extra["pledge"].state == ContributionState.PLEDGED


def test_a_document_of_the_wrong_type_is_refused(client, world, people) -> None:
    client.force_login(people.field_officer)
    before = Contribution.objects.count()
    response = client.post(
        reverse("staff:contribution_create", args=[world.action.pk]),
        {
            "source_type": "business",
            "kind": "in_kind",
            "state": "pledged",
            "amount": "500",
            "currency": "KGS",
            "date": "2024-01-15",
            "document": SimpleUploadedFile("run.exe", b"MZ", "application/octet-stream"),
        },
    )
    assert response.status_code == 400
    assert Contribution.objects.count() == before


def test_a_project_wide_contribution(client, world, people) -> None:
    client.force_login(people.manager)
    response = client.post(
        reverse("staff:project_contribution_create", args=[world.project.slug]),
        {
            "source_type": "donor",
            "kind": "cash",
            "state": "received",
            "amount": "25000",
            "currency": "USD",
            "date": "2024-01-15",
        },
    )
    assert response.status_code == 302
    assert Contribution.objects.get(project=world.project).amount == Decimal("25000")


def test_a_contribution_has_exactly_one_target() -> None:
    action = f.PlanActionFactory()
    base = {"source_type": "local_budget", "amount": 1, "currency": "KGS", "date": "2024-01-01"}
    for targets in ({}, {"action": action, "plan": action.plan}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Contribution.objects.create(**base, **targets)


def test_plan_wide_and_project_wide_money_reach_the_public_summary_and_the_indicator() -> None:
    from communities.selectors import plan_summary, public_plans
    from reports.indicators.cofinancing import cofinancing_by_currency
    from reports.indicators.scope import IndicatorFilter

    project = f.ProjectFactory()  # public
    group = f.WorkingGroupFactory()
    group.projects.add(project)
    plan = f.JointPlanFactory(working_group=group)
    f.ContributionFactory(action=f.PlanActionFactory(plan=plan), amount=Decimal(100))
    f.ContributionFactory(action=None, plan=plan, amount=Decimal(14_000_000))
    f.ContributionFactory(action=None, project=project, amount=Decimal(5))
    summary = plan_summary(public_plans().filter(pk=plan.pk))
    received = [row[1] for _, rows in summary.cofinancing for row in rows]
    # The public plan summary counts plan money, not the project's own.
    assert sum(received) == Decimal(14_000_100)
    everything = cofinancing_by_currency(IndicatorFilter(project=project))
    assert sum(r["received"] for r in everything) == Decimal(14_000_105)
    # A place filter leaves out project-wide money, which has no place.
    here = cofinancing_by_currency(IndicatorFilter(project=project, community=plan.community))
    assert sum(r["received"] for r in here) == Decimal(14_000_100)


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
    _grow_plan(world.plan, 8, people.org)
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
    _grow_group(world.working_group, 8)
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
    _grow_plan(world.plan, 6, people.org)
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
    for _ in range(6):
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
