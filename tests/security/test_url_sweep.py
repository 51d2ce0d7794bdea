"""Every URL pattern, requested with real arguments: logged out, as staff, and in the admin.

Failures are collected across the whole sweep so one run lists every leaking URL."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory
from tests.security.html_checks import csp_problems, inline_code_problems
from tests.security.world import (
    ACTION_NAMES,
    PUBLIC_NAMES,
    SIGNED_OUT_JSON_NAMES,
    World,
    build_world,
    example_kwargs,
    named_patterns,
    write_job_file,
)


@pytest.fixture(scope="module")
def shared_records(module_db: Any) -> World:
    # Built once per module (tests/conftest.py: module_db); each test reads its own deep copy
    # and its writes roll back with its savepoint.
    with module_db.unblock(), translation.override("en"):
        return build_world("A")


@pytest.fixture
def world_a(records: World) -> World:
    write_job_file(records)
    return records


def _url(name: str, w: World) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=example_kwargs(name, w))


def _all_names() -> list[str]:
    return sorted({name for name, _pattern in named_patterns() if name})


def test_every_url_pattern_is_named_and_classified() -> None:
    unnamed = [str(p.pattern) for name, p in named_patterns() if not name]
    # The only unnamed pattern is the media view, covered by the upload tests.
    assert all("media" in pattern for pattern in unnamed), unnamed
    unclassified = [
        name
        for name in _all_names()
        if name not in PUBLIC_NAMES and name not in ACTION_NAMES and not name.startswith("staff:")
    ]
    assert unclassified == [], "Add these to PUBLIC_NAMES or make them staff URLs"


@pytest.mark.django_db
def test_every_url_has_real_example_arguments(world_a: World) -> None:
    for name in _all_names():
        assert _url(name, world_a)  # NoReverseMatch names the URL that lacks examples


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def _problems_of_page(url: str, response) -> list[str]:
    problems = [f"{url}: {p}" for p in csp_problems(response.get("Content-Security-Policy"))]
    if response.get("Content-Type", "").startswith("text/html"):
        html = _body(response)
        problems += [f"{url}: {p}" for p in inline_code_problems(html)]
    return problems


@pytest.mark.django_db
def test_logged_out_only_public_urls_answer_and_staff_urls_go_to_login(world_a: World) -> None:
    client = Client()
    failures: list[str] = []
    for name in _all_names():
        url = _url(name, world_a)
        response = client.get(url)
        if name in PUBLIC_NAMES:
            if response.status_code != 200:
                failures.append(f"{name} {url}: public page answered {response.status_code}")
            failures += _problems_of_page(url, response)
        elif name in ACTION_NAMES:
            if response.status_code not in (302, 405):
                failures.append(f"{name} {url}: action answered GET with {response.status_code}")
        elif name in SIGNED_OUT_JSON_NAMES:
            posted = client.post(url, {"title_en": "anonymous write"})
            for answer in (response, posted):
                if answer.status_code not in (401, 405):
                    failures.append(f"{name} {url}: signed out answered {answer.status_code}")
        else:
            location = response.get("Location", "")
            if response.status_code != 302 or not location.startswith("/en/staff/login/?next="):
                failures.append(f"{name} {url}: {response.status_code} {location!r}, not login")
            posted = client.post(url, {"title_en": "anonymous write"})
            if posted.status_code != 302 or "/staff/login/" not in posted.get("Location", ""):
                failures.append(f"{name} {url}: anonymous POST answered {posted.status_code}")
    assert failures == []


@pytest.mark.django_db
def test_logged_out_pages_never_show_private_records(world_a: World) -> None:
    client = Client()
    secrets = [
        world_a.private_project.title_en,
        world_a.activity.title_en,
        world_a.member.full_name,
        world_a.member.phone,
    ]
    leaks = []
    for name in sorted(PUBLIC_NAMES):
        url = _url(name, world_a)
        body = _body(client.get(url))
        leaks += [f"{url} shows {secret!r}" for secret in secrets if secret in body]
    for query in ("ZEBRA", "private", "Member Person"):
        body = client.get("/en/search/", {"q": query}).content.decode()
        leaks += [f"search {query!r} shows {s!r}" for s in secrets if s in body]
    assert leaks == []


@pytest.mark.django_db
def test_private_records_are_404_on_public_pages(client: Client, world_a: World) -> None:
    for url in (
        reverse("projects:project_detail", kwargs={"slug": world_a.private_project.slug}),
        reverse("projects:news_detail", kwargs={"pk": world_a.activity.pk}),
        reverse("reports:iati_activity", kwargs={"slug": world_a.private_project.slug}),
    ):
        assert client.get(url).status_code == 404, url


@pytest.mark.django_db
def test_every_staff_page_sends_csp_without_inline_code(world_a: World) -> None:
    client = Client()
    client.force_login(world_a.users["org_admin"])
    failures: list[str] = []
    for name in _all_names():
        if not name.startswith("staff:") or name in ACTION_NAMES:
            continue
        url = _url(name, world_a)
        response = client.get(url)
        if response.status_code >= 500:
            failures.append(f"{name} {url}: {response.status_code}")
            continue
        failures += _problems_of_page(url, response)
    assert failures == []


def _admin_urls(w: World) -> list[str]:
    urls = []
    some_object = {
        "projects.organisation": w.org.pk,
        "projects.project": w.project.pk,
        "communities.membership": w.member.pk,
        "communities.workinggroup": w.working_group.pk,
        "grants.grant": w.grant.pk,
    }
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        urls.append(reverse("admin:{}_{}_changelist".format(*info)))
        urls.append(reverse("admin:{}_{}_add".format(*info)))
        pk = some_object.get(model._meta.label_lower, 1)
        for view in ("change", "delete", "history"):
            urls.append(reverse(f"admin:{info[0]}_{info[1]}_{view}", args=[pk]))
    urls.append(reverse("admin:index"))
    urls.append(reverse("admin:autocomplete"))
    return urls


@pytest.mark.django_db
def test_admin_urls_send_anonymous_and_organisation_staff_to_the_admin_login(
    world_a: World,
) -> None:
    anonymous = Client()
    org_admin = Client()
    # Organisation staff work in the staff workspace; the admin is for platform administrators.
    org_admin.force_login(world_a.users["org_admin"])
    failures = []
    for url in _admin_urls(world_a):
        for label, client in (("anonymous", anonymous), ("org_admin", org_admin)):
            response = client.get(url)
            location = urlsplit(response.get("Location", ""))
            if response.status_code != 302 or location.path != "/admin/login/":
                failures.append(f"{label} {url}: {response.status_code} {location.path}")
            posted = client.post(url, {"post": "yes"})
            if posted.status_code != 302 or urlsplit(posted["Location"]).path != "/admin/login/":
                failures.append(f"{label} POST {url}: {posted.status_code}")
    assert failures == []


@pytest.mark.django_db
def test_no_organisation_role_makes_a_user_admin_staff(world_a: World) -> None:
    # The admin is not scoped by organisation, so it must stay closed to NGO staff.
    assert all(not user.is_staff for user in world_a.users.values())
    plain = UserFactory()
    assert not plain.is_staff
