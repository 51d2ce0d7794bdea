"""Activity services: the review workflow, rights re-checked at service level, and photo
intake that strips location data and refuses anything that is not a photo."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from communities import activity_services as services
from communities.models import Activity, ActivityStatus
from tests import factories as f
from tests.staff.photos import has_gps, html_with_png_header, jpeg_with_gps, renamed_exe, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # The messages asserted on are the English originals; Russian is the default language.
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def community(project):
    community = f.CommunityFactory()
    f.ProjectCommunityFactory(project=project, community=community)
    return community


def _create(user, project, **extra):
    kwargs = {
        "author": user,
        "project": project,
        "date": dt.date(2024, 5, 1),
        "kind": "training",
        "titles": {"ky": "Окутуу"},
        "women": 4,
        "men": 3,
        "youth": 2,
    }
    kwargs.update(extra)
    return services.activity_create(**kwargs)


def test_it_creates_a_draft_with_a_title_in_one_language_only(
    project, field_officer, community
) -> None:
    activity = _create(field_officer, project, communities=[community])
    assert activity.status == ActivityStatus.DRAFT
    assert activity.title_ky == "Окутуу"
    assert activity.title_en == ""
    assert list(activity.communities.all()) == [community]
    assert activity.author == field_officer


def test_it_requires_a_title_in_some_language(project, field_officer) -> None:
    with pytest.raises(ValidationError):
        _create(field_officer, project, titles={"en": "  "})
    assert not Activity.objects.exists()


def test_it_refuses_a_viewer_and_an_outsider(project, viewer, outsider) -> None:
    for user in (viewer, outsider):
        with pytest.raises(PermissionDenied):
            _create(user, project)
    assert not Activity.objects.exists()


def test_it_refuses_a_community_outside_the_project(project, field_officer) -> None:
    with pytest.raises(ValidationError):
        _create(field_officer, project, communities=[f.CommunityFactory()])
    assert not Activity.objects.exists()


def test_it_refuses_another_organisations_plan_action_and_meeting(
    project, field_officer, other_org
) -> None:
    foreign_action = f.PlanActionFactory(plan__working_group__organisation=other_org)
    foreign_meeting = f.MeetingFactory(working_group__organisation=other_org)
    with pytest.raises(ValidationError):
        _create(field_officer, project, plan_action=foreign_action)
    with pytest.raises(ValidationError):
        _create(field_officer, project, meeting=foreign_meeting)
    assert not Activity.objects.exists()


def test_the_review_workflow_reaches_public_pages_only_when_published(
    project, field_officer, manager
) -> None:
    activity = _create(field_officer, project)
    services.activity_submit(activity=activity, user=field_officer)
    with pytest.raises(PermissionDenied):
        services.activity_publish(activity=activity, reviewer=field_officer)
    assert not Activity.objects.published().exists()

    services.activity_return(activity=activity, reviewer=manager, comment="Add the numbers")
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.RETURNED
    assert activity.review_comment == "Add the numbers"
    assert activity.reviewed_by == manager

    services.activity_submit(activity=activity, user=field_officer)
    services.activity_publish(activity=activity, reviewer=manager)
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.PUBLISHED
    assert activity.published_at is not None
    assert list(Activity.objects.published()) == [activity]


def test_returning_needs_a_comment(project, field_officer, manager) -> None:
    activity = _create(field_officer, project, submit=True)
    with pytest.raises(ValidationError):
        services.activity_return(activity=activity, reviewer=manager, comment="   ")
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.SUBMITTED


def test_a_submitted_activity_cannot_be_edited(project, field_officer, community) -> None:
    activity = _create(field_officer, project, submit=True)
    with pytest.raises(ValidationError):
        services.activity_update(
            activity=activity,
            user=field_officer,
            project=project,
            date=dt.date(2024, 5, 2),
            kind="training",
            titles={"en": "Changed"},
        )
    activity.refresh_from_db()
    assert activity.title_en == ""


def test_every_change_is_in_history_with_its_author(project, field_officer, manager) -> None:
    from simple_history.utils import update_change_reason  # noqa: F401

    activity = _create(field_officer, project)
    services.activity_submit(activity=activity, user=field_officer)
    services.activity_publish(activity=activity, reviewer=manager)
    statuses = list(activity.history.order_by("history_id").values_list("status", flat=True))
    assert statuses == ["draft", "submitted", "published"]


# --- Photos ---------------------------------------------------------------------------------


def test_a_photo_is_re_encoded_without_gps_and_gets_a_thumbnail(project, field_officer) -> None:
    original = jpeg_with_gps()
    assert has_gps(original)
    prepared = services.photo_prepare(upload=upload(original, "IMG_0001.jpg"))
    assert not has_gps(prepared.image)
    assert not has_gps(prepared.thumbnail)
    activity = _create(field_officer, project, photos=[prepared])
    photo = activity.photos.get()
    with photo.image.open("rb") as stored:
        data = stored.read()
    assert not has_gps(data)
    assert data[:3] == b"\xff\xd8\xff"
    # Names come from the server, never from the uploader.
    assert "IMG_0001" not in photo.image.name
    assert photo.thumbnail.name.endswith(".jpg")
    assert photo.width == 800


def test_a_png_is_accepted_and_stored_as_jpeg(project, field_officer) -> None:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGBA", (50, 40), (255, 0, 0, 128)).save(buffer, format="PNG")
    prepared = services.photo_prepare(upload=upload(buffer.getvalue(), "a.png", "image/png"))
    assert prepared.image[:3] == b"\xff\xd8\xff"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (html_with_png_header(), "photo.png"),
        (renamed_exe(), "holiday.jpg"),
        (b"", "empty.jpg"),
        (b"GIF89a" + b"\x00" * 20, "broken.gif"),
    ],
    ids=["html-with-png-header", "renamed-exe", "empty", "truncated-gif"],
)
def test_it_rejects_files_that_are_not_photos(data, name) -> None:
    with pytest.raises(ValidationError) as error:
        services.photo_prepare(upload=upload(data, name))
    assert "not a photo" in " ".join(error.value.messages)


def test_it_rejects_a_50_mb_image_by_size(tmp_path) -> None:
    big = jpeg_with_gps() + b"\x00" * (50 * 1024 * 1024)
    with pytest.raises(ValidationError) as error:
        services.photo_prepare(upload=upload(big, "huge.jpg"))
    assert "at most" in " ".join(error.value.messages)


@override_settings(PHOTO_MAX_COUNT=2)
def test_it_refuses_more_photos_than_allowed(project, field_officer) -> None:
    prepared = services.photo_prepare(upload=upload(jpeg_with_gps()))
    with pytest.raises(ValidationError):
        _create(field_officer, project, photos=[prepared] * 3)
    assert not Activity.objects.exists()
