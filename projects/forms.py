"""Staff workspace forms for project setup: the project itself, its partners and its budget.

Choice lists hold only what the user may use (their own organisations as the lead, the
organisations and programmes they can see), so a POST naming anything else fails here
before the service checks again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.choices import Currency
from core.forms import DateInput, RecordChoiceField, record_field
from core.i18n import content_languages, marked_label
from core.partial_dates import MAX_YEAR, MIN_YEAR, PartialDateField
from projects.access import manage_organisation_ids, organisations_for_user, programmes_for_user
from projects.models import (
    PARTNER_ROLE_IATI_CODES,
    BudgetSource,
    Organisation,
    PartnerRole,
    Programme,
    Project,
    ProjectStatus,
    Theme,
)

LANGUAGE_NAMES = dict(settings.LANGUAGES)


def partner_role_choices() -> list[tuple[str, str]]:
    """IATI roles with their codelist number, as partners' staff know them."""
    return [
        (value, f"{PARTNER_ROLE_IATI_CODES[value]} · {label}")
        for value, label in PartnerRole.choices
    ]


class OrganisationChoiceField(RecordChoiceField):
    # Options hold no element: a name in another language carries the marker in words.
    def label_from_instance(self, obj: Organisation) -> str:
        return marked_label(obj, "name")


class ProjectForm(forms.Form):
    """Create or edit a project. Titles and summaries are per language; at least one
    title is needed."""

    lead_organisation = OrganisationChoiceField(
        label=_("Lead organisation"),
        queryset=Organisation.objects.none(),
        help_text=_("Your organisation that leads the project. You can add partners next."),
    )
    lead_role = forms.ChoiceField(
        label=_("Its role"), choices=partner_role_choices, initial=PartnerRole.IMPLEMENTING
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=ProjectStatus.choices, initial=ProjectStatus.PLANNED
    )
    programme = RecordChoiceField(
        label=_("Programme (optional)"),
        queryset=Programme.objects.none(),
        required=False,
        help_text=_("The larger programme this project is part of, if any."),
    )
    start = PartialDateField(
        label=_("Start"),
        help_text=_("Give only the year, or the month and year, when that is all you know."),
    )
    end = PartialDateField(label=_("End"))
    actual_start = forms.DateField(
        label=_("Actual start (if it differed)"), required=False, widget=DateInput()
    )
    actual_end = forms.DateField(label=_("Actual end"), required=False, widget=DateInput())
    themes: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.order_by("slug"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    is_public = forms.BooleanField(
        label=_("Show on the public site"),
        required=False,
        help_text=_("Leave unticked while the project is being set up."),
    )
    source_note = forms.CharField(
        label=_("Source of the figures"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, user: Any, project: Project | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.project = project
        for code in content_languages():
            name = LANGUAGE_NAMES.get(code, code)
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title (%(language)s)") % {"language": name},
                max_length=300,
                required=False,
            )
            self.fields[f"summary_{code}"] = forms.CharField(
                label=_("Summary (%(language)s)") % {"language": name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        programmes = programmes_for_user(user)
        if project is not None and project.programme_id:
            programmes = programmes | Programme.objects.filter(pk=project.programme_id)
        record_field(self, "programme").queryset = programmes.order_by("name")
        if project is None:
            record_field(self, "lead_organisation").queryset = Organisation.objects.filter(
                pk__in=manage_organisation_ids(user)
            ).order_by("name")
        else:
            # Partners (and the lead) are changed in the partner list, not here.
            del self.fields["lead_organisation"]
            del self.fields["lead_role"]

    @classmethod
    def initial_for(cls, project: Project) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "status": project.status,
            "programme": project.programme_id,
            "start": (project.planned_start, project.start_precision),
            "end": (project.planned_end, project.end_precision),
            "actual_start": project.actual_start,
            "actual_end": project.actual_end,
            "themes": [theme.pk for theme in project.themes.all()],
            "is_public": project.is_public,
            "source_note": project.source_note,
        }
        for code in content_languages():
            initial[f"title_{code}"] = getattr(project, f"title_{code}") or ""
            initial[f"summary_{code}"] = getattr(project, f"summary_{code}") or ""
        return initial

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if not any(cleaned.get(f"title_{code}") for code in content_languages()):
            self.add_error(
                f"title_{self.preferred_language()}",
                _("Give the project a title in at least one language."),
            )
        start = (cleaned.get("start") or (None, ""))[0]
        end = (cleaned.get("end") or (None, ""))[0]
        if start and end and end < start:
            self.add_error("end", _("The end cannot be before the start."))
        return cleaned

    def preferred_language(self) -> str:
        current = (get_language() or "").split("-")[0]
        return current if current in content_languages() else content_languages()[0]

    def texts(self) -> dict[str, dict[str, str]]:
        return {
            name: {
                code: self.cleaned_data.get(f"{name}_{code}", "") for code in content_languages()
            }
            for name in ("title", "summary")
        }

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "status": data["status"],
            "programme": data.get("programme"),
            "start": data["start"],
            "end": data["end"],
            "actual_start": data.get("actual_start"),
            "actual_end": data.get("actual_end"),
            "is_public": data.get("is_public", False),
            "source_note": data.get("source_note", ""),
        }

    def language_groups(self) -> list[dict[str, Any]]:
        """Title and summary per language, for the grouped fieldsets."""
        groups = []
        for code in content_languages():
            title = self[f"title_{code}"]
            summary = self[f"summary_{code}"]
            filled = bool(title.value() or summary.value())
            groups.append(
                {
                    "code": code,
                    "name": LANGUAGE_NAMES.get(code, code),
                    "title": title,
                    "summary": summary,
                    "open": filled
                    or bool(title.errors or summary.errors)
                    or code == self.preferred_language(),
                }
            )
        return groups


class PartnershipForm(forms.Form):
    organisation = OrganisationChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    role = forms.ChoiceField(
        label=_("Role (IATI)"),
        choices=partner_role_choices,
        help_text=_(
            "1 Funding: gives the money. 2 Accountable: answers for the project. "
            "3 Extending: passes funds on. 4 Implementing: does the work."
        ),
    )
    is_lead = forms.BooleanField(
        label=_("Lead organisation"),
        required=False,
        help_text=_("Only one partner leads; ticking this takes the mark from the current lead."),
    )
    funding_amount = forms.DecimalField(
        label=_("Funding amount (funders only)"),
        required=False,
        min_value=0,
        max_digits=16,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
    )
    currency = forms.ChoiceField(
        label=_("Currency"), choices=[("", "—"), *Currency.choices], required=False
    )

    def __init__(self, *args: Any, user: Any, current: Organisation | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        organisations = organisations_for_user(user)
        if current is not None:
            organisations = organisations | Organisation.objects.filter(pk=current.pk)
        record_field(self, "organisation").queryset = organisations.order_by("name")

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("funding_amount") is not None and not cleaned.get("currency"):
            self.add_error("currency", _("Give the currency of the amount."))
        return cleaned


class BudgetLineForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "count"}),
        help_text=_("Leave empty when the amount covers the whole project period."),
    )
    source_organisation = OrganisationChoiceField(
        label=_("Source organisation"), queryset=Organisation.objects.none(), required=False
    )
    source_kind = forms.ChoiceField(
        label=_("Or the kind of source"),
        choices=[("", "—"), *BudgetSource.choices],
        required=False,
    )
    amount = forms.DecimalField(
        label=_("Amount"),
        min_value=0,
        max_digits=16,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, user: Any, current: Organisation | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        organisations = organisations_for_user(user)
        if current is not None:
            organisations = organisations | Organisation.objects.filter(pk=current.pk)
        record_field(self, "source_organisation").queryset = organisations.order_by("name")

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if not cleaned.get("source_organisation") and not cleaned.get("source_kind"):
            self.add_error(
                "source_organisation",
                _("Name the organisation the money comes from, or its kind."),
            )
        return cleaned


class ProgrammeForm(forms.Form):
    """A programme a project can belong to, named in the manager's language (the other
    languages can be filled in later by whoever writes them)."""

    name = forms.CharField(label=_("Name"), max_length=300)
    organisation = OrganisationChoiceField(
        label=_("Organisation running it"), queryset=Organisation.objects.none()
    )
    start_year = forms.IntegerField(
        label=_("First year"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR
    )
    end_year = forms.IntegerField(
        label=_("Last year"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        record_field(self, "organisation").queryset = organisations_for_user(user).order_by("name")

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The last year cannot be before the first."))
        return cleaned
