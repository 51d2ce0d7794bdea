"""Writes of the results framework and reported figures. Callers check access first
(``reports.access``); these functions check the data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.models import Project
from reports.models import (
    AGE_PARTS,
    SEX_PARTS,
    FigureKind,
    IndicatorPeriod,
    PeriodStatus,
    Qualifier,
    ReportedFigure,
    ResultIndicator,
    SourceDocument,
)

# Values staff may set on a period; status and approval only change through approve/reopen.
PERIOD_VALUE_FIELDS = (
    "period_start",
    "period_end",
    "target_value",
    "actual_value",
    *SEX_PARTS,
    *AGE_PARTS,
    "source_document",
    "source_location",
    "evidence_note",
)


@transaction.atomic
def reported_figure_create(
    *,
    project: Project,
    kind: str,
    value: Decimal,
    source_document: SourceDocument,
    entered_by: Any = None,
    qualifier: str = Qualifier.EXACT,
    currency: str = "",
    year: int | None = None,
    source_location: str = "",
    quote: str = "",
    label: str = "",
) -> ReportedFigure:
    figure = ReportedFigure(
        project=project,
        kind=kind,
        value=value,
        source_document=source_document,
        entered_by=entered_by,
        qualifier=qualifier,
        currency=currency,
        year=year,
        source_location=source_location,
        quote=quote,
        label=label,
    )
    if kind == FigureKind.LOCAL_BUDGET and not currency:
        raise ValidationError({"currency": _("Give the currency of a money figure.")})
    figure.full_clean()
    figure.save()
    return figure


def _check_evidence(period: IndicatorPeriod) -> None:
    """A reported actual names where it comes from; a computed one comes from the records."""
    if period.indicator.is_computed or period.actual_value is None:
        return
    if period.source_document_id is None and not period.evidence_note.strip():
        raise ValidationError(
            {
                "source_document": _(
                    "Name the document (and page) or describe the evidence this actual comes from."
                )
            }
        )


@transaction.atomic
def indicator_period_save(
    *,
    indicator: ResultIndicator,
    user: Any,
    period: IndicatorPeriod | None = None,
    **values: Any,
) -> IndicatorPeriod:
    """Create or change a period's values. A change to an approved period sends it back to
    draft: an approval covers the figures that were approved, not later ones."""
    unknown = set(values) - set(PERIOD_VALUE_FIELDS)
    if unknown:
        raise TypeError(f"Not a period value: {sorted(unknown)}")
    if period is None:
        period = IndicatorPeriod(indicator=indicator)
    elif period.indicator_id != indicator.pk:
        raise ValidationError(_("This period belongs to another indicator."))
    else:
        period = IndicatorPeriod.objects.select_for_update().get(pk=period.pk)
    if indicator.is_computed:
        # Computed actuals come from records when the period is approved, never by hand.
        values = {key: value for key, value in values.items() if not key.startswith("actual")}
    for name, value in values.items():
        setattr(period, name, value)
    period.status = PeriodStatus.DRAFT
    period.approved_by = None
    period.approved_at = None
    period.entered_by = user
    _check_evidence(period)
    period.full_clean()
    period.save()
    return period


def computed_actual(indicator: ResultIndicator, start: dt.date, end: dt.date) -> Decimal | None:
    """The catalogue figure for the indicator's project over the period, from records
    (illustrative records never count: the indicator scope leaves them out)."""
    from reports.indicators.catalogue import INDICATORS_BY_CODE
    from reports.indicators.scope import IndicatorFilter

    entry = INDICATORS_BY_CODE[indicator.catalogue_code]
    project = indicator.result.project
    value = entry.compute(IndicatorFilter(project=project, date_from=start, date_to=end)).value
    if value is None:
        return None
    amount = getattr(value, "amount", value)
    return Decimal(str(amount)).quantize(Decimal("0.01"))


@transaction.atomic
def indicator_period_approve(*, period: IndicatorPeriod, user: Any) -> IndicatorPeriod:
    period = (
        IndicatorPeriod.objects.select_for_update()
        .select_related("indicator__result__project")
        .get(pk=period.pk)
    )
    if period.is_approved:
        raise ValidationError(_("This period is already approved."))
    if period.indicator.is_computed:
        period.actual_value = computed_actual(
            period.indicator, period.period_start, period.period_end
        )
        period.evidence_note = _("Computed from the portal's records when approved.")
    if period.target_value is None and period.actual_value is None:
        raise ValidationError(_("There is nothing to approve: give a target or an actual."))
    _check_evidence(period)
    period.status = PeriodStatus.APPROVED
    period.approved_by = user
    period.approved_at = timezone.now()
    period.full_clean()
    period.save()
    return period


@transaction.atomic
def indicator_period_reopen(*, period: IndicatorPeriod, user: Any) -> IndicatorPeriod:
    period = IndicatorPeriod.objects.select_for_update().get(pk=period.pk)
    if not period.is_approved:
        raise ValidationError(_("Only an approved period can be reopened."))
    period.status = PeriodStatus.DRAFT
    period.approved_by = None
    period.approved_at = None
    period.entered_by = user
    period.full_clean()
    period.save()
    return period
