"""What a report is about (``IndicatorFilter``) and the records in scope for it.

Scope (project, donor, place, organisation, public) is expressed as subqueries, so every
indicator stays a fixed number of aggregate queries whatever the row count. Aggregates that
several indicators read are computed once per filter inside ``sharing_aggregates()``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import wraps
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import Model, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from communities.models import Activity, Community, Region, WorkingGroup
from core.together import Together, compile_together, read_together, run_together
from grants.models import Grant, GrantProgramme
from projects.models import Organisation, PartnerRole, Partnership, Project

# --- Filters and scope -------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorFilter:
    """What a report is about. Every field is optional; an empty filter means everything the
    caller may see. ``organisation_ids`` limits to projects those organisations are partners
    in (the staff dashboard and donor report pass the user's organisations)."""

    project: Project | None = None
    donor: Organisation | None = None
    country: str = ""
    region: Region | None = None
    district: Any = None
    community: Community | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    public_only: bool = False
    organisation_ids: tuple[int, ...] | None = None

    @property
    def period_end(self) -> dt.date:
        return self.date_to or timezone.localdate()

    @property
    def has_place(self) -> bool:
        return bool(self.country or self.region or self.district or self.community)

    @property
    def is_scoped(self) -> bool:
        """True when records must be reached through a project (not merely all records)."""
        return bool(
            self.project or self.donor or self.public_only or self.organisation_ids is not None
        )

    def describe(self) -> list[tuple[str, str]]:
        """Human-readable filter lines for report covers and exports."""
        lines: list[tuple[str, str]] = []
        if self.project:
            lines.append((str(_("Project")), str(self.project)))
        if self.donor:
            lines.append((str(_("Donor")), str(self.donor)))
        if self.country:
            lines.append((str(_("Country")), self.country))
        for label, value in (
            (_("Region"), self.region),
            (_("District"), self.district),
            (_("Community"), self.community),
        ):
            if value:
                lines.append((str(label), str(value)))
        lines.append((str(_("From")), self.date_from.isoformat() if self.date_from else "—"))
        lines.append((str(_("To")), self.date_to.isoformat() if self.date_to else "—"))
        if self.public_only:
            lines.append((str(_("Data")), str(_("Public records only"))))
        return lines


def in_period(field_name: str, filters: IndicatorFilter) -> Q:
    q = Q()
    if filters.date_from:
        q &= Q(**{f"{field_name}__gte": filters.date_from})
    if filters.date_to:
        q &= Q(**{f"{field_name}__lte": filters.date_to})
    return q


def at_place(path: str, filters: IndicatorFilter) -> Q:
    """Place filter on a community reached through ``path`` (e.g. ``"community"``)."""
    q = Q()
    if filters.country:
        q &= Q(**{f"{path}__country": filters.country})
    if filters.region:
        q &= Q(**{f"{path}__region": filters.region})
    if filters.district:
        q &= Q(**{f"{path}__district": filters.district})
    if filters.community:
        q &= Q(**{path: filters.community})
    return q


# --- Shared aggregates --------------------------------------------------------------------

# Several indicators read the same aggregate (coverage by region, activities by type, problems
# by category, member totals, co-financing by source and currency). While a catalogue is
# computed each is run once per filter instead of once per indicator.
_shared: ContextVar[dict[Any, Any] | None] = ContextVar("indicator_shared", default=None)

F_ = TypeVar("F_", bound=Callable[..., Any])


@contextmanager
def sharing_aggregates() -> Iterator[None]:
    """Within this block shared aggregates are computed once per filter (a whole report)."""
    if _shared.get() is not None:
        yield
        return
    token = _shared.set({})
    try:
        yield
    finally:
        _shared.reset(token)


def shared(function: F_) -> F_:
    @wraps(function)
    def wrapper(filters: IndicatorFilter, *args: Any) -> Any:
        memo = _shared.get()
        if memo is None:
            return function(filters, *args)
        key = (function.__name__, filters, args, settings.REPORTING_CURRENCY)
        if key not in memo:
            memo[key] = function(filters, *args)
        return memo[key]

    return wrapper  # type: ignore[return-value]  # the wrapper takes and returns what the function does


T = TypeVar("T")
Rows = list[dict[str, Any]]


class Aggregate(Generic[T]):
    """A grouped read of a report (``query``: a ``values()`` queryset for a filter) and
    what is made of its rows (``finish``), computed once per filter inside
    ``sharing_aggregates()`` like ``shared``. Split in two so that ``read_aggregates`` can
    read many of them in one statement before the indicators ask for them."""

    def __init__(
        self,
        query: Callable[[IndicatorFilter], QuerySet],
        finish: Callable[[IndicatorFilter, Rows], T],
    ) -> None:
        self.query = query
        self.finish = finish
        self.name = f"{finish.__module__}.{finish.__qualname__}"

    def key(self, filters: IndicatorFilter) -> tuple[Any, ...]:
        return ("aggregate", self.name, filters, settings.REPORTING_CURRENCY)

    def __call__(self, filters: IndicatorFilter) -> T:
        memo = _shared.get()
        key = self.key(filters)
        if memo is not None and key in memo:
            return memo[key]
        value = self.finish(filters, list(self.query(filters)))
        if memo is not None:
            memo[key] = value
        return value


def aggregate(
    query: Callable[[IndicatorFilter], QuerySet],
) -> Callable[[Callable[[IndicatorFilter, Rows], T]], Aggregate[T]]:
    """Decorates the ``finish`` of an ``Aggregate`` whose rows ``query`` reads."""

    def decorate(finish: Callable[[IndicatorFilter, Rows], T]) -> Aggregate[T]:
        return Aggregate(query, finish)

    return decorate


def read_aggregates(filters: IndicatorFilter, aggregates: Iterable[Aggregate[Any]]) -> None:
    """Read every aggregate not yet read for ``filters`` in one statement and keep their
    values for the rest of the ``sharing_aggregates()`` block (outside one, nothing)."""
    memo = _shared.get()
    if memo is None:
        return
    missing = {a.name: a for a in aggregates if a.key(filters) not in memo}
    rows = _read_with_statement_kept(filters, missing, memo)
    if rows is None:
        rows = read_together({name: a.query(filters) for name, a in missing.items()})
    for name, wanted in missing.items():
        memo[wanted.key(filters)] = wanted.finish(filters, rows[name])


# --- The aggregates' statement, written once per shape of filter ---------------------------
#
# Writing a report's statement (fifteen querysets built, resolved and compiled by Django) cost
# more Python time than the database spent running it: about a third of an uncached report.
# Its text depends only on which filter fields are set (and on the language, the reporting
# currency, today's date, the exchange rates and the programme ids read before it); their
# values are parameters. So the statement is written for two sets of stand-in values, kept
# when both give the same text with the stand-ins in the same parameter places and every
# other parameter equal, and sent again for a real filter of that shape with its values put
# in those places. A stand-in value that shows anywhere else (a value derived from a filter
# field: its year, a day later), a query run while writing it, or a different text: nothing
# is kept and the statement is written from the real filter, as before.

_MODEL_FIELDS = ("project", "donor", "region", "district", "community")
_KEPT_STATEMENTS: dict[tuple[Any, ...], tuple[Together, list[tuple[bool, Any]]] | None] = {}
_KEPT_STATEMENTS_MAX = 64


def _slot_values(filters: IndicatorFilter) -> list[Any]:
    """The filter's values that may appear as parameters, in slot order."""
    values: list[Any] = [
        getattr(filters, name).pk for name in _MODEL_FIELDS if getattr(filters, name)
    ]
    if filters.country:
        values.append(filters.country)
    values += [day for day in (filters.date_from, filters.date_to) if day]
    values += list(filters.organisation_ids or ())
    return values


def _shape(filters: IndicatorFilter) -> tuple[Any, ...]:
    return (
        tuple(bool(getattr(filters, name)) for name in _MODEL_FIELDS),
        bool(filters.country),
        filters.date_from is not None,
        filters.date_to is not None,
        filters.public_only,
        None if filters.organisation_ids is None else len(filters.organisation_ids),
    )


def _stand_in(filters: IndicatorFilter, series: int) -> tuple[IndicatorFilter, list[Any]]:
    """A filter of the same shape with made-up values no record or constant has, and those
    values in slot order. The two series differ in every part of every value."""
    slot = iter(range(1000))
    base = (1_900_000_000, 1_700_000_000)[series]
    first_day = (dt.date(1901, 2, 3), dt.date(1923, 7, 19))[series]
    values: list[Any] = []

    def number() -> int:
        values.append(base + next(slot))
        return values[-1]

    def day() -> dt.date:
        values.append(first_day + dt.timedelta(days=37 * next(slot)))
        return values[-1]

    def record(name: str) -> Any:
        value = getattr(filters, name)
        return type(value)(pk=number()) if value else None

    records = {name: record(name) for name in _MODEL_FIELDS}
    country = ""
    if filters.country:
        country = f"~{series}:{next(slot)}~"
        values.append(country)
    date_from = day() if filters.date_from else None
    date_to = day() if filters.date_to else None
    organisation_ids = (
        None
        if filters.organisation_ids is None
        else tuple(number() for _ in filters.organisation_ids)
    )
    stand_in = IndicatorFilter(
        **records,
        country=country,
        date_from=date_from,
        date_to=date_to,
        public_only=filters.public_only,
        organisation_ids=organisation_ids,
    )
    return stand_in, values


def _no_query(*_args: Any) -> Any:
    raise _QueryWhileWriting


class _QueryWhileWriting(Exception):
    """A stand-in filter's statement needed a query: nothing is kept."""


def _read_with_statement_kept(
    filters: IndicatorFilter, missing: dict[str, Aggregate[Any]], memo: dict[Any, Any]
) -> dict[str, list[dict[str, Any]]] | None:
    """The rows of ``missing`` read with the statement kept for this shape of filter (written
    now if need be), or None when it cannot be kept (see above)."""
    if len(missing) < 2 or connection.vendor != "postgresql":
        return None
    currency = settings.REPORTING_CURRENCY
    # Values read earlier in this report that the statement is written with: the exchange
    # rates, and the aggregates already read for this filter (the programmes' ids).
    known = {
        key[1]: value
        for key, value in memo.items()
        if isinstance(key, tuple) and key[:1] == ("aggregate",) and key[2] == filters
    }
    key = (
        # Per connection object (one per thread): a kept compiler's converters name it.
        id(connections[DEFAULT_DB_ALIAS]),
        _shape(filters),
        tuple(missing),
        get_language(),
        currency,
        timezone.localdate(),
        # money.RATES_KEY (money imports this module): the rates are literals in the text.
        repr(memo.get("exchange-rates")),
        repr(sorted(known.items())),
    )
    if key not in _KEPT_STATEMENTS:
        if len(_KEPT_STATEMENTS) >= _KEPT_STATEMENTS_MAX:
            _KEPT_STATEMENTS.clear()
        _KEPT_STATEMENTS[key] = _write_statement(filters, missing, memo, known)
    kept = _KEPT_STATEMENTS[key]
    if kept is None:
        return None
    together, places = kept
    values = _slot_values(filters)
    params = [values[value] if is_slot else value for is_slot, value in places]
    return run_together(together, params)


def _write_statement(
    filters: IndicatorFilter,
    missing: dict[str, Aggregate[Any]],
    memo: dict[Any, Any],
    known: dict[str, Any],
) -> tuple[Together, list[tuple[bool, Any]]] | None:
    written = []
    for series in (0, 1):
        stand_in, values = _stand_in(filters, series)
        currency = settings.REPORTING_CURRENCY
        for name, value in known.items():
            memo[("aggregate", name, stand_in, currency)] = value
        try:
            with connection.execute_wrapper(_no_query):
                together = compile_together({n: a.query(stand_in) for n, a in missing.items()})
        except _QueryWhileWriting:
            return None
        if together is None:
            return None
        written.append((together, values))
    (first, first_values), (second, second_values) = written
    if first.statement != second.statement or len(first.params) != len(second.params):
        return None
    if [read is None for read in first.reads.values()] != [
        read is None for read in second.reads.values()
    ]:
        return None
    slot_of = {value: slot for slot, value in enumerate(first_values)}
    others = set(second_values)
    places: list[tuple[bool, Any]] = []
    for one, other in zip(first.params, second.params, strict=True):
        slot = _slot(slot_of, one)
        if slot is not None:
            if second_values[slot] != other or type(second_values[slot]) is not type(other):
                return None
            places.append((True, slot))
        elif _slot(dict.fromkeys(others, 0), other) is not None or one != other:
            # A stand-in in a place the other series has something else, or a parameter
            # that moved with the filter's values without being one of them.
            return None
        else:
            places.append((False, one))
    return first, places


def _slot(slot_of: dict[Any, int], value: Any) -> int | None:
    try:
        return slot_of.get(value)
    except TypeError:  # an unhashable parameter (a list): never a stand-in
        return None


def kept_value(key: str) -> Any:
    """What ``shared_value`` keeps under ``key`` for this report, or None."""
    memo = _shared.get()
    return None if memo is None else memo.get(key)


def keep_value(key: str, value: Any) -> None:
    """Keep ``value`` as ``shared_value(key, …)`` would for the rest of the report."""
    memo = _shared.get()
    if memo is not None:
        memo[key] = value


def shared_value(key: str, build: Callable[[], Any]) -> Any:
    """A value read once per report whatever the filter (the exchange rates), inside
    ``sharing_aggregates()``; outside it, read every time."""
    memo = _shared.get()
    if memo is None:
        return build()
    if key not in memo:
        memo[key] = build()
    return memo[key]


# The scopes below are subqueries of nearly every statement of a report: each is built once
# per filter inside ``sharing_aggregates()`` and reused (Django copies a subquery's query
# when a filter takes it, so the shared one is never changed). Rebuilt per statement, they
# were about a tenth of an uncached report's Python time.


@shared
def scoped_projects(filters: IndicatorFilter) -> QuerySet[Project]:
    """Projects in scope, used as a subquery by every indicator (never evaluated alone)."""
    projects = Project.objects.public() if filters.public_only else Project.objects.all()
    if filters.project:
        projects = projects.filter(pk=filters.project.pk)
    if filters.donor:
        projects = projects.filter(
            pk__in=filters.donor.partnerships.filter(role=PartnerRole.FUNDING).values("project")
        )
    if filters.organisation_ids is not None:
        projects = projects.filter(
            pk__in=Partnership.objects.filter(organisation_id__in=filters.organisation_ids).values(
                "project"
            )
        )
    return projects


@shared
def project_ids(filters: IndicatorFilter) -> QuerySet:
    return scoped_projects(filters).values("pk")


@shared
def scoped_working_groups(filters: IndicatorFilter) -> QuerySet[WorkingGroup]:
    groups = WorkingGroup.objects.filter(is_archived=False)
    if filters.is_scoped:
        through: type[Model] = WorkingGroup.projects.through
        groups = groups.filter(
            pk__in=through._default_manager.filter(project_id__in=project_ids(filters)).values(
                "workinggroup_id"
            )
        )
    return groups.filter(at_place("community", filters))


def scoped_activities(filters: IndicatorFilter) -> QuerySet[Activity]:
    activities = Activity.objects.published() if filters.public_only else Activity.objects.all()
    # Illustrative (made-up demo) records never count, whoever reads the figure.
    activities = activities.filter(is_illustrative=False)
    if filters.is_scoped:
        activities = activities.filter(project__in=project_ids(filters))
    if filters.has_place:
        # A subquery, not a join: an activity in two matching communities is still one
        # activity with one set of participants.
        through = Activity.communities.through
        activities = activities.filter(
            pk__in=through.objects.filter(at_place("community", filters)).values("activity_id")
        )
    return activities.filter(in_period("date", filters))


def scoped_programmes(filters: IndicatorFilter) -> QuerySet[GrantProgramme]:
    """Grant programmes in scope: of a project in scope, funded by the donor, or (on the
    dashboard) managed by one of the user's organisations."""
    programmes = GrantProgramme.objects.all()
    if filters.is_scoped:
        programme_q = Q(project__in=project_ids(filters))
        if filters.donor:
            programme_q |= Q(
                pk__in=GrantProgramme.funders.through.objects.filter(
                    organisation=filters.donor
                ).values("grantprogramme_id")
            )
        if filters.organisation_ids is not None and not filters.project and not filters.donor:
            programme_q |= Q(managing_organisation_id__in=filters.organisation_ids)
        if filters.project:
            programme_q = Q(project__in=project_ids(filters))
        programmes = programmes.filter(programme_q)
    if filters.organisation_ids is not None and filters.donor:
        programmes = programmes.filter(
            Q(project__in=project_ids(filters))
            | Q(managing_organisation_id__in=filters.organisation_ids)
        )
    return programmes


def _programme_ids_query(filters: IndicatorFilter) -> QuerySet:
    return scoped_programmes(filters).values("pk")


@aggregate(_programme_ids_query)
def programme_ids(filters: IndicatorFilter, rows: Rows) -> list[int]:
    # Read first (programmes are few): as a subquery its ORs hide how few grants are in
    # scope, and PostgreSQL hashed every grant, disbursement and grantee to find 200 of them.
    return [row["pk"] for row in rows]


def grants_need_programme_ids(filters: IndicatorFilter) -> bool:
    """Whether ``scoped_grants`` names the programmes in scope by their ids (read first)."""
    return filters.is_scoped and not (filters.project and not filters.donor)


def scoped_grants(filters: IndicatorFilter) -> QuerySet[Grant]:
    grants = Grant.objects.public() if filters.public_only else Grant.objects.all()
    if filters.project and not filters.donor:
        # One project's programmes, matched with no OR: a subquery PostgreSQL plans through
        # the programme and grant indexes, without reading the ids first.
        grants = grants.filter(programme_id__in=scoped_programmes(filters).values("pk"))
    elif grants_need_programme_ids(filters):
        grants = grants.filter(programme_id__in=programme_ids(filters))
    if filters.country:
        grants = grants.filter(region__country=filters.country)
    if filters.region:
        grants = grants.filter(region=filters.region)
    if filters.district:
        grants = grants.filter(district=filters.district)
    if filters.community:
        grants = grants.filter(
            pk__in=Grant.communities.through.objects.filter(community=filters.community).values(
                "grant_id"
            )
        )
    return grants
