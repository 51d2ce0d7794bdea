"""The staff workspace in Chromium at phone size (375 px): logging an activity with a
photo, the review round trip to the public page, and no lost work on reload or expiry."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.sessions.models import Session

from communities.models import Activity, ActivityStatus
from tests import factories as f
from tests.conftest import ARTIFACTS, login_in_browser
from tests.staff.photos import has_gps, jpeg_with_gps

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "input[name=title_en]"
DESCRIPTION = "textarea[name=description_en]"


@pytest.fixture
def community(project):
    community = f.CommunityFactory(name_en="Kara-Suu", name_ru="Кара-Суу")
    f.ProjectCommunityFactory(project=project, community=community)
    return community


def _logout(page) -> None:
    # On a phone the account links are behind the menu button.
    if page.is_visible(".nav-toggle"):
        page.click(".nav-toggle")
    page.click("form[data-staff-logout] button")
    page.wait_for_load_state()


def _open_form(page, live_server) -> None:
    page.goto(f"{live_server.url}/en/staff/activities/new/")
    page.wait_for_selector("form[data-draft-key]")


def _fill_basics(page, project, community) -> None:
    page.fill("input[name=date]", "2024-05-14")
    page.select_option("select[name=kind]", "training")
    page.select_option("select[name=project]", str(project.pk))
    # htmx swaps in the project's communities.
    page.wait_for_selector(f"input[name=communities][value='{community.pk}']")
    page.check(f"input[name=communities][value='{community.pk}']")
    page.fill("input[name=women]", "12")
    page.fill("input[name=men]", "9")
    page.fill("input[name=youth]", "7")


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_field_officer_logs_an_activity_with_a_photo(
    browser_page, live_server, project, community, field_officer, tmp_path
) -> None:
    page = browser_page
    login_in_browser(page, live_server, "field-officer")
    page.wait_for_url("**/en/staff/")
    _no_sideways_scroll(page)
    page.screenshot(path=str(ARTIFACTS / "staff-dashboard-phone.png"), full_page=True)

    _open_form(page, live_server)
    _fill_basics(page, project, community)
    page.fill(TITLE, "Mediation training for the working group")
    page.fill(DESCRIPTION, "Two days on mediation with the aksakal court.")
    photo = tmp_path / "IMG_2024.jpg"
    photo.write_bytes(jpeg_with_gps())
    page.set_input_files("input[name=photos]", str(photo))
    _no_sideways_scroll(page)
    # Touch targets: every button and text field is at least 44 px tall.
    heights = page.eval_on_selector_all(
        "form[data-draft-key] :is(button, select, input[type=text])",
        "els => els.map(e => e.getBoundingClientRect().height)",
    )
    assert min(heights) >= 43
    assert page.get_attribute("input[name=date]", "type") == "date"
    page.screenshot(path=str(ARTIFACTS / "staff-activity-form-phone.png"), full_page=True)

    page.click("button[name=submit]")
    # The outbox sends it and opens the activity («new» would match a plain glob).
    page.wait_for_url(re.compile(r"/en/staff/activities/\d+/$"))
    assert "Submitted for review" in page.content()

    activity = Activity.objects.get(title_en="Mediation training for the working group")
    assert activity.status == ActivityStatus.SUBMITTED
    assert activity.author == field_officer
    assert list(activity.communities.all()) == [community]
    stored = activity.photos.get()
    with stored.image.open("rb") as handle:
        assert not has_gps(handle.read())
    assert "IMG_2024" not in stored.image.name
    assert stored.thumbnail
    # The saved draft is dropped once the server has the activity.
    assert (
        page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('staff-draft:'))") == []
    )
    assert page.js_errors == []


def test_review_round_trip_reaches_the_public_project_page(
    browser_page, live_server, project, community, field_officer, manager
) -> None:
    page = browser_page
    activity = f.ActivityFactory(
        project=project,
        author=field_officer,
        status=ActivityStatus.SUBMITTED,
        submitted_at=dt.datetime(2024, 5, 15, tzinfo=dt.UTC),
        title_en="Youth football for peace",
        title_ru="",
        date=dt.date(2024, 5, 14),
    )
    activity.communities.add(community)

    # The manager returns it with a comment.
    login_in_browser(page, live_server, "manager")
    page.wait_for_url("**/en/staff/")
    page.click(f"a[href='/en/staff/activities/{activity.pk}/']")
    page.fill("textarea[name=comment]", "Please add how many girls took part.")
    page.click("form[action$='/return/'] button")
    page.wait_for_url(f"**/en/staff/activities/{activity.pk}/")
    assert "Returned for changes" in page.content()
    _logout(page)

    # The officer sees the comment on the dashboard, fixes it and resubmits.
    login_in_browser(page, live_server, "field-officer")
    page.wait_for_url("**/en/staff/")
    assert "Please add how many girls took part." in page.content()
    page.click(f"a[href='/en/staff/activities/{activity.pk}/edit/']")
    page.fill(TITLE, "Youth football for peace: 14 girls, 20 boys")
    page.click("button[name=submit]")
    page.wait_for_url(f"**/en/staff/activities/{activity.pk}/")
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.SUBMITTED
    _logout(page)

    # The manager publishes it.
    login_in_browser(page, live_server, "manager")
    page.wait_for_url("**/en/staff/")
    page.goto(f"{live_server.url}/en/staff/activities/{activity.pk}/")
    page.click("button[name=publish]")
    page.wait_for_url(f"**/en/staff/activities/{activity.pk}/")
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.PUBLISHED
    assert activity in Activity.objects.published()
    _logout(page)

    # Logged out, the public project page lists it.
    page.goto(f"{live_server.url}/en/projects/{project.slug}/")
    assert "Youth football for peace: 14 girls, 20 boys" in page.content()
    assert page.js_errors == []


def test_reload_mid_typing_restores_the_text(
    browser_page, live_server, project, community, field_officer
) -> None:
    page = browser_page
    login_in_browser(page, live_server, "field-officer")
    page.wait_for_url("**/en/staff/")
    _open_form(page, live_server)
    _fill_basics(page, project, community)
    page.fill(TITLE, "Night patrol with the police")
    page.type(DESCRIPTION, "Half-written description of the patr")
    page.reload()
    page.wait_for_selector(".draft-notice")
    assert page.input_value(TITLE) == "Night patrol with the police"
    assert page.input_value(DESCRIPTION) == "Half-written description of the patr"
    assert page.input_value("input[name=women]") == "12"
    # The project's communities come back through htmx, with the tick restored.
    page.wait_for_selector(f"input[name=communities][value='{community.pk}']")
    page.wait_for_function(
        f"document.querySelector(\"input[name=communities][value='{community.pk}']\").checked"
    )
    assert page.js_errors == []


def test_expired_session_keeps_the_form_through_login(
    browser_page, live_server, project, community, field_officer
) -> None:
    page = browser_page
    login_in_browser(page, live_server, "field-officer")
    page.wait_for_url("**/en/staff/")
    _open_form(page, live_server)
    _fill_basics(page, project, community)
    page.fill(TITLE, "Public hearing on the joint plan")
    page.fill(DESCRIPTION, "Residents asked for lighting near the school.")

    # The idle timeout passes while the officer is still typing.
    Session.objects.all().delete()
    page.click("button[name=save]")
    page.wait_for_url(re.compile(r"/en/staff/login/\?next="))
    assert "your text is kept" in page.content()
    assert not Activity.objects.filter(title_en="Public hearing on the joint plan").exists()

    page.fill("input[name=username]", "field-officer")
    page.fill("input[name=password]", "correct horse battery staple")
    page.click("button[type=submit]")
    page.wait_for_url("**/en/staff/activities/new/")
    # The outbox kept the activity through the login, and sends it now: once.
    page.wait_for_selector(".outbox-item[data-state='sent']")
    assert "Public hearing on the joint plan" in page.inner_text("#outbox")
    assert (
        Activity.objects.filter(
            title_en="Public hearing on the joint plan", status=ActivityStatus.DRAFT
        ).count()
        == 1
    )
    assert (
        page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('staff-draft:'))") == []
    )
    assert page.js_errors == []
