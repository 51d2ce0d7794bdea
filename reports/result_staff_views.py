"""Staff pages of the results framework: a project's results, and per indicator its
reporting periods, where writers enter targets and actuals and reviewers approve them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.staff import apply_service_error, staff_login_required
from projects.access import can_write_project
from reports import selectors, services
from reports.access import (
    can_approve_results,
    get_indicator_period_for_user,
    get_result_indicator_for_user,
)
from reports.result_forms import IndicatorPeriodForm
from reports.services import PERIOD_VALUE_FIELDS


@staff_login_required
@require_GET
def result_list(request: HttpRequest) -> HttpResponse:
    results = selectors.staff_results(request.user)
    return render(request, "staff/result_list.html", {"results": results})


def _period_values(form: IndicatorPeriodForm) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in PERIOD_VALUE_FIELDS if name in form.fields}


@staff_login_required
def result_indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The indicator's periods, and (for writers) the form adding a period."""
    indicator = get_result_indicator_for_user(request.user, pk, write=request.method == "POST")
    project = indicator.result.project
    form = IndicatorPeriodForm(request.POST or None, indicator=indicator)
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_period_save(
                indicator=indicator, user=request.user, **_period_values(form)
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Period saved as a draft."))
            return redirect("staff:result_indicator_detail", pk=indicator.pk)
    periods = selectors.indicator_periods(indicator)
    return render(
        request,
        "staff/result_indicator_detail.html",
        {
            "indicator": indicator,
            "project": project,
            "periods": periods,
            "form": form,
            "can_write": can_write_project(request.user, project),
            "can_approve": can_approve_results(request.user, project),
        },
    )


@staff_login_required
def indicator_period_update(request: HttpRequest, pk: int) -> HttpResponse:
    period = get_indicator_period_for_user(request.user, pk, write=True)
    indicator = period.indicator
    initial = {name: getattr(period, name) for name in PERIOD_VALUE_FIELDS}
    form = IndicatorPeriodForm(request.POST or None, initial=initial, indicator=indicator)
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_period_save(
                indicator=indicator, period=period, user=request.user, **_period_values(form)
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Period saved as a draft."))
            return redirect("staff:result_indicator_detail", pk=indicator.pk)
    return render(
        request,
        "staff/indicator_period_form.html",
        {"period": period, "indicator": indicator, "form": form},
    )


@staff_login_required
@require_POST
def indicator_period_approve(request: HttpRequest, pk: int) -> HttpResponse:
    period = get_indicator_period_for_user(request.user, pk, approve=True)
    try:
        services.indicator_period_approve(period=period, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Period approved."))
    return redirect("staff:result_indicator_detail", pk=period.indicator_id)


@staff_login_required
@require_POST
def indicator_period_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    period = get_indicator_period_for_user(request.user, pk, approve=True)
    try:
        services.indicator_period_reopen(period=period, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Period reopened as a draft."))
    return redirect("staff:result_indicator_detail", pk=period.indicator_id)
