"""IATI activity XML (standard version 2.03) for one public project.

Elements are written in the order the 2.03 schema requires. The portal holds no IATI
organisation identifiers, so organisations get a reference built from
settings.IATI_ORGANISATION_PREFIX and their slug; publishers replace it with their
registered identifier there.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from django.conf import settings
from django.utils import timezone

from communities.models import Community
from core.i18n import content_languages
from grants.models import Disbursement
from projects.models import OrganisationKind, PartnerRole, Project, ProjectStatus
from reports.indicators.catalogue import INDICATORS_BY_CODE
from reports.indicators.scope import IndicatorFilter

IATI_VERSION = "2.03"
# IATI OrganisationRole codes.
ROLE_CODES = {
    PartnerRole.FUNDING: "1",
    PartnerRole.ACCOUNTABLE: "2",
    PartnerRole.EXTENDING: "3",
    PartnerRole.IMPLEMENTING: "4",
}
# IATI OrganisationType codes.
ORG_TYPES = {
    OrganisationKind.INTERNATIONAL_NGO: "21",
    OrganisationKind.UN_AGENCY: "40",
    OrganisationKind.DONOR_AGENCY: "10",
    OrganisationKind.LOCAL_NGO: "22",
    OrganisationKind.LOCAL_GOVERNMENT: "10",
    OrganisationKind.STATE_BODY: "10",
    OrganisationKind.BUSINESS: "70",
    OrganisationKind.SCHOOL: "80",
    OrganisationKind.OTHER: "90",
}
# IATI ActivityStatus codes.
STATUS_CODES = {
    ProjectStatus.PLANNED: "1",
    ProjectStatus.ACTIVE: "2",
    ProjectStatus.COMPLETED: "4",
    ProjectStatus.CANCELLED: "5",
}
# DAC 5-digit sector 15220: civilian peace-building, conflict prevention and resolution.
SECTOR_CODE = "15220"
LANGUAGES = content_languages()


def _org_ref(organisation: Any) -> str:
    prefix = settings.IATI_ORGANISATION_PREFIX
    return f"{prefix}-{organisation.slug}"


def _narratives(parent: ET.Element, instance: Any, field: str) -> None:
    written = False
    for code in LANGUAGES:
        text = getattr(instance, f"{field}_{code}", "") or ""
        if text.strip():
            ET.SubElement(parent, "narrative", {"xml:lang": code}).text = text.strip()
            written = True
    if not written:
        ET.SubElement(parent, "narrative").text = str(getattr(instance, field, "") or instance)


def _date(parent: ET.Element, tag: str, value: Any, **attrs: str) -> None:
    if value:
        ET.SubElement(parent, tag, {**attrs, "iso-date": value.isoformat()})


def project_activity(project: Project) -> ET.Element:
    partnerships = list(project.partnerships.select_related("organisation").order_by("role"))
    reporting = next(
        (p.organisation for p in partnerships if p.role == PartnerRole.IMPLEMENTING),
        partnerships[0].organisation if partnerships else None,
    )
    currency = project.currency or "USD"
    activity = ET.Element(
        "iati-activity",
        {
            "last-updated-datetime": project.updated_at.isoformat(timespec="seconds"),
            "xml:lang": "en",
            "default-currency": currency,
        },
    )
    identifier_prefix = _org_ref(reporting) if reporting else "XX-CSP"
    ET.SubElement(activity, "iati-identifier").text = f"{identifier_prefix}-{project.slug}"
    rep = ET.SubElement(
        activity,
        "reporting-org",
        {
            "ref": _org_ref(reporting) if reporting else "XX-CSP",
            "type": ORG_TYPES.get(reporting.kind, "90") if reporting else "90",
        },
    )
    if reporting:
        _narratives(rep, reporting, "name")
    else:
        ET.SubElement(rep, "narrative").text = "Community Security Portal"
    _narratives(ET.SubElement(activity, "title"), project, "title")
    description = ET.SubElement(activity, "description", {"type": "1"})
    if any(getattr(project, f"summary_{c}", "") for c in LANGUAGES):
        _narratives(description, project, "summary")
    else:
        _narratives(description, project, "title")
    for partnership in partnerships:
        org = ET.SubElement(
            activity,
            "participating-org",
            {
                "ref": _org_ref(partnership.organisation),
                "role": ROLE_CODES[partnership.role],
                "type": ORG_TYPES.get(partnership.organisation.kind, "90"),
            },
        )
        _narratives(org, partnership.organisation, "name")
    ET.SubElement(activity, "activity-status", {"code": STATUS_CODES[project.status]})
    _date(activity, "activity-date", project.planned_start, type="1")
    _date(activity, "activity-date", project.actual_start, type="2")
    _date(activity, "activity-date", project.planned_end, type="3")
    _date(activity, "activity-date", project.actual_end, type="4")
    if not (project.planned_start or project.actual_start):
        _date(activity, "activity-date", project.created_at.date(), type="1")

    communities = list(
        Community.objects.filter(project_links__project=project)
        .select_related("region")
        .order_by("country", "name")
    )
    countries = sorted({c.country for c in communities}) or ["KG"]
    for country in countries:
        ET.SubElement(
            activity,
            "recipient-country",
            {"code": country, "percentage": str(round(100 / len(countries), 2))},
        )
    for community in communities:
        location = ET.SubElement(
            activity, "location", {"ref": community.soate_code or f"community-{community.pk}"}
        )
        if community.soate_code:
            # A1 (GAUL) has no Central Asian SOATE mapping; the SOATE code is the location ref
            # and the administrative element carries the ISO country and ISO 3166-2 region.
            ET.SubElement(location, "location-id", {"vocabulary": "A4", "code": community.country})
        _narratives(ET.SubElement(location, "name"), community, "name")
        ET.SubElement(
            location,
            "administrative",
            {"vocabulary": "A4", "level": "0", "code": community.country},
        )
        ET.SubElement(
            location,
            "administrative",
            {"vocabulary": "A4", "level": "1", "code": community.region.code},
        )
        if community.has_location:
            point = ET.SubElement(
                location, "point", {"srsName": "http://www.opengis.net/def/crs/EPSG/0/4326"}
            )
            ET.SubElement(point, "pos").text = f"{community.latitude} {community.longitude}"
            ET.SubElement(location, "exactness", {"code": "2"})
        ET.SubElement(location, "location-class", {"code": "1"})
    ET.SubElement(activity, "sector", {"vocabulary": "1", "code": SECTOR_CODE, "percentage": "100"})
    start = project.actual_start or project.planned_start
    end = project.actual_end or project.planned_end
    if project.budget is not None and start and end:
        budget = ET.SubElement(activity, "budget", {"type": "1", "status": "2"})
        _date(budget, "period-start", start)
        _date(budget, "period-end", end)
        ET.SubElement(
            budget, "value", {"currency": currency, "value-date": start.isoformat()}
        ).text = f"{project.budget:.2f}"

    disbursements = (
        Disbursement.objects.filter(
            grant__programme__project=project,
            grant__programme__is_public=True,
            paid_amount__isnull=False,
        )
        .select_related("grant__grantee")
        .order_by("paid_date", "pk")
    )
    for payment in disbursements:
        transaction = ET.SubElement(
            activity, "transaction", {"ref": f"{payment.grant.reference}-{payment.tranche}"}
        )
        ET.SubElement(transaction, "transaction-type", {"code": "3"})
        _date(transaction, "transaction-date", payment.paid_date)
        ET.SubElement(
            transaction,
            "value",
            {"currency": payment.grant.currency, "value-date": payment.paid_date.isoformat()},
        ).text = f"{payment.paid_amount:.2f}"
        ET.SubElement(
            ET.SubElement(transaction, "description"), "narrative"
        ).text = f"{payment.grant.reference}, tranche {payment.tranche}"
        receiver = ET.SubElement(
            transaction, "receiver-org", {"ref": _org_ref(payment.grant.grantee)}
        )
        _narratives(receiver, payment.grant.grantee, "name")

    _results(activity, project, start, end)
    return activity


# Indicators with a direct IATI result mapping: (code, result type: 1 output / 2 outcome).
RESULT_INDICATORS = (
    ("coverage.communities", "1"),
    ("coverage.people", "2"),
    ("groups.active", "1"),
    ("plans.approved", "1"),
    ("activities.count", "1"),
    ("activities.participants", "1"),
)


def _results(activity: ET.Element, project: Project, start: Any, end: Any) -> None:
    if not (start and end):
        return
    filters = IndicatorFilter(project=project, public_only=True, date_from=start, date_to=end)
    for code, result_type in RESULT_INDICATORS:
        indicator = INDICATORS_BY_CODE[code]
        value = indicator.compute(filters).value
        result = ET.SubElement(activity, "result", {"type": result_type, "aggregation-status": "1"})
        ET.SubElement(ET.SubElement(result, "title"), "narrative").text = str(indicator.name)
        element = ET.SubElement(result, "indicator", {"measure": "1", "ascending": "1"})
        ET.SubElement(ET.SubElement(element, "title"), "narrative").text = str(indicator.name)
        ET.SubElement(ET.SubElement(element, "description"), "narrative").text = str(
            indicator.definition
        )
        period = ET.SubElement(element, "period")
        _date(period, "period-start", start)
        _date(period, "period-end", end)
        ET.SubElement(period, "actual", {"value": str(value or 0)})


def activities_xml(projects: list[Project]) -> bytes:
    root = ET.Element(
        "iati-activities",
        {
            "version": IATI_VERSION,
            "generated-datetime": timezone.now().isoformat(timespec="seconds"),
        },
    )
    for project in projects:
        root.append(project_activity(project))
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8")
