"""The page frame's kept fragments (core/templatetags/frame.py): rendered once per language
and key, rendered every time while ``unless`` holds, and never kept with DEBUG on."""

from __future__ import annotations

import pytest
from django.template import Context, RequestContext, Template
from django.urls import set_script_prefix
from django.utils import translation

from core.templatetags import frame


@pytest.fixture(autouse=True)
def _empty_frame():
    frame.forget_frame()
    yield
    frame.forget_frame()


def _counting_template(body: str) -> tuple[Template, list[int]]:
    calls: list[int] = []

    def count() -> str:
        calls.append(1)
        return str(len(calls))

    template = Template("{% load frame i18n %}" + body)
    template.count = count  # reached from the context below
    return template, calls


def _render(template: Template, **values) -> str:
    return template.render(Context({"count": template.count, **values}))


def test_it_renders_the_body_once_per_language_and_key() -> None:
    template, calls = _counting_template("{% frozen key %}{{ count }}{% endfrozen %}")
    with translation.override("en"):
        assert _render(template, key="a") == "1"
        assert _render(template, key="a") == "1"  # kept: the body is not rendered again
        assert _render(template, key="b") == "2"
    with translation.override("ru"):
        assert _render(template, key="a") == "3"
    assert len(calls) == 3


def test_two_blocks_of_one_template_keep_their_own_fragments() -> None:
    # Outside debug mode tokens carry no position: blocks must not be told apart by it.
    template = Template(
        "{% load frame %}{% frozen %}a{% endfrozen %}{% frozen %}b{% endfrozen %}\n"
        "{% frozen %}c{% endfrozen %}"
    )
    assert template.render(Context()) == "ab\nc"
    assert template.render(Context()) == "ab\nc"


def test_the_staff_frame_keeps_each_part_in_its_place(client, manager) -> None:
    client.force_login(manager)
    for _ in range(2):  # rendered, then served from the kept fragments
        body = client.get("/en/staff/").content.decode()
        assert body.count('class="staff-nav"') == 1
        assert body.count('rel="stylesheet"') == 1
        assert body.count('class="wrap main-nav"') == 1
        assert body.count('id="outbox"') == 1
        assert body.count("data-staff-logout") == 1
        assert body.count('class="site-footer"') == 1


def test_the_main_menu_is_included_only_when_its_key_is_new(client, manager) -> None:
    # base.html keeps the menu's include in a frozen block keyed on the page's name: the
    # include (a template lookup and a context push) runs on the first request only.
    client.force_login(manager)
    first = client.get("/en/staff/")
    again = client.get("/en/staff/")
    names = [[t.name for t in response.templates] for response in (first, again)]
    assert "includes/main_nav.html" in names[0]
    assert "includes/main_nav.html" not in names[1]
    assert first.content.decode().count('class="wrap main-nav"') == 1
    menu = again.content.decode().split('class="wrap main-nav"')[1].split("</nav>")[0]
    assert 'href="/en/staff/"' in menu  # "My work": the signed-in variant, not "Staff login"


def test_the_outbox_panel_names_the_signed_in_user(client, manager) -> None:
    client.force_login(manager)
    for _ in range(2):  # rendered, then the panel's texts served from the kept fragments
        body = client.get("/en/staff/").content.decode()
        assert 'id="outbox" class="outbox card" hidden' in body
        assert f'data-user="{manager.pk}"' in body
        assert body.count('data-text-sent="Sent"') == 1


def test_it_keeps_each_language_its_own_translation() -> None:
    template = Template('{% load frame i18n %}{% frozen %}{% translate "Russian" %}{% endfrozen %}')
    with translation.override("en"):
        english = template.render(Context())
    with translation.override("ru"):
        russian = template.render(Context())
    assert english == "Russian"
    assert russian == "Русский"


def test_it_renders_every_time_while_unless_holds() -> None:
    template, _ = _counting_template("{% frozen unless form_sent %}{{ count }}{% endfrozen %}")
    assert _render(template, form_sent=True) == "1"
    assert _render(template, form_sent=True) == "2"
    assert _render(template, form_sent=False) == "3"
    assert _render(template, form_sent=False) == "3"


def test_it_keeps_nothing_with_debug_on(settings) -> None:
    settings.DEBUG = True
    template, _ = _counting_template("{% frozen %}{{ count }}{% endfrozen %}")
    assert _render(template) == "1"
    assert _render(template) == "2"


def test_path_among_names_only_the_menus_pages() -> None:
    template = Template(
        "{% load frame %}"
        "{% path_among path 'staff:dashboard' 'staff:committee_home' as c %}[{{ c }}]"
    )
    with translation.override("en"):
        assert template.render(Context({"path": "/en/staff/committee/"})) == (
            "[/en/staff/committee/]"
        )
        assert template.render(Context({"path": "/en/staff/applications/7/"})) == "[]"


def test_each_request_gets_the_urls_of_its_own_script_prefix(rf) -> None:
    # The prefix is noted once per request (core/templatetags/frame.py), never carried
    # over to another request, and read again after a settings change.
    template = Template("{% load frame %}{% frozen %}{% url 'staff:dashboard' %}{% endfrozen %}")
    first, second = rf.get("/"), rf.get("/")
    try:
        with translation.override("en"):
            set_script_prefix("/portal/")
            assert template.render(RequestContext(first)) == "/portal/en/staff/"
            set_script_prefix("/")
            assert template.render(RequestContext(second)) == "/en/staff/"
            frame.forget_frame()  # what a settings change does
            assert template.render(RequestContext(first)) == "/en/staff/"
    finally:
        set_script_prefix("/")
