"""Who does the work: organisations, projects and their partners, money, and the staff
roles that scope what each user may touch. Target communities and the activity log sit one
layer up, in communities (see docs/architecture.md)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.choices import Currency
from core.partial_dates import MAX_YEAR, MIN_YEAR, DatePrecision, partial_date_format
from core.reversing import reverse_one
from projects.iati_identifiers import validate_iati_organisation_identifier


class OrganisationKind(models.TextChoices):
    INTERNATIONAL_NGO = "international_ngo", _("International NGO")
    UN_AGENCY = "un_agency", _("UN agency")
    DONOR_AGENCY = "donor_agency", _("Donor government agency")
    LOCAL_NGO = "local_ngo", _("Local public foundation, association or institution")
    LOCAL_GOVERNMENT = "local_government", _("Local self-government body")
    STATE_BODY = "state_body", _("State body")
    BUSINESS = "business", _("Business")
    SCHOOL = "school", _("School")
    OTHER = "other", _("Other")


class LegalForm(models.TextChoices):
    """Legal forms of organisations in Kyrgyzstan and Tajikistan. How grantee lists spell
    each one (in four languages and as abbreviations) is in projects/data/legal_forms.json."""

    PUBLIC_FOUNDATION = "public_foundation", _("Public foundation")
    PUBLIC_ASSOCIATION = "public_association", _("Public association")
    ASSOCIATION_OF_LEGAL_ENTITIES = (
        "association_of_legal_entities",
        _("Association of legal entities"),
    )
    INSTITUTION = "institution", _("Institution")
    STATE_INSTITUTION = "state_institution", _("State or municipal institution")
    LIMITED_LIABILITY_COMPANY = "limited_liability_company", _("Limited liability company")
    JOINT_STOCK_COMPANY = "joint_stock_company", _("Joint-stock company")
    COOPERATIVE = "cooperative", _("Cooperative")
    INDIVIDUAL_ENTREPRENEUR = "individual_entrepreneur", _("Individual entrepreneur")
    AYIL_OKMOTU = "ayil_okmotu", _("Ayil okmotu (ayil aimak government)")
    JAMOAT = "jamoat", _("Jamoat")
    CITY_MUNICIPALITY = "city_municipality", _("Mayor's office")
    LOCAL_COUNCIL = "local_council", _("Local council (kenesh)")
    TERRITORIAL_SELF_GOVERNMENT = (
        "territorial_self_government",
        _("Territorial public self-government"),
    )
    INITIATIVE_GROUP = "initiative_group", _("Initiative group")
    RELIGIOUS_ORGANISATION = "religious_organisation", _("Religious organisation")


class GranteeType(models.TextChoices):
    CIVIL_SOCIETY = "civil_society", _("Civil society organisation")
    LOCAL_GOVERNMENT = "local_government", _("Local government")


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def active(self) -> OrganisationQuerySet:
        return self.filter(is_archived=False)


class Organisation(models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=300)
    if TYPE_CHECKING:
        # A column modeltranslation adds at run time (projects/translation.py).
        name_en: str
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(_("type"), max_length=30, choices=OrganisationKind.choices)
    # Separate from the type: real grantee lists give «ОФ», «Учреждение» or «айыл өкмөтү»
    # where a type is asked for, and the legal form says more than the type does.
    legal_form = models.CharField(
        _("legal form"), max_length=40, choices=LegalForm.choices, blank=True
    )
    country = models.CharField(_("country"), max_length=2, blank=True, help_text=_("ISO code"))
    website = models.URLField(_("website"), blank=True)
    # Empty when no real identifier is known: IATI files then leave the ref out rather than
    # publish a made-up one.
    iati_identifier = models.CharField(
        _("IATI organisation identifier"),
        max_length=100,
        blank=True,
        validators=[validate_iati_organisation_identifier],
        help_text=_("Registration agency code and number, e.g. GB-CHC-1234567 or XM-DAC-41128."),
    )
    iati_identifier_source = models.CharField(
        _("source of the IATI identifier"),
        max_length=300,
        blank=True,
        help_text=_("Where the identifier was checked, e.g. the registry or codelist."),
    )
    # Lower-cased name without quotes or legal-form prefixes, so imports match «ОФ "Ыйман"»
    # to "Yiman Public Foundation" entered earlier.
    match_key = models.CharField(max_length=300, blank=True, db_index=True, editable=False)
    is_archived = models.BooleanField(_("archived"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # History: registered in projects/translation.py (core.history), after modeltranslation.
    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["iati_identifier"],
                condition=~Q(iati_identifier=""),
                name="organisation_iati_identifier_unique",
            ),
        ]
        permissions = [
            ("import_organisation", "Can import organisations"),
            ("export_organisation", "Can export organisations"),
        ]

    def __str__(self) -> str:
        # An acronym that is the name itself («ACTED») is not repeated after it.
        if self.acronym and self.acronym.casefold() != self.name.casefold():
            return f"{self.name} ({self.acronym})"
        return self.name

    def get_absolute_url(self) -> str:
        return reverse_one("projects:organisation_detail", "slug", self.slug)

    @property
    def grantee_type(self) -> str:
        if self.kind == OrganisationKind.LOCAL_GOVERNMENT:
            return GranteeType.LOCAL_GOVERNMENT
        return GranteeType.CIVIL_SOCIETY


class Theme(models.Model):
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("projects:project_list") + f"?theme={self.slug}"


class ProgrammeQuerySet(models.QuerySet["Programme"]):
    def active(self) -> ProgrammeQuerySet:
        return self.filter(is_archived=False)


class Programme(models.Model):
    """A donor's or agency's programme that several projects serve, e.g. the UNODC
    Regional Programme for Central Asia 2015-2019. A project belongs to at most one."""

    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=300)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="programmes",
        verbose_name=_("organisation running it"),
    )
    start_year = models.PositiveSmallIntegerField(_("first year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    source_note = models.TextField(_("source"), blank=True)
    is_archived = models.BooleanField(_("archived"), default=False)

    # History: registered in projects/translation.py (core.history), after modeltranslation.
    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(
                name="programme_end_year_after_start",
                condition=Q(end_year__isnull=True)
                | Q(start_year__isnull=True)
                | Q(end_year__gte=models.F("start_year")),
            ),
            models.CheckConstraint(
                name="programme_years_in_range",
                condition=(
                    Q(start_year__isnull=True)
                    | Q(start_year__gte=MIN_YEAR, start_year__lte=MAX_YEAR)
                )
                & (Q(end_year__isnull=True) | Q(end_year__gte=MIN_YEAR, end_year__lte=MAX_YEAR)),
            ),
        ]

    def __str__(self) -> str:
        if self.start_year and self.end_year:
            return f"{self.name} ({self.start_year}–{self.end_year})"
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("projects:project_list") + f"?programme={self.slug}"


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


def public_project_q(prefix: str = "") -> Q:
    """The one definition of a public project: marked public and not archived. Only these
    (and what hangs off them) reach public pages, feeds, search and open data. ``prefix``
    is the lookup path to the project, e.g. ``"project__"`` from a partnership."""
    return Q(**{f"{prefix}is_public": True, f"{prefix}is_archived": False})


class ProjectQuerySet(models.QuerySet["Project"]):
    def public(self) -> ProjectQuerySet:
        return self.filter(public_project_q())

    def for_organisations(self, organisation_ids: list[int]) -> ProjectQuerySet:
        return self.filter(partnerships__organisation_id__in=organisation_ids).distinct()


class Project(models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.ACTIVE
    )
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("programme"),
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    # How precisely the planned dates are known: "2016" is stored as 1 January 2016 with
    # precision "year" and shown as 2016. Actual dates are always exact days.
    start_precision = models.CharField(
        _("start known to"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    end_precision = models.CharField(
        _("end known to"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    budget = models.DecimalField(
        _("budget"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="projects")
    is_public = models.BooleanField(_("public"), default=False)
    is_featured = models.BooleanField(_("featured on the home page"), default=False)
    is_archived = models.BooleanField(_("archived"), default=False)
    cover_image = models.ImageField(_("cover image"), upload_to="projects/covers/", blank=True)
    source_note = models.TextField(
        _("source"), blank=True, help_text=_("Where the figures on this record come from.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # History: registered in projects/translation.py (core.history), after modeltranslation.
    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-planned_start", "title"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                name="project_planned_end_after_start",
                condition=Q(planned_end__isnull=True)
                | Q(planned_start__isnull=True)
                | Q(planned_end__gte=models.F("planned_start")),
            ),
            models.CheckConstraint(
                name="project_actual_end_after_start",
                condition=Q(actual_end__isnull=True)
                | Q(actual_start__isnull=True)
                | Q(actual_end__gte=models.F("actual_start")),
            ),
            models.CheckConstraint(
                name="project_budget_not_negative",
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
            ),
            models.CheckConstraint(
                name="project_budget_has_currency",
                condition=Q(budget__isnull=True) | ~Q(currency=""),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse_one("projects:project_detail", "slug", self.slug)

    @property
    def is_shown_publicly(self) -> bool:
        """``public_project_q()`` for a project already loaded: keep the two in step."""
        return self.is_public and not self.is_archived

    @property
    def start(self) -> dt.date | None:
        return self.actual_start or self.planned_start

    @property
    def end(self) -> dt.date | None:
        return self.actual_end or self.planned_end

    @property
    def start_known_to(self) -> str:
        """Precision of ``start``: actual dates are exact days, planned ones as entered."""
        return DatePrecision.DAY if self.actual_start else self.start_precision

    @property
    def end_known_to(self) -> str:
        return DatePrecision.DAY if self.actual_end else self.end_precision

    @property
    def start_display(self) -> str:
        """The start as precisely as it is known, in the active language."""
        return partial_date_format(self.start, self.start_known_to)

    @property
    def end_display(self) -> str:
        """The end as precisely as it is known, as it reads after the start and a dash."""
        return partial_date_format(self.end, self.end_known_to, inside=True)


class PartnerRole(models.TextChoices):
    # IATI organisation role codes 1-4.
    FUNDING = "funding", _("Funding")
    ACCOUNTABLE = "accountable", _("Accountable")
    EXTENDING = "extending", _("Extending")
    IMPLEMENTING = "implementing", _("Implementing")


# IATI OrganisationRole codelist: the code each role is published under.
PARTNER_ROLE_IATI_CODES: dict[str, str] = {
    PartnerRole.FUNDING: "1",
    PartnerRole.ACCOUNTABLE: "2",
    PartnerRole.EXTENDING: "3",
    PartnerRole.IMPLEMENTING: "4",
}


class Partnership(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partnerships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="partnerships"
    )
    role = models.CharField(_("role"), max_length=20, choices=PartnerRole.choices)
    funding_amount = models.DecimalField(
        _("funding amount"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)
    # The organisation that leads the project (FHI 360 in Active Communities, with ACTED
    # and FVLWB as partners). At most one per project.
    is_lead = models.BooleanField(_("lead organisation"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "-is_lead", "role", "organisation__name"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation", "role"], name="partnership_unique_role"
            ),
            models.CheckConstraint(
                name="partnership_funding_not_negative",
                condition=Q(funding_amount__isnull=True) | Q(funding_amount__gte=0),
            ),
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(is_lead=True),
                name="partnership_one_lead_per_project",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.get_role_display()} — {self.project}"

    def get_absolute_url(self) -> str:
        return self.project.get_absolute_url()

    @property
    def iati_role_code(self) -> str:
        return PARTNER_ROLE_IATI_CODES.get(self.role, "")


class BudgetSource(models.TextChoices):
    """Where money comes from when no single organisation is named."""

    DONOR = "donor", _("Donor grant")
    OWN_FUNDS = "own_funds", _("Own funds of the implementers")
    STATE_BUDGET = "state_budget", _("State budget")
    LOCAL_BUDGET = "local_budget", _("Local budget")
    PRIVATE = "private", _("Business")
    COMMUNITY = "community", _("Residents")
    OTHER = "other", _("Other")


class ProjectBudgetLine(models.Model):
    """Part of a project's budget: one year (or the whole period, when the documents give
    no breakdown by year) from one source, in one currency."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budget_lines")
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        help_text=_("Leave empty when the amount covers the whole project period."),
    )
    source_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("source organisation"),
    )
    source_kind = models.CharField(
        _("kind of source"), max_length=20, choices=BudgetSource.choices, blank=True
    )
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["project", F("year").asc(nulls_first=True), "currency", "pk"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.CheckConstraint(
                name="budget_line_amount_not_negative", condition=Q(amount__gte=0)
            ),
            models.CheckConstraint(
                name="budget_line_has_source",
                condition=Q(source_organisation__isnull=False) | ~Q(source_kind=""),
            ),
            models.CheckConstraint(
                name="budget_line_year_in_range",
                condition=Q(year__isnull=True) | Q(year__gte=MIN_YEAR, year__lte=MAX_YEAR),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year or '—'} · {self.source_label} · {self.amount} {self.currency}"

    def get_absolute_url(self) -> str:
        return self.project.get_absolute_url()

    @property
    def source_label(self) -> str:
        if self.source_organisation_id:
            return str(self.source_organisation)
        return str(self.get_source_kind_display())


class ExchangeRate(models.Model):
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    date = models.DateField(_("date"))
    rate_to_usd = models.DecimalField(_("US dollars per unit"), max_digits=18, decimal_places=8)
    source_note = models.CharField(_("source"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["currency", "-date"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(fields=["currency", "date"], name="exchange_rate_unique_day"),
            models.CheckConstraint(name="exchange_rate_positive", condition=Q(rate_to_usd__gt=0)),
        ]

    def __str__(self) -> str:
        return f"1 {self.currency} = {self.rate_to_usd} USD ({self.date})"

    def get_absolute_url(self) -> str:
        return reverse("admin:projects_exchangerate_change", args=[self.pk])


class StaffRole(models.TextChoices):
    ORG_ADMIN = "org_admin", _("Organisation administrator")
    PROGRAMME_MANAGER = "programme_manager", _("Programme manager")
    FIELD_OFFICER = "field_officer", _("Field officer")
    VIEWER = "viewer", _("Viewer")


# Roles that may change records; viewers only read.
WRITE_ROLES = (StaffRole.ORG_ADMIN, StaffRole.PROGRAMME_MANAGER, StaffRole.FIELD_OFFICER)
# Roles that may publish or return what field officers submit.
REVIEW_ROLES = (StaffRole.ORG_ADMIN, StaffRole.PROGRAMME_MANAGER)
# Roles that may create projects and change their setup (partners, budget, places).
MANAGE_ROLES = (StaffRole.ORG_ADMIN, StaffRole.PROGRAMME_MANAGER)


class StaffMembership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="staff_memberships"
    )
    role = models.CharField(_("role"), max_length=30, choices=StaffRole.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "user"]
        verbose_name = _("staff membership")
        verbose_name_plural = _("staff memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="staff_membership_unique_user_org"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation} ({self.get_role_display()})"

    def get_absolute_url(self) -> str:
        return reverse("admin:projects_staffmembership_change", args=[self.pk])
