"""Small-grant programmes: calls, applications, committee reviews, awards, tranches and
grantee reports."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.choices import Currency
from projects.models import GranteeType


class GrantProgrammeQuerySet(models.QuerySet["GrantProgramme"]):
    def public(self) -> GrantProgrammeQuerySet:
        return self.filter(is_public=True)


class GrantProgramme(models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    funders = models.ManyToManyField(
        "projects.Organisation", blank=True, related_name="funded_programmes"
    )
    managing_organisation = models.ForeignKey(
        "projects.Organisation", on_delete=models.PROTECT, related_name="managed_programmes"
    )
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grant_programmes",
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    envelope = models.DecimalField(
        _("total envelope"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    accepts_civil_society = models.BooleanField(_("civil society may apply"), default=True)
    accepts_local_government = models.BooleanField(_("local governments may apply"), default=False)
    call_opens = models.DateField(_("call opens"), null=True, blank=True)
    call_closes = models.DateField(_("call closes"), null=True, blank=True)
    is_public = models.BooleanField(_("public"), default=False)
    source_note = models.TextField(_("source"), blank=True)

    # History: registered in grants/translation.py (core.history).
    objects = GrantProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("grant programme")
        verbose_name_plural = _("grant programmes")
        constraints = [
            models.CheckConstraint(
                name="grant_programme_call_order",
                condition=Q(call_closes__isnull=True)
                | Q(call_opens__isnull=True)
                | Q(call_closes__gte=models.F("call_opens")),
            ),
            models.CheckConstraint(
                name="grant_programme_envelope_not_negative",
                condition=Q(envelope__isnull=True) | Q(envelope__gte=0),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("grants:programme_detail", kwargs={"slug": self.slug})

    @property
    def eligible_grantee_types(self) -> list[str]:
        types = []
        if self.accepts_civil_society:
            types.append(GranteeType.CIVIL_SOCIETY)
        if self.accepts_local_government:
            types.append(GranteeType.LOCAL_GOVERNMENT)
        return types


class ScoringCriterion(models.Model):
    programme = models.ForeignKey(GrantProgramme, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=200)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=Decimal("1"))
    max_score = models.PositiveSmallIntegerField(_("maximum score"), default=10)
    position = models.PositiveSmallIntegerField(default=0)

    # History: registered in grants/translation.py (core.history).

    class Meta:
        ordering = ["programme", "position", "id"]
        verbose_name = _("scoring criterion")
        verbose_name_plural = _("scoring criteria")
        constraints = [
            models.CheckConstraint(name="criterion_weight_positive", condition=Q(weight__gt=0)),
            models.CheckConstraint(name="criterion_max_positive", condition=Q(max_score__gt=0)),
        ]

    def __str__(self) -> str:
        return f"{self.name} (×{self.weight}, /{self.max_score})"

    def get_absolute_url(self) -> str:
        return self.programme.get_absolute_url()


class ApplicationStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Ineligible")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    AWARDED = "awarded", _("Awarded")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Application(models.Model):
    programme = models.ForeignKey(
        GrantProgramme, on_delete=models.PROTECT, related_name="applications"
    )
    applicant = models.ForeignKey(
        "projects.Organisation", on_delete=models.PROTECT, related_name="grant_applications"
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    communities = models.ManyToManyField(
        "communities.Community", blank=True, related_name="grant_applications"
    )
    requested_amount = models.DecimalField(
        _("requested amount"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    received_on = models.DateField(_("date received"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.RECEIVED,
    )

    # History: registered in grants/translation.py (core.history).

    class Meta:
        ordering = ["programme", "-received_on", "id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.CheckConstraint(
                name="application_amount_not_negative",
                condition=Q(requested_amount__isnull=True) | Q(requested_amount__gte=0),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.applicant}"

    def get_absolute_url(self) -> str:
        return reverse("admin:grants_application_change", args=[self.pk])


class Review(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="grant_reviews"
    )
    comment = models.TextField(_("comment"), blank=True)
    conflict_of_interest = models.BooleanField(_("declares a conflict of interest"), default=False)
    conflict_note = models.CharField(_("conflict details"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "reviewer"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="review_unique_reviewer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.application}"

    def get_absolute_url(self) -> str:
        return reverse("admin:grants_review_change", args=[self.pk])


class ReviewScore(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(ScoringCriterion, on_delete=models.PROTECT, related_name="scores")
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "criterion"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="score_unique_criterion"),
            models.CheckConstraint(name="score_not_negative", condition=Q(score__gte=0)),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.name}: {self.score}"

    def get_absolute_url(self) -> str:
        return self.review.get_absolute_url()


class GrantStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    SUSPENDED = "suspended", _("Suspended")
    TERMINATED = "terminated", _("Terminated")


class GrantQuerySet(models.QuerySet["Grant"]):
    def public(self) -> GrantQuerySet:
        return self.filter(programme__is_public=True)


class Grant(models.Model):
    programme = models.ForeignKey(GrantProgramme, on_delete=models.PROTECT, related_name="grants")
    grantee = models.ForeignKey(
        "projects.Organisation", on_delete=models.PROTECT, related_name="grants_received"
    )
    grantee_type = models.CharField(_("grantee type"), max_length=20, choices=GranteeType.choices)
    application = models.OneToOneField(
        Application, on_delete=models.SET_NULL, null=True, blank=True, related_name="grant"
    )
    reference = models.CharField(_("grant ID"), max_length=60)
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    region = models.ForeignKey(
        "communities.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants",
    )
    district = models.ForeignKey(
        "communities.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants",
    )
    communities = models.ManyToManyField("communities.Community", blank=True, related_name="grants")
    # Seeds often name a grant without its amount; an unknown amount stays empty, not zero.
    amount = models.DecimalField(
        _("amount awarded"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=GrantStatus.choices, default=GrantStatus.ACTIVE
    )
    source_note = models.TextField(_("source"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    # History: registered in grants/translation.py (core.history).
    objects = GrantQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "reference"]
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        permissions = [
            ("import_grant", "Can import grants"),
            ("export_grant", "Can export grants"),
        ]
        indexes = [
            models.Index(fields=["programme", "status"], name="grant_programme_status"),
            models.Index(fields=["start_date"], name="grant_start"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "reference"], name="grant_unique_reference_in_programme"
            ),
            models.CheckConstraint(
                name="grant_end_after_start",
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
            ),
            models.CheckConstraint(
                name="grant_amount_not_negative",
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} — {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("grants:grant_detail", kwargs={"pk": self.pk})


class Disbursement(models.Model):
    grant = models.ForeignKey(Grant, on_delete=models.PROTECT, related_name="disbursements")
    tranche = models.PositiveSmallIntegerField(_("tranche"), default=1)
    planned_date = models.DateField(_("planned date"), null=True, blank=True)
    planned_amount = models.DecimalField(
        _("planned amount"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    paid_date = models.DateField(_("paid date"), null=True, blank=True)
    paid_amount = models.DecimalField(
        _("paid amount"), max_digits=16, decimal_places=2, null=True, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["grant", "tranche"]
        verbose_name = _("disbursement")
        verbose_name_plural = _("disbursements")
        indexes = [models.Index(fields=["paid_date"], name="disbursement_paid_date")]
        constraints = [
            models.UniqueConstraint(
                fields=["grant", "tranche"], name="disbursement_unique_tranche"
            ),
            models.CheckConstraint(
                name="disbursement_paid_has_date",
                condition=Q(paid_amount__isnull=True, paid_date__isnull=True)
                | Q(paid_amount__isnull=False, paid_date__isnull=False),
            ),
            models.CheckConstraint(
                name="disbursement_amounts_positive",
                condition=(Q(paid_amount__isnull=True) | Q(paid_amount__gt=0))
                & (Q(planned_amount__isnull=True) | Q(planned_amount__gt=0)),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grant.reference} #{self.tranche}"

    def get_absolute_url(self) -> str:
        return self.grant.get_absolute_url()


class ReportKind(models.TextChoices):
    NARRATIVE = "narrative", _("Narrative")
    FINANCIAL = "financial", _("Financial")
    FINAL = "final", _("Final")


class ReportStatus(models.TextChoices):
    DUE = "due", _("Due")
    RECEIVED = "received", _("Received")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned for changes")


class GrantReportQuerySet(models.QuerySet["GrantReport"]):
    def overdue(self, today=None) -> GrantReportQuerySet:  # type: ignore[no-untyped-def]
        day = today or timezone.localdate()
        return self.filter(received_on__isnull=True, due_date__lt=day)


class GrantReport(models.Model):
    grant = models.ForeignKey(Grant, on_delete=models.PROTECT, related_name="reports")
    kind = models.CharField(_("type"), max_length=20, choices=ReportKind.choices)
    due_date = models.DateField(_("due date"))
    received_on = models.DateField(_("received on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DUE
    )
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()
    objects = GrantReportQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("grant report")
        verbose_name_plural = _("grant reports")
        indexes = [
            models.Index(
                fields=["due_date"],
                name="grant_report_outstanding",
                condition=Q(received_on__isnull=True),
            )
        ]
        constraints = [
            models.CheckConstraint(
                name="grant_report_received_has_date",
                condition=Q(status="due") | Q(received_on__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grant.reference}: {self.get_kind_display()} ({self.due_date:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return self.grant.get_absolute_url()


class ImportUpload(models.Model):
    """A spreadsheet held between the import preview and its confirmation.

    It lives in the database, not on one worker's disk or in a per-process cache, so the
    preview may run on one server and the confirmation on another."""

    name = models.CharField(max_length=64, unique=True)
    content = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("uploaded spreadsheet")
        verbose_name_plural = _("uploaded spreadsheets")

    def __str__(self) -> str:
        return f"{self.name} ({self.created_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self) -> str:
        return reverse("admin:grants_grant_import")
