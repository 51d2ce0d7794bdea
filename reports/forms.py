"""The report filter form: what a report is about and for which period."""

from __future__ import annotations

from collections.abc import Iterator
from html import escape
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.forms.utils import flatatt
from django.utils.choices import BaseChoiceIterator
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from communities.models import Community, District, Region
from core.cache import cached_fragment
from core.choices import Country
from core.forms import DateInput, RecordChoiceField, choice_field, record_field
from core.i18n import translated
from reports.access import report_organisation_ids, reportable_donors, reportable_projects
from reports.indicators.scope import IndicatorFilter


def _option(value: Any, label: Any, selected: bool = False) -> str:
    mark = " selected" if selected else ""
    return f'<option value="{escape(str(value))}"{mark}>{escape(str(label))}</option>'


class CachedOptions(BaseChoiceIterator):
    """Options read from the cache, with their HTML written once: Django normalises a plain
    list item by item on every form (thousands of options), an iterator it leaves alone."""

    def __init__(self, options: list[tuple[Any, Any]], html: str) -> None:
        self.options = options
        self.html = html

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        return iter(self.options)


class ListSelect(forms.Select):
    """A select written straight from its (value, label) list. The filter offers every
    community, district and reportable project (over a thousand options at scale): through
    Django's per-option templates that cost about half a second per page."""

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        selected = set(self.format_value(value))
        if isinstance(self.choices, CachedOptions):
            options = self.choices.html
            for chosen in selected:
                plain = _option(chosen, "")[: -len("></option>")] + ">"
                options = options.replace(plain, plain[:-1] + " selected>", 1)
        else:
            options = "".join(
                _option(option, label, str(option) in selected) for option, label in self.choices
            )
        return mark_safe(f"<select{flatatt(final_attrs)}>{options}</select>")  # noqa: S308 - escaped


# Choice fields whose options come from the database, cached as plain (pk, label) lists.
MODEL_CHOICE_FIELDS = ("project", "donor", "region", "district", "community")

# The columns each option's label (the record's ``__str__``) reads: every language's column
# of a translated field, which its translation descriptor picks from.
LABEL_COLUMNS: dict[str, list[str]] = {
    "project": translated("title"),
    "donor": [*translated("name"), "acronym"],
    "region": translated("name"),
    "district": translated("name"),
    "community": translated("name"),
}


def labelled_options(queryset: QuerySet, columns: list[str]) -> list[tuple[Any, str]]:
    """``(pk, str(record))`` for every record of ``queryset``, in its order, the label
    written by the model's own ``__str__`` and translation descriptors from the columns it
    reads, without building model instances: over a thousand options per uncached report
    page spent more time in ``Model.__init__`` and its pre_init/post_init signals than in
    the database."""
    model = queryset.model
    options = []
    # rewrite(False): the per-language columns as stored, for the descriptors to choose from.
    stored = queryset.rewrite(False)  # type: ignore[attr-defined]  # modeltranslation's QuerySet
    for values in stored.values("pk", *columns):
        record = object.__new__(model)
        record.__dict__.update((column, values[column]) for column in columns)
        options.append((values["pk"], str(record)))
    return options


class ReportFilterForm(forms.Form):
    project = RecordChoiceField(
        label=_("Project"),
        queryset=None,
        required=False,
        empty_label=_("All projects"),
        widget=ListSelect,
    )
    donor = RecordChoiceField(
        label=_("Donor"),
        queryset=None,
        required=False,
        empty_label=_("All donors"),
        widget=ListSelect,
    )
    country = forms.ChoiceField(
        label=_("Country"),
        choices=[("", _("All countries")), *Country.choices],
        required=False,
        widget=ListSelect,
    )
    region = RecordChoiceField(
        label=_("Region"),
        queryset=Region.objects.order_by("country", "code"),
        required=False,
        empty_label=_("All regions"),
        widget=ListSelect,
    )
    district = RecordChoiceField(
        label=_("District"),
        queryset=District.objects.select_related(None).order_by("name"),
        required=False,
        empty_label=_("All districts"),
        widget=ListSelect,
    )
    community = RecordChoiceField(
        label=_("Community"),
        queryset=Community.objects.order_by("name"),
        required=False,
        empty_label=_("All communities"),
        widget=ListSelect,
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput)

    def __init__(self, *args: Any, user: Any, require_subject: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.user = user
        self.require_subject = require_subject
        record_field(self, "project").queryset = reportable_projects(user).order_by("title")
        record_field(self, "donor").queryset = reportable_donors(user).order_by("name")

    def load_choices(self) -> None:
        """Show the options from the cache. Called only when the form is rendered (the
        views keep the rendered form too); validation still goes through each field's
        queryset."""
        for name, (options, html) in self._cached_choices().items():
            choice_field(self, name).choices = CachedOptions(options, html)

    def _cached_choices(self) -> dict[str, tuple[list[tuple[Any, str]], str]]:
        """Options and their HTML per content version, language and the user's
        organisations (projects and donors depend on them; a scope's list is never shown to
        another)."""
        scope = ",".join(str(pk) for pk in report_organisation_ids(self.user))

        def build() -> dict[str, tuple[list[tuple[Any, str]], str]]:
            choices = {}
            for name in MODEL_CHOICE_FIELDS:
                field = record_field(self, name)
                options = [("", str(field.empty_label))]
                if field.queryset is not None:
                    options += labelled_options(field.queryset, LABEL_COLUMNS[name])
                choices[name] = (options, "".join(_option(v, label) for v, label in options))
            return choices

        return cached_fragment(f"report-filter-choices-v2:{scope}", build)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
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
