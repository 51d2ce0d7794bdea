"""core/cache.py: invalidation keyed by what a write touches, cache keys from cleaned
parameters only, and conditional GET on cached public pages."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from communities.cache_scopes import NEWS, activity_scope, place_scope
from communities.models import ActivityStatus
from core.cache import (
    ALL,
    ANY,
    clean_parameters,
    content_version,
    fragment_key,
    invalidate,
    invalidate_all,
    scope_versions,
)
from grants.cache_scopes import GRANTS, grant_scope
from grants.models import ImportUpload
from projects.cache_scopes import PROJECTS, project_scope
from tests import factories as f
from tests.public.conftest import Portal

pytestmark = pytest.mark.django_db


def _keys(*scope_lists: list[str]) -> list[str]:
    return [fragment_key("probe", scopes=scopes) for scopes in scope_lists]


def test_an_import_upload_retires_nothing(portal: Portal) -> None:
    before = scope_versions([ANY, ALL])
    ImportUpload.objects.create(name="upload-1", content=b"xlsx")
    assert scope_versions([ANY, ALL]) == before


def test_a_project_history_row_alone_retires_nothing(portal: Portal) -> None:
    before = scope_versions([ANY, ALL])
    history_model = type(portal.project).history.model
    history_model.objects.filter(id=portal.project.pk).update(history_change_reason="x")
    history_model.objects.first().save()
    assert scope_versions([ANY, ALL]) == before


def test_publishing_news_keeps_grant_pages_and_other_projects_pages(portal: Portal) -> None:
    other = f.ProjectFactory(slug="other-project", is_public=True)
    grant_page, other_page, own_page, community_page, news_list = [
        [grant_scope(portal.grant.pk), PROJECTS],
        [project_scope(other.slug)],
        [project_scope(portal.project.slug)],
        [PROJECTS, GRANTS, place_scope(portal.community.pk)],
        [NEWS, PROJECTS],
    ]
    before = _keys(grant_page, other_page, own_page, community_page, news_list, [ANY])

    activity = f.ActivityFactory(project=portal.project, title_en="Lamp posts repaired")
    activity.communities.add(portal.community)
    activity.status = ActivityStatus.PUBLISHED
    activity.published_at = timezone.now()
    activity.save()

    after = _keys(grant_page, other_page, own_page, community_page, news_list, [ANY])
    kept = [b == a for b, a in zip(before, after, strict=True)]
    assert kept == [True, True, False, False, False, False]


def test_an_activity_moved_to_another_project_retires_both_projects_pages(
    portal: Portal,
) -> None:
    other = f.ProjectFactory(slug="other-project", is_public=True)
    activity = f.ActivityFactory(project=portal.project)
    scopes = [[project_scope(portal.project.slug)], [project_scope(other.slug)]]
    before = _keys(*scopes)
    activity.project = other
    activity.save()
    after = _keys(*scopes)
    assert before[0] != after[0] and before[1] != after[1]


def test_a_project_save_keeps_grant_free_pages_of_other_projects(portal: Portal) -> None:
    other = f.ProjectFactory(slug="other-project", is_public=True)
    before = _keys([project_scope(other.slug)], [activity_scope(portal.news.pk), PROJECTS])
    portal.project.save()
    after = _keys([project_scope(other.slug)], [activity_scope(portal.news.pk), PROJECTS])
    assert before[0] == after[0]
    # News items hide with a private project: every one follows a project save.
    assert before[1] != after[1]


def test_a_write_to_a_model_with_no_registered_scopes_retires_every_entry(
    portal: Portal,
) -> None:
    before = _keys([grant_scope(portal.grant.pk)], [project_scope(portal.project.slug)])
    portal.implementer.save()
    after = _keys([grant_scope(portal.grant.pk)], [project_scope(portal.project.slug)])
    assert before[0] != after[0] and before[1] != after[1]


def test_explicit_invalidation_covers_writes_that_send_no_signal(portal: Portal) -> None:
    before = content_version()
    key = fragment_key("probe", scopes=[GRANTS])
    invalidate(GRANTS)
    assert content_version() > before
    assert fragment_key("probe", scopes=[GRANTS]) != key


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("utm_source=mail&utm_campaign=x&fbclid=abc", {}),
        ("page=1", {}),
        ("page=abc", {}),
        ("page=-3", {}),
        ("page=%C2%B2", {}),
        ("page=0002", {"page": ["2"]}),
        ("q=%20school%20&region=", {"q": ["school"]}),
        ("unknown=1&q=x", {"q": ["x"]}),
    ],
)
def test_cache_keys_read_only_cleaned_parameters(rf: Any, query: str, expected: dict) -> None:
    request = rf.get(f"/en/news/?{query}")
    assert dict(clean_parameters(request, {"q", "region", "page"}).lists()) == expected


def test_tracking_parameters_and_page_one_are_served_from_the_stored_page(
    client: Client, portal: Portal, django_assert_num_queries: Any
) -> None:
    client.get("/en/news/")
    with django_assert_num_queries(0):
        tracked = client.get("/en/news/?utm_source=newsletter&fbclid=abc&page=1")
    assert tracked.status_code == 200


def _language_links(html: str) -> list[str]:
    """The hrefs of the page's language links: the header's switch and the alternates."""
    return re.findall(r'href="([^"]*)"[^>]*hreflang="|hreflang="[^"]*" href="([^"]*)"', html)


def test_it_builds_language_links_from_the_parameters_the_cache_key_keeps(
    client: Client, portal: Portal
) -> None:
    tracked_url = "/en/news/?q=Published&utm_source=newsletter&fbclid=abc"
    # A miss for the tracked URL renders the page that later hits are served.
    invalidate_all()
    missed = client.get(tracked_url).content.decode()
    hit = client.get("/en/news/?q=Published").content.decode()
    invalidate_all()
    plain = client.get("/en/news/?q=Published").content.decode()
    tracked_hit = client.get(tracked_url).content.decode()
    links = _language_links(plain)
    assert len(links) == 8  # four in the header, four alternates
    assert ("/ky/news/?q=Published", "") in links
    assert _language_links(missed) == _language_links(hit) == _language_links(tracked_hit) == links


def test_a_cached_page_keeps_its_validators_and_answers_304(
    client: Client, portal: Portal, django_assert_num_queries: Any
) -> None:
    url = f"/en/projects/{portal.project.slug}/"
    first = client.get(url)
    assert first.status_code == 200
    etag, last_modified = first["ETag"], first["Last-Modified"]
    hit = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert (hit["ETag"], hit["Last-Modified"]) == (etag, last_modified)
    with django_assert_num_queries(0):
        again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert "public" in again["Cache-Control"]
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304

    portal.project.title_en = "Renamed project"
    portal.project.save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_pages_outside_the_page_cache_carry_an_etag_too(client: Client, portal: Portal) -> None:
    response = client.get("/robots.txt")
    assert response.has_header("ETag")
    assert client.get("/robots.txt", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_the_news_list_stops_counting_at_its_cap(
    client: Client, portal: Portal, monkeypatch: Any
) -> None:
    from config.pages import projects as pages

    monkeypatch.setattr(pages, "NEWS_COUNT_CAP", 2)
    monkeypatch.setattr(pages, "NEWS_PER_PAGE", 1)
    for n in range(3):
        f.ActivityFactory(
            project=portal.project,
            title_en=f"Published item {n}",
            status=ActivityStatus.PUBLISHED,
            published_at=timezone.now(),
        )
    html = client.get("/en/news/").content.decode()
    assert "More than 2 news items" in html
    assert "Page 1 of more than 2" in html


def test_migrate_retires_what_the_previous_release_cached() -> None:
    from django.core.management import call_command

    before = scope_versions([ALL])
    call_command("migrate", verbosity=0)
    assert scope_versions([ALL])[0] > before[0]


# --- Values kept for one request ----------------------------------------------------------


def _built(calls: list[int]) -> Any:
    def build() -> int:
        calls.append(1)
        return len(calls)

    return build


def test_request_value_is_built_once_per_request_and_forgotten_after_it() -> None:
    # The receivers request_started and request_finished call (sending the signals
    # themselves would also close the test's database connection).
    from core.cache import _request_begins, _request_ends, request_value

    calls: list[int] = []
    _request_begins()
    try:
        assert request_value("probe", _built(calls)) == 1
        assert request_value("probe", _built(calls)) == 1
    finally:
        _request_ends()
    assert request_value("probe", _built(calls)) == 2
    assert request_value("probe", _built(calls)) == 3  # outside a request nothing is kept


def test_a_public_write_forgets_the_values_of_the_request(portal: Portal) -> None:
    # The receivers request_started and request_finished call (sending the signals
    # themselves would also close the test's database connection).
    from communities.selectors import public_communities
    from core.cache import _request_begins, _request_ends

    _request_begins()
    try:
        before = set(public_communities().values_list("pk", flat=True))
        community = f.CommunityFactory()
        f.ProjectCommunityFactory(project=portal.project, community=community)
        after = set(public_communities().values_list("pk", flat=True))
    finally:
        _request_ends()
    assert community.pk not in before
    assert after == before | {community.pk}
