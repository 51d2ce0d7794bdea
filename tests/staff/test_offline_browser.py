"""The staff web app offline, in Chromium at 390×844 in Russian: the outbox keeps an
activity through a closed page and a lost connection, sends it once, with small photos and
no EXIF; a refused item stays with its message; a flaky link makes one record; Back and the
menu keep typed text; the form's heading is on the first screen."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.signals import request_started
from PIL import Image

from communities.models import Activity, Meeting
from tests import factories as f
from tests.conftest import ARTIFACTS
from tests.staff.big_photos import phone_photo
from tests.staff.photos import has_gps

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
FORM = "/ru/staff/activities/new/"


@pytest.fixture(scope="module")
def chromium(chromium_path: str) -> Iterator[Any]:
    """As tests/conftest.py's, with Playwright's service-worker network events on, so going
    offline also cuts the service worker's own requests (microsoft/playwright#2311)."""
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS")
    os.environ["PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS"] = "1"
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=chromium_path,
                headless=True,
                args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"],
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS", None)
        else:
            os.environ["PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS"] = previous


@pytest.fixture
def context(chromium, live_server):
    context = chromium.new_context(
        viewport=PHONE, locale="ru-RU", service_workers="allow", has_touch=True
    )
    context.set_default_timeout(20_000)
    context.js_errors = []  # type: ignore[attr-defined]  # set on the Playwright object by tests/conftest.py
    yield context
    context.close()


def _page(context):
    page = context.new_page()
    page.on("pageerror", lambda exc: context.js_errors.append(str(exc)))
    return page


def _abort_worker(route) -> None:
    if route.request.service_worker:
        route.abort("internetdisconnected")
    else:
        route.continue_()


def _offline(context) -> None:
    context.set_offline(True)
    context.route("**/*", _abort_worker)


def _online(context) -> None:
    context.unroute("**/*", _abort_worker)
    context.set_offline(False)


@pytest.fixture
def community(project):
    community = f.CommunityFactory(name_en="Kara-Suu", name_ru="Кара-Суу")
    f.ProjectCommunityFactory(project=project, community=community)
    return community


def _until(page, script: str, arg: Any = None, timeout_ms: int = 20_000) -> None:
    """Polls ``script`` from Python: wait_for_function's in-page polling does not run under
    the workspace's Content-Security-Policy (no 'unsafe-eval')."""
    for _ in range(timeout_ms // 100):
        if page.evaluate(script, arg):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {script}")


def _controlled(page) -> None:
    """Waits for the worker to be installed and to have answered this page's own load, so
    that it keeps its copy. A page opened while the worker was still installing is claimed
    when it activates and then has a controller, yet its load went to the network and was
    never kept (a test then waited in vain for the copy): only a load the worker answered
    has a non-zero ``workerStart``, otherwise the page is loaded again."""
    for _ in range(3):
        ready = page.evaluate(
            "async () => { await navigator.serviceWorker.ready;"
            " const load = performance.getEntriesByType('navigation')[0];"
            " return !!navigator.serviceWorker.controller && !!load && load.workerStart > 0; }"
        )
        if ready:
            return
        page.reload()
    raise AssertionError("the service worker never controlled the page")


def _login(page, live_server) -> None:
    page.goto(f"{live_server.url}/ru/staff/login/")
    page.fill("input[name=username]", "field-officer")
    page.fill("input[name=password]", "correct horse battery staple")
    page.click("button[type=submit]")
    page.wait_for_url("**/ru/staff/")


def _ready_offline(page, live_server, project) -> None:
    """Open the form online and wait until the worker controls it and keeps the pages."""
    page.goto(f"{live_server.url}{FORM}")
    _controlled(page)
    _until(
        page,
        "async (p) => !!(await caches.match(p[0])) && !!(await caches.match(p[1]))",
        arg=[FORM, f"/ru/staff/activities/communities/?project={project.pk}"],
    )


def _fill(page, project, community, title: str) -> None:
    page.fill("input[name=date]", "2024-05-14")
    page.select_option("select[name=kind]", "training")
    page.select_option("select[name=project]", str(project.pk))
    page.wait_for_selector(f"input[name=communities][value='{community.pk}']")
    page.check(f"input[name=communities][value='{community.pk}']")
    page.fill("input[name=women]", "12")
    page.fill("input[name=men]", "9")
    page.fill("input[name=youth]", "7")
    page.fill("input[name=title_ru]", title)


def _photos(tmp_path) -> list[str]:
    paths = []
    for seed in (1, 2):
        path = tmp_path / f"IMG_000{seed}.jpg"
        path.write_bytes(phone_photo(seed))
        assert path.stat().st_size >= 4_000_000
        paths.append(str(path))
    return paths


def _state(page, state: str, timeout: float = 30_000) -> None:
    page.wait_for_selector(f".outbox-item[data-state='{state}']", timeout=timeout)


def test_an_activity_logged_offline_reaches_the_server_once_with_small_photos(
    context, live_server, project, community, field_officer, tmp_path
) -> None:
    page = _page(context)
    _login(page, live_server)
    _ready_offline(page, live_server, project)
    # What reached the server per upload (the browser hides multipart bodies built from
    # blobs, so the server's Content-Length is read).
    sent: list[int] = []

    def count_bytes(sender, environ, **kwargs) -> None:
        if environ.get("PATH_INFO", "").endswith("/activities/sync/"):
            sent.append(int(environ.get("CONTENT_LENGTH") or 0))

    request_started.connect(count_bytes, dispatch_uid="offline-bytes")

    _offline(context)
    page.reload()  # the kept copy, from the worker
    _fill(page, project, community, "Тренинг по медиации без связи")
    page.set_input_files("input[name=photos]", _photos(tmp_path))
    page.click("button[name=submit]")
    _state(page, "waiting")
    assert "Тренинг по медиации без связи" in page.inner_text("#outbox")
    assert Activity.objects.count() == 0
    page.screenshot(path=str(ARTIFACTS / "offline-outbox-waiting-390.png"), full_page=True)
    page.close()

    # Reopened with no connection: the item is still in the outbox.
    page = _page(context)
    page.goto(f"{live_server.url}/ru/staff/")
    _state(page, "waiting")
    assert "Тренинг по медиации без связи" in page.inner_text("#outbox")
    assert Activity.objects.count() == 0

    _online(context)
    _state(page, "sent", timeout=60_000)
    activity = Activity.objects.get()
    assert activity.title_ru == "Тренинг по медиации без связи"
    assert activity.client_key is not None
    photos = list(activity.photos.all())
    assert len(photos) == 2
    for photo in photos:
        data = photo.image.read()
        assert len(data) <= 400 * 1024
        assert not has_gps(data)
        with Image.open(io.BytesIO(data)) as image:
            assert not image.getexif()
            assert max(image.size) <= 1600
    # What went over the wire: two shrunken photos, not 2 × 4 MB.
    assert sent and 0 < max(sent) < 1_000_000
    (ARTIFACTS / "offline-bytes.txt").write_text(f"{max(sent)}\n")
    request_started.disconnect(dispatch_uid="offline-bytes")
    assert context.js_errors == []


def test_a_refused_item_shows_its_message_and_stays(
    context, live_server, project, community, field_officer
) -> None:
    page = _page(context)
    _login(page, live_server)
    page.goto(f"{live_server.url}{FORM}")
    _fill(page, project, community, "Встреча с молодежью")
    # More young people than participants: the server refuses it.
    page.fill("input[name=youth]", "50")
    page.click("button[name=submit]")
    _state(page, "attention")
    item = page.inner_text(".outbox-item[data-state='attention']")
    assert "Встреча с молодежью" in item
    assert "молод" in item.lower()  # the youth field's message, in Russian
    assert Activity.objects.count() == 0

    # Still there after a reload, and editable: corrected, it goes through.
    page.reload()
    _state(page, "attention")
    page.click(".outbox-item[data-state='attention'] button:not(.button-secondary)")
    _until(page, "() => document.querySelector('input[name=title_ru]').value !== ''")
    assert page.input_value("input[name=title_ru]") == "Встреча с молодежью"
    page.wait_for_selector(f"input[name=communities][value='{community.pk}']:checked")
    page.fill("input[name=youth]", "5")
    page.click("button[name=submit]")
    page.wait_for_url(re.compile(r"/ru/staff/activities/\d+/$"))
    assert Activity.objects.filter(title_ru="Встреча с молодежью", youth=5).count() == 1
    assert context.js_errors == []


def test_a_flaky_link_repeating_the_upload_makes_one_record(
    context, live_server, project, community, field_officer, tmp_path
) -> None:
    page = _page(context)
    _login(page, live_server)
    page.goto(f"{live_server.url}{FORM}")
    answered: list[int] = []
    attempts: list[int] = []

    def drop_the_answer(route) -> None:
        # The upload reaches the server, but the answer is lost on the way back, twice.
        # Numbered before the server is asked: counting the answers after route.fetch()
        # let two uploads in flight at once both be dropped, as the second and the third,
        # leaving nothing to send the item again but the outbox's 30-second retry.
        attempt = len(attempts)
        attempts.append(attempt)
        response = route.fetch()
        if attempt < 2:
            route.abort("connectionreset")
        else:
            route.fulfill(response=response)
        answered.append(response.status)

    # On the context, so a Background Sync attempt by the worker is cut the same way.
    context.route("**/activities/sync/", drop_the_answer)
    _fill(page, project, community, "Патрулирование с участковым")
    page.set_input_files("input[name=photos]", _photos(tmp_path)[:1])
    page.click("button[name=submit]")
    for _ in range(300):
        if len(answered) >= 3:
            break
        # «Отправить сейчас» whenever the item waits again after a lost answer. Found and
        # clicked in one step in the page: the outbox redraws its list whenever an attempt
        # ends, so a button seen a moment ago may be gone (the item sent), and a click
        # from Python then waited 20 s for it and failed.
        if answered:
            page.evaluate(
                """() => {
                  const send = document.querySelector(
                    ".outbox-item[data-state='waiting'] button.button-secondary");
                  if (send) { send.click(); }
                }"""
            )
        page.wait_for_timeout(200)
    states = page.eval_on_selector_all(".outbox-item", "items => items.map(i => i.dataset.state)")
    assert len(answered) >= 3, f"answers {answered}, outbox states {states}"
    _state(page, "sent")
    assert answered[0] == 201 and set(answered[1:]) == {200}
    assert Activity.objects.count() == 1
    assert Activity.objects.get().photos.count() == 1
    assert context.js_errors == []


def test_a_late_lost_answer_never_sets_a_sent_item_back_to_waiting(
    context, live_server, field_officer
) -> None:
    # Two attempts of one item (a page's and the worker's) each write back what they
    # heard; the one whose answer was lost must not undo the other's confirmation, or the
    # item waits again with its photos and goes up once more.
    page = _page(context)
    _login(page, live_server)
    kept = page.evaluate(
        """async () => {
          const store = window.staffOutbox.store;
          const sent = { id: "late-answer", key: store.uuid(), user: "x", state: "sent",
                         fields: [], photos: [], createdAt: Date.now() };
          await store.put(sent);
          const stale = { ...sent, state: "waiting", fields: [["title_ru", "Патруль"]] };
          const settled = await store.settle(stale);
          const stored = await store.get("late-answer");
          await store.remove("late-answer");
          return [settled.state, stored.state, stored.fields.length];
        }"""
    )
    assert kept == ["sent", "sent", 0]
    assert context.js_errors == []


def test_back_and_the_menu_keep_typed_text(
    context, live_server, project, community, field_officer
) -> None:
    activity = f.ActivityFactory(project=project, author=field_officer, title_ru="Старое название")
    page = _page(context)
    _login(page, live_server)
    edit = f"{live_server.url}/ru/staff/activities/{activity.pk}/edit/"
    page.goto(edit)
    _controlled(page)
    # The worker keeps its copy of the page after answering: wait for it before going offline.
    _until(page, "async (p) => !!(await caches.match(p))", arg=edit)
    page.fill("input[name=title_ru]", "Новое название, набранное без связи")
    # The draft is written 250 ms after typing stops: wait for it, not for a fixed time
    # (polled from here: the page's CSP forbids the string functions wait_for_function uses).
    _until(page, "() => Object.keys(localStorage).some(k => k.startsWith('staff-draft:'))")

    _offline(context)
    # «Отправить на проверку» with no connection: the browser's own error page.
    page.click("button[name=submit]", no_wait_after=True)
    page.wait_for_timeout(1000)
    # Back (Chromium replaces the form's entry with its error page, so Back leaves the form),
    # then the form again: the worker's copy, with the text restored.
    page.go_back()
    page.wait_for_load_state()
    page.goto(edit)
    page.wait_for_selector(".draft-notice", timeout=30_000)
    assert page.input_value("input[name=title_ru]") == "Новое название, набранное без связи"
    # The menu: «Моя работа», then the form again.
    if page.is_visible(".nav-toggle"):
        page.click(".nav-toggle")
    page.click(".staff-nav a[href='/ru/staff/']")
    page.wait_for_url("**/ru/staff/")
    _online(context)
    page.goto(edit)
    page.wait_for_selector(".draft-notice")
    assert page.input_value("input[name=title_ru]") == "Новое название, набранное без связи"
    activity.refresh_from_db()
    assert activity.title_ru == "Старое название"

    # Sent for real, the server confirms it and only then is the draft dropped.
    page.click("button[name=save]")
    page.wait_for_url(f"**/ru/staff/activities/{activity.pk}/")
    assert (
        page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('staff-draft:'))") == []
    )


@pytest.mark.parametrize("width", [390, 360])
def test_the_form_heading_is_on_the_first_screen_of_a_phone(
    context, live_server, field_officer, project, width
) -> None:
    page = _page(context)
    page.set_viewport_size({"width": width, "height": 844})
    _login(page, live_server)
    page.goto(f"{live_server.url}{FORM}")
    box = page.locator("main h1").bounding_box()
    assert box is not None and box["y"] + box["height"] <= 200
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(ARTIFACTS / f"staff-form-{width}.png"))
    # The menu button opens every link, each a large touch target.
    page.click(".nav-toggle")
    assert page.get_attribute(".nav-toggle", "aria-expanded") == "true"
    heights = page.eval_on_selector_all(
        ".site-header a, .staff-nav a, .staff-nav button, .nav-toggle",
        "els => els.filter(e => e.offsetParent).map(e => e.getBoundingClientRect().height)",
    )
    assert heights and min(heights) >= 43
    page.screenshot(path=str(ARTIFACTS / f"staff-menu-{width}.png"))
    assert context.js_errors == []


# --- Meetings and the location choice ------------------------------------------------------


@pytest.fixture
def group(org, project, community):
    group = f.WorkingGroupFactory(organisation=org, community=community, name="Группа Кара-Суу")
    group.projects.add(project)
    return group


def test_a_meeting_logged_offline_is_recorded_once(
    context, live_server, group, field_officer
) -> None:
    page = _page(context)
    _login(page, live_server)
    form = f"/ru/staff/working-groups/{group.pk}/meetings/new/"
    page.goto(f"{live_server.url}{form}")
    _controlled(page)
    _until(page, "async (p) => !!(await caches.match(p))", arg=form)

    _offline(context)
    page.reload()  # the kept copy, from the worker
    page.fill("input[name=date]", "2024-05-21")
    page.select_option("select[name=kind]", "working_group")
    page.fill("input[name=women]", "6")
    page.fill("input[name=men]", "5")
    page.fill("input[name=youth]", "2")
    page.fill("textarea[name=agenda]", "Освещение у школы, без связи")
    page.click("form[data-outbox] .form-actions button[type=submit]")
    _state(page, "waiting")
    assert "Группа Кара-Суу" in page.inner_text("#outbox")
    assert Meeting.objects.count() == 0
    page.close()

    # Reopened with no connection: still in the outbox.
    page = _page(context)
    page.goto(f"{live_server.url}/ru/staff/")
    _state(page, "waiting")
    assert Meeting.objects.count() == 0

    _online(context)
    _state(page, "sent", timeout=60_000)
    meeting = Meeting.objects.get()
    assert meeting.agenda == "Освещение у школы, без связи"
    assert (meeting.women, meeting.men, meeting.youth) == (6, 5, 2)
    assert meeting.client_key is not None
    assert meeting.recorded_by == field_officer
    # Opening more pages (each sends what waits) never records it again.
    page.goto(f"{live_server.url}/ru/staff/")
    _state(page, "sent")
    assert Meeting.objects.count() == 1
    page.screenshot(path=str(ARTIFACTS / "offline-meeting-sent-390.png"), full_page=True)
    assert context.js_errors == []


def test_the_user_chooses_the_location_precision_and_never_for_a_sensitive_problem(
    context, live_server, project, community, group, field_officer
) -> None:
    category = f.ProblemCategoryFactory(slug="domestic-violence", sensitive=True)
    problem = f.IdentifiedProblemFactory(
        assessment=f.AssessmentFactory(project=project, community=community), category=category
    )
    sensitive = f.PlanActionFactory(plan=f.JointPlanFactory(working_group=group))
    sensitive.problems.add(problem)
    context.grant_permissions(["geolocation"])
    context.set_geolocation({"latitude": 40.528342, "longitude": 72.798513, "accuracy": 15})
    page = _page(context)
    _login(page, live_server)

    # A meeting, «Примерно 1 км»: rounded on the phone, and stored so.
    page.goto(f"{live_server.url}/ru/staff/working-groups/{group.pk}/meetings/new/")
    fieldset = page.locator("fieldset[data-location]")
    assert fieldset.is_visible()
    assert "Примерно 1 км" in fieldset.inner_text()
    page.fill("input[name=date]", "2024-05-22")
    page.fill("input[name=women]", "3")
    page.fill("input[name=men]", "4")
    page.check("input[name=location_precision][value=about_1_km]")
    _until(page, "() => document.querySelector('input[name=latitude]').value === '40.53'")
    assert page.input_value("input[name=longitude]") == "72.80"
    assert "1000" in page.inner_text("fieldset[data-location] .location-status")
    page.click("form[data-outbox] .form-actions button[type=submit]")
    page.wait_for_url(re.compile(r"/ru/staff/meetings/\d+/$"))
    meeting = Meeting.objects.get()
    assert (str(meeting.latitude), str(meeting.longitude)) == ("40.530000", "72.800000")
    assert meeting.location_accuracy_m == 1000
    assert "40.530000, 72.800000" in page.inner_text("main")

    # An activity: «Точно» keeps the phone's position; a sensitive plan action hides the
    # choice and empties it.
    page.goto(f"{live_server.url}{FORM}")
    _fill(page, project, community, "Профилактическая беседа")
    page.check("input[name=location_precision][value=exact]")
    _until(page, "() => document.querySelector('input[name=latitude]').value === '40.528342'")
    page.click("details.optional-links summary")
    page.select_option("select[name=plan_action]", str(sensitive.pk))
    assert not page.locator("fieldset[data-location]").is_visible()
    assert page.input_value("input[name=latitude]") == ""
    page.click("button[name=submit]")
    page.wait_for_url(re.compile(r"/ru/staff/activities/\d+/$"))
    activity = Activity.objects.get()
    assert activity.plan_action == sensitive
    assert activity.location_precision == "" and activity.latitude is None
    page.screenshot(path=str(ARTIFACTS / "offline-location-390.png"), full_page=True)
    assert context.js_errors == []
