"""Media on S3-compatible object storage: after the visibility check, a published photo is a
redirect to a signed link that expires; a private record's file is still 404 and no link to
it is ever given out. No request reaches the (fake) object store: signing is local."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.utils import translation

from tests.security.world import World, WorldFiles, add_files, build_world

pytestmark = pytest.mark.django_db

storages = pytest.importorskip("storages.backends.s3")


@pytest.fixture(scope="module")
def shared_records(module_db: Any) -> World:
    # Built once per module (tests/conftest.py: module_db). Its files are added per test
    # (``files``), under that test's own MEDIA_ROOT, and roll back with its savepoint.
    with module_db.unblock(), translation.override("en"):
        return build_world("A")


@pytest.fixture
def world(records: World) -> World:
    return records


@pytest.fixture
def files(world: World) -> WorldFiles:
    # Stored on the test's local disk first; the checks below only read names.
    return add_files(world)


@pytest.fixture
def object_store(monkeypatch, settings):
    settings.MEDIA_SIGNED_URL_SECONDS = 300
    store = storages.S3Storage(
        bucket_name="portal-media",
        endpoint_url="http://127.0.0.1:9",
        access_key="test-access-key",
        secret_key="test-secret-key",
        region_name="us-east-1",
        default_acl="private",
        querystring_auth=True,
        querystring_expire=300,
        signature_version="s3v4",
    )
    # The store would be asked over the network whether the object exists: it does.
    monkeypatch.setattr(storages.S3Storage, "exists", lambda self, name: True)
    monkeypatch.setattr("core.storage.default_storage", store)
    monkeypatch.setattr("config.media.default_storage", store)
    return store


def test_a_published_photo_redirects_to_a_signed_link_that_expires(files, object_store) -> None:
    photo = files.public[0]
    response = Client().get(photo.url)
    assert response.status_code == 302
    link = urlsplit(response["Location"])
    query = parse_qs(link.query)
    assert link.netloc == "127.0.0.1:9" and link.path == f"/portal-media/{photo.name}"
    assert query["X-Amz-Expires"] == ["300"]
    assert "X-Amz-Signature" in query
    assert response["Cache-Control"] == "private, no-store"


def test_files_of_private_records_get_no_link(files, object_store) -> None:
    client = Client()
    for field in files.private:
        response = client.get(field.url)
        assert response.status_code == 404, field.name
        assert "Location" not in response


def test_an_attachment_link_makes_the_browser_download(world, files, object_store) -> None:
    client = Client()
    client.force_login(world.users["org_admin"])
    attachment = world.published_activity.attachments.get().file
    response = client.get(attachment.url)
    assert response.status_code == 302
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["response-content-disposition"][0].startswith("attachment;")
