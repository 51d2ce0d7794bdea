"""Query counts of the dashboard and list pages stay flat as data grows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from projects.models import PartnerRole
from tests import factories as f
from tests.conftest import build_people

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _grow(n: int, *, org, project, author) -> None:
    today = timezone.localdate()
    for i in range(n):
        extra = f.ProjectFactory()
        f.PartnershipFactory(project=extra, organisation=org, role=PartnerRole.IMPLEMENTING)
        community = f.CommunityFactory()
        f.ProjectCommunityFactory(project=project, community=community)
        for status in ("draft", "returned", "submitted", "published"):
            activity = f.ActivityFactory(
                project=project,
                author=author,
                status=status,
                review_comment="Fix it" if status == "returned" else "",
                published_at=timezone.now() if status == "published" else None,
            )
            activity.communities.add(community)
        group = f.WorkingGroupFactory(organisation=org, community=community)
        group.projects.add(project)
        f.MembershipFactory(working_group=group)
        f.MeetingFactory(working_group=group)
        plan = f.JointPlanFactory(working_group=group)
        action = f.PlanActionFactory(plan=plan, due_date=today + dt.timedelta(days=i % 20))
        f.ContributionFactory(action=action)
        assessment = f.AssessmentFactory(project=project, community=community)
        f.IdentifiedProblemFactory(assessment=assessment)
        programme = f.GrantProgrammeFactory(managing_organisation=org)
        f.GrantReportFactory(grant__programme=programme, due_date=today - dt.timedelta(days=3))


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


PAGES = [
    "staff:dashboard",
    "staff:project_list",
    "staff:activity_list",
    "staff:working_group_list",
    "staff:assessment_list",
    "staff:plan_list",
    "staff:grant_report_list",
]


class TestListPages:
    """The records are grown once for all seven list pages, not once per page."""

    @pytest.fixture(scope="class")
    @classmethod
    def small_counts(cls, class_db):
        """Each page's queries with 2 rows of everything; the records then grow to 6 (an N+1
        query would add 4 or more). The staff lists page by 30 or 50 and the dashboard's
        panels stop at 20 to 50 rows, so 12 crossed no limit either, at twice the records."""
        with class_db.unblock(), translation.override("en"):
            people = build_people()
            grow = {"org": people.org, "project": people.project, "author": people.field_officer}
            _grow(2, **grow)
            client = Client()
            client.force_login(people.manager)
            small = {}
            for name in PAGES:
                cache.clear()
                small[name] = _count(client, reverse(name))
            _grow(4, **grow)
        return people.manager, small

    @pytest.mark.parametrize("name", PAGES)
    def test_list_page_query_count_is_flat(self, client, small_counts, name) -> None:
        manager, small = small_counts
        client.force_login(manager)
        assert _count(client, reverse(name)) == small[name]


def test_dashboard_query_count(
    client, django_assert_num_queries, org, project, manager, field_officer
) -> None:
    from django.core.cache import cache

    _grow(3, org=org, project=project, author=manager)
    client.force_login(manager)
    client.get(reverse("staff:dashboard"))  # warm the session
    cache.clear()
    # session, user with their staff roles, organisations, projects, their activity counts,
    # drafts, returned, waiting for review, due plan actions, overdue grant reports (the
    # session was saved at login, so it is not written again within the touch interval).
    # Without PostgreSQL's arrays (SQLite) the roles are a query of their own.
    roles = 0 if connection.vendor == "postgresql" else 1
    with django_assert_num_queries(10 + roles):
        response = client.get(reverse("staff:dashboard"))
    body = response.content.decode()
    assert "Fix it" in body  # the reviewer's comment reaches the author
    # Until something changes, the panels come from the cache: session, user with their
    # staff roles, and organisations.
    with django_assert_num_queries(3 + roles):
        again = client.get(reverse("staff:dashboard"))
    panels = body[body.index('<div class="grid grid-2 dashboard">') :]
    assert panels in again.content.decode()  # the same panels (the CSRF mask differs)


def test_dashboard_shows_a_new_draft_at_once(client, project, field_officer) -> None:
    client.force_login(field_officer)
    assert "Night patrol briefing" not in client.get(reverse("staff:dashboard")).content.decode()

    f.ActivityFactory(project=project, author=field_officer, title_en="Night patrol briefing")

    assert "Night patrol briefing" in client.get(reverse("staff:dashboard")).content.decode()


def test_dashboard_panels_are_never_shared_between_users(
    client, project, field_officer, manager
) -> None:
    f.ActivityFactory(project=project, author=field_officer, title_en="Officer own draft")
    client.force_login(field_officer)
    assert "Officer own draft" in client.get(reverse("staff:dashboard")).content.decode()

    client.force_login(manager)
    assert "Officer own draft" not in client.get(reverse("staff:dashboard")).content.decode()


@pytest.mark.parametrize(
    "name",
    [
        "staff:project_detail",
        "staff:plan_detail",
        "staff:working_group_detail",
        "staff:assessment_detail",
    ],
)
def test_detail_page_query_count_is_flat(
    client, org, project, manager, field_officer, name
) -> None:
    group = f.WorkingGroupFactory(organisation=org)
    group.projects.add(project)
    plan = f.JointPlanFactory(working_group=group)
    assessment = f.AssessmentFactory(project=project)
    args = {
        "staff:project_detail": [project.slug],
        "staff:plan_detail": [plan.pk],
        "staff:working_group_detail": [group.pk],
        "staff:assessment_detail": [assessment.pk],
    }[name]

    def grow(n: int) -> None:
        for _ in range(n):
            f.ActivityFactory(project=project, author=field_officer)
            action = f.PlanActionFactory(plan=plan)
            f.ContributionFactory(action=action)
            f.MembershipFactory(working_group=group)
            f.MeetingFactory(working_group=group)
            f.IdentifiedProblemFactory(assessment=assessment)

    client.force_login(manager)
    url = reverse(name, args=args)
    grow(2)
    small = _count(client, url)
    # A query per row shows as 4 more; no staff detail page caps its lists, so no limit
    # needs crossing (it grew by 15 before, four times the records to build).
    grow(4)
    assert _count(client, url) == small


def test_dashboard_lists_active_projects_first_and_links_to_the_rest(
    client, org, project, manager
) -> None:
    from config.pages.dashboard import DASHBOARD_PROJECTS

    archived = f.ProjectFactory(title_en="Aaa archived project", is_archived=True)
    f.PartnershipFactory(project=archived, organisation=org, role=PartnerRole.IMPLEMENTING)
    f.ActivityFactory(project=project)
    f.ActivityFactory(project=project)
    client.force_login(manager)

    body = client.get(reverse("staff:dashboard")).content.decode()
    assert body.index(project.title) < body.index("Aaa archived project")
    assert "2 activities" in body
    assert "All my projects" not in body

    for i in range(DASHBOARD_PROJECTS):
        extra = f.ProjectFactory(title_en=f"Extra project {i:02d}")
        f.PartnershipFactory(project=extra, organisation=org, role=PartnerRole.IMPLEMENTING)
    body = client.get(reverse("staff:dashboard")).content.decode()
    assert "All my projects" in body
    assert "Aaa archived project" not in body  # beyond the first page, active ones first
