"""Staff navigation: reports are in the menu and on the dashboard, every create form is at
most two taps from the dashboard, and badges say words, not indicator codes."""

from __future__ import annotations

import re

import pytest
from django.template import Context, Template
from django.urls import resolve, reverse
from django.utils import translation

from tests.staff.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_the_menu_and_the_dashboard_link_the_reports(client, project, viewer) -> None:
    client.force_login(viewer)
    body = client.get(reverse("staff:dashboard")).content.decode()
    menu = body.split('class="staff-nav"')[1].split("</nav>")[0]
    assert reverse("staff:reports_dashboard") in menu
    assert body.count(reverse("staff:reports_dashboard")) >= 2  # menu and dashboard


def test_every_create_form_is_one_tap_from_the_dashboard(client, project, manager) -> None:
    client.force_login(manager)
    body = client.get(reverse("staff:dashboard")).content.decode()
    section = body.split('id="new"')[1].split("</section>")[0]
    for name in (
        "staff:activity_create",
        "staff:assessment_create",
        "staff:working_group_create",
        "staff:project_create",
    ):
        url = reverse(name)
        assert f'href="{url}"' in section, name
        # ...and each link leads to a form the manager may use.
        assert client.get(url).status_code == 200


# Every form that creates a record, by URL name. A problem is added on its assessment's page.
CREATE_FORMS = {
    "activity_create",
    "assessment_create",
    "assessment_detail",
    "working_group_create",
    "member_create",
    "meeting_create",
    "plan_create",
    "plan_action_create",
    "plan_contribution_create",
    "contribution_create",
    "project_create",
    "programme_create",
    "partner_create",
    "budget_line_create",
    "area_create",
    "project_contribution_create",
}


def test_every_create_form_is_at_most_two_taps_from_the_dashboard(
    client, org, other_org, project, manager, field_officer
) -> None:
    build_world(org=org, other_org=other_org, project=project, author=field_officer)
    client.force_login(manager)
    taps: dict[str, int] = {}
    pages = [reverse("staff:dashboard")]
    for tap in (1, 2):
        reached = []
        for url in pages:
            body = client.get(url).content.decode()
            for href in re.findall(r'href="(/en/staff/[^"#?]*)', body):
                if href not in taps:
                    taps[href] = tap
                    reached.append(href)
        pages = reached
    names = {resolve(href).url_name: href for href in taps}
    assert CREATE_FORMS - names.keys() == set()
    # ...and each is a form the manager may open.
    for name in CREATE_FORMS:
        assert client.get(names[name]).status_code == 200, name


def test_a_viewer_is_not_offered_create_forms(client, project, viewer) -> None:
    client.force_login(viewer)
    body = client.get(reverse("staff:dashboard")).content.decode()
    assert 'id="new"' not in body


def test_a_field_officer_is_not_offered_a_new_project(client, project, field_officer) -> None:
    client.force_login(field_officer)
    body = client.get(reverse("staff:dashboard")).content.decode()
    assert reverse("staff:activity_create") in body
    assert reverse("staff:project_create") not in body


def test_create_pages_another_app_has_not_installed_are_skipped() -> None:
    rendered = Template(
        "{% load staff_nav %}[{% optional_url 'staff:no_such_page' %}]"
        "[{% optional_url 'staff:project_detail' 'x' %}]"
    ).render(Context())
    assert rendered == f"[][{reverse('staff:project_detail', args=['x'])}]"


def test_indicator_badges_are_words_not_codes(client, project, viewer) -> None:
    client.force_login(viewer)
    body = client.get(reverse("staff:reports_dashboard")).content.decode()
    badges = re.findall(r'<span class="badge">([^<]*)</span>', body)
    assert badges
    assert not [badge for badge in badges if re.fullmatch(r"[a-z_]+\.[a-z_.]+", badge)]


def test_the_review_queue_lists_an_activity_whose_author_was_removed(
    client, project, manager
) -> None:
    from communities.models import ActivityStatus
    from tests.factories import ActivityFactory

    ActivityFactory(
        project=project, author=None, status=ActivityStatus.SUBMITTED, title_en="Orphaned report"
    )
    client.force_login(manager)
    response = client.get(reverse("staff:dashboard"))
    assert response.status_code == 200
    assert "Orphaned report" in response.content.decode()


def test_new_joint_plan_without_a_working_group_leads_to_creating_one(client, manager) -> None:
    # The dashboard offers "New joint plan" to every writer; with no group yet, the plan
    # form sends the user to the group form with a message instead of a 403.
    client.force_login(manager)
    response = client.get(reverse("staff:plan_create"), follow=True)
    assert response.redirect_chain == [(reverse("staff:working_group_create"), 302)]
    assert "create the working group first" in response.content.decode()


def test_a_viewer_still_may_not_open_the_plan_form(client, viewer) -> None:
    client.force_login(viewer)
    assert client.get(reverse("staff:plan_create")).status_code == 403
