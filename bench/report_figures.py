"""Every figure and table of the donor report and dashboard, as text lines, to show that a
change to how reports are read leaves their numbers alone.

Nine filters (a project, a donor, a donor in one region, the staff dashboard, the dashboard
for one community, everything, public records of each country), each with and without the
tables, in English and Russian, on generated data (``make bench-data``). Run it from two
checkouts against the same database and compare the outputs:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_reports_bench \\
        .venv/bin/python bench/report_figures.py > after.txt
    (cd /tmp/before && .venv/bin/python /path/to/bench/report_figures.py > before.txt)
    cmp before.txt after.txt

The script imports the reports code of the directory it is run from. Every report is
computed with the cache off. The checkout must hold compiled catalogues
(``make compilemessages``), or the Russian lines come out in English.
"""

from __future__ import annotations

import datetime as dt
import os
import sys

# The checkout run from, not this file's: the same script reads two versions of the code.
sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
os.environ["BENCH_CACHE_OFF"] = "1"


def main(languages: list[str]) -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db.models import Count
    from django.utils import translation

    from communities.models import ProjectCommunity, Region
    from reports.access import report_organisation_ids, reportable_donors, reportable_projects
    from reports.indicators.scope import IndicatorFilter
    from reports.report import build_report

    user = get_user_model().objects.get(username="bench-admin")
    orgs = report_organisation_ids(user)
    project = reportable_projects(user).annotate(n=Count("activities")).order_by("-n", "pk")[0]
    donor = reportable_donors(user).filter(partnerships__project=project).order_by("pk")[0]
    region = Region.objects.order_by("country", "code")[0]
    community = ProjectCommunity.objects.filter(project=project).order_by("pk")[0].community
    year_start, year_end, data_end = (
        dt.date(2025, 1, 1),
        dt.date(2025, 12, 31),
        dt.date(2026, 6, 30),
    )
    filters = {
        "project-2025": IndicatorFilter(
            project=project, date_from=year_start, date_to=year_end, organisation_ids=orgs
        ),
        "project-all": IndicatorFilter(project=project, date_to=data_end, organisation_ids=orgs),
        "donor-2025": IndicatorFilter(
            donor=donor, date_from=year_start, date_to=year_end, organisation_ids=orgs
        ),
        "donor-region": IndicatorFilter(
            donor=donor, region=region, date_to=data_end, organisation_ids=orgs
        ),
        "dashboard-2025": IndicatorFilter(
            date_from=year_start, date_to=year_end, organisation_ids=orgs
        ),
        "dashboard-community": IndicatorFilter(
            community=community,
            date_from=dt.date(2024, 1, 1),
            date_to=year_end,
            organisation_ids=orgs,
        ),
        "everything": IndicatorFilter(date_to=data_end),
        "public-KG": IndicatorFilter(
            country="KG", public_only=True, date_from=dt.date(2023, 1, 1), date_to=year_end
        ),
        "public-TJ-2024": IndicatorFilter(
            country="TJ",
            public_only=True,
            date_from=dt.date(2024, 1, 1),
            date_to=dt.date(2024, 12, 31),
        ),
    }
    for language in languages:
        with translation.override(language):
            for name, report_filter in filters.items():
                for with_tables in (True, False):
                    report = build_report(report_filter, with_tables=with_tables)
                    tag = f"{language}|{name}|{'tables' if with_tables else 'figures'}"
                    for section in report.sections:
                        for block in section.blocks:
                            result = block.result
                            code = result.indicator.code
                            print(tag, "VALUE", code, repr(result.value), repr(result.note))
                    for table in report.tables:
                        print(
                            tag,
                            "TABLE",
                            table.slug,
                            repr(table.title),
                            repr(table.columns),
                            table.truncated,
                        )
                        for row in table.rows:
                            print(tag, "ROW", table.slug, repr(row))
                    print(tag, "HIGHLIGHTS", [activity.pk for activity in report.highlights])


if __name__ == "__main__":
    main(sys.argv[1:] or ["en", "ru"])
