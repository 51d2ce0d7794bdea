"""The report filter form: what a report is about and for which period."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from communities.models import Community, District, Region
from projects.choices import Country
from reports.access import report_organisation_ids, reportable_donors, reportable_projects
from reports.selectors import IndicatorFilter


class DateInput(forms.DateInput):
    input_type = "date"


class ReportFilterForm(forms.Form):
    project = forms.ModelChoiceField(
        label=_("Project"), queryset=None, required=False, empty_label=_("All projects")
    )
    donor = forms.ModelChoiceField(
        label=_("Donor"), queryset=None, required=False, empty_label=_("All donors")
    )
    country = forms.ChoiceField(
        label=_("Country"), choices=[("", _("All countries")), *Country.choices], required=False
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.order_by("country", "code"),
        required=False,
        empty_label=_("All regions"),
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.select_related(None).order_by("name"),
        required=False,
        empty_label=_("All districts"),
    )
    community = forms.ModelChoiceField(
        label=_("Community"),
        queryset=Community.objects.order_by("name"),
        required=False,
        empty_label=_("All communities"),
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput)

    def __init__(self, *args: Any, user: Any, require_subject: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.user = user
        self.require_subject = require_subject
        self.fields["project"].queryset = reportable_projects(user).order_by("title")
        self.fields["donor"].queryset = reportable_donors(user).order_by("name")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the period must not be before its start."))
        if self.require_subject and not (data.get("project") or data.get("donor")):
            raise forms.ValidationError(_("Choose a project or a donor for the report."))
        return data

    def indicator_filter(self) -> IndicatorFilter:
        data = self.cleaned_data
        return IndicatorFilter(
            project=data.get("project"),
            donor=data.get("donor"),
            country=data.get("country") or "",
            region=data.get("region"),
            district=data.get("district"),
            community=data.get("community"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            organisation_ids=report_organisation_ids(self.user),
        )
