"""Calls for proposals: programmes, their scoring criteria, applications and attachments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.choices import Currency
from core.reversing import reverse_one
from core.uploads import grant_application_attachment_path
from projects.models import GranteeType


def public_programme_q(prefix: str = "") -> Q:
    """The one definition of a public grant programme; its grants, places and funders reach
    public pages, search, open data and IATI only through it. ``prefix`` is the lookup path
    to the programme, e.g. ``"grant__programme__"`` from a tranche."""
    return Q(**{f"{prefix}is_public": True})


class GrantProgrammeQuerySet(models.QuerySet["GrantProgramme"]):
    def public(self) -> GrantProgrammeQuerySet:
        return self.filter(public_programme_q())


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
        # Reversed once per language: the directory links every public programme.
        return reverse_one("grants:programme_detail", "slug", self.slug)

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
    # Place in the programme's ranking (1 = best) and the requested amounts added up down to
    # this place, kept by grants.ranking.ranking_refresh after every write that can move an
    # application, so a ranking page reads 25 rows by key instead of numbering them all.
    # NULL: not competing (withdrawn, ineligible, or an unconfirmed online application).
    ranking_position = models.PositiveIntegerField(null=True, editable=False)
    ranking_cumulative = models.DecimalField(
        max_digits=18, decimal_places=2, null=True, editable=False
    )

    # History: registered in grants/translation.py (core.history).
    objects = ApplicationQuerySet.as_manager()
    # The programme the row was read with (from_db); not a field.
    loaded_programme_id: int | None = None

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
            ),
            # A ranking page: WHERE programme = ? AND ranking_position BETWEEN ? AND ?.
            models.Index(
                fields=["programme", "ranking_position"], name="application_ranking_place"
            ),
            # An applicant's own list (grants.call_views.applicant_applications): the
            # confirmed applications sent from the addresses their browser confirmed, found
            # by address rather than by reading every application of every programme.
            models.Index(
                fields=["contact_email"],
                condition=Q(email_confirmed_at__isnull=False),
                name="application_confirmed_email",
            ),
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

    @classmethod
    def from_db(cls, db: str | None, field_names: Any, values: Any, **kwargs: Any) -> Application:
        instance = super().from_db(db, field_names, values, **kwargs)
        # The programme it was read with: moved to another, it leaves a gap in the old
        # programme's stored ranking, which grants/receivers.py then refreshes.
        instance.loaded_programme_id = instance.__dict__.get("programme_id")
        return instance


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
