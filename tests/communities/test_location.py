"""The optional location of activities and meetings: stored at the precision chosen, never
for work on a sensitive problem (refused by the server whatever the page did), and shown on
staff pages to the organisation's staff only."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from communities import plan_services, services
from communities.location import location_clean
from communities.models import Activity, FieldLocationPrecision, Meeting
from projects.models import PartnerRole
from tests import factories as f
from tests.communities.outbox_posts import outbox_activity

pytestmark = pytest.mark.django_db

POSITION = {"latitude": "40.5283417", "longitude": "72.7985127", "location_accuracy_m": "12"}


@pytest.fixture
def community(project):
    community = f.CommunityFactory()
    f.ProjectCommunityFactory(project=project, community=community)
    return community


@pytest.fixture
def group(org, project, community):
    group = f.WorkingGroupFactory(organisation=org, community=community)
    group.projects.add(project)
    return group


@pytest.fixture
def sensitive_action(group, community, project):
    category = f.ProblemCategoryFactory(slug="domestic-violence", sensitive=True)
    assessment = f.AssessmentFactory(project=project, community=community)
    problem = f.IdentifiedProblemFactory(assessment=assessment, category=category)
    action = f.PlanActionFactory(plan=f.JointPlanFactory(working_group=group))
    action.problems.add(problem)
    return action


def _meeting(**extra):
    return {
        "client_key": str(uuid.uuid4()),
        "date": "2024-05-14",
        "kind": "working_group",
        "women": "4",
        "men": "3",
        "youth": "1",
        **extra,
    }


def test_an_exact_location_is_kept_to_six_decimals(client, project, community, field_officer):
    client.force_login(field_officer)
    data = outbox_activity(project, community, location_precision="exact", **POSITION)
    assert client.post(reverse("staff:activity_sync"), data).status_code == 201
    activity = Activity.objects.get()
    assert activity.location_precision == FieldLocationPrecision.EXACT
    assert activity.latitude == Decimal("40.528342")
    assert activity.longitude == Decimal("72.798513")
    assert activity.location_accuracy_m == 12


def test_about_1_km_is_rounded_by_the_server_too(client, group, field_officer) -> None:
    # A phone that sent its exact position anyway: the server keeps only about 1 km.
    client.force_login(field_officer)
    data = _meeting(location_precision="about_1_km", **POSITION)
    assert client.post(reverse("staff:meeting_sync", args=[group.pk]), data).status_code == 201
    meeting = Meeting.objects.get()
    assert meeting.latitude == Decimal("40.53")
    assert meeting.longitude == Decimal("72.80")
    assert meeting.location_accuracy_m == 1000


def test_community_only_keeps_no_coordinates(client, group, field_officer) -> None:
    client.force_login(field_officer)
    data = _meeting(location_precision="community", **POSITION)
    assert client.post(reverse("staff:meeting_sync", args=[group.pk]), data).status_code == 201
    meeting = Meeting.objects.get()
    assert meeting.location_precision == FieldLocationPrecision.COMMUNITY
    assert meeting.latitude is None and meeting.longitude is None
    assert meeting.location_accuracy_m is None


def test_a_precision_without_a_position_is_refused(client, group, field_officer) -> None:
    client.force_login(field_officer)
    response = client.post(
        reverse("staff:meeting_sync", args=[group.pk]), _meeting(location_precision="exact")
    )
    assert response.status_code == 400
    assert "location_precision" in response.json()["errors"]
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"precision": "street"}, "location_precision"),
        ({"precision": "exact", "latitude": "91", "longitude": "0", "accuracy_m": 5}, None),
        ({"precision": "exact", "latitude": "40", "longitude": "72", "accuracy_m": 90000}, None),
    ],
)
def test_it_rejects_a_position_that_is_not_one(values, field) -> None:
    with pytest.raises(ValidationError) as caught:
        location_clean(**values)
    assert "location_precision" in caught.value.message_dict


def test_the_server_refuses_a_location_for_an_activity_on_a_sensitive_problem(
    client, project, community, field_officer, sensitive_action
) -> None:
    client.force_login(field_officer)
    data = outbox_activity(
        project,
        community,
        plan_action=sensitive_action.pk,
        location_precision="about_1_km",
        **POSITION,
    )
    response = client.post(reverse("staff:activity_sync"), data, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 400
    assert "location_precision" in response.json()["errors"]
    assert not Activity.objects.exists()
    # Without a location the same activity is welcome.
    data = outbox_activity(project, community, plan_action=sensitive_action.pk)
    assert client.post(reverse("staff:activity_sync"), data).status_code == 201


def test_the_activity_form_names_the_sensitive_plan_actions(
    client, project, field_officer, sensitive_action, group
) -> None:
    plain = f.PlanActionFactory(plan=sensitive_action.plan)
    client.force_login(field_officer)
    page = client.get(reverse("staff:activity_create")).content.decode()
    assert f'data-sensitive-actions="{sensitive_action.pk}"' in page
    assert str(plain.pk) not in page.split("data-sensitive-actions=")[1].split(" ")[0]
    assert 'name="location_precision"' in page


def test_a_meeting_tied_to_a_sensitive_problem_takes_no_location(
    client, project, community, group, field_officer, sensitive_action
) -> None:
    meeting = f.MeetingFactory(working_group=group)
    f.ActivityFactory(project=project, plan_action=sensitive_action, meeting=meeting)
    client.force_login(field_officer)
    page = client.get(reverse("staff:meeting_update", args=[meeting.pk])).content.decode()
    assert 'name="location_precision"' not in page
    location = location_clean(precision="exact", latitude="40.5", longitude="72.8", accuracy_m=5)
    with pytest.raises(ValidationError):
        services.meeting_update(
            user=field_officer,
            meeting=meeting,
            date=meeting.date,
            kind=meeting.kind,
            women=1,
            men=1,
            location=location,
        )
    meeting.refresh_from_db()
    assert meeting.latitude is None


def test_work_that_becomes_sensitive_loses_its_location(
    project, community, group, field_officer, sensitive_action
) -> None:
    action = f.PlanActionFactory(plan=sensitive_action.plan)
    meeting = f.MeetingFactory(
        working_group=group,
        location_precision="exact",
        latitude=Decimal("40.5"),
        longitude=Decimal("72.8"),
        location_accuracy_m=5,
    )
    activity = f.ActivityFactory(
        project=project,
        plan_action=action,
        meeting=meeting,
        location_precision="exact",
        latitude=Decimal("40.5"),
        longitude=Decimal("72.8"),
        location_accuracy_m=5,
    )
    plan_services.plan_action_save(
        user=field_officer,
        plan=action.plan,
        action=action,
        description="Visits to families",
        problems=list(sensitive_action.problems.all()),
    )
    activity.refresh_from_db()
    meeting.refresh_from_db()
    assert activity.location_precision == "" and activity.latitude is None
    assert meeting.location_precision == "" and meeting.latitude is None


def test_staff_of_the_organisation_see_the_location_partners_do_not(
    client, group, field_officer, outsider, other_org, project
) -> None:
    meeting = f.MeetingFactory(
        working_group=group,
        location_precision="exact",
        latitude=Decimal("40.528342"),
        longitude=Decimal("72.798513"),
        location_accuracy_m=12,
    )
    client.force_login(field_officer)
    page = client.get(reverse("staff:meeting_detail", args=[meeting.pk])).content.decode()
    assert "40.528342, 72.798513" in page
    # A partner organisation on the project sees the meeting, not where it was.
    f.PartnershipFactory(project=project, organisation=other_org, role=PartnerRole.FUNDING)
    client.force_login(outsider)
    response = client.get(reverse("staff:meeting_detail", args=[meeting.pk]))
    assert response.status_code == 200
    assert "40.528342" not in response.content.decode()
    assert "40,528342" not in response.content.decode()
