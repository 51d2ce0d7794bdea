"""Forms of the grant workflow. They only parse and present; the rules are in
grants/call_services.py and grants/services.py."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import MultipleFileInput, MultiplePhotoField, choice_field
from core.i18n import marked_text
from grants.models import (
    ATTACHMENT_SUFFIXES,
    DecisionOutcome,
    GrantProgramme,
    ReportStatus,
    ScoringCriterion,
)
from projects.models import GranteeType, LegalForm


class ApplicationForm(forms.Form):
    applicant_type = forms.ChoiceField(label=_("Who is applying"), widget=forms.RadioSelect)
    organisation_name = forms.CharField(label=_("Name of the organisation"), max_length=300)
    legal_form = forms.ChoiceField(
        label=_("Legal form"), required=False, choices=[("", "—"), *LegalForm.choices]
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200)
    contact_email = forms.EmailField(
        label=_("Email"),
        help_text=_("We send the reference number and a confirmation link to this address."),
    )
    contact_phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    title = forms.CharField(label=_("Project title"), max_length=300)
    summary = forms.CharField(
        label=_("What the project will do"), widget=forms.Textarea(attrs={"rows": 6})
    )
    requested_amount = forms.DecimalField(
        label=_("Amount requested"), max_digits=16, decimal_places=2, min_value=Decimal("0.01")
    )
    attachments = MultiplePhotoField(
        label=_("Attachments"),
        widget=MultipleFileInput(attrs={"accept": ",".join(ATTACHMENT_SUFFIXES)}),
    )
    # A honeypot: hidden from people by CSS and aria-hidden, filled in by bots.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(self, *args: Any, programme: GrantProgramme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        labels = dict(GranteeType.choices)
        choice_field(self, "applicant_type").choices = [
            (value, labels[value]) for value in programme.eligible_grantee_types
        ]
        if len(programme.eligible_grantee_types) == 1:
            self.fields["applicant_type"].initial = programme.eligible_grantee_types[0]
        self.fields["requested_amount"].label = _("Amount requested (%(currency)s)") % {
            "currency": programme.currency
        }
        self.fields["attachments"].help_text = _(
            "Proposal, budget, registration certificate: PDF, DOCX or XLSX."
        )

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))


class ReviewForm(forms.Form):
    """One committee member's scores, one field per criterion with its own range."""

    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, criteria: list[ScoringCriterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.DecimalField(
                # A label holds no element: the fallback marker in words, after the name.
                label=f"{marked_text(criterion, 'name')} (0–{criterion.max_score}, "
                f"×{criterion.weight})",
                min_value=0,
                max_value=criterion.max_score,
                decimal_places=2,
                max_digits=5,
            )
        self.order_fields([*(f"criterion_{c.pk}" for c in criteria), "comment"])

    def scores(self) -> dict[ScoringCriterion | int, Decimal | int | float | str]:
        return {c.pk: self.cleaned_data[f"criterion_{c.pk}"] for c in self.criteria}


class ConflictForm(forms.Form):
    conflict_note = forms.CharField(
        label=_("What is the conflict of interest?"), max_length=300, required=True
    )


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=DecisionOutcome.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}))


class GrantReportUploadForm(forms.Form):
    file = forms.FileField(label=_("Report file (PDF, DOCX or XLSX)"))
    note = forms.CharField(
        label=_("Note to the programme"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class GrantReportReviewForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (ReportStatus.ACCEPTED, ReportStatus.ACCEPTED.label),
            (ReportStatus.RETURNED, ReportStatus.RETURNED.label),
        ],
        widget=forms.RadioSelect,
    )
    review_note = forms.CharField(
        label=_("Comments to the grantee"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class TranchePaymentForm(forms.Form):
    paid_amount = forms.DecimalField(
        label=_("Amount paid"), max_digits=16, decimal_places=2, min_value=Decimal("0.01")
    )
    paid_date = forms.DateField(
        label=_("Date paid"), widget=forms.DateInput(attrs={"type": "date"})
    )
