"""Staff of organisation B can neither read, change, find nor reference organisation A's
records: every staff view, every list, every form that takes an id."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from communities import models as cm
from grants import models as gm
from projects import models as pm
from tests.security.world import World, build_world, example_kwargs, named_patterns

SNAPSHOT_MODELS = [
    pm.Project,
    cm.Activity,
    pm.Organisation,
    cm.WorkingGroup,
    cm.Membership,
    cm.Meeting,
    cm.Assessment,
    cm.IdentifiedProblem,
    cm.JointPlan,
    cm.PlanAction,
    cm.Contribution,
    gm.Grant,
    gm.GrantReport,
]
# What any of the staff forms could take; unknown fields are ignored by the forms.
HOSTILE_POST = {
    "title_en": "hijacked",
    "full_name": "hijacked",
    "agenda": "hijacked",
    "description": "hijacked",
    "status": "completed",
    "completed_on": "2022-05-01",
    "amount": "1",
    "currency": "USD",
    "source_type": "local_budget",
    "state": "received",
    "date": "2022-05-01",
    "kind": "meeting",
    "method": "community_meeting",
    "sector": "activist",
    "role": "member",
    "women": "1",
    "men": "1",
    "youth": "0",
    "votes": "3",
    "comment": "hijacked",
    "submit": "1",
}


def _snapshot() -> dict[str, list[dict[str, Any]]]:
    # modeltranslation reads the plain field in the active language; pin it.
    with translation.override("ru"):
        return {m.__name__: list(m.objects.order_by("pk").values()) for m in SNAPSHOT_MODELS}


@pytest.fixture(scope="module")
def shared_records(module_db: Any) -> tuple[World, World]:
    # Built once per module (tests/conftest.py: module_db): two worlds took about 0.5 s of
    # setup per test. Each test reads or writes inside its own savepoint on top of them.
    with module_db.unblock(), translation.override("en"):
        return build_world("A"), build_world("B")


@pytest.fixture
def worlds(records: tuple[World, World]) -> tuple[World, World]:
    return records


def _object_url_names() -> list[str]:
    names = sorted({name for name, _ in named_patterns() if name.startswith("staff:")})
    return [
        n
        for n in names
        if n not in {"staff:password_reset_confirm", "staff:donor_report_csv"}
        and example_kwargs(n, _DUMMY)
    ]


class _Dummy:
    """Stands in for a World when only the keys of example_kwargs matter."""

    def __getattr__(self, name: str) -> Any:
        return self

    pk = 0
    slug = "x"
    code = "x"
    district_id = 0


_DUMMY: Any = _Dummy()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["org_admin", "field_officer", "viewer"])
def test_staff_of_b_get_404_on_every_object_of_a_and_change_nothing(worlds, role: str) -> None:
    a, b = worlds
    client = Client()
    client.force_login(b.users[role])
    before = _snapshot()
    failures = []
    for name in _object_url_names():
        with translation.override("en"):
            url = reverse(name, kwargs=example_kwargs(name, a))
        got = client.get(url)
        if got.status_code not in (404, 405):
            failures.append(f"GET {name} {url}: {got.status_code}")
        posted = client.post(url, HOSTILE_POST)
        if posted.status_code not in (404, 405):
            failures.append(f"POST {name} {url}: {posted.status_code}")
    assert failures == []
    after = _snapshot()
    changed = [
        (model, old, new)
        for model in before
        for old, new in zip(before[model], after[model], strict=False)
        if old != new
    ]
    assert changed == []
    assert after == before


def _private_secrets(w: World) -> list[str]:
    return [
        w.private_project.title_en,
        w.activity.title_en,
        w.member.full_name,
        w.member.phone,
        w.meeting.agenda,
        w.problem.description,
        w.plan.title_en,
        w.action.description_en,
        w.working_group.name,
    ]


@pytest.mark.django_db
def test_staff_of_b_cannot_find_a_in_lists_search_filters_or_autocomplete(worlds) -> None:
    a, b = worlds
    client = Client()
    client.force_login(b.users["org_admin"])
    names = sorted(
        n
        for n, _ in named_patterns()
        if n.startswith("staff:")
        and not example_kwargs(n, _DUMMY)
        and n not in {"staff:logout", "staff:login"}
    )
    queries: list[dict[str, Any]] = [
        {},
        {"q": a.marker},
        {"q": "Member Person"},
        {"project": a.private_project.pk},
        {"project": a.private_project.slug},
        {"organisation": a.org.pk},
        {"donor": a.org.pk},
        {"working_group": a.working_group.pk},
        {"community": a.community.pk},
        {"region": a.community.region_id},
        {"status": "draft"},
    ]
    secrets = _private_secrets(a)
    leaks = []
    for name in [*names, "staff:donor_report_csv"]:
        with translation.override("en"):
            url = reverse(name, kwargs=example_kwargs(name, a))
        for params in queries:
            response = client.get(url, params)
            if response.get("Content-Type", "").startswith(
                "application/vnd.openxmlformats"
            ) or getattr(response, "streaming", False):
                continue
            body = response.content.decode(errors="replace")
            leaks += [f"{url}?{params} shows {s!r}" for s in secrets if s in body]
    assert leaks == []


@pytest.mark.django_db
def test_b_sees_its_own_records_in_the_same_lists(worlds) -> None:
    """The control for the test above: the lists do show records, just not A's."""
    _a, b = worlds
    client = Client()
    client.force_login(b.users["org_admin"])
    with translation.override("en"):
        body = "".join(
            client.get(reverse(n)).content.decode()
            for n in ("staff:activity_list", "staff:working_group_list", "staff:plan_list")
        )
    assert b.activity.title_en in body
    assert b.working_group.name in body
    assert b.plan.title_en in body


def _activity_post(project: pm.Project, title: str, **extra: Any) -> dict[str, Any]:
    return {
        "date": "2022-05-01",
        "kind": "meeting",
        "project": project.pk,
        "title_en": title,
        "title_ru": title,
        "women": "3",
        "men": "2",
        "youth": "0",
        **extra,
    }


@pytest.mark.django_db
def test_b_can_log_an_activity_on_its_own_project(worlds) -> None:
    _a, b = worlds
    client = Client()
    client.force_login(b.users["field_officer"])
    response = client.post(
        reverse("staff:activity_create"),
        _activity_post(b.private_project, "Own activity", communities=[b.community.pk]),
    )
    assert response.status_code == 302
    assert cm.Activity.objects.filter(title_en="Own activity", project=b.private_project).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "hostile",
    [
        "project_of_a",
        "community_of_a",
        "plan_action_of_a",
        "meeting_of_a",
    ],
)
def test_b_cannot_post_a_s_ids_into_the_activity_form(worlds, hostile: str) -> None:
    a, b = worlds
    client = Client()
    client.force_login(b.users["field_officer"])
    project = a.private_project if hostile == "project_of_a" else b.private_project
    extra: dict[str, Any] = {
        "community_of_a": {"communities": [a.community.pk]},
        "plan_action_of_a": {"plan_action": a.action.pk},
        "meeting_of_a": {"meeting": a.meeting.pk},
    }.get(hostile, {})
    before = cm.Activity.objects.count()
    response = client.post(reverse("staff:activity_create"), _activity_post(project, "X", **extra))
    assert response.status_code in (200, 400, 403, 404)
    assert cm.Activity.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize("hostile", ["community", "working_group", "project"])
def test_b_cannot_post_a_s_ids_into_the_assessment_form(worlds, hostile: str) -> None:
    a, b = worlds
    client = Client()
    client.force_login(b.users["field_officer"])
    data = {
        "project": b.private_project.pk,
        "community": b.community.pk,
        "working_group": b.working_group.pk,
        "date": "2022-05-01",
        "method": "community_meeting",
        "women": "1",
        "men": "1",
        "youth": "0",
    }
    data[hostile] = {
        "community": a.community.pk,
        "working_group": a.working_group.pk,
        "project": a.private_project.pk,
    }[hostile]
    before = cm.Assessment.objects.count()
    response = client.post(reverse("staff:assessment_create"), data)
    assert response.status_code in (200, 400, 403, 404)
    assert cm.Assessment.objects.count() == before


@pytest.mark.django_db
def test_b_cannot_mark_a_s_members_present_at_its_own_meeting(worlds) -> None:
    a, b = worlds
    client = Client()
    client.force_login(b.users["field_officer"])
    before = cm.Meeting.objects.count()
    response = client.post(
        reverse("staff:meeting_create", kwargs={"pk": b.working_group.pk}),
        {
            "date": "2022-05-01",
            "kind": cm.MeetingKind.values[0],
            "members_present": [a.member.pk],
            "women": "1",
            "men": "0",
            "youth": "0",
            "agenda": "x",
        },
    )
    assert response.status_code in (200, 400)
    assert cm.Meeting.objects.count() == before
