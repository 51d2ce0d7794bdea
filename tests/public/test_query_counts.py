"""Every public page runs the same number of queries with 2 and with 12 related rows:
lists are paginated or capped, and related rows come in with joins or one prefetch.

Two small sizes are enough for that proof: a query per row shows up as 10 more queries,
and a paginated or capped list runs the same queries below and above its limit (the 12
rows pass the home page's 6 news cards and the 10-row lists of detail pages and search).
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from PIL import Image

from communities.models import ActivityPhoto, JointPlan, Sector, WorkingGroup
from projects.models import PartnerRole
from tests import factories as f
from tests.public.conftest import MARKERS, Portal, public_urls

SECTORS = [choice for choice, _label in Sector.choices]


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), "#1d5c8c").save(buffer, format="JPEG")
    return buffer.getvalue()


JPEG = _jpeg()


def grow(portal: Portal, count: int, start: int = 0) -> None:
    """Add ``count`` rows of every kind the public pages list or aggregate."""
    group = WorkingGroup.objects.get(name=MARKERS["working_group_name"])
    plan = JointPlan.objects.get(title_en="Kara-Darya joint plan 2022")
    assessment = group.assessments.get()
    for index in range(start, start + count):
        district = f.DistrictFactory(region=portal.region)
        community = f.CommunityFactory(district=district)
        f.ProjectCommunityFactory(project=portal.project, community=community)
        project = f.ProjectFactory(title_en=f"Safer extra project {index}")
        f.PartnershipFactory(project=project, organisation=portal.implementer)
        f.ProjectCommunityFactory(project=project, community=portal.community)
        f.PartnershipFactory(
            project=portal.project, role=PartnerRole.FUNDING, funding_amount=Decimal(1000)
        )
        activity = f.ActivityFactory(
            project=portal.project, published=True, title_en=f"Safer news {index}"
        )
        activity.communities.add(portal.community, community)
        ActivityPhoto.objects.create(
            activity=activity, image=SimpleUploadedFile("p.jpg", JPEG, "image/jpeg")
        )
        ActivityPhoto.objects.create(
            activity=portal.news, image=SimpleUploadedFile("p.jpg", JPEG, "image/jpeg")
        )
        portal.news.communities.add(community)
        grant = f.GrantFactory(
            programme=portal.programme,
            grantee=portal.implementer,
            region=portal.region,
            title_en=f"Safer grant {index}",
            currency=["USD", "KGS", "EUR"][index % 3],
        )
        grant.communities.add(portal.community)
        portal.grant.communities.add(community)
        f.DisbursementFactory(
            grant=portal.grant,
            tranche=index + 10,
            paid_amount=Decimal(100),
            paid_date=dt.date(2022, 3, 1),
        )
        f.MembershipFactory(working_group=group, sector=SECTORS[index % len(SECTORS)])
        action = f.PlanActionFactory(plan=plan)
        f.ContributionFactory(action=action, amount=Decimal(10))
        f.IdentifiedProblemFactory(assessment=assessment, category=f.ProblemCategoryFactory())
        f.OrganisationFactory(name_en=f"Safer org {index}")


def _urls(portal: Portal) -> list[str]:
    return [
        *(f"/en{url}" for url in public_urls(portal)),
        "/en/search/?q=Safer",
        "/en/news/feed/",
        f"/en/projects/{portal.project.slug}/feed/",
        "/sitemap.xml",
        "/sitemap-news.xml",
        "/sitemap-communities.xml",
        "/sitemap-organisations.xml",
        f"/en/projects/?implementer={portal.implementer.slug}&region={portal.region.code}",
        f"/en/grants/?programme={portal.programme.slug}&year=2022",
    ]


# Queries a cold (uncached) public page may run of its own. The home and project pages also
# show headline figures computed by the reports catalogue (reports.selectors, not owned by
# the public pages); those are counted separately and left out of the budget. The project
# page also reads its reported figures and source documents (one query each; its results
# framework adds three more only when it has one, proved flat in tests/reports/).
COLD_BUDGET = 14


def _count(client: Client, url: str) -> int:
    # Cold: public fragments are cached per content version, and it is the uncached
    # request whose queries must stay flat.
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _own_count(client: Client, url: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """Queries the page runs itself: all of them minus those inside headline_figures."""
    from config.pages import home, projects
    from config.pages.selectors import headline_figures

    compute = headline_figures
    figure_queries = []

    def counted(**filters: Any) -> dict[str, Any]:
        with CaptureQueriesContext(connection) as queries:
            figures = compute(**filters)
        figure_queries.append(len(queries))
        return figures

    with monkeypatch.context() as patch:
        # The home and project pages both show headline figures.
        patch.setattr(home, "headline_figures", counted)
        patch.setattr(projects, "headline_figures", counted)
        total = _count(client, url)
    return total - sum(figure_queries)


SMALL = 2
LARGE = 12


@pytest.mark.django_db
def test_query_counts_stay_flat_from_2_to_12_related_rows(
    client: Client,
    portal: Portal,
    django_assert_num_queries: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    grow(portal, SMALL)
    urls = _urls(portal)
    for url in urls:  # warm caches that are filled once per process (content types…)
        client.get(url)
    small = {url: _count(client, url) for url in urls}
    own = {url: _own_count(client, url, monkeypatch) for url in urls}
    assert own["/en/"] < small["/en/"]  # the home page's figures were left out
    over = {url: n for url, n in own.items() if n > COLD_BUDGET}
    assert not over, f"cold pages above {COLD_BUDGET} queries of their own: {over}"

    grow(portal, LARGE - SMALL, start=SMALL)
    for url in urls:
        cache.clear()
        with django_assert_num_queries(small[url]):
            response = client.get(url)
        assert response.status_code == 200, url


@pytest.mark.django_db
def test_home_and_place_pages_run_their_exact_query_counts_cold_at_12_rows(
    client: Client, portal: Portal
) -> None:
    """Issue #19's budget is 12 queries a page with the cache off; these are the counts the
    home page (its headline figures included) and the place pages run today."""
    grow(portal, LARGE)
    expected = {
        "/en/": 8,
        "/en/places/": 2,
        "/en/places/kg/": 8,
        f"/en/places/regions/{portal.region.code.lower()}/": 10,
        f"/en/places/districts/{portal.district.pk}/": 9,
        f"/en/places/communities/{portal.community.pk}/": 10,
    }
    for url in expected:  # caches filled once per process (content types, languages)
        client.get(url)

    assert {url: _count(client, url) for url in expected} == expected


@pytest.mark.django_db
def test_the_project_page_runs_its_exact_query_count_cold_at_2_and_12_rows(
    client: Client, portal: Portal
) -> None:
    """Issue #19's budget of 12 with the cache off: the project with its programme and
    themes, targets, news, grants, partners, groups, plans with their co-financing, grant
    programmes with their totals, headline figures, results, reported figures, sources.
    (A results framework adds its indicators and periods: tests/public/test_results_pages.)"""
    url = f"/en/projects/{portal.project.slug}/"
    grow(portal, SMALL)
    client.get(url)  # caches filled once per process (content types, languages)
    assert _count(client, url) == 12
    grow(portal, LARGE - SMALL, start=SMALL)
    assert _count(client, url) == 12


@pytest.mark.django_db
def test_a_page_computed_without_the_cache_reads_the_public_communities_once(
    client: Client, portal: Portal, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Place pages, the home page and the sitemap index ask for the public communities
    from several selectors; with the cache off (the first view after a write) the set is
    still computed once per request (core.cache.request_value)."""
    from communities import selectors

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    compute = selectors._public_community_ids
    calls: list[str] = []

    def counted() -> list[int]:
        calls.append("ids")
        return compute()

    monkeypatch.setattr(selectors, "_public_community_ids", counted)
    for url in [
        "/en/",
        "/en/places/",
        "/en/places/kg/",
        f"/en/places/regions/{portal.region.code.lower()}/",
        f"/en/places/districts/{portal.district.pk}/",
        f"/en/news/{portal.news.pk}/",
        "/sitemap.xml",
        "/sitemap-communities.xml",
    ]:
        calls.clear()
        response = client.get(url)
        assert response.status_code == 200, url
        assert calls == ["ids"], url


def _list_urls(portal: Portal) -> dict[str, int]:
    """The list pages (issue 19) and the queries each runs cold, filter options included.
    A filter value from outside a drop-down's listed choices would add its lookup."""
    return {
        # Donors, implementers, regions, themes, years; the count; the page; its partners.
        "/en/projects/": 8,
        # The same: the chosen region and theme are checked against the options read for
        # the drop-downs (they were each looked up once more).
        f"/en/projects/?implementer={portal.implementer.slug}&region={portal.region.code}"
        "&theme=prevention&year=2022&status=active": 8,
        # One query: a page read with one row more, no count.
        "/en/organisations/": 1,
        # The organisation (probed source by source), its first partnerships with their
        # total (one window count), its grants, their totals, its programmes.
        f"/en/organisations/{portal.implementer.slug}/": 5,
        # Programmes, regions, years; totals (which give the count); the page; programmes.
        # The chosen region is checked against the regions read for the drop-down.
        f"/en/grants/?programme={portal.programme.slug}&year=2022&region={portal.region.code}": 6,
        # The highest id, then the page's range of ids.
        "/sitemap-news.xml": 2,
    }


@pytest.mark.django_db
def test_list_pages_run_the_same_few_queries_however_long_the_lists(
    client: Client, portal: Portal
) -> None:
    grow(portal, SMALL)
    expected = _list_urls(portal)
    for url in expected:  # warm what is filled once per process (content types…)
        client.get(url)
    small = {url: _count(client, url) for url in expected}
    assert small == expected

    grow(portal, LARGE - SMALL, start=SMALL)
    large = {url: _count(client, url) for url in expected}
    assert large == expected
