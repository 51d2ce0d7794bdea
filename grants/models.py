"""Small-grant programmes: calls, applications, committee reviews, awards, tranches and
grantee reports."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.choices import Currency
from core.uploads import grant_application_attachment_path, grant_report_file_path
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
    # Programmes are announced with a number of grants ("12 projects", "25 small grants for
    # local governments") long before, or without ever, publishing the grantee list.
    announced_grant_count = models.PositiveSmallIntegerField(
        _("number of grants announced"),
        null=True,
        blank=True,
        help_text=_("As the programme states it, even when no grantee list is published."),
    )
    call_opens = models.DateField(_("call opens"), null=True, blank=True)
    call_closes = models.DateField(
        _("call closes"),
        null=True,
        blank=True,
        help_text=_("The last day applications are accepted, until midnight in Bishkek."),
    )
    eligibility = models.TextField(_("who is eligible"), blank=True)
    budget_ceiling = models.DecimalField(
        _("largest amount per application"), max_digits=16, decimal_places=2, null=True, blank=True
    )
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
            models.CheckConstraint(
                name="grant_programme_ceiling_positive",
                condition=Q(budget_ceiling__isnull=True) | Q(budget_ceiling__gt=0),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("grants:programme_detail", kwargs={"slug": self.slug})

    def get_call_url(self) -> str:
        return reverse("grants:call_detail", kwargs={"slug": self.slug})

    @property
    def call_deadline(self) -> dt.datetime | None:
        """The end of the closing day, in the portal's time zone."""
        if self.call_closes is None:
            return None
        day_after = self.call_closes + dt.timedelta(days=1)
        return timezone.make_aware(dt.datetime.combine(day_after, dt.time.min))

    def call_is_open(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        if self.call_opens and timezone.localdate(now) < self.call_opens:
            return False
        deadline = self.call_deadline
        return deadline is not None and now < deadline

    @property
    def eligible_grantee_types(self) -> list[str]:
        types: list[str] = []
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


class ApplicationQuerySet(models.QuerySet["Application"]):
    def before_committee(self) -> ApplicationQuerySet:
        """Entered by staff, or submitted online with a confirmed email address."""
        return self.filter(Q(submitted_online=False) | Q(email_confirmed_at__isnull=False))


# The committee's ranking key: an unscored application (NULL) counts as -1, below any score.
# Not NULLS LAST: SQLite (`make run`) cannot index it, and one expression serves the index and
# the ranking's ORDER BY (grants.ranking.RANKING_ORDER) on both databases.
RANKING_SCORE = Coalesce(
    models.F("score"),
    models.Value(Decimal("-1")),
    output_field=models.DecimalField(max_digits=5, decimal_places=2),
)


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
    # Online applications: the number the applicant quotes, who to write to, and whether
    # that address was confirmed (only confirmed applications reach the committee).
    reference = models.CharField(_("reference number"), max_length=40, blank=True)
    applicant_type = models.CharField(
        _("applicant type"), max_length=20, choices=GranteeType.choices, blank=True
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    submitted_online = models.BooleanField(_("submitted online"), default=False)
    email_confirmed_at = models.DateTimeField(_("email confirmed"), null=True, blank=True)
    # The committee's consolidated figures, kept by grants.services.application_scores_refresh
    # whenever a review or a criterion changes, so the ranking sorts on a column instead of
    # averaging every score of the programme on each view.
    score = models.DecimalField(
        _("Weighted score (0–100)"), max_digits=5, decimal_places=2, null=True, editable=False
    )
    criteria_scored = models.PositiveSmallIntegerField(default=0, editable=False)
    reviewer_count = models.PositiveSmallIntegerField(default=0, editable=False)

    # History: registered in grants/translation.py (core.history).
    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "-received_on", "id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [
            # The committee's ranking order (grants.ranking.RANKING_ORDER).
            models.Index(
                models.F("programme"),
                RANKING_SCORE.desc(),
                models.F("received_on"),
                models.F("id"),
                name="application_ranking",
            )
        ]
        constraints = [
            models.CheckConstraint(
                name="application_amount_not_negative",
                condition=Q(requested_amount__isnull=True) | Q(requested_amount__gte=0),
            ),
            models.UniqueConstraint(
                fields=["reference"],
                condition=~Q(reference=""),
                name="application_unique_reference",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.applicant}"

    def get_absolute_url(self) -> str:
        return reverse("staff:application_detail", kwargs={"pk": self.pk})


ATTACHMENT_SUFFIXES = (".pdf", ".docx", ".xlsx")


class ApplicationAttachment(models.Model):
    """A file sent with an application (proposal, budget, registration certificate). It is
    served only to the programme's committee and staff (config/media.py)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=grant_application_attachment_path)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["application", "id"]
        verbose_name = _("application attachment")
        verbose_name_plural = _("application attachments")

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        # /media/…, which config/media.py serves only to the committee.
        return self.file.url


class CommitteeAffiliation(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    NGO = "ngo", _("NGO")
    INDEPENDENT_EXPERT = "independent_expert", _("Independent expert")


class CommitteeMember(models.Model):
    """A seat on a programme's grant committee: who, and whom they represent."""

    programme = models.ForeignKey(
        GrantProgramme, on_delete=models.CASCADE, related_name="committee_members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="committee_seats"
    )
    affiliation = models.CharField(
        _("affiliation"), max_length=30, choices=CommitteeAffiliation.choices
    )
    represents = models.CharField(_("organisation represented"), max_length=300, blank=True)
    is_chair = models.BooleanField(_("chair"), default=False)
    # The demo seats stand-ins where the documents give the committee's make-up but no
    # names; the workspace labels them so nobody takes them for the real committee.
    is_illustrative = models.BooleanField(_("illustrative demo record"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "-is_chair", "user__username"]
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "user"], name="committee_member_unique_seat"
            ),
        ]

    def __str__(self) -> str:
        name = self.user.get_full_name() or self.user.get_username()
        return f"{name} ({self.get_affiliation_display()})"

    def get_absolute_url(self) -> str:
        return reverse("staff:committee_programme", kwargs={"pk": self.programme_id})


class DecisionOutcome(models.TextChoices):
    AWARD = "award", _("Award")
    RESERVE = "reserve", _("Reserve list")
    REJECT = "reject", _("Reject")


class CommitteeDecision(models.Model):
    """One line of the decision minutes: what the committee decided on an application,
    and why. It produces the letter to the applicant."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="decision"
    )
    outcome = models.CharField(_("decision"), max_length=20, choices=DecisionOutcome.choices)
    reason = models.TextField(_("reasons"))
    decided_on = models.DateField(_("decided on"), default=timezone.localdate)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="grant_decisions"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_on", "application"]
        verbose_name = _("committee decision")
        verbose_name_plural = _("committee decisions")
        constraints = [
            models.CheckConstraint(name="decision_has_reason", condition=~Q(reason="")),
        ]

    def __str__(self) -> str:
        return f"{self.application}: {self.get_outcome_display()}"

    def get_absolute_url(self) -> str:
        return reverse("staff:decision_letter", kwargs={"pk": self.application_id})


class Review(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="grant_reviews"
    )
    comment = models.TextField(_("comment"), blank=True)
    conflict_of_interest = models.BooleanField(_("declares a conflict of interest"), default=False)
    conflict_note = models.CharField(_("conflict details"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Set once every criterion is scored: from then on the member sees the others' scores.
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

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
