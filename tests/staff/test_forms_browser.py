"""Every staff form on a 375 px phone in each of the four languages: it opens for a
programme manager (not ``is_staff``), shows a form, and nothing scrolls sideways; Kyrgyz
and Tajik labels are longer than English ones, so each language is loaded, not just one."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from communities.models import ContributionState, PlanStatus
from projects.models import PartnerRole, ProjectBudgetLine
from tests import factories as f
from tests.conftest import ARTIFACTS, login_in_browser
from tests.staff.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 375
LANGUAGES = ("ru", "ky", "tg", "en")


def staff_form_paths(*, org, other_org, project, author) -> dict[str, str]:
    """Every create and edit form of the staff cycle and project setup, by URL name, for
    records the manager's organisation owns (paths without the language prefix)."""
    world = build_world(org=org, other_org=other_org, project=project, author=author)
    draft = f.JointPlanFactory(
        working_group=world.working_group, status=PlanStatus.DRAFT, approval_date=None
    )
    pledge = f.ContributionFactory(action=world.action, state=ContributionState.PLEDGED)
    partner = f.PartnershipFactory(
        project=project, organisation=f.OrganisationFactory(), role=PartnerRole.FUNDING
    )
    budget_line = ProjectBudgetLine.objects.create(
        project=project, year=2021, source_kind="donor", amount=Decimal("1000"), currency="USD"
    )
    slug = project.slug
    named: dict[str, list] = {
        "activity_create": [],
        "activity_update": [world.activity.pk],
        "working_group_create": [],
        "working_group_update": [world.working_group.pk],
        "member_create": [world.working_group.pk],
        "member_update": [world.member.pk],
        "member_leave": [world.member.pk],
        "meeting_create": [world.working_group.pk],
        "meeting_update": [world.meeting.pk],
        "assessment_create": [],
        "assessment_detail": [world.assessment.pk],
        "plan_create": [],
        "plan_update": [draft.pk],
        "plan_approve": [draft.pk],
        "plan_revise": [world.plan.pk],
        "plan_close": [world.plan.pk],
        "plan_action_create": [world.plan.pk],
        "plan_action_edit": [world.action.pk],
        "plan_action_update": [world.action.pk],
        "plan_contribution_create": [world.plan.pk],
        "contribution_create": [world.action.pk],
        "contribution_receive": [pledge.pk],
        "project_contribution_create": [slug],
        "project_create": [],
        "project_update": [slug],
        "programme_create": [],
        "partner_create": [slug],
        "partner_update": [partner.pk],
        "budget_line_create": [slug],
        "budget_line_update": [budget_line.pk],
        "area_create": [slug],
    }
    with translation.override("en"):
        return {
            name: reverse(f"staff:{name}", args=args).removeprefix("/en")
            for name, args in named.items()
        }


def test_every_staff_form_fits_a_375_px_phone_in_four_languages(
    browser_page, live_server, org, other_org, project, manager, field_officer
) -> None:
    assert not manager.is_staff
    paths = staff_form_paths(org=org, other_org=other_org, project=project, author=field_officer)
    page = browser_page
    login_in_browser(page, live_server, manager.username)
    page.wait_for_url("**/en/staff/")
    too_wide: list[str] = []
    for language in LANGUAGES:
        for name, path in paths.items():
            response = page.goto(f"{live_server.url}/{language}{path}")
            assert response is not None and response.status == 200, (language, name)
            assert page.locator("main form").count() >= 1, (language, name)
            assert page.evaluate("document.documentElement.lang") == language, (language, name)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > WIDTH:
                too_wide.append(f"{language} {name}: {width} px")
                page.screenshot(path=str(ARTIFACTS / f"form-{language}-{name}.png"))
    assert too_wide == []
    assert page.js_errors == []  # type: ignore[attr-defined]  # set on the Playwright object by tests/conftest.py
