"""The permission matrix for every staff URL: anonymous → login, outsider organisation →
404, viewer → 200 on reads and 403 on writes, field officer and manager allowed; and POSTs
that name another organisation's records change nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from communities.models import Activity, ActivityStatus, Contribution, Meeting, Membership
from tests.conftest import build_people
from tests.staff.world import World, build_world

pytestmark = pytest.mark.django_db

READ = "read"
WRITE = "write"
REVIEW = "review"
# (url name, args from the world, kind). Object-less create pages are "write" too.
PAGES: list[tuple[str, Callable[[World], list[Any]], str]] = [
    ("staff:dashboard", lambda w: [], READ),
    ("staff:project_list", lambda w: [], READ),
    ("staff:project_detail", lambda w: [w.project.slug], READ),
    ("staff:activity_list", lambda w: [], READ),
    ("staff:activity_detail", lambda w: [w.activity.pk], READ),
    ("staff:activity_update", lambda w: [w.activity.pk], WRITE),
    ("staff:working_group_list", lambda w: [], READ),
    ("staff:working_group_detail", lambda w: [w.working_group.pk], READ),
    ("staff:member_create", lambda w: [w.working_group.pk], WRITE),
    ("staff:member_update", lambda w: [w.member.pk], WRITE),
    ("staff:meeting_create", lambda w: [w.working_group.pk], WRITE),
    ("staff:meeting_detail", lambda w: [w.meeting.pk], READ),
    ("staff:meeting_update", lambda w: [w.meeting.pk], WRITE),
    ("staff:assessment_list", lambda w: [], READ),
    ("staff:assessment_detail", lambda w: [w.assessment.pk], READ),
    ("staff:assessment_rank", lambda w: [w.assessment.pk], WRITE),
    ("staff:problem_create", lambda w: [w.assessment.pk], WRITE),
    ("staff:plan_list", lambda w: [], READ),
    ("staff:plan_detail", lambda w: [w.plan.pk], READ),
    ("staff:plan_action_update", lambda w: [w.action.pk], WRITE),
    ("staff:contribution_create", lambda w: [w.action.pk], WRITE),
    ("staff:grant_report_list", lambda w: [], READ),
    ("staff:grant_detail", lambda w: [w.grant.pk], READ),
    ("staff:password_change", lambda w: [], READ),
]
CREATE_PAGES = ["staff:activity_create", "staff:assessment_create"]
OBJECTLESS = {
    "staff:dashboard",
    "staff:project_list",
    "staff:activity_list",
    "staff:working_group_list",
    "staff:assessment_list",
    "staff:plan_list",
    "staff:grant_report_list",
    "staff:password_change",
}


@pytest.fixture(autouse=True)
def _english():
    # reverse() then gives /en/ URLs, and English titles are what the pages show.
    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def shared_records(module_db):
    # Built once for the module: a test's writes are rolled back before the next test.
    with module_db.unblock(), translation.override("en"):
        people = build_people()
        world = build_world(
            org=people.org,
            other_org=people.other_org,
            project=people.project,
            author=people.field_officer,
        )
    return people, world


@pytest.fixture
def world(records) -> World:
    return records[1]


# The conftest's records, taken from the shared ones instead of created for every test.
@pytest.fixture
def org(records):
    return records[0].org


@pytest.fixture
def other_org(records):
    return records[0].other_org


@pytest.fixture
def project(records):
    return records[0].project


@pytest.fixture
def org_admin(records):
    return records[0].org_admin


@pytest.fixture
def manager(records):
    return records[0].manager


@pytest.fixture
def field_officer(records):
    return records[0].field_officer


@pytest.fixture
def viewer(records):
    return records[0].viewer


@pytest.fixture
def outsider(records):
    return records[0].outsider


def _url(name: str, args: list[Any]) -> str:
    return reverse(name, args=args)


@pytest.mark.parametrize(("name", "args", "kind"), PAGES, ids=[p[0] for p in PAGES])
def test_anonymous_is_sent_to_login(client, world, name, args, kind) -> None:
    url = _url(name, args(world))
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:login"))
    assert "next=" in response["Location"]


@pytest.mark.parametrize(("name", "args", "kind"), PAGES, ids=[p[0] for p in PAGES])
def test_outsider_gets_404_for_another_organisations_record(
    client, world, outsider, name, args, kind
) -> None:
    client.force_login(outsider)
    response = client.get(_url(name, args(world)))
    if name in OBJECTLESS:
        assert response.status_code == 200
        # Lists show only the outsider's own organisation's records.
        body = response.content.decode()
        for secret in ("Our draft", "Kara-Suu group", "Aigul Private", "+996555000111"):
            assert secret not in body
    else:
        assert response.status_code == 404


@pytest.mark.parametrize(("name", "args", "kind"), PAGES, ids=[p[0] for p in PAGES])
def test_viewer_reads_but_never_writes(client, world, viewer, name, args, kind) -> None:
    client.force_login(viewer)
    response = client.get(_url(name, args(world)))
    assert response.status_code == (200 if kind == READ else 403)


@pytest.mark.parametrize("role", ["field_officer", "manager", "org_admin"])
@pytest.mark.parametrize(("name", "args", "kind"), PAGES, ids=[p[0] for p in PAGES])
def test_writers_reach_every_page(request, client, world, role, name, args, kind) -> None:
    client.force_login(request.getfixturevalue(role))
    assert client.get(_url(name, args(world))).status_code == 200


@pytest.mark.parametrize("name", CREATE_PAGES)
def test_create_pages_matrix(client, world, viewer, field_officer, manager, name) -> None:
    url = reverse(name)
    assert client.get(url).status_code == 302
    client.force_login(viewer)
    assert client.get(url).status_code == 403
    for user in (field_officer, manager):
        client.force_login(user)
        assert client.get(url).status_code == 200


def test_a_user_without_staff_membership_sees_nothing(client, world, django_user_model) -> None:
    # Superusers are not special here: scoping comes from staff membership only.
    boss = django_user_model.objects.create_superuser("boss", "b@example.org", "x")
    client.force_login(boss)
    assert client.get(reverse("staff:activity_detail", args=[world.activity.pk])).status_code == 404
    assert client.get(reverse("staff:activity_create")).status_code == 403
    body = client.get(reverse("staff:dashboard")).content.decode()
    assert "Our draft" not in body


# --- Workflow POSTs ------------------------------------------------------------------------


def test_workflow_posts_matrix(client, world, viewer, field_officer, manager, outsider) -> None:
    submitted = world.submitted
    publish = reverse("staff:activity_publish", args=[submitted.pk])
    give_back = reverse("staff:activity_return", args=[submitted.pk])
    submit = reverse("staff:activity_submit", args=[world.activity.pk])
    assert client.post(publish).status_code == 302  # to login
    for user, expected in ((outsider, 404), (viewer, 403), (field_officer, 403)):
        client.force_login(user)
        assert client.post(publish).status_code == expected
        assert client.post(give_back, {"comment": "no"}).status_code == expected
    client.force_login(viewer)
    assert client.post(submit).status_code == 403
    client.force_login(outsider)
    assert client.post(submit).status_code == 404
    submitted.refresh_from_db()
    world.activity.refresh_from_db()
    assert submitted.status == ActivityStatus.SUBMITTED
    assert world.activity.status == ActivityStatus.DRAFT
    # GET never changes state.
    client.force_login(manager)
    assert client.get(publish).status_code == 405
    assert client.post(publish).status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == ActivityStatus.PUBLISHED


# --- POSTs naming another organisation's records -------------------------------------------


def _activity_post(world: World, **overrides: Any) -> dict[str, Any]:
    data = {
        "date": "2024-05-01",
        "kind": "training",
        "project": world.project.pk,
        "communities": [world.community.pk],
        "women": 3,
        "men": 2,
        "youth": 1,
        "title_en": "Training on mediation",
        "title_ru": "",
        "title_ky": "",
        "title_tg": "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param(lambda w: {"project": w.other_project.pk}, id="other-project"),
        pytest.param(lambda w: {"communities": [w.other_community.pk]}, id="other-community"),
        pytest.param(
            lambda w: {"communities": [w.outside_community.pk]}, id="community-outside-project"
        ),
        pytest.param(lambda w: {"plan_action": w.other_action.pk}, id="other-plan-action"),
        pytest.param(lambda w: {"meeting": w.other_meeting.pk}, id="other-meeting"),
    ],
)
def test_activity_post_naming_foreign_records_is_rejected(
    client, world, field_officer, overrides
) -> None:
    client.force_login(field_officer)
    before = Activity.objects.count()
    response = client.post(
        reverse("staff:activity_create"), _activity_post(world, **overrides(world))
    )
    assert response.status_code == 400
    assert Activity.objects.count() == before
    # The user's input stays on the form.
    assert "Training on mediation" in response.content.decode()


def test_activity_post_ignores_mass_assignment(client, world, field_officer, manager) -> None:
    client.force_login(field_officer)
    response = client.post(
        reverse("staff:activity_create"),
        _activity_post(
            world,
            status="published",
            author=manager.pk,
            organisation=world.other_project.pk,
            amount="999",
            is_public="on",
            published_at="2020-01-01T00:00",
            reviewed_by=manager.pk,
        ),
    )
    assert response.status_code == 302
    activity = Activity.objects.get(title_en="Training on mediation")
    assert activity.status == ActivityStatus.DRAFT
    assert activity.author == field_officer
    assert activity.published_at is None
    assert activity.reviewed_by is None
    assert activity not in Activity.objects.published()


def test_meeting_post_cannot_tick_another_groups_member(client, world, field_officer) -> None:
    client.force_login(field_officer)
    before = Meeting.objects.count()
    response = client.post(
        reverse("staff:meeting_create", args=[world.working_group.pk]),
        {
            "date": "2024-05-01",
            "kind": "working_group",
            "members_present": [world.other_member.pk],
            "women": 1,
            "men": 0,
            "youth": 0,
        },
    )
    assert response.status_code == 400
    assert Meeting.objects.count() == before


def test_meeting_post_into_another_organisations_group_is_404(client, world, field_officer) -> None:
    client.force_login(field_officer)
    before = Meeting.objects.count()
    response = client.post(
        reverse("staff:meeting_create", args=[world.other_group.pk]),
        {"date": "2024-05-01", "kind": "working_group", "women": 1, "men": 1, "youth": 0},
    )
    assert response.status_code == 404
    assert Meeting.objects.count() == before


def test_contribution_post_on_another_organisations_action_is_404(
    client, world, field_officer
) -> None:
    client.force_login(field_officer)
    response = client.post(
        reverse("staff:contribution_create", args=[world.other_action.pk]),
        {
            "source_type": "local_budget",
            "state": "pledged",
            "amount": "100",
            "currency": "KGS",
            "date": "2024-05-01",
        },
    )
    assert response.status_code == 404
    assert not Contribution.objects.filter(action=world.other_action).exists()


def test_assessment_post_with_another_projects_community_is_rejected(
    client, world, field_officer
) -> None:
    client.force_login(field_officer)
    for data in (
        {"project": world.project.pk, "community": world.other_community.pk},
        {"project": world.other_project.pk, "community": world.other_community.pk},
        {
            "project": world.project.pk,
            "community": world.community.pk,
            "working_group": world.other_group.pk,
        },
    ):
        response = client.post(
            reverse("staff:assessment_create"),
            {**data, "date": "2024-05-01", "method": "survey", "women": 1, "men": 1, "youth": 0},
        )
        assert response.status_code == 400, data


def test_member_post_on_another_organisations_group_is_404(client, world, field_officer) -> None:
    client.force_login(field_officer)
    response = client.post(
        reverse("staff:member_create", args=[world.other_group.pk]),
        {"full_name": "Injected", "sector": "activist", "role": "member"},
    )
    assert response.status_code == 404
    assert not Membership.objects.filter(full_name="Injected").exists()


def test_partner_organisation_sees_group_but_not_personal_data(
    client, world, other_org, outsider
) -> None:
    from projects.models import PartnerRole
    from tests import factories as f

    # other_org becomes a partner in the group's project: it may see the group's work…
    f.PartnershipFactory(project=world.project, organisation=other_org, role=PartnerRole.FUNDING)
    client.force_login(outsider)
    response = client.get(reverse("staff:working_group_detail", args=[world.working_group.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kara-Suu group" in body
    # …but never the members' names or phones, and cannot manage members.
    assert "Aigul Private" not in body
    assert "+996555000111" not in body
    assert client.get(reverse("staff:member_update", args=[world.member.pk])).status_code == 404
    assert (
        client.get(reverse("staff:member_create", args=[world.working_group.pk])).status_code == 404
    )
    meeting = client.get(reverse("staff:meeting_create", args=[world.working_group.pk]))
    assert meeting.status_code == 200
    assert "Aigul Private" not in meeting.content.decode()


def test_communities_partial_is_scoped(client, world, field_officer) -> None:
    client.force_login(field_officer)
    url = reverse("staff:activity_communities")
    own = client.get(url, {"project": world.project.pk}, headers={"HX-Request": "true"})
    assert own.status_code == 200
    assert "Kara-Suu" in own.content.decode()
    assert "Elsewhere" not in own.content.decode()
    assert client.get(url, {"project": world.other_project.pk}).status_code == 404


def test_htmx_request_with_expired_session_redirects_whole_page(client, world) -> None:
    response = client.get(
        reverse("staff:activity_communities"),
        {"project": world.project.pk},
        headers={
            "HX-Request": "true",
            "HX-Current-URL": "http://testserver/en/staff/activities/new/",
        },
    )
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("staff:login"))
    assert "activities%2Fnew" in response["HX-Redirect"]


def test_assessment_communities_partial_is_scoped(client, world, field_officer, viewer) -> None:
    url = reverse("staff:assessment_communities")
    assert client.get(url, {"project": world.project.pk}).status_code == 302
    client.force_login(viewer)
    assert client.get(url, {"project": world.project.pk}).status_code == 403
    client.force_login(field_officer)
    own = client.get(url, {"project": world.project.pk}, headers={"HX-Request": "true"})
    assert own.status_code == 200
    assert f'value="{world.community.pk}"' in own.content.decode()
    assert f'value="{world.outside_community.pk}"' not in own.content.decode()
    assert client.get(url, {"project": world.other_project.pk}).status_code == 404
