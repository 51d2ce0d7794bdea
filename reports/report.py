"""The donor report and dashboard as one structure of sections and tables, so the HTML
page, the XLSX workbook and every CSV are written from the very same values."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.cache import cached_fragment
from core.i18n import marked_text
from grants.cache_scopes import GRANTS
from projects.cache_scopes import PROJECTS, project_scope
from reports import selectors
from reports.charts import bar_chart
from reports.indicators.catalogue import AREAS, Indicator, Result, compute_indicators
from reports.indicators.scope import IndicatorFilter, sharing_aggregates


@dataclass
class Table:
    slug: str
    title: str
    columns: list[str]
    rows: list[list[Any]]
    # True when the page shows only the first rows; the CSV and XLSX downloads hold all.
    truncated: bool = False


@dataclass
class IndicatorBlock:
    result: Result
    tables: list[Table]
    chart: SafeString

    @property
    def indicator(self) -> Indicator:
        return self.result.indicator


@dataclass
class Section:
    slug: str
    title: str
    blocks: list[IndicatorBlock] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    @property
    def all_tables(self) -> list[Table]:
        return [table for block in self.blocks for table in block.tables] + self.tables


@dataclass
class Report:
    filters: IndicatorFilter
    generated_at: dt.datetime
    sections: list[Section]
    highlights: list[Any]
    table_rows: int | None = None
    # Figures the programmes' documents state (reports.ReportedFigure), kept apart from the
    # counted indicators above: shown as reported, with their source.
    reported_figures: list[Any] = field(default_factory=list)

    @property
    def summary(self) -> Table:
        rows = [
            [
                block.indicator.code,
                str(block.indicator.name),
                block.result.value,
                unit_label(block.indicator.unit),
            ]
            for section in self.sections
            for block in section.blocks
        ]
        return Table(
            "summary", _("Indicators"), [_("Code"), _("Indicator"), _("Value"), _("Unit")], rows
        )

    @property
    def reported(self) -> Table:
        return reported_figures_table(self.reported_figures)

    @property
    def tables(self) -> list[Table]:
        reported = [self.reported] if self.reported_figures else []
        return (
            [self.summary] + reported + [t for section in self.sections for t in section.all_tables]
        )

    def table(self, slug: str) -> Table | None:
        return next((t for t in self.tables if t.slug == slug), None)


def unit_label(unit: str) -> str:
    return {
        "count": _("number"),
        "people": _("people"),
        "percent": "%",
        "money": settings.REPORTING_CURRENCY,
    }.get(unit, unit)


REPORTED_NOTE = gettext_lazy(
    "These figures are stated in the programmes' own documents for each project as a whole. "
    "The portal has not counted them from its records, so they are kept apart from the "
    "indicators, never added to them, and not narrowed by the report's place or period."
)


def reported_figures_table(figures: list[Any]) -> Table:
    # A project, label or source shown in another language carries the pages' marker in
    # words, as the report's highlights do: the table goes out as CSV, XLSX and PDF.
    rows = [
        [
            marked_text(figure.project, "title"),
            marked_text(figure, "label") if figure.kind == "other" else figure.display_label,
            "" if figure.qualifier == "exact" else str(figure.get_qualifier_display()),
            figure.value,
            figure.currency or "",
            figure.year,
            marked_text(figure.source_document, "title"),
            figure.source_location,
        ]
        for figure in figures
    ]
    return Table(
        "reported",
        _("Reported by the programme"),
        [
            _("Project"),
            _("Figure"),
            _("Qualifier"),
            _("Value"),
            _("Currency"),
            _("Year"),
            _("Source document"),
            _("Page or section"),
        ],
        rows,
    )


def _block(result: Result) -> IndicatorBlock:
    code = result.indicator.code
    tables = [
        Table(f"{code}.{b.code}", f"{result.indicator.name}: {b.title}", b.columns, b.rows)
        for b in result.breakdowns
    ]
    first = result.breakdowns[0] if result.breakdowns else None
    chart_id = "chart-" + code.replace(".", "-")
    chart = (
        bar_chart(str(result.indicator.name), first.chart_values, chart_id=chart_id)
        if (first and first.rows)
        else SafeString("")
    )
    return IndicatorBlock(result, tables, chart)


def _first_rows(queryset: Any, limit: int | None) -> tuple[list[Any], bool]:
    """All rows, or the first ``limit`` and whether there were more (one row more is read
    instead of counting them all)."""
    if limit is None:
        return list(queryset), False
    rows = list(queryset[: limit + 1])
    return rows[:limit], len(rows) > limit


def grants_table(filters: IndicatorFilter, limit: int | None = None) -> Table:
    grants, truncated = _first_rows(selectors.grants_table(filters), limit)
    rows = [
        [
            grant.reference,
            grant.title,
            grant.programme.name,
            str(grant.grantee),
            grant.get_grantee_type_display(),
            grant.region.name if grant.region else "",
            grant.amount,
            grant.currency,
            grant.start_date,
            grant.paid,
        ]
        for grant in grants
    ]
    return Table(
        "grants",
        _("Grants"),
        [
            _("Grant ID"),
            _("Title"),
            _("Programme"),
            _("Grantee"),
            _("Grantee type"),
            _("Region"),
            _("Amount"),
            _("Currency"),
            _("Start date"),
            _("Paid in the period"),
        ],
        rows,
        truncated,
    )


def plans_table(filters: IndicatorFilter, limit: int | None = None) -> Table:
    plans, truncated = _first_rows(selectors.plans_table(filters), limit)
    rows = [
        [
            plan.title,
            str(plan.community),
            str(plan.working_group),
            plan.get_status_display(),
            plan.approval_date,
            plan.period_start,
            plan.period_end,
            plan.actions_total,
            plan.actions_done,
        ]
        for plan in plans
    ]
    return Table(
        "plans",
        _("Joint plans"),
        [
            _("Plan"),
            _("Community"),
            _("Working group"),
            _("Status"),
            _("Approved on"),
            _("Period start"),
            _("Period end"),
            _("Actions"),
            _("Actions done"),
        ],
        rows,
        truncated,
    )


def build_report(
    filters: IndicatorFilter, *, with_tables: bool = True, table_rows: int | None = None
) -> Report:
    """``table_rows`` bounds the grants and plans tables (the page and its print view); the
    downloads pass None and get every row. A whole donor's report can list 10,000+ grants,
    which took seconds to build and render and nobody reads on screen."""
    with sharing_aggregates():
        return _build_report(filters, with_tables=with_tables, table_rows=table_rows)


def _build_report(filters: IndicatorFilter, *, with_tables: bool, table_rows: int | None) -> Report:
    results = compute_indicators(filters)
    sections: dict[str, Section] = {}
    for area, title in AREAS.items():
        sections[area] = Section(area, str(title))
    for result in results:
        sections[result.indicator.area].blocks.append(_block(result))
    highlights: list[Any] = []
    reported: list[Any] = []
    if with_tables:
        sections["grants"].tables.append(grants_table(filters, table_rows))
        sections["plans"].tables.append(plans_table(filters, table_rows))
        highlights = list(selectors.highlight_activities(filters))
        reported = selectors.report_reported_figures(filters)
    return Report(
        filters, timezone.now(), list(sections.values()), highlights, table_rows, reported
    )


def report_cache_key(
    filters: IndicatorFilter, *, with_tables: bool, table_rows: int | None = None
) -> str:
    """Everything that decides a report's figures: the filter's identity, including the
    organisations whose projects it may cover (reports are never shared across scopes), and
    for an open-ended period today's date, since snapshot figures are taken at the end."""

    def pk(value: Any) -> Any:
        return getattr(value, "pk", value)

    identity = (
        "tables" if with_tables else "figures",
        table_rows,
        pk(filters.project),
        pk(filters.donor),
        filters.country,
        pk(filters.region),
        pk(filters.district),
        pk(filters.community),
        filters.date_from.isoformat() if filters.date_from else "",
        filters.date_to.isoformat() if filters.date_to else f"open:{timezone.localdate()}",
        filters.public_only,
        filters.organisation_ids,
        settings.REPORTING_CURRENCY,
    )
    return "report:" + hashlib.sha256(repr(identity).encode()).hexdigest()


def report_scopes(filters: IndicatorFilter) -> list[str] | None:
    """The cache scopes (core/cache.py) a report's figures follow, besides ``ALL``; None
    (every public write) unless it is about one project.

    A project's report reads only that project's records: its activities, their photos and
    places and its reported figures bump ``project:<slug>`` when written, the project itself
    ``PROJECTS`` too, and a grant ``GRANTS`` (a donor's programme may have no project). Every
    other model it reads (meetings, plans, actions, contributions, exchange rates,
    partnerships, places…) registers no scopes, so its writes bump ``ALL``. A news item
    published in another project leaves the report stored. A donor's report or the
    dashboard spans many projects: any public write retires them, as before."""
    if filters.project is None:
        return None
    return [PROJECTS, GRANTS, project_scope(filters.project.slug)]


def cached_report(
    filters: IndicatorFilter, *, with_tables: bool = True, table_rows: int | None = None
) -> Report:
    """``build_report`` once per version of ``report_scopes``, filter identity and
    language: every write to projects, communities or grants (exchange rates included) that
    the report may show bumps one of them, so a repeat view reads the stored report and a
    new figure shows on the next request."""
    return cached_fragment(
        report_cache_key(filters, with_tables=with_tables, table_rows=table_rows),
        lambda: build_report(filters, with_tables=with_tables, table_rows=table_rows),
        scopes=report_scopes(filters),
    )
