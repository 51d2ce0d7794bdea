"""The indicator catalogue: every figure a donor asks for, with its definition.

Period rules: flow indicators (meetings, activities, contributions, disbursements, …) count
what happened between ``date_from`` and ``date_to``; snapshot indicators (communities
covered, active working groups, members, plan actions by status, overdue reports) are taken
as at the period end (``date_to``, or today when open-ended).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from django.utils.translation import gettext_lazy as _

from reports.indicators import cofinancing, cycle, grants, people
from reports.indicators.figures import Breakdown, Figure
from reports.indicators.money import read_with_rates
from reports.indicators.scope import (
    IndicatorFilter,
    grants_need_programme_ids,
    programme_ids,
    read_aggregates,
    sharing_aggregates,
)


@dataclass
class Result:
    """An indicator's figure for one filter, as shown in a report."""

    indicator: Indicator
    value: Any
    breakdowns: list[Breakdown] = field(default_factory=list)
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class Indicator:
    """One catalogue entry. ``measure`` computes the figure; ``compute`` pairs it with this
    entry, so the area modules need not know the catalogue."""

    code: str
    area: str
    name: Any
    definition: Any
    unit: Literal["count", "people", "percent", "money"]
    # flow: what happened in the period; snapshot: as at the period end.
    kind: Literal["flow", "snapshot"]
    disaggregations: tuple[Any, ...]
    measure: Callable[[IndicatorFilter], Figure]

    def compute(self, filters: IndicatorFilter) -> Result:
        figure = self.measure(filters)
        return Result(self, figure.value, figure.breakdowns, figure.note)

    def __reduce__(self) -> tuple[Any, ...]:
        # Cached reports are pickled: a result names its catalogue entry by code rather than
        # carrying a copy of its function and lazy translations.
        return (indicator_by_code, (self.code,))


def indicator_by_code(code: str) -> Indicator:
    return INDICATORS_BY_CODE[code]


AREAS: dict[str, Any] = {
    "coverage": _("Coverage"),
    "working_groups": _("Working groups"),
    "meetings": _("Meetings and assessments"),
    "plans": _("Joint plans"),
    "cofinancing": _("Co-financing"),
    "grants": _("Grants"),
    "activities": _("Activities"),
}

SEX = _("sex")
REGION = _("region")

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        code="coverage.communities",
        area="coverage",
        name=_("Communities covered"),
        definition=_(
            "Distinct communities targeted by a project in scope whose coverage had "
            "started by the period end and had not ended before the period start."
        ),
        unit="count",
        kind="snapshot",
        disaggregations=(REGION,),
        measure=people.compute_communities_covered,
    ),
    Indicator(
        code="coverage.people",
        area="coverage",
        name=_("People covered"),
        definition=_(
            "Population covered in those communities, from each project's target-community "
            "record; a community covered by two projects counts once, with the larger "
            "figure."
        ),
        unit="people",
        kind="snapshot",
        disaggregations=(REGION,),
        measure=people.compute_people_covered,
    ),
    Indicator(
        code="groups.active",
        area="working_groups",
        name=_("Working groups active"),
        definition=_(
            "Working groups with status active, established by the period end and linked "
            "to a project in scope."
        ),
        unit="count",
        kind="snapshot",
        disaggregations=(REGION,),
        measure=people.compute_groups_active,
    ),
    Indicator(
        code="groups.members",
        area="working_groups",
        name=_("Working-group members"),
        definition=_(
            "Members of active working groups at the period end: joined by then and not "
            "left on or before it."
        ),
        unit="people",
        kind="snapshot",
        disaggregations=(SEX, _("sector"), _("age band")),
        measure=people.compute_members,
    ),
    Indicator(
        code="groups.women_share",
        area="working_groups",
        name=_("Women's share of members"),
        definition=_("Women as a percentage of working-group members at the period end."),
        unit="percent",
        kind="snapshot",
        disaggregations=(SEX,),
        measure=people.compute_women_share,
    ),
    Indicator(
        code="meetings.held",
        area="meetings",
        name=_("Meetings held"),
        definition=_("Meetings of working groups in scope dated in the period."),
        unit="count",
        kind="flow",
        disaggregations=(_("meeting type"),),
        measure=cycle.compute_meetings,
    ),
    Indicator(
        code="meetings.participants",
        area="meetings",
        name=_("Meeting participants"),
        definition=_("Women and men attending those meetings; young people are a subset."),
        unit="people",
        kind="flow",
        disaggregations=(SEX, _("youth")),
        measure=cycle.compute_meeting_participants,
    ),
    Indicator(
        code="meetings.assessments",
        area="meetings",
        name=_("Assessments held"),
        definition=_("Community safety assessments of projects in scope dated in the period."),
        unit="count",
        kind="flow",
        disaggregations=(_("method"),),
        measure=cycle.compute_assessments,
    ),
    Indicator(
        code="problems.identified",
        area="meetings",
        name=_("Problems identified"),
        definition=_("Problems recorded by assessments held in the period."),
        unit="count",
        kind="flow",
        disaggregations=(_("category"),),
        measure=cycle.compute_problems_identified,
    ),
    Indicator(
        code="problems.prioritised",
        area="meetings",
        name=_("Problems prioritised"),
        definition=_(
            "Of the problems identified in the period, those given a priority rank or "
            "taken further (prioritised, in a plan or resolved)."
        ),
        unit="count",
        kind="flow",
        disaggregations=(_("category"),),
        measure=cycle.compute_problems_prioritised,
    ),
    Indicator(
        code="problems.resolved",
        area="meetings",
        name=_("Problems resolved"),
        definition=_("Problems marked resolved with a resolution date in the period."),
        unit="count",
        kind="flow",
        disaggregations=(_("category"),),
        measure=cycle.compute_problems_resolved,
    ),
    Indicator(
        code="plans.approved",
        area="plans",
        name=_("Joint plans approved"),
        definition=_("Joint prevention plans approved (approval date) in the period."),
        unit="count",
        kind="flow",
        disaggregations=(_("status"),),
        measure=cycle.compute_plans_approved,
    ),
    Indicator(
        code="plans.actions",
        area="plans",
        name=_("Plan actions"),
        definition=_(
            "Actions of approved plans whose plan period overlaps the reporting period, by "
            "their current status."
        ),
        unit="count",
        kind="snapshot",
        disaggregations=(_("status"),),
        measure=cycle.compute_actions_by_status,
    ),
    Indicator(
        code="plans.on_time",
        area="plans",
        name=_("Plan actions done on time"),
        definition=_(
            "Of the plan actions completed in the period, the percentage completed on or "
            "before their due date."
        ),
        unit="percent",
        kind="flow",
        disaggregations=(_("timeliness"),),
        measure=cycle.compute_actions_on_time,
    ),
    Indicator(
        code="cofinancing.total",
        area="cofinancing",
        name=_("Co-financing received"),
        definition=_(
            "Contributions to plan actions dated in the period, received, converted to the "
            "reporting currency with the exchange rate on or before each contribution's "
            "date; pledges shown alongside."
        ),
        unit="money",
        kind="flow",
        disaggregations=(_("source type"), _("pledged or received"), _("currency")),
        measure=cofinancing.compute_cofinancing,
    ),
    Indicator(
        code="grants.awarded",
        area="grants",
        name=_("Grants awarded"),
        definition=_(
            "Grants starting in the period, with amounts converted to the reporting "
            "currency at the start date."
        ),
        unit="count",
        kind="flow",
        disaggregations=(_("programme"), REGION, _("grantee type")),
        measure=grants.compute_grants_awarded,
    ),
    Indicator(
        code="grants.disbursed",
        area="grants",
        name=_("Grant money disbursed"),
        definition=_("Tranches paid in the period, converted at the payment date."),
        unit="money",
        kind="flow",
        disaggregations=(_("programme"), REGION, _("grantee type")),
        measure=grants.compute_grants_disbursed,
    ),
    Indicator(
        code="grants.reports_overdue",
        area="grants",
        name=_("Grant reports overdue"),
        definition=_("Grantee reports due before the period end and not received by then."),
        unit="count",
        kind="snapshot",
        disaggregations=(_("programme"),),
        measure=grants.compute_reports_overdue,
    ),
    Indicator(
        code="activities.count",
        area="activities",
        name=_("Activities held"),
        definition=_(
            "Activities dated in the period. An activity in two communities counts once for "
            "the project and once in each community."
        ),
        unit="count",
        kind="flow",
        disaggregations=(_("type"), _("community")),
        measure=people.compute_activities,
    ),
    Indicator(
        code="activities.participants",
        area="activities",
        name=_("Activity participants"),
        definition=_("Women and men taking part in those activities; young people are a subset."),
        unit="people",
        kind="flow",
        disaggregations=(SEX, _("youth"), _("type")),
        measure=people.compute_activity_participants,
    ),
)
INDICATORS_BY_CODE: dict[str, Indicator] = {i.code: i for i in INDICATORS}


# Every grouped read the catalogue's measures make: 15 aggregates over a dozen tables.
AGGREGATES = (*people.AGGREGATES, *cycle.AGGREGATES, *cofinancing.AGGREGATES, *grants.AGGREGATES)


def compute_indicators(filters: IndicatorFilter, codes: list[str] | None = None) -> list[Result]:
    wanted = INDICATORS if codes is None else [INDICATORS_BY_CODE[c] for c in codes]
    with sharing_aggregates():
        if codes is None:
            # The whole catalogue (a report, the dashboard): first what its statements are
            # written with (the exchange rates and, for some scopes, the programmes' ids),
            # in one statement; then its grouped reads in one statement instead of one
            # each. The measures find them read.
            first = [programme_ids] if grants_need_programme_ids(filters) else []
            read_with_rates(filters, first)
            read_aggregates(filters, AGGREGATES)
        return [indicator.compute(filters) for indicator in wanted]
