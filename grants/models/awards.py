"""Awards: grants, their tranches (disbursements) and the grantees' reports."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.choices import Currency
from core.reversing import reverse_one
from core.uploads import grant_report_file_path
from grants.models.calls import Application, GrantProgramme, public_programme_q
from projects.models import GranteeType


class GrantStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    SUSPENDED = "suspended", _("Suspended")
    TERMINATED = "terminated", _("Terminated")


class GrantQuerySet(models.QuerySet["Grant"]):
    def public(self) -> GrantQuerySet:
        return self.filter(public_programme_q("programme__"))


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
        # Reversed once per language: the directory and its tables link a page of grants.
        return reverse_one("grants:grant_detail", "pk", self.pk)


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
    # The report that must be approved before this tranche is paid (none for an advance).
    after_report = models.ForeignKey(
        "GrantReport",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="released_tranches",
        verbose_name=_("paid after report"),
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
    def overdue(self, today: dt.date | None = None) -> GrantReportQuerySet:
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
    file = models.FileField(_("report file"), upload_to=grant_report_file_path, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grant_reports_submitted",
    )
    review_note = models.TextField(_("reviewer's comments"), blank=True)

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
