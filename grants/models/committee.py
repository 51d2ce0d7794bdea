"""The grant committee: its members, their reviews and scores, and its decisions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from grants.models.calls import Application, GrantProgramme, ScoringCriterion


class CommitteeAffiliation(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    NGO = "ngo", _("NGO")
    INDEPENDENT_EXPERT = "independent_expert", _("Independent expert")


# The affiliations' labels (lazy, translated when shown) by value, for CommitteeMember.__str__.
_AFFILIATION_LABELS = dict(CommitteeAffiliation.choices)


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
        # What get_affiliation_display() gives (the stored value when it is no choice),
        # without rebuilding the field's choices on every call: a committee's pages list
        # every member, and that cost about 80 µs a member.
        return f"{name} ({_AFFILIATION_LABELS.get(self.affiliation, self.affiliation)})"

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
