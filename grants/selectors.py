"""Public reads for the grants directory: only grants of public programmes, ever."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.expressions import RawSQL
from django.http import Http404

from communities.models import Region
from communities.selectors import public_communities
from core.db import compiled_rows
from core.i18n import content_languages
from grants.access import grant_reports_for_user
from grants.models import (
    Disbursement,
    Grant,
    GrantProgramme,
    GrantReport,
    ReportStatus,
    public_programme_q,
)
from projects.models import Organisation, Partnership, Project, public_project_q

LANGUAGES = content_languages()


def public_programmes() -> QuerySet[GrantProgramme]:
    return GrantProgramme.objects.public()


def public_grants() -> QuerySet[Grant]:
    return Grant.objects.public()


def grant_list() -> QuerySet[Grant]:
    """Rows of the directory: grant, grantee, programme and region, nothing more."""
    return (
        public_grants()
        .select_related("grantee", "programme", "region")
        .only(
            "id",
            "reference",
            "grantee_type",
            "amount",
            "currency",
            "start_date",
            "end_date",
            "status",
            "grantee__id",
            "grantee__slug",
            "grantee__acronym",
            "programme__id",
            "programme__slug",
            "region__id",
            "region__code",
            *[f"title_{code}" for code in LANGUAGES],
            *[f"grantee__name_{code}" for code in LANGUAGES],
            *[f"programme__name_{code}" for code in LANGUAGES],
            *[f"region__name_{code}" for code in LANGUAGES],
        )
        .order_by("-start_date", "programme__slug", "reference")
    )


@dataclass
class GrantTotals:
    count: int = 0
    # One line per currency: amounts in different currencies are never added together.
    amounts: list[tuple[str, Decimal]] = field(default_factory=list)
    without_amount: int = 0


def grant_totals(grants: QuerySet[Grant]) -> GrantTotals:
    rows = (
        grants.order_by()
        .values("currency")
        .annotate(total=Sum("amount"), count=Count("id"), known=Count("amount"))
        .order_by("currency")
    )
    totals = GrantTotals()
    for row in rows:
        totals.count += row["count"]
        totals.without_amount += row["count"] - row["known"]
        if row["total"] is not None:
            totals.amounts.append((row["currency"], row["total"]))
    return totals


def project_programmes_with_totals(project: Project) -> tuple[list[GrantProgramme], GrantTotals]:
    """The project's public grant programmes (by slug) and the totals of their grants, the
    figures ``grant_totals`` gives for ``project_grants``, from one grouped read: a row per
    programme and currency of its grants (one row, with no currency, for a programme with
    none), added up here across programmes. A programme's grants are public exactly when
    the programme is, so these are the grants the project page lists."""
    rows = list(
        public_programmes()
        .filter(project=project)
        .annotate(
            grant_currency=F("grants__currency"),
            grant_total=Sum("grants__amount"),
            grant_count=Count("grants__id"),
            grant_known=Count("grants__amount"),
        )
        .order_by("slug", "grant_currency")
    )
    programmes: list[GrantProgramme] = list({row.pk: row for row in rows}.values())
    totals = GrantTotals()
    by_currency: dict[str, Decimal | None] = {}
    for row in rows:
        if not row.grant_count:
            continue
        totals.count += row.grant_count
        totals.without_amount += row.grant_count - row.grant_known
        amount = row.grant_total
        known = by_currency.get(row.grant_currency)
        by_currency[row.grant_currency] = (
            amount if known is None else known if amount is None else known + amount
        )
    totals.amounts = [
        (currency, amount) for currency, amount in sorted(by_currency.items()) if amount is not None
    ]
    return programmes, totals


def get_public_grant(pk: int) -> Grant:
    grant = (
        public_grants()
        .select_related("programme", "programme__project", "grantee", "region", "district")
        .prefetch_related(
            Prefetch(
                "communities",
                queryset=public_communities().select_related("region").order_by("name_ru"),
                to_attr="public_communities",
            ),
            Prefetch(
                "disbursements",
                queryset=Disbursement.objects.filter(paid_amount__isnull=False).order_by("tranche"),
                to_attr="paid_tranches",
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if grant is None:
        raise Http404
    return grant


def get_public_programme(slug: str) -> GrantProgramme:
    programme = (
        public_programmes()
        .select_related("managing_organisation", "project")
        .prefetch_related("funders")
        .filter(slug=slug)
        .first()
    )
    if programme is None:
        raise Http404
    return programme


def grant_regions() -> QuerySet[Region]:
    return Region.objects.filter(Exists(public_grants().filter(region=OuterRef("pk")))).order_by(
        "country", "code"
    )


def grant_years() -> list[int]:
    """Years in which a public grant started, latest first."""
    if connection.vendor != "postgresql":
        dates = public_grants().exclude(start_date=None).dates("start_date", "year", order="DESC")
        return [day.year for day in dates]
    # A loose index scan: from each year found, the latest start before that year, one
    # probe of the start_date index per year, instead of a DISTINCT over every public grant
    # (28 ms at scale 10 and growing with the directory; this stays at the number of years).
    latest = public_grants().exclude(start_date=None).order_by("-start_date").values("start_date")
    before = latest.filter(
        start_date__lt=RawSQL("make_date(EXTRACT(YEAR FROM years.day)::int, 1, 1)", [])
    )
    first_sql, first_params = latest[:1].query.sql_with_params()
    next_sql, next_params = before[:1].query.sql_with_params()
    with connection.cursor() as cursor:
        # Both parts are the ORM's own SQL with their values as parameters.
        walk = (
            f"WITH RECURSIVE years(day) AS (({first_sql}) UNION ALL"  # noqa: S608
            f" SELECT ({next_sql}) FROM years WHERE years.day IS NOT NULL)"
            " SELECT EXTRACT(YEAR FROM day)::int FROM years WHERE day IS NOT NULL"
        )
        cursor.execute(walk, [*first_params, *next_params])
        return [int(row[0]) for row in cursor.fetchall()]


# --- Projects' grants and organisations with something public --------------------------


def project_grants(project: Project) -> QuerySet[Any]:
    return grant_list().filter(programme__project=project)


def public_organisations() -> QuerySet[Organisation]:
    """Organisations with something public to show: a public project, a public grant, or
    a public grant programme they fund or manage."""
    # IN (…) rather than correlated EXISTS: PostgreSQL hashes each id list once, and the
    # plan's estimated cost stays low enough not to trigger JIT compilation, which cost
    # over a second per cold query at 40,000 organisations (count 1.4 s -> 0.15 s).
    partner = Partnership.objects.filter(public_project_q("project__")).values("organisation_id")
    grantee = Grant.objects.public().values("grantee_id")
    manager = GrantProgramme.objects.public().values("managing_organisation_id")
    funder = GrantProgramme.funders.through.objects.filter(
        public_programme_q("grantprogramme__")
    ).values("organisation_id")
    return Organisation.objects.filter(
        Q(pk__in=partner) | Q(pk__in=grantee) | Q(pk__in=manager) | Q(pk__in=funder)
    )


def _first_row(rows: QuerySet[Any]) -> Subquery:
    return Subquery(rows.order_by().values_list(Value(1, output_field=IntegerField()))[:1])


def listed_organisations() -> QuerySet[Organisation]:
    """``public_organisations()`` for reading a few rows in order (a page of the list):
    each organisation is checked with index probes that stop at its first public record,
    so a page costs the same however many grants and partnerships there are. The IN form
    above hashes every public grant first (20 ms at scale 10, growing with the
    directory); it stays the better plan for counting or reading every organisation."""
    on = OuterRef("pk")
    partner = Partnership.objects.filter(public_project_q("project__"), organisation=on)
    grantee = Grant.objects.public().filter(grantee=on)
    manager = GrantProgramme.objects.public().filter(managing_organisation=on)
    funder = GrantProgramme.funders.through.objects.filter(
        public_programme_q("grantprogramme__"), organisation=on
    )
    # A scalar subquery with LIMIT 1, not EXISTS: PostgreSQL may turn an EXISTS into a
    # hashed IN over the whole table, which is the cost this avoids. OR stops at the first
    # source that answers.
    return Organisation.objects.alias(
        in_partnership=_first_row(partner),
        in_grant=_first_row(grantee),
        in_management=_first_row(manager),
        in_funding=_first_row(funder),
    ).filter(
        Q(in_partnership__isnull=False)
        | Q(in_grant__isnull=False)
        | Q(in_management__isnull=False)
        | Q(in_funding__isnull=False)
    )


def public_organisation(slug: str) -> Organisation | None:
    """The organisation with this slug if it has something public to show, else None.

    The probes of listed_organisations(): one organisation's first public record in each
    source, not a hash of every public partnership and grant (which grew with the data: the
    organisation page's 1.54x from scale 1 to 10). Its SQL is compiled once per process
    (core.db.compiled_rows): four subqueries cost 3-10 ms to build and compile, the
    statement 0.2 ms to run."""
    rows = compiled_rows(
        "public-organisation",
        lambda stand_in: listed_organisations().filter(slug=stand_in).order_by("pk")[:1],
        [slug],
    )
    return rows[0] if rows else None


def get_public_organisation(slug: str) -> Organisation:
    organisation = public_organisation(slug)
    if organisation is None:
        raise Http404
    return organisation


def public_grant_community_ids() -> QuerySet[Any]:
    """Places of a public grant: registered with communities' public_communities() in
    GrantsConfig.ready(), so a community that only a grant names still gets its page."""
    return Grant.communities.through.objects.filter(
        public_programme_q("grant__programme__")
    ).values("community_id")


# --- Grants followed by staff ----------------------------------------------------------------


def outstanding_grant_reports(user: Any) -> QuerySet[GrantReport]:
    """Grantee reports the user follows that have not arrived yet, oldest due first."""
    return (
        grant_reports_for_user(user)
        .filter(received_on__isnull=True)
        .select_related("grant", "grant__grantee", "grant__programme")
        .order_by("due_date", "pk")
    )


def grant_reports(grant: Grant) -> QuerySet[GrantReport]:
    return grant.reports.order_by("due_date", "pk")


def grant_disbursements(grant: Grant) -> QuerySet[Disbursement]:
    return grant.disbursements.select_related("after_report").order_by("tranche")


def grant_reports_due(user: Any, until: dt.date, limit: int = 50) -> list[GrantReport]:
    """Reports owed to or by the user's organisation, late or due by ``until``."""
    return list(
        grant_reports_for_user(user)
        .filter(status__in=[ReportStatus.DUE, ReportStatus.RETURNED], due_date__lte=until)
        .select_related("grant", "grant__grantee", "grant__programme")
        .order_by("due_date", "pk")[:limit]
    )
