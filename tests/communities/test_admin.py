"""Admin for the gazetteer and the cycle of security: every page renders, lists stay flat."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communities import models as cm
from tests import factories as f

pytestmark = pytest.mark.django_db

MODELS = [
    cm.Region,
    cm.District,
    cm.Community,
    cm.ProblemCategory,
    cm.Assessment,
    cm.IdentifiedProblem,
    cm.WorkingGroup,
    cm.Membership,
    cm.Meeting,
    cm.JointPlan,
    cm.PlanAction,
    cm.Contribution,
]


def _url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_model_is_registered_with_history(model) -> None:
    model_admin = admin.site._registry[model]
    assert model_admin.search_fields
    assert "history_view" in dir(model_admin)


def _full_chain() -> cm.Contribution:
    contribution = f.ContributionFactory()
    action = contribution.action
    problem = f.IdentifiedProblemFactory(
        assessment=f.AssessmentFactory(community=action.plan.community)
    )
    action.problems.add(problem)
    f.MeetingFactory(working_group=action.plan.working_group)
    f.MembershipFactory(working_group=action.plan.working_group)
    return contribution


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_add_change_and_history_pages_render(admin_client, model) -> None:
    _full_chain()
    obj = model.objects.first()

    assert admin_client.get(_url(model, "changelist")).status_code == 200
    assert admin_client.get(_url(model, "changelist"), {"q": "a"}).status_code == 200
    assert admin_client.get(_url(model, "add")).status_code == 200
    assert admin_client.get(_url(model, "change", obj.pk)).status_code == 200
    assert admin_client.get(_url(model, "history", obj.pk)).status_code == 200


def test_translated_fields_are_grouped_per_language_without_cdn_assets(admin_client) -> None:
    region = f.RegionFactory()
    html = admin_client.get(_url(cm.Region, "change", region.pk)).content.decode()
    for lang in ("en", "ru", "ky", "tg"):
        assert f'name="name_{lang}"' in html
    assert "cdn" not in html.lower() and "googleapis" not in html


def test_working_group_page_lists_its_members_inline(admin_client) -> None:
    member = f.MembershipFactory(full_name="Chinara Borbashova")
    html = admin_client.get(_url(cm.WorkingGroup, "change", member.working_group.pk)).content
    assert b"Chinara Borbashova" in html


def test_plan_page_shows_actions_and_action_page_shows_contributions(admin_client) -> None:
    contribution = f.ContributionFactory(note="Street lights co-financing")
    action = contribution.action
    plan_html = admin_client.get(_url(cm.JointPlan, "change", action.plan.pk)).content.decode()
    assert 'name="actions-0-description_en"' in plan_html
    action_html = admin_client.get(_url(cm.PlanAction, "change", action.pk)).content.decode()
    assert "Street lights co-financing" in action_html


def test_editing_in_the_admin_records_history(admin_client) -> None:
    member = f.MembershipFactory()
    data = {
        "working_group": member.working_group.pk,
        "full_name": "Renamed Person",
        "sex": "female",
        "age_band": "30_44",
        "sector": "police",
        "position": "",
        "organisation_name": "",
        "role": "member",
        "joined_on": "2021-05-01",
        "left_on": "",
        "phone": "",
        "email": "",
    }
    response = admin_client.post(_url(cm.Membership, "change", member.pk), data)
    assert response.status_code == 302
    assert member.history.count() == 2
    assert member.history.first().full_name == "Renamed Person"


def _build_communities(n: int) -> None:
    district = f.DistrictFactory()
    for _ in range(n):
        f.CommunityFactory(district=district)


def _build_memberships(n: int) -> None:
    group = f.WorkingGroupFactory()
    for _ in range(n):
        f.MembershipFactory(working_group=group)


def _build_meetings(n: int) -> None:
    group = f.WorkingGroupFactory()
    for _ in range(n):
        f.MeetingFactory(working_group=f.WorkingGroupFactory(community=group.community))


def _build_actions(n: int) -> None:
    plan = f.JointPlanFactory()
    for _ in range(n):
        f.PlanActionFactory(plan=plan, responsible_organisation=f.OrganisationFactory())


def _build_contributions(n: int) -> None:
    action = f.PlanActionFactory()
    for _ in range(n):
        f.ContributionFactory(
            action=f.PlanActionFactory(plan=action.plan), contributor=f.OrganisationFactory()
        )


@pytest.mark.parametrize(
    ("model", "build"),
    [
        (cm.Community, _build_communities),
        (cm.Membership, _build_memberships),
        (cm.Meeting, _build_meetings),
        (cm.PlanAction, _build_actions),
        (cm.Contribution, _build_contributions),
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_changelist_query_count_stays_flat_as_rows_grow(
    admin_client, django_assert_num_queries, model, build: Callable[[int], None]
) -> None:
    url = _url(model, "changelist")
    build(2)
    admin_client.get(url)  # warm per-session caches (content types, permissions)
    with CaptureQueriesContext(connection) as small:
        assert admin_client.get(url).status_code == 200

    # An N+1 query would add 10 or more.
    build(10)
    with django_assert_num_queries(len(small.captured_queries)):
        response = admin_client.get(url)
    assert response.context["cl"].result_count == model.objects.count()
