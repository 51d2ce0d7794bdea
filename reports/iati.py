"""IATI activity XML (standard version 2.03) for public projects.

Elements are written in the order the 2.03 schema requires, and the files pass the official
schema, codelists and Standard ruleset (tests/reports/test_iati.py checks all three against the
copies in tests/reports/iati_standard/).

Nothing is made up to fill a required field:
- organisation refs come from `Organisation.iati_identifier`; an organisation without one is
  named by its narrative only. `reporting-org/@ref` is required by the schema, so a project is
  published only when one of its partners has an identifier;
- a project needs a known start date (ruleset 6.11.1); the export date is never used instead;
- a budget is written only when its period is at most one year (ruleset 7.5.3); a multi-year
  total is not split into years the documents do not give;
- every narrative carries the `xml:lang` of the text it holds.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from communities.models import Community
from core.i18n import content_languages, marked_text, shown_language
from grants.models import Disbursement, Grant, public_programme_q
from projects.models import (
    Organisation,
    OrganisationKind,
    PartnerRole,
    Partnership,
    Project,
    ProjectQuerySet,
    ProjectStatus,
)
from reports.indicators.catalogue import INDICATORS_BY_CODE
from reports.indicators.scope import IndicatorFilter
from reports.models import IndicatorPeriod, IndicatorUnit, ResultKind
from reports.selectors import project_results

IATI_VERSION = "2.03"
# IATI OrganisationRole codes.
ROLE_CODES: dict[str, str] = {
    PartnerRole.FUNDING: "1",
    PartnerRole.ACCOUNTABLE: "2",
    PartnerRole.EXTENDING: "3",
    PartnerRole.IMPLEMENTING: "4",
}
# The publisher is the organisation doing the work first, then the one accountable for it.
REPORTING_ROLE_ORDER = (
    PartnerRole.IMPLEMENTING,
    PartnerRole.ACCOUNTABLE,
    PartnerRole.EXTENDING,
    PartnerRole.FUNDING,
)
# IATI OrganisationType codes.
ORG_TYPES: dict[str, str] = {
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
STATUS_CODES: dict[str, str] = {
    ProjectStatus.PLANNED: "1",
    ProjectStatus.ACTIVE: "2",
    ProjectStatus.COMPLETED: "4",
    ProjectStatus.CANCELLED: "5",
}
# DAC 5-digit sector 15220: civilian peace-building, conflict prevention and resolution.
SECTOR_CODE = "15220"
# IATI TransactionType codes.
OUTGOING_COMMITMENT = "2"
DISBURSEMENT = "3"


def _languages() -> list[str]:
    return list(content_languages())


def publishable_projects() -> ProjectQuerySet:
    """Public projects an IATI file can be written for without inventing anything."""
    return (
        Project.objects.public()
        .filter(Q(planned_start__isnull=False) | Q(actual_start__isnull=False))
        .filter(partnerships__organisation__iati_identifier__gt="")
        .distinct()
    )


def reporting_organisation(partnerships: Sequence[Partnership]) -> Organisation | None:
    for role in REPORTING_ROLE_ORDER:
        for partnership in partnerships:
            if partnership.role == role and partnership.organisation.iati_identifier:
                return partnership.organisation
    return None


def _text_narratives(parent: ET.Element, texts: dict[str, str]) -> None:
    for code, text in texts.items():
        if text.strip():
            ET.SubElement(parent, "narrative", {"xml:lang": code}).text = text.strip()


def _narratives(parent: ET.Element, instance: Any, field: str) -> None:
    texts = {code: getattr(instance, f"{field}_{code}", "") or "" for code in _languages()}
    if not any(text.strip() for text in texts.values()):
        # A record typed before translation columns existed keeps its text in the base column.
        texts = {settings.LANGUAGE_CODE: str(getattr(instance, field, "") or instance)}
    _text_narratives(parent, texts)


def _translated_narratives(parent: ET.Element, message: Any) -> None:
    """A catalogue string (an indicator's name) written once per interface language."""
    texts = {}
    for code in _languages():
        with translation.override(code):
            texts[code] = str(message)
    _text_narratives(parent, texts)


def _date(parent: ET.Element, tag: str, value: dt.date | None, **attrs: str) -> None:
    if value:
        ET.SubElement(parent, tag, {**attrs, "iso-date": value.isoformat()})


def _past(value: dt.date | None, today: dt.date) -> dt.date | None:
    return value if value and value <= today else None


def _organisation(parent: ET.Element, tag: str, organisation: Organisation, **attrs: str) -> None:
    if organisation.iati_identifier:
        attrs = {"ref": organisation.iati_identifier, **attrs}
    element = ET.SubElement(parent, tag, attrs)
    _narratives(element, organisation, "name")


def _within_a_year(start: dt.date, end: dt.date) -> bool:
    # The ruleset's time_limit (7.5.3): at most one calendar year, counted by date, not days.
    try:
        limit = start.replace(year=start.year + 1)
    except ValueError:  # 29 February
        limit = start.replace(year=start.year + 1, day=28)
    return start <= end <= limit


def _split_percentages(count: int) -> list[str]:
    # Rule 3.1.2 wants an exact sum of 100; rounding 100/3 three times gives 99.99.
    share = (Decimal(100) / count).quantize(Decimal("0.01"))
    shares = [share] * count
    shares[-1] = Decimal(100) - share * (count - 1)
    return [str(value) for value in shares]


def project_activity(project: Project, today: dt.date | None = None) -> ET.Element:
    today = today or timezone.localdate()
    partnerships = list(project.partnerships.select_related("organisation").order_by("role", "pk"))
    reporting = reporting_organisation(partnerships)
    if reporting is None:
        raise ValueError(f"{project.slug}: no partner has an IATI organisation identifier")
    currency = project.currency or settings.REPORTING_CURRENCY
    activity = ET.Element(
        "iati-activity",
        {
            "last-updated-datetime": project.updated_at.isoformat(timespec="seconds"),
            # The language the title is shown in by default (the fallback order when the
            # title has no text in settings.LANGUAGE_CODE); every narrative names its own.
            "xml:lang": shown_language(project, "title", settings.LANGUAGE_CODE)
            or settings.LANGUAGE_CODE,
            "default-currency": currency,
        },
    )
    ET.SubElement(activity, "iati-identifier").text = f"{reporting.iati_identifier}-{project.slug}"
    _organisation(activity, "reporting-org", reporting, type=ORG_TYPES.get(reporting.kind, "90"))
    _narratives(ET.SubElement(activity, "title"), project, "title")
    description = ET.SubElement(activity, "description", {"type": "1"})
    has_summary = any(getattr(project, f"summary_{code}", "") for code in _languages())
    _narratives(description, project, "summary" if has_summary else "title")
    for partnership in partnerships:
        _organisation(
            activity,
            "participating-org",
            partnership.organisation,
            role=ROLE_CODES[partnership.role],
            type=ORG_TYPES.get(partnership.organisation.kind, "90"),
        )
    ET.SubElement(activity, "activity-status", {"code": STATUS_CODES[project.status]})
    _date(activity, "activity-date", project.planned_start, type="1")
    # Actual dates in the future would be plans, not facts (rules 11.1.4 and 11.1.5).
    _date(activity, "activity-date", _past(project.actual_start, today), type="2")
    _date(activity, "activity-date", project.planned_end, type="3")
    _date(activity, "activity-date", _past(project.actual_end, today), type="4")
    communities = list(
        Community.objects.filter(project_links__project=project)
        .select_related("region")
        .order_by("country", "name")
    )
    _places(activity, communities)
    ET.SubElement(activity, "sector", {"vocabulary": "1", "code": SECTOR_CODE, "percentage": "100"})
    start = project.actual_start or project.planned_start
    end = project.actual_end or project.planned_end
    if project.budget is not None and start and end and _within_a_year(start, end):
        budget = ET.SubElement(activity, "budget", {"type": "1", "status": "2"})
        _date(budget, "period-start", start)
        _date(budget, "period-end", end)
        ET.SubElement(
            budget, "value", {"currency": currency, "value-date": start.isoformat()}
        ).text = f"{project.budget:.2f}"
    _transactions(activity, project, today)
    _results(activity, project, start, end or today)
    return activity


def _places(activity: ET.Element, communities: list[Community]) -> None:
    countries = sorted({community.country for community in communities})
    if len(countries) == 1:
        ET.SubElement(activity, "recipient-country", {"code": countries[0], "percentage": "100"})
    else:
        for country, share in zip(countries, _split_percentages(len(countries)), strict=False):
            ET.SubElement(activity, "recipient-country", {"code": country, "percentage": share})
    for community in communities:
        # SOATE, the Kyrgyz state classifier, has no IATI geographic vocabulary, so its code
        # is the location's own ref and no location-id is claimed.
        location = ET.SubElement(
            activity, "location", {"ref": community.soate_code or f"community-{community.pk}"}
        )
        _narratives(ET.SubElement(location, "name"), community, "name")
        # A4 is ISO 3166-1: it names the country only; region codes (ISO 3166-2) have no
        # vocabulary in 2.03.
        administrative = {"vocabulary": "A4", "level": "0", "code": community.country}
        ET.SubElement(location, "administrative", administrative)
        if community.has_location:
            point = ET.SubElement(
                location, "point", {"srsName": "http://www.opengis.net/def/crs/EPSG/0/4326"}
            )
            ET.SubElement(point, "pos").text = f"{community.latitude} {community.longitude}"
            ET.SubElement(location, "exactness", {"code": "2"})
        ET.SubElement(location, "location-class", {"code": "1"})


def _transaction(
    activity: ET.Element,
    *,
    ref: str,
    kind: str,
    day: dt.date | None,
    amount: Decimal | None,
    currency: str,
    description: str,
    receiver: Organisation,
) -> None:
    # The queries leave out records without a date or an amount; should one slip through,
    # it has no transaction rather than an invented one.
    if day is None or amount is None:
        return
    transaction = ET.SubElement(activity, "transaction", {"ref": ref})
    ET.SubElement(transaction, "transaction-type", {"code": kind})
    _date(transaction, "transaction-date", day)
    ET.SubElement(
        transaction, "value", {"currency": currency, "value-date": day.isoformat()}
    ).text = f"{amount:.2f}"
    ET.SubElement(
        ET.SubElement(transaction, "description"), "narrative", {"xml:lang": "en"}
    ).text = description
    _organisation(transaction, "receiver-org", receiver)


def _transactions(activity: ET.Element, project: Project, today: dt.date) -> None:
    """Grant agreements as outgoing commitments, paid tranches as disbursements."""
    grants = (
        Grant.objects.public()
        .filter(
            programme__project=project,
            amount__isnull=False,
            start_date__lte=today,
        )
        .select_related("grantee")
        .order_by("start_date", "pk")
    )
    for grant in grants:
        _transaction(
            activity,
            ref=f"{grant.reference}-commitment",
            kind=OUTGOING_COMMITMENT,
            day=grant.start_date,
            amount=grant.amount,
            currency=grant.currency,
            description=f"{grant.reference}, grant agreement",
            receiver=grant.grantee,
        )
    payments = (
        Disbursement.objects.filter(
            public_programme_q("grant__programme__"),
            grant__programme__project=project,
            paid_amount__isnull=False,
            paid_date__lte=today,
        )
        .select_related("grant__grantee")
        .order_by("paid_date", "pk")
    )
    for payment in payments:
        _transaction(
            activity,
            ref=f"{payment.grant.reference}-{payment.tranche}",
            kind=DISBURSEMENT,
            day=payment.paid_date,
            amount=payment.paid_amount,
            currency=payment.grant.currency,
            description=f"{payment.grant.reference}, tranche {payment.tranche}",
            receiver=payment.grant.grantee,
        )


# Indicators with a direct IATI result mapping: (code, result type: 1 output / 2 outcome).
RESULT_INDICATORS = (
    ("coverage.communities", "1"),
    ("coverage.people", "2"),
    ("groups.active", "1"),
    ("plans.approved", "1"),
    ("activities.count", "1"),
    ("activities.participants", "1"),
)


# IATI ResultType codes for the results framework's kinds.
RESULT_TYPES: dict[str, str] = {
    ResultKind.OUTPUT: "1",
    ResultKind.OUTCOME: "2",
    ResultKind.IMPACT: "3",
}
# IATI IndicatorMeasure: 1 unit, 2 percentage.
MEASURES = {IndicatorUnit.PERCENT: "2"}
# Breakdown parts as IATI dimensions; a part not known is left out, never sent as 0.
DIMENSIONS = (
    ("actual_women", "sex", "female"),
    ("actual_men", "sex", "male"),
    ("actual_under_30", "age", "under 30"),
    ("actual_30_plus", "age", "30 and over"),
)


def _value(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _source_comment(parent: ET.Element, period: IndicatorPeriod) -> None:
    """Where a reported figure comes from, as the target's or actual's comment."""
    document = period.source_document
    if document is None:
        if period.evidence_note.strip():
            _text_narratives(
                ET.SubElement(parent, "comment"), {settings.LANGUAGE_CODE: period.evidence_note}
            )
        return
    texts = {}
    for code in _languages():
        with translation.override(code):
            label = str(_("Source:"))
            # The narrative is in ``code``: a title missing in it is the first fallback's,
            # with the marker in ``code`` (``document.title`` was the title in the export's
            # active language, unmarked, inside a narrative labelled ``code``).
            title = marked_text(document, "title", code)
        where = f", {period.source_location}" if period.source_location else ""
        texts[code] = f"{label} {title}{where}"
    _text_narratives(ET.SubElement(parent, "comment"), texts)


def _framework_results(activity: ET.Element, project: Project) -> set[str]:
    """The project's results framework: every approved period with its target and actual.
    Returns the catalogue codes it covers, so they are not sent twice."""
    covered: set[str] = set()
    for result in project_results(project):
        indicators = [i for i in result.indicator_list if i.period_list]  # type: ignore[attr-defined]  # prefetched with to_attr by project_results
        if not indicators:
            continue
        element = ET.SubElement(
            activity, "result", {"type": RESULT_TYPES[result.kind], "aggregation-status": "0"}
        )
        _narratives(ET.SubElement(element, "title"), result, "title")
        for indicator in indicators:
            covered.add(indicator.catalogue_code)
            node = ET.SubElement(
                element,
                "indicator",
                {"measure": MEASURES.get(indicator.unit, "1"), "ascending": "1"},
            )
            if indicator.title:
                _narratives(ET.SubElement(node, "title"), indicator, "title")
            else:
                catalogue = INDICATORS_BY_CODE[indicator.catalogue_code]
                _translated_narratives(ET.SubElement(node, "title"), catalogue.name)
            if indicator.baseline_value is not None and indicator.baseline_year:
                ET.SubElement(
                    node,
                    "baseline",
                    {
                        "year": str(indicator.baseline_year),
                        "value": _value(indicator.baseline_value),
                    },
                )
            for period in indicator.period_list:
                if period.target_value is None and period.actual_value is None:
                    continue
                node_period = ET.SubElement(node, "period")
                _date(node_period, "period-start", period.period_start)
                _date(node_period, "period-end", period.period_end)
                if period.target_value is not None:
                    target = ET.SubElement(
                        node_period, "target", {"value": _value(period.target_value)}
                    )
                    _source_comment(target, period)
                if period.actual_value is not None:
                    actual = ET.SubElement(
                        node_period, "actual", {"value": _value(period.actual_value)}
                    )
                    _source_comment(actual, period)
                    for field, name, value in DIMENSIONS:
                        part = getattr(period, field)
                        if part is not None:
                            split = ET.SubElement(node_period, "actual", {"value": str(part)})
                            ET.SubElement(split, "dimension", {"name": name, "value": value})
    return covered


def _results(activity: ET.Element, project: Project, start: Any, end: Any) -> None:
    covered = _framework_results(activity, project)
    if not start or end < start:
        return
    filters = IndicatorFilter(project=project, public_only=True, date_from=start, date_to=end)
    for code, result_type in RESULT_INDICATORS:
        if code in covered:
            continue
        indicator = INDICATORS_BY_CODE[code]
        value = indicator.compute(filters).value
        if value is None:
            # An unknown figure is left out, never published as 0.
            continue
        result = ET.SubElement(activity, "result", {"type": result_type, "aggregation-status": "1"})
        _translated_narratives(ET.SubElement(result, "title"), indicator.name)
        element = ET.SubElement(result, "indicator", {"measure": "1", "ascending": "1"})
        _translated_narratives(ET.SubElement(element, "title"), indicator.name)
        _translated_narratives(ET.SubElement(element, "description"), indicator.definition)
        period = ET.SubElement(element, "period")
        _date(period, "period-start", start)
        _date(period, "period-end", end)
        ET.SubElement(period, "actual", {"value": str(value)})


def activities_xml(projects: Iterable[Project]) -> bytes:
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


NOT_PUBLISHED_NOTE = _(
    "A public project gets an IATI file once one of its partners has a registered IATI "
    "organisation identifier and its start date is known: the portal never publishes "
    "placeholder identifiers or invented dates."
)
