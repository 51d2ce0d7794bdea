"""Admin for organisations, projects and the activity log."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from communities import models as cm
from projects import models as pm
from tests import factories as f

pytestmark = pytest.mark.django_db

MODELS = [
    pm.Organisation,
    pm.Theme,
    pm.Project,
    pm.Partnership,
    cm.ProjectCommunity,
    cm.Activity,
    cm.ActivityPhoto,
    cm.ActivityAttachment,
    pm.ExchangeRate,
    pm.StaffMembership,
]


def _url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_model_is_registered_and_searchable(model) -> None:
    assert admin.site._registry[model].search_fields


def _jpeg() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "white").save(buffer, "JPEG")
    return SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")


def _data() -> None:
    project = f.ProjectFactory()
    f.PartnershipFactory(project=project)
    f.ProjectCommunityFactory(project=project)
    f.ThemeFactory()
    activity = f.ActivityFactory(project=project)
    cm.ActivityPhoto.objects.create(activity=activity, image=_jpeg(), caption="Photo")
    cm.ActivityAttachment.objects.create(
        activity=activity,
        file=SimpleUploadedFile("a.pdf", b"%PDF-1.4 test"),
        original_name="a.pdf",
    )
    f.ExchangeRateFactory()
    f.StaffMembershipFactory()


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_add_and_change_pages_render(admin_client, model) -> None:
    _data()
    obj = model.objects.first()
    assert admin_client.get(_url(model, "changelist")).status_code == 200
    assert admin_client.get(_url(model, "changelist"), {"q": "a"}).status_code == 200
    assert admin_client.get(_url(model, "add")).status_code == 200
    assert admin_client.get(_url(model, "change", obj.pk)).status_code == 200
    if hasattr(model, "history"):
        assert admin_client.get(_url(model, "history", obj.pk)).status_code == 200


def test_project_page_has_partnership_and_community_inlines(admin_client) -> None:
    project = f.ProjectFactory()
    f.ProjectCommunityFactory(project=project)
    html = admin_client.get(_url(pm.Project, "change", project.pk)).content.decode()
    assert 'name="partnerships-TOTAL_FORMS"' in html
    assert 'name="target_communities-TOTAL_FORMS" value="1"' in html
    for lang in ("en", "ru", "ky", "tg"):
        assert f'name="title_{lang}"' in html


def test_activity_page_has_photo_inline(admin_client) -> None:
    activity = f.ActivityFactory()
    html = admin_client.get(_url(cm.Activity, "change", activity.pk)).content.decode()
    assert 'name="photos-TOTAL_FORMS"' in html


def _build_activities(n: int) -> None:
    project = f.ProjectFactory()
    author = f.UserFactory()
    for _ in range(n):
        f.ActivityFactory(project=project, author=author)


def _build_organisations(n: int) -> None:
    for _ in range(n):
        f.OrganisationFactory()


@pytest.mark.parametrize(
    ("model", "build"),
    [(cm.Activity, _build_activities), (pm.Organisation, _build_organisations)],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_changelist_query_count_stays_flat_as_rows_grow(
    admin_client, django_assert_num_queries, model, build: Callable[[int], None]
) -> None:
    url = _url(model, "changelist")
    build(5)
    admin_client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert admin_client.get(url).status_code == 200

    build(45)
    with django_assert_num_queries(len(small.captured_queries)):
        response = admin_client.get(url)
    assert response.context["cl"].result_count == model.objects.count()
