"""The leak crawler: starting from the home page in every language, follow every
same-site link (pages, feeds, downloads) and check that each answers 200 and that none
contains a string planted in a record that must never be public."""

from __future__ import annotations

import re
from collections import deque
from html import unescape
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client

from tests.public.conftest import LANGS, MARKERS, Portal

MAX_PAGES = 1500
SKIPPED_PREFIXES = ("/static/", "/media/", "/admin/", "/i18n/")
LINK = re.compile(r"""(?:href|src)\s*=\s*["']([^"']+)["']""")
XML_LINK = re.compile(r"<(?:loc|link[^>]*href=)[\"']?([^<\"' ]+)")


def _same_site(url: str) -> str | None:
    url = unescape(urldefrag(url)[0])
    parts = urlsplit(url)
    if parts.scheme and parts.netloc != "testserver":
        return None
    if parts.scheme not in ("", "http", "https") or not parts.path.startswith("/"):
        return None
    path = parts.path
    if path.startswith(SKIPPED_PREFIXES) or "/staff/" in path:
        return None
    return f"{path}?{parts.query}" if parts.query else path


def crawl(client: Client, starts: list[str]) -> dict[str, str]:
    """Bounded breadth-first walk; returns each visited URL with its body."""
    seen = set(starts)
    queue = deque(starts)
    referrers: dict[str, str] = {}
    bodies: dict[str, str] = {}
    while queue and len(bodies) < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        assert response.status_code == 200, (
            f"{url} (linked from {referrers.get(url)}) answered {response.status_code}"
        )
        raw = b"".join(response.streaming_content) if response.streaming else response.content
        body = raw.decode("utf-8", errors="replace")
        bodies[url] = body
        content_type = response.get("Content-Type", "")
        if not any(kind in content_type for kind in ("html", "xml")):
            continue
        found = LINK.findall(body) + (XML_LINK.findall(body) if "xml" in content_type else [])
        for link in found:
            target = _same_site(link)
            if target and target not in seen:
                seen.add(target)
                referrers[target] = url
                queue.append(target)
    assert len(bodies) < MAX_PAGES, "crawl did not finish within its bound"
    return bodies


@pytest.mark.django_db
def test_no_public_page_reachable_from_home_leaks_private_records(
    client: Client, portal: Portal
) -> None:
    bodies = crawl(client, [f"/{lang}/" for lang in LANGS] + ["/sitemap.xml", "/robots.txt"])
    # The walk really covered the portal: every page type in every language, and feeds.
    for lang in LANGS:
        for path in [
            f"/{lang}/projects/{portal.project.slug}/",
            f"/{lang}/places/communities/{portal.community.pk}/",
            f"/{lang}/places/districts/{portal.district.pk}/",
            f"/{lang}/places/regions/{portal.region.code.lower()}/",
            f"/{lang}/grants/{portal.grant.pk}/",
            f"/{lang}/grants/programmes/{portal.programme.slug}/",
            f"/{lang}/news/{portal.news.pk}/",
            f"/{lang}/organisations/{portal.implementer.slug}/",
            f"/{lang}/news/feed/",
            f"/{lang}/projects/{portal.project.slug}/feed/",
        ]:
            assert path in bodies, path
    assert len(bodies) > 100
    # Positive control: the same scan does find public text.
    assert any("Residents meet the police" in body for body in bodies.values())
    leaks = [
        (url, name)
        for url, body in bodies.items()
        for name, marker in MARKERS.items()
        if marker.lower() in body.lower()
    ]
    assert leaks == []
    # Nothing links to a record that is not public either.
    assert not any(f"/projects/{portal.hidden_project.slug}/" in url for url in bodies)
    assert not any(f"/communities/{portal.hidden_community.pk}/" in url for url in bodies)
