"""How the grants admin saves: through grants/services.py, which holds the rules, so the
admin's forms, inlines and pages can never disagree with the services about an award, a
tranche or a report."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.utils.text import capfirst

from grants.models import Disbursement, Grant, GrantReport
from grants.services import (
    disbursement_plan,
    disbursement_record_payment,
    grant_report_mark_received,
    grant_report_schedule,
)


class ServiceRefusal(Exception):
    """A service refused a save whose forms were valid (``row`` names the inline row)."""

    def __init__(self, error: ValidationError, row: str = "") -> None:
        super().__init__(error)
        self.error = error
        self.row = row


class SavesThroughServicesMixin(admin.ModelAdmin):
    """Saves go through grants/services.py, which holds the rules. A service refuses with a
    ValidationError only once every form is valid, inside the admin's transaction: that
    transaction is rolled back (nothing of the save is kept) and the page is shown again
    with the user's input and the refusal as a form error, in the user's language."""

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ServiceRefusal as refusal:
            # Read by get_form on the second pass, which adds it to the bound form.
            request.service_refusal = refusal  # type: ignore[attr-defined]  # carried on the request from save_model to get_form
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        refusal: ServiceRefusal | None = getattr(request, "service_refusal", None)
        if refusal is None:
            return form
        # Bound to a name the nested class can see as not None.
        refused: ServiceRefusal = refusal

        class RefusedForm(form):  # type: ignore[misc, valid-type]  # a form class built by the admin at run time
            def clean(self) -> dict[str, Any]:
                data = super().clean()
                error = refused.error
                if refused.row:
                    for message in error.messages:
                        self.add_error(None, f"{refused.row}: {message}")
                elif hasattr(error, "error_dict"):
                    for name, errors in error.error_dict.items():
                        self.add_error(name if name in self.fields else None, errors)
                else:
                    self.add_error(None, error)
                return data

        return RefusedForm


def adopt(instance: Model, saved: Model) -> None:
    """The admin logs and redirects with the object its form built: give it the identity
    of the row the service saved."""
    instance.pk = saved.pk
    instance._state.adding = False
    instance._state.db = saved._state.db


def save_rows(
    formset: forms.BaseInlineFormSet,
    save_row: Callable[[forms.ModelForm], Model],
    order: Callable[[forms.ModelForm], Any] | None = None,
) -> None:
    """Save an inline's rows one by one through a service, keeping the lists that
    ``formset.save()`` would have made for the admin's change message."""
    formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
    for row in formset.deleted_forms:
        if row.instance.pk is not None:
            formset.delete_existing(row.instance)
            formset.deleted_objects.append(row.instance)
    rows = [r for r in formset.forms if r.has_changed() and r not in formset.deleted_forms]
    for row in sorted(rows, key=order) if order else rows:
        is_new = row.instance.pk is None
        try:
            saved = save_row(row)
        except ValidationError as error:
            label = capfirst(row.instance._meta.verbose_name)
            raise ServiceRefusal(error, row=f"{label} {formset.forms.index(row) + 1}") from error
        adopt(row.instance, saved)
        if is_new:
            formset.new_objects.append(row.instance)
        else:
            formset.changed_objects.append((row.instance, row.changed_data))


def save_disbursement(form: forms.ModelForm, grant: Grant) -> Disbursement:
    data = form.cleaned_data
    existing = form.instance if form.instance.pk is not None else None
    disbursement: Disbursement
    if existing is not None and not (
        {"tranche", "planned_date", "planned_amount"} & set(form.changed_data)
    ):
        disbursement = existing
    else:
        disbursement = disbursement_plan(
            grant=grant,
            tranche=data["tranche"],
            planned_amount=data.get("planned_amount"),
            planned_date=data.get("planned_date"),
            disbursement=existing,
        )
    if {"paid_amount", "paid_date"} & set(form.changed_data):
        disbursement = disbursement_record_payment(
            disbursement=disbursement,
            paid_amount=data.get("paid_amount"),
            paid_date=data.get("paid_date"),
        )
    return disbursement


def payment_change(form: forms.ModelForm) -> Decimal:
    # Lowered payments are saved before raised ones, so moving money between tranches in
    # one save is checked against the award as it ends up, not half-way.
    return (form.cleaned_data.get("paid_amount") or Decimal(0)) - (
        form.initial.get("paid_amount") or Decimal(0)
    )


def save_grant_report(form: forms.ModelForm, grant: Grant) -> GrantReport:
    data = form.cleaned_data
    existing = form.instance if form.instance.pk is not None else None
    report = existing
    if existing is None or {"kind", "due_date", "note"} & set(form.changed_data):
        report = grant_report_schedule(
            grant=grant,
            kind=data["kind"],
            due_date=data["due_date"],
            note=data.get("note", ""),
            report=existing,
        )
    if {"received_on", "status"} & set(form.changed_data):
        assert report is not None
        report = grant_report_mark_received(
            report=report, received_on=data.get("received_on"), status=data["status"]
        )
    assert report is not None
    return report
