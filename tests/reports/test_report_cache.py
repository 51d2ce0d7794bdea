"""Repeat views of the dashboard and donor report read the report stored per content version,
filter identity and language: writes show at once, scopes never mix, queries stay few."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from tests import factories as f
from tests.reports.test_staff_views import (
    GROWTH,
    QUERY,
    SMALL,
    _grow,
    _report_url,
    page_figures,
)

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("staff:reports_dashboard") + QUERY


def _figure(response, code: str):
    return page_figures(response)[code]


def test_it_shows_a_new_meeting_on_the_next_dashboard_view(client, world, viewer):
    client.force_login(viewer)
    assert _figure(client.get(DASHBOARD), "meetings.held") == 2
    assert _figure(client.get(DASHBOARD), "meetings.held") == 2  # now from the cache
    f.MeetingFactory(working_group=world.group, date=dt.date(2022, 10, 1), women=1, men=1)
    response = client.get(DASHBOARD)
    assert _figure(response, "meetings.held") == 3
    assert 'data-value="3"' in response.content.decode()


def test_it_shows_a_new_contribution_in_the_cached_donor_report_and_its_csv(client, world, viewer):
    client.force_login(viewer)
    assert _figure(client.get(_report_url(world)), "cofinancing.total") == Decimal("2600.00")
    f.ContributionFactory(
        action=world.plan.actions.first(),
        amount=Decimal("100"),
        currency="USD",
        date=dt.date(2022, 8, 1),
    )
    response = client.get(_report_url(world))
    assert _figure(response, "cofinancing.total") == Decimal("2700.00")
    assert 'data-value="2700.00"' in response.content.decode()
    csv = client.get(_report_url(world, "staff:donor_report_csv", table="summary"))
    assert "2700.00" in csv.content.decode("utf-8-sig")


def test_a_new_exchange_rate_changes_the_cached_figure(client, world, viewer):
    client.force_login(viewer)
    assert _figure(client.get(_report_url(world)), "cofinancing.total") == Decimal("2600.00")
    # 50 000 KGS on 2022-07-01 now converts at 0.0120 (600.00 USD) instead of 0.0100.
    f.ExchangeRateFactory(currency="KGS", date=dt.date(2022, 6, 15), rate_to_usd=Decimal("0.012"))
    assert _figure(client.get(_report_url(world)), "cofinancing.total") == Decimal("2700.00")


def test_it_never_serves_one_organisations_cached_figures_to_another(
    client, world, viewer, outsider
):
    client.force_login(viewer)
    viewer_page = client.get(DASHBOARD)
    assert _figure(viewer_page, "coverage.communities") == 2
    assert str(world.project.title) in viewer_page.content.decode()  # in the project filter

    client.force_login(outsider)
    outsider_page = client.get(DASHBOARD)
    assert _figure(outsider_page, "coverage.communities") == 0
    assert str(world.project.title) not in outsider_page.content.decode()
    assert (
        "Aidarken"
        not in outsider_page.content.decode().split("report-filters")[-1].split("</form>")[-1]
    )

    client.force_login(viewer)
    assert _figure(client.get(DASHBOARD), "coverage.communities") == 2


def test_each_language_gets_its_own_cached_report(client, world, viewer):
    client.force_login(viewer)
    with translation.override("en"):
        english_url = reverse("staff:reports_dashboard") + QUERY
    with translation.override("ru"):
        russian_url = reverse("staff:reports_dashboard") + QUERY
    assert "Meetings held" in client.get(english_url).content.decode()
    russian = client.get(russian_url).content.decode()
    assert "Проведено заседаний" in russian
    assert "Meetings held" not in russian


def _warm_queries(client, url: str, django_assert_num_queries, expected: int) -> None:
    assert client.get(url).status_code == 200  # fills the cache
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


# Session and user: the page rendered for this session is stored whole (the session was
# saved at login, so it is not written again within the touch interval).
@pytest.mark.parametrize(("url", "expected"), [("dashboard", 2), ("donor_report", 2)])
def test_repeat_views_read_the_cache_with_few_queries_whatever_the_data(
    client, world, viewer, django_assert_num_queries, url, expected
):
    client.force_login(viewer)
    target = DASHBOARD if url == "dashboard" else _report_url(world)
    _grow(world, SMALL)
    _warm_queries(client, target, django_assert_num_queries, expected)
    _grow(world, GROWTH)
    _warm_queries(client, target, django_assert_num_queries, expected)


def test_the_cached_filter_options_keep_the_chosen_project_selected(client, world, viewer):
    client.force_login(viewer)
    client.get(DASHBOARD)  # caches the options
    body = client.get(_report_url(world)).content.decode()
    project_select = body.split('name="project"')[1].split("</select>")[0]
    assert f'<option value="{world.project.pk}" selected>' in project_select
    assert project_select.count(" selected>") == 1
    assert '<option value="" selected>' in body.split('name="community"')[1].split("</select>")[0]


def test_a_stored_page_is_not_served_after_logout(client, world, viewer):
    client.force_login(viewer)
    assert client.get(DASHBOARD).status_code == 200
    assert client.get(DASHBOARD).status_code == 200  # from the stored page
    client.logout()
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert "/staff/login/" in response["Location"]


def test_a_stored_page_is_rendered_again_the_next_day(
    client, world, viewer, monkeypatch, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    # No end date: snapshot figures are taken as at today, so a new day is a new page.
    open_period = reverse("staff:reports_dashboard")
    client.force_login(viewer)
    client.get(open_period)
    with django_assert_num_queries(2):
        client.get(open_period)  # the stored page
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    with CaptureQueriesContext(connection) as rendered:
        assert client.get(open_period).status_code == 200
    assert len(rendered.captured_queries) > 2


# --- What a write retires: a project's report follows its own project's writes ------------


@pytest.fixture
def rendered_templates(monkeypatch):
    """The templates the report views render into fragments (the filter form, the report's
    body), in order: a stored fragment is not rendered again."""
    from reports import staff_views

    names: list[str] = []
    render = staff_views.render_to_string

    def recording(template_name, *args, **kwargs):
        names.append(template_name)
        return render(template_name, *args, **kwargs)

    monkeypatch.setattr(staff_views, "render_to_string", recording)
    return names


def test_it_keeps_a_project_report_stored_when_news_is_published_in_another_project(
    client, world, viewer, rendered_templates
):
    client.force_login(viewer)
    before = client.get(_report_url(world))
    assert sorted(rendered_templates) == [
        "reports/_donor_report_body.html",
        "reports/_filters.html",
    ]
    rendered_templates.clear()
    f.ActivityFactory(project=world.other_project, date=dt.date(2022, 6, 1), published=True)
    after = client.get(_report_url(world))
    assert rendered_templates == []
    assert after.content == before.content


def test_it_keeps_the_filter_form_stored_when_news_is_published(
    client, world, viewer, rendered_templates
):
    client.force_login(viewer)
    client.get(DASHBOARD)
    rendered_templates.clear()
    f.ActivityFactory(project=world.project, date=dt.date(2022, 6, 1), published=True)
    response = client.get(DASHBOARD)
    # The figures are rendered again (the dashboard counts that activity), the form is not.
    assert rendered_templates == ["reports/_dashboard_body.html"]
    assert f'<option value="{world.project.pk}">' in response.content.decode()


def test_it_shows_news_published_in_the_project_on_the_next_report_view(client, world, viewer):
    client.force_login(viewer)
    before = _figure(client.get(_report_url(world)), "activities.count")
    activity = f.ActivityFactory(project=world.project, date=dt.date(2022, 6, 1))
    assert _figure(client.get(_report_url(world)), "activities.count") == before + 1
    activity.title_en = "Night patrol agreed with residents"
    activity.status = "published"
    activity.published_at = dt.datetime(2022, 6, 2, tzinfo=dt.UTC)
    activity.save()
    assert "Night patrol agreed with residents" in client.get(_report_url(world)).content.decode()


def test_it_shows_a_new_grant_and_plan_action_on_the_next_project_report_view(
    client, world, viewer
):
    client.force_login(viewer)
    page = page_figures(client.get(_report_url(world)))
    programme = world.project.grant_programmes.first()
    f.GrantFactory(programme=programme, region=world.region, start_date=dt.date(2022, 4, 1))
    assert _figure(client.get(_report_url(world)), "grants.awarded") == page["grants.awarded"] + 1
    f.PlanActionFactory(plan=world.plan)
    assert _figure(client.get(_report_url(world)), "plans.actions") == page["plans.actions"] + 1


def test_it_shows_a_new_reported_figure_on_the_next_project_report_view(client, world, viewer):
    client.force_login(viewer)
    assert "Figures from a mid-term review" not in client.get(_report_url(world)).content.decode()
    f.ReportedFigureFactory(
        project=world.project,
        source_document=f.SourceDocumentFactory(title_en="Figures from a mid-term review"),
    )
    assert "Figures from a mid-term review" in client.get(_report_url(world)).content.decode()


def test_it_shows_a_renamed_project_and_a_new_community_in_the_stored_filter_form(
    client, world, viewer
):
    client.force_login(viewer)
    client.get(DASHBOARD)
    # DASHBOARD is a Russian address: the Russian title is the one shown.
    world.project.title_ru = "Безопасный Баткен, второй этап"
    world.project.save()
    assert "Безопасный Баткен, второй этап" in client.get(DASHBOARD).content.decode()
    f.CommunityFactory(district=world.village_a.district, name_ru="Сулюкта")
    community_select = client.get(DASHBOARD).content.decode().split('name="community"')[1]
    assert "Сулюкта" in community_select.split("</select>")[0]


def test_a_repeat_view_is_the_stored_page_gzipped_once(client, world, viewer, monkeypatch):
    import gzip

    from django.middleware import gzip as gzip_middleware

    client.force_login(viewer)
    first = client.get(DASHBOARD, HTTP_ACCEPT_ENCODING="gzip")
    assert first["Content-Encoding"] == "gzip"
    compressions = []
    compress = gzip_middleware.compress_string
    monkeypatch.setattr(
        gzip_middleware,
        "compress_string",
        lambda *a, **kw: compressions.append(1) or compress(*a, **kw),
    )
    repeat = client.get(DASHBOARD, HTTP_ACCEPT_ENCODING="gzip")
    assert compressions == []  # the stored bytes, not compressed again
    assert repeat["Content-Encoding"] == "gzip"
    assert gzip.decompress(repeat.content) == gzip.decompress(first.content)
    assert repeat["Cache-Control"] == first["Cache-Control"] == "private, no-store"
    assert {"Accept-Encoding", "Cookie"} <= {v.strip() for v in repeat["Vary"].split(",")}
    plain = client.get(DASHBOARD)
    assert "Content-Encoding" not in plain
    assert plain.content == gzip.decompress(first.content)
