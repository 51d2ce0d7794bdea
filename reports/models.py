"""What donors are promised and what the programmes themselves report.

Most figures are computed from records (``reports.indicators``). This app stores only what
records cannot give:

- ``SourceDocument``: the public documents reported figures and demo records come from.
- ``ReportedFigure``: a headline figure a document states (245,000 people covered), kept apart
  from counted figures and always with its source.
- ``Result`` → ``ResultIndicator`` → ``IndicatorPeriod``: a project's results framework, with a
  baseline, and a target and an actual per reporting period (draft → approved).

Unknown is never stored as 0: every figure and breakdown part is nullable.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext

from core.choices import Currency
from projects.models import Project

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class SourceDocumentQuerySet(models.QuerySet["SourceDocument"]):
    def for_project(self, project: Project) -> SourceDocumentQuerySet:
        return self.filter(projects=project)


class SourceDocument(models.Model):
    """A public document (press release, project page, newsletter) the portal's figures cite."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    # Blank when the document is known only from a copy; the page then names it without a link.
    url = models.URLField(_("address on the web"), max_length=500, blank=True)
    projects = models.ManyToManyField(
        Project, blank=True, related_name="source_documents", verbose_name=_("projects")
    )

    objects = SourceDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["published_on", "slug"]
        verbose_name = _("source document")
        verbose_name_plural = _("source documents")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.url or f"{reverse('reports:sources')}#source-{self.slug}"


class FigureKind(models.TextChoices):
    PEOPLE_COVERED = "people_covered", _("People covered")
    MUNICIPALITIES = "municipalities", _("Municipalities")
    COMMUNITIES = "communities", _("Communities")
    REGIONS = "regions", _("Regions")
    LOCAL_BUDGET = "local_budget", _("Co-financing from local budgets")
    GRANTS = "grants", _("Small grants")
    OTHER = "other", _("Other")


# A kind's caption as it reads after the figure's number, counted: Russian declines the noun by
# the number («12 муниципалитетов», «3 региона»), Kyrgyz and Tajik keep it singular after a
# numeral («12 муниципалитет», «12 мунисипалитет»). The kind's own name (FigureKind) is a
# heading in the plural; lowered after the number it read «12 муниципалитеты».
COUNTED_KIND_CAPTIONS: dict[str, tuple[str, str]] = {
    "people_covered": ("person covered", "people covered"),
    "municipalities": ("municipality", "municipalities"),
    "communities": ("community", "communities"),
    "regions": ("region", "regions"),
    "grants": ("small grant", "small grants"),
}


class Qualifier(models.TextChoices):
    EXACT = "exact", _("exactly")
    MORE_THAN = "more_than", _("more than")
    ABOUT = "about", _("about")


class ReportedFigureQuerySet(models.QuerySet["ReportedFigure"]):
    def public(self) -> ReportedFigureQuerySet:
        return self.filter(project__in=Project.objects.public().values("pk"))


class ReportedFigure(models.Model):
    """A figure a programme document reports, not one the portal counted from records."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="reported_figures")
    kind = models.CharField(_("figure"), max_length=30, choices=FigureKind.choices)
    label = models.CharField(
        _("label"), max_length=200, blank=True, help_text=_("Only for the kind “Other”.")
    )
    qualifier = models.CharField(
        _("qualifier"), max_length=20, choices=Qualifier.choices, default=Qualifier.EXACT
    )
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    source_document = models.ForeignKey(
        SourceDocument,
        on_delete=models.PROTECT,
        related_name="reported_figures",
        verbose_name=_("source document"),
    )
    source_location = models.CharField(
        _("page or section"), max_length=200, blank=True, help_text=_("Where in the document.")
    )
    quote = models.TextField(_("words of the document"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)
    position = models.PositiveSmallIntegerField(default=0)

    objects = ReportedFigureQuerySet.as_manager()

    class Meta:
        ordering = ["project", "position", "pk"]
        verbose_name = _("reported figure")
        verbose_name_plural = _("reported figures")
        constraints = [
            models.CheckConstraint(
                name="reported_figure_value_not_negative", condition=Q(value__gte=0)
            ),
            models.CheckConstraint(
                name="reported_figure_money_has_currency",
                condition=~Q(kind="local_budget") | ~Q(currency=""),
            ),
            models.CheckConstraint(
                name="reported_figure_other_has_label",
                condition=~Q(kind="other") | ~Q(label=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.display_label} {self.value}"

    def get_absolute_url(self) -> str:
        return f"{self.project.get_absolute_url()}#reported-figures"

    @property
    def display_label(self) -> str:
        return self.label if self.kind == FigureKind.OTHER else str(self.get_kind_display())

    @property
    def counted_label(self) -> str:
        """The caption after the figure's value: its own label (written to follow it), or
        its kind counted by the value in the page's language («12 муниципалитетов»); a kind
        that is an amount of money keeps its name, lowered."""
        if self.kind == FigureKind.OTHER:
            return self.label
        forms = COUNTED_KIND_CAPTIONS.get(self.kind)
        if forms is None:
            return str(self.get_kind_display()).lower()
        value = self.value
        # A fractional value («2,5») takes the form Russian gives a fraction, the one of 2.
        count = int(value) if value == value.to_integral_value() else 2
        return npgettext("after a number", forms[0], forms[1], count)


class ResultKind(models.TextChoices):
    OUTCOME = "outcome", _("Outcome")
    OUTPUT = "output", _("Output")
    IMPACT = "impact", _("Impact")


class Result(models.Model):
    """A change a project promises (an outcome or output), measured by its indicators."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="results")
    kind = models.CharField(
        _("type"), max_length=20, choices=ResultKind.choices, default=ResultKind.OUTCOME
    )
    title = models.CharField(_("title"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["project", "position", "pk"]
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{self.project.get_absolute_url()}#results"


class IndicatorUnit(models.TextChoices):
    COUNT = "count", _("Number")
    PEOPLE = "people", _("People")
    PERCENT = "percent", _("Percent")
    MONEY = "money", _("Money")


class ResultIndicator(models.Model):
    """How a result is measured: a catalogue indicator computed from records, or a custom one
    whose actuals staff report from documents."""

    result = models.ForeignKey(Result, on_delete=models.PROTECT, related_name="indicators")
    catalogue_code = models.CharField(
        _("catalogue indicator"),
        max_length=60,
        blank=True,
        help_text=_("Leave empty for an indicator staff report themselves."),
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    unit = models.CharField(
        _("unit"), max_length=20, choices=IndicatorUnit.choices, default=IndicatorUnit.COUNT
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["result", "position", "pk"]
        verbose_name = _("result indicator")
        verbose_name_plural = _("result indicators")
        constraints = [
            models.CheckConstraint(
                name="result_indicator_catalogue_or_title",
                condition=~Q(catalogue_code="") | ~Q(title=""),
            ),
            models.CheckConstraint(
                name="result_indicator_baseline_has_year",
                condition=Q(baseline_value__isnull=True) | Q(baseline_year__isnull=False),
            ),
            models.CheckConstraint(
                name="result_indicator_money_has_currency",
                condition=~Q(unit="money") | ~Q(currency=""),
            ),
        ]

    def __str__(self) -> str:
        return self.display_title

    def get_absolute_url(self) -> str:
        return reverse("staff:result_indicator_detail", args=[self.pk])

    @property
    def is_computed(self) -> bool:
        return bool(self.catalogue_code)

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        # Imported here: the catalogue imports every domain app's models, which this module
        # must not load while the app registry is still being populated.
        from reports.indicators.catalogue import INDICATORS_BY_CODE

        indicator = INDICATORS_BY_CODE.get(self.catalogue_code)
        return str(indicator.name) if indicator else self.catalogue_code

    def clean(self) -> None:
        if self.catalogue_code:
            from reports.indicators.catalogue import INDICATORS_BY_CODE

            if self.catalogue_code not in INDICATORS_BY_CODE:
                raise ValidationError(
                    {"catalogue_code": _("There is no catalogue indicator with this code.")}
                )
        elif not self.title:
            raise ValidationError({"title": _("A custom indicator needs a title.")})
        if self.baseline_value is not None and self.baseline_year is None:
            raise ValidationError({"baseline_year": _("Give the year of the baseline.")})
        if self.unit == IndicatorUnit.MONEY and not self.currency:
            raise ValidationError({"currency": _("Give the currency of a money indicator.")})


class PeriodStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class IndicatorPeriodQuerySet(models.QuerySet["IndicatorPeriod"]):
    def approved(self) -> IndicatorPeriodQuerySet:
        return self.filter(status=PeriodStatus.APPROVED)


# Breakdown fields of an actual: by sex and by age band. Each part is nullable: empty means
# "not known", which is not the same as 0.
SEX_PARTS = ("actual_women", "actual_men", "actual_sex_unknown")
AGE_PARTS = ("actual_under_30", "actual_30_plus", "actual_age_unknown")


def _count(label: StrOrPromise) -> models.PositiveIntegerField:
    return models.PositiveIntegerField(label, null=True, blank=True)


class IndicatorPeriod(models.Model):
    """One reporting period of an indicator: its target and actual, with breakdowns and the
    evidence for the actual."""

    indicator = models.ForeignKey(ResultIndicator, on_delete=models.PROTECT, related_name="periods")
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    target_value = models.DecimalField(
        _("target"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    actual_value = models.DecimalField(
        _("actual"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    actual_women = _count(_("women"))
    actual_men = _count(_("men"))
    actual_sex_unknown = _count(_("sex not known"))
    actual_under_30 = _count(_("under 30"))
    actual_30_plus = _count(_("30 and over"))
    actual_age_unknown = _count(_("age not known"))
    status = models.CharField(
        _("status"), max_length=20, choices=PeriodStatus.choices, default=PeriodStatus.DRAFT
    )
    source_document = models.ForeignKey(
        SourceDocument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicator_periods",
        verbose_name=_("source document"),
    )
    source_location = models.CharField(_("page or section"), max_length=200, blank=True)
    evidence_note = models.TextField(_("evidence"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    objects = IndicatorPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "period_start"]
        verbose_name = _("indicator period")
        verbose_name_plural = _("indicator periods")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start"], name="indicator_period_unique_start"
            ),
            models.CheckConstraint(
                name="indicator_period_end_after_start",
                condition=Q(period_end__gte=F("period_start")),
            ),
            models.CheckConstraint(
                name="indicator_period_approved_has_approver",
                condition=~Q(status="approved") | Q(approved_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.period_start} – {self.period_end}"

    def get_absolute_url(self) -> str:
        return reverse("staff:indicator_period_update", args=[self.pk])

    @property
    def is_approved(self) -> bool:
        return self.status == PeriodStatus.APPROVED

    @property
    def progress_percent(self) -> Decimal | None:
        if self.actual_value is None or not self.target_value:
            return None
        return (self.actual_value * 100 / self.target_value).quantize(Decimal("1"))

    def clean(self) -> None:
        errors: dict[str, StrOrPromise] = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The period cannot end before it starts.")
        for parts in (SEX_PARTS, AGE_PARTS):
            values = [getattr(self, name) for name in parts]
            known = [value for value in values if value is not None]
            if not known or self.actual_value is None:
                continue
            if sum(known) > self.actual_value:
                errors[parts[0]] = _("The breakdown adds up to more than the actual.")
            elif None not in values and sum(known) != self.actual_value:
                errors[parts[0]] = _(
                    "The breakdown must add up to the actual; leave a part empty if it is "
                    "not known."
                )
        if errors:
            raise ValidationError(errors)
