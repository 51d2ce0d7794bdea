"""Stored XSS, checked in a real browser: payloads in every text field shown publicly or to
staff, and in an attachment's file name. A payload that runs sets ``window.__xss``; one that
is parsed as markup (even if CSP then blocks it) leaves an ``img.xss-probe`` or
``svg.xss-probe`` element in the DOM. Both must stay absent."""

from __future__ import annotations

import pytest

from communities import models as cm
from projects import models as pm
from tests.conftest import ARTIFACTS, login_in_browser
from tests.security.world import build_world

PAYLOADS = [
    '<img class="xss-probe" src="x-xss" onerror="window.__xss=1">',
    '"><svg class="xss-probe" onload="window.__xss=1"><script>window.__xss=1</script></svg>',
    "javascript:window.__xss=1",
    "[click](javascript:window.__xss=1)",
]
PAYLOAD = " ".join(PAYLOADS)

PROBE = """() => ({
  ran: window.__xss !== undefined,
  injected: [...document.querySelectorAll('.xss-probe')].map(
    e => (e.parentElement && e.parentElement.className) || e.parentElement.tagName),
  jsLinks: [...document.querySelectorAll('a[href]')]
    .filter(a => a.getAttribute('href').trim().toLowerCase().startsWith('javascript:')).length,
})"""


def _seed():
    w = build_world("A")
    short = PAYLOADS[0]
    pm.Organisation.objects.filter(pk=w.org.pk).update(
        name_en=f"Org {short}", name_ru=f"Орг {short}"
    )
    pm.Project.objects.filter(pk__in=[w.project.pk, w.private_project.pk]).update(
        title_en=f"Project {short}",
        title_ru=f"Проект {short}",
        summary_en=PAYLOAD,
        summary_ru=PAYLOAD,
        description_en=PAYLOAD,
        description_ru=PAYLOAD,
    )
    cm.Activity.objects.filter(project__in=[w.project, w.private_project]).update(
        title_en=f"News {short}",
        title_ru=f"Новость {short}",
        description_en=PAYLOAD,
        description_ru=PAYLOAD,
    )
    community = w.community
    type(community).objects.filter(pk=community.pk).update(
        name_en=f"Village {short}", name_ru=f"Село {short}"
    )
    type(w.working_group).objects.filter(pk=w.working_group.pk).update(name=f"Group {short}")
    type(w.member).objects.filter(pk=w.member.pk).update(full_name=f"Member {short}")
    type(w.meeting).objects.filter(pk=w.meeting.pk).update(agenda=PAYLOAD)
    type(w.problem).objects.filter(pk=w.problem.pk).update(description=PAYLOAD)
    type(w.plan).objects.filter(pk=w.plan.pk).update(title_en=f"Plan {short}", title_ru=short)
    type(w.action).objects.filter(pk=w.action.pk).update(description_en=PAYLOAD)
    type(w.grant).objects.filter(pk=w.grant.pk).update(title_en=f"Grant {short}", title_ru=short)
    cm.ActivityAttachment.objects.create(
        activity=w.activity,
        file="attachments/2022/01/0123456789abcdef",
        original_name=f"{short}.pdf",
        size=10,
    )
    return w


PUBLIC_PATHS = [
    "/en/",
    "/ru/",
    "/en/projects/{w.project.slug}/",
    "/en/projects/",
    "/en/news/",
    "/en/news/{w.published_activity.pk}/",
    "/en/organisations/{w.org.slug}/",
    "/en/places/",
    "/en/places/communities/{w.community.pk}/",
    "/en/grants/{w.grant.pk}/",
    "/en/grants/",
    "/en/search/?q=Project",
]
STAFF_PATHS = [
    "/en/staff/",
    "/en/staff/projects/{w.private_project.slug}/",
    "/en/staff/activities/",
    "/en/staff/activities/{w.activity.pk}/",
    "/en/staff/activities/{w.activity.pk}/edit/",
    "/en/staff/working-groups/{w.working_group.pk}/",
    "/en/staff/meetings/{w.meeting.pk}/",
    "/en/staff/assessments/{w.assessment.pk}/",
    "/en/staff/plans/{w.plan.pk}/",
    "/en/staff/grants/{w.grant.pk}/",
    "/en/staff/activities/new/",
]


def _sweep(page, live_server, w) -> list[dict]:
    results = []

    def check(path: str) -> None:
        page.goto(f"{live_server.url}{path}")
        # Map markers show names in tooltips and popups only on hover/click.
        for marker in page.locator("path.leaflet-interactive").all()[:5]:
            marker.hover(force=True)
            marker.click(force=True)
        results.append({"path": path, **page.evaluate(PROBE)})

    for template in PUBLIC_PATHS:
        check(template.format(w=w))
    login_in_browser(page, live_server, w.users["org_admin"].username)
    page.wait_for_url("**/staff/**")
    for template in STAFF_PATHS:
        check(template.format(w=w))
    page.screenshot(path=str(ARTIFACTS / "security-xss-last-page.png"), full_page=True)
    return results


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_no_stored_payload_runs_or_becomes_markup(browser_page, live_server) -> None:
    results = _sweep(browser_page, live_server, _seed())
    assert len(results) == len(PUBLIC_PATHS) + len(STAFF_PATHS)
    ran = [r for r in results if r["ran"]]
    markup = [r for r in results if r["injected"] or r["jsLinks"]]
    assert ran == []
    assert markup == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_map_tooltips_show_names_as_text(browser_page, live_server) -> None:
    results = _sweep(browser_page, live_server, _seed())
    assert [r for r in results if r["injected"]] == []
