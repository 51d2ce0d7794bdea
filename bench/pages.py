"""The pages `make bench` times, with example URLs read from the generated data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

LANG = "en"

# --- Pages -----------------------------------------------------------------------------


@dataclass
class Page:
    key: str
    label: str
    audience: str  # "public" or "staff"
    path: str | None
    note: str = ""
    # How successive timed requests differ (bench/timing.py varied_path).
    kind: str = "fixed"
    # The modes this page is timed in (bench/run.py); empty: every mode.
    modes: tuple[str, ...] = ()


def _reverse(names: list[str], **kwargs: Any) -> str | None:
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    with translation.override(LANG):
        for name in names:
            try:
                return reverse(name, kwargs=kwargs or None)
            except NoReverseMatch:
                continue
    return None


# Pages with a filter form: each timed request picks a new filter combination or search word.
LIST_PAGES = {"project_list", "news_list", "grant_list", "organisation_list"}


def discover_pages() -> list[Page]:
    """Example URLs from the database: the busiest organisation, community and region, so the
    pages that grow with the data are measured where they grow most."""
    from django.db.models import Count

    from communities.models import Activity, Community, District, Region
    from grants.models import Grant
    from projects.models import Organisation, Project

    pages: list[Page] = []

    def add(key: str, label: str, audience: str, names: list[str], query: str = "", **kw: Any):
        if any(v is None for v in kw.values()):
            pages.append(Page(key, label, audience, None, "no example record"))
            return
        path = _reverse(names, **kw)
        if path and query:
            path = f"{path}?{query}"
        kind = "search" if key == "search" else "list" if key in LIST_PAGES else "fixed"
        if audience == "staff" and "date_from" in query:
            kind = "period"
        pages.append(Page(key, label, audience, path, "" if path else "not built", kind))

    add("home", "Home", "public", ["projects:home"])
    add("project_list", "Projects list", "public", ["projects:project_list"])
    project = Project.objects.public().filter(slug__startswith="bench-").order_by("pk").first()
    add(
        "project_detail",
        "Project detail",
        "public",
        ["projects:project_detail"],
        slug=project.slug if project else None,
    )
    # Place pages: the busiest ones the after-write mode's news item does not name (a write
    # leaves their cached pages alone), and, timed after a write only, those it names (each
    # write retires them: the cost a publish puts on its own places).
    from config.bench_urls import written_news

    news_written = written_news()
    written = (
        news_written.communities.select_related("district", "region").order_by("pk").first()
        if news_written
        else None
    )
    named = news_written.communities.values("pk") if news_written else Community.objects.none()
    region = (
        Region.objects.exclude(communities__in=named)
        .annotate(n=Count("communities__project_links"))
        .order_by("-n", "pk")
        .first()
    )
    add(
        "region_detail",
        "Region (not written)",
        "public",
        ["communities:region_detail"],
        code=region.code.lower() if region else None,
    )
    community = (
        Community.objects.exclude(pk__in=named)
        .exclude(district__communities__in=named)
        .annotate(n=Count("project_links"))
        .order_by("-n", "pk")
        .first()
    )
    district = (
        District.objects.filter(pk=community.district_id).first()
        if community and community.district_id
        else District.objects.order_by("pk").first()
    )
    add(
        "district_detail",
        "District (not written)",
        "public",
        ["communities:district_detail"],
        pk=district.pk if district else None,
    )
    add(
        "community_detail",
        "Community (not written)",
        "public",
        ["communities:community_detail"],
        pk=community.pk if community else None,
    )
    add("place_index", "Places index", "public", ["communities:place_index"])
    country = "tj" if written and written.country == "KG" else "kg"
    add(
        "country_detail",
        "Country (not written)",
        "public",
        ["communities:country_detail"],
        country=country,
    )
    written_places: list[tuple[str, str, str, str, Any]] = [
        ("region_written", "Region", "region_detail", "code", written and written.region.code),
        ("district_written", "District", "district_detail", "pk", written and written.district_id),
        ("community_written", "Community", "community_detail", "pk", written and written.pk),
        ("country_written", "Country", "country_detail", "country", written and written.country),
    ]
    for key, label, name, argument, value in written_places:
        if isinstance(value, str):
            value = value.lower()
        add(key, f"{label} (written)", "public", [f"communities:{name}"], **{argument: value})
        pages[-1].modes = ("after_write",)
    organisation = (
        Organisation.objects.filter(slug__startswith="bench-org-")
        .annotate(n=Count("partnerships"))
        .order_by("-n", "pk")
        .first()
    )
    add("organisation_list", "Organisations list", "public", ["projects:organisation_list"])
    add(
        "organisation_detail",
        "Organisation",
        "public",
        ["projects:organisation_detail"],
        slug=organisation.slug if organisation else None,
    )
    add("grant_list", "Grants directory", "public", ["grants:grant_list"])
    grant = Grant.objects.public().order_by("pk").first()
    add(
        "programme_detail",
        "Grant programme",
        "public",
        ["grants:programme_detail"],
        slug=grant.programme.slug if grant else None,
    )
    add("grant_detail", "Grant", "public", ["grants:grant_detail"], pk=grant.pk if grant else None)
    add("news_list", "News list", "public", ["projects:news_list", "projects:activity_list"])
    news = Activity.objects.published().order_by("-published_at", "-pk").first()
    add(
        "news_detail", "News item", "public", ["projects:news_detail"], pk=news.pk if news else None
    )
    add("feed", "News feed (RSS)", "public", ["projects:news_feed"])
    add(
        "project_feed",
        "Project feed (RSS)",
        "public",
        ["projects:project_feed"],
        slug=project.slug if project else None,
    )
    add("open_data", "Open data", "public", ["reports:open_data"])
    # Staff pages as bench-admin sees them: the busiest project one of its organisations
    # partners in, and a donor funding it, over one year (the generator's dates end mid-2026).
    from django.contrib.auth import get_user_model

    from reports.access import reportable_donors, reportable_projects

    staff_user = get_user_model().objects.filter(username="bench-admin").first()
    report_project = report_donor = None
    if staff_user is not None:
        report_project = (
            reportable_projects(staff_user)
            .annotate(n=Count("activities"))
            .order_by("-n", "pk")
            .first()
        )
        report_donor = (
            reportable_donors(staff_user)
            .filter(partnerships__project=report_project)
            .order_by("pk")
            .first()
        )
    period = {"date_from": "2025-01-01", "date_to": "2025-12-31"}
    for key, label, field_name, subject in (
        ("donor_report", "Donor report (project)", "project", report_project),
        ("donor_report_donor", "Donor report (donor)", "donor", report_donor),
    ):
        if subject is None:
            pages.append(Page(key, label, "staff", None, f"no {field_name}", "period"))
            continue
        query = urlencode({field_name: subject.pk, **period})
        add(key, label, "staff", ["staff:donor_report"], query=query)
    add(
        "reports_dashboard",
        "Indicator dashboard",
        "staff",
        ["staff:reports_dashboard"],
        query=urlencode(period),
    )
    add("staff_dashboard", "Staff dashboard", "staff", ["staff:dashboard"])
    add("search", "Search", "public", ["projects:search", "search"], query=urlencode({"q": "школ"}))
    add("sitemap", "Sitemap index", "public", ["sitemap"])
    add(
        "sitemap_section",
        "Sitemap: news, page 2",
        "public",
        ["sitemap_section"],
        query="p=2",
        section="news",
    )
    return pages
