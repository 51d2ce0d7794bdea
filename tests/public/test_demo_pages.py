"""The demo's public pages in four languages: no internal note ("Seed: …txt", "Status not
stated; shown as …"), no illustrative record shown as fact, and the programmes' reported
figures shown with their sources."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.core.cache import cache
from django.test import Client
from modeltranslation.translator import translator

from communities.models import ContributionState, JointPlan
from config.pages.selectors import headline_figures
from core.demo import demo_manifest_read, demo_records_read
from reports.demo import DEMO_DATA_DIR
from reports.models import ReportedFigure

LANGUAGES = ("en", "ru", "ky", "tg")
INTERNAL = re.compile(r"Seed:|\.txt\b|Status not stated|shown as completed|demo_seed")


@pytest.fixture
def demo(demo_db, db):
    cache.clear()
    return Client()


def _public_paths(client: Client) -> list[str]:
    """Every page the sitemaps list, without its language prefix, plus the pages they leave
    out (the source list and the open-data page)."""
    index = client.get("/sitemap.xml").content.decode()
    paths: set[str] = {"/", "/reports/sources/", "/reports/open-data/", "/news/", "/grants/"}
    for section in re.findall(r"<loc>https?://[^/]+(/sitemap-[^<]+)</loc>", index):
        body = client.get(section).content.decode()
        for path in re.findall(r"<loc>https?://[^/]+/(?:en|ru|ky|tg)(/[^<]*)</loc>", body):
            paths.add(path)
    return sorted(paths)


def _kind(path: str) -> tuple[str, int]:
    """A page's kind: its first segment and its depth (``/places/kg/`` and ``/places/kg/chuy/``
    are different pages, ``/projects/a/`` and ``/projects/b/`` the same)."""
    parts = path.strip("/").split("/")
    return parts[0], len(parts)


def _in_turn(paths: list[str]) -> list[str]:
    """Each path once, in a language taken in turn within its kind of page, so that every kind
    is requested in all four languages; a kind with fewer pages than languages is requested
    in all four for each page."""
    by_kind: dict[tuple[str, int], list[str]] = {}
    for path in paths:
        by_kind.setdefault(_kind(path), []).append(path)
    urls = []
    for kind_paths in by_kind.values():
        if len(kind_paths) < len(LANGUAGES):
            urls += [f"/{lang}{path}" for path in kind_paths for lang in LANGUAGES]
        else:
            urls += [f"/{LANGUAGES[i % len(LANGUAGES)]}{p}" for i, p in enumerate(kind_paths)]
    return urls


def test_internal_notes_are_in_fields_no_language_translates() -> None:
    # Why the crawl below may take the languages in turn: every internal note of the demo's
    # data files sits in a field with one column for all languages (a source note; the
    # provenance is not stored), so a page shows it in all four languages or in none.
    manifest = demo_manifest_read(DEMO_DATA_DIR)
    noted = {
        (record.model, name.rsplit("_", 1)[0] if name[-3:-2] == "_" else name)
        for record in demo_records_read(DEMO_DATA_DIR, manifest=manifest)
        for name, value in record.fields.items()
        if isinstance(value, str) and INTERNAL.search(value)
    }
    assert ("projects.Project", "source_note") in noted
    for label, name in noted:
        model = apps.get_model(label)
        if model in translator.get_registered_models():
            assert name not in translator.get_options_for_model(model).all_fields, (label, name)


def test_no_public_page_shows_an_internal_note_in_any_language(demo: Client) -> None:
    # Every page the sitemaps list is read once (668 requests, a quarter of the suite's
    # longest test, when each was read in all four languages): in a language taken in turn
    # within its kind, and every kind of page in all four (the test above says why that is
    # enough). tests/public/test_language_crawl.py reads every kind of page in every language.
    paths = _public_paths(demo)
    assert len(paths) > 40 and any(p.startswith("/grants/") and p != "/grants/" for p in paths)
    urls = _in_turn(paths)
    assert {url.split("/", 2)[2] for url in urls} == {p.lstrip("/") for p in paths}
    for lang in LANGUAGES:
        assert {_kind(url.split("/", 2)[2]) for url in urls if url.startswith(f"/{lang}/")} == {
            _kind(path) for path in paths
        }
    found: dict[str, list[str]] = {}
    for url in urls:
        response = demo.get(url)
        assert response.status_code == 200, url
        hits = INTERNAL.findall(response.content.decode())
        if hits:
            found[url] = hits
    assert not found


def test_the_illustrative_sverdlovsk_plan_is_not_shown_or_counted(demo: Client) -> None:
    page = demo.get("/en/projects/sverdlovsk-district-joint-plan-pilot/").content.decode()
    assert "180,000" not in page and "$1,500" not in page
    figures = headline_figures()
    real_plans = JointPlan.objects.approved().filter(is_illustrative=False)
    assert figures["plans_approved"] == real_plans.count()
    real_received = real_plans.filter(
        actions__contributions__state=ContributionState.RECEIVED
    ).count()
    assert real_received == 0 and figures["cofinancing_usd"] == Decimal(0)


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("joint-crime-prevention-plans-2015-2016", ["245,000", "12", "14,000,000"]),
        ("community-security-ferghana-valley", ["15"]),
        ("prevention-in-action", ["12"]),
        ("active-communities", ["$14,000,000"]),
        ("living-in-peace", ["25", "50"]),
    ],
)
def test_each_programme_page_shows_its_reported_figures_with_their_source(
    demo: Client, slug: str, expected: list[str]
) -> None:
    html = demo.get(f"/en/projects/{slug}/").content.decode()
    section = html[html.index('id="reported-figures"') :]
    section = section[: section.index("</section>")]
    for value in expected:
        assert value in section
    figures = ReportedFigure.objects.filter(project__slug=slug).select_related("source_document")
    for figure in figures:
        assert figure.source_document.get_absolute_url() in section
    assert "Source:" in html


def test_results_with_targets_show_on_the_programme_pages(demo: Client) -> None:
    html = demo.get("/ru/projects/living-in-peace/").content.decode()
    assert 'id="results"' in html and "<svg" in html
    assert "Результаты: цели и факт" in html


def _text(html: str) -> Any:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_home_page_shows_reported_figures_apart_from_counted_ones(demo: Client) -> None:
    text = _text(demo.get("/en/").content.decode())
    assert "Reported by the programmes" in text and "245,000" in text
    assert text.index("Counted from the portal's records") < text.index(
        "Reported by the programmes"
    )
