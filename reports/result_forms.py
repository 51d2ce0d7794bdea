"""The staff form for one reporting period of a result indicator."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import MAX_COUNT, CountInput, DateInput, RecordChoiceField
from reports.models import AGE_PARTS, SEX_PARTS, ResultIndicator, SourceDocument

MAX_VALUE = 10**13


def _optional_count(label: Any) -> forms.IntegerField:
    # Not core.forms.CountField: that one starts at 0, and an empty box here means "not
    # known", which must stay apart from 0.
    return forms.IntegerField(
        label=label, required=False, min_value=0, max_value=MAX_COUNT, widget=CountInput()
    )


def _optional_value(label: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=0,
        max_value=MAX_VALUE,
        max_digits=16,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "any", "min": 0, "inputmode": "decimal"}),
    )


class IndicatorPeriodForm(forms.Form):
    period_start = forms.DateField(label=_("Period start"), widget=DateInput())
    period_end = forms.DateField(label=_("Period end"), widget=DateInput())
    target_value = _optional_value(_("Target"))
    actual_value = _optional_value(_("Actual"))
    actual_women = _optional_count(_("Women"))
    actual_men = _optional_count(_("Men"))
    actual_sex_unknown = _optional_count(_("Sex not known"))
    actual_under_30 = _optional_count(_("Under 30"))
    actual_30_plus = _optional_count(_("30 and over"))
    actual_age_unknown = _optional_count(_("Age not known"))
    source_document = RecordChoiceField(
        label=_("Source document"),
        queryset=SourceDocument.objects.order_by("published_on", "slug"),
        required=False,
    )
    source_location = forms.CharField(label=_("Page or section"), required=False, max_length=200)
    evidence_note = forms.CharField(
        label=_("Evidence"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the actual rests on when no document is named."),
    )

    breakdown_fields = (*SEX_PARTS, *AGE_PARTS)

    def __init__(self, *args: Any, indicator: ResultIndicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        if indicator.is_computed:
            # The actual of a catalogue indicator is computed from records on approval.
            for name in ("actual_value", *self.breakdown_fields):
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return data
