"""Joint prevention plans, their actions and the contributions that co-finance them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from communities.models.cycle import IdentifiedProblem, WorkingGroup
from communities.models.places import Community
from core.choices import Currency
from core.uploads import contribution_document_path


def _cut_at_word(text: str, limit: int) -> str:
    """``text`` within ``limit`` characters, cut after a whole word and ended with «…»."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if " " in head and not text[limit - 1].isspace():
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,;:(–-") + "…"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    IN_IMPLEMENTATION = "in_implementation", _("In implementation")
    # A closed plan: its cycle is over and its review (achieved, not achieved, lessons) is recorded.
    COMPLETED = "completed", _("Completed")


class JointPlanQuerySet(models.QuerySet["JointPlan"]):
    def approved(self) -> JointPlanQuerySet:
        return self.exclude(status=PlanStatus.DRAFT)


class JointPlan(models.Model):
    community = models.ForeignKey(Community, on_delete=models.PROTECT, related_name="plans")
    working_group = models.ForeignKey(WorkingGroup, on_delete=models.PROTECT, related_name="plans")
    title = models.CharField(_("title"), max_length=300)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    approved_by = models.CharField(
        _("approving body"), max_length=300, blank=True, help_text=_("e.g. the local council")
    )
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    approval_date = models.DateField(_("approval date"), null=True, blank=True)
    presented_on = models.DateField(_("public presentation date"), null=True, blank=True)
    # Each revision of an approved plan bumps the version; the earlier text stays in
    # PlanRevision snapshots.
    version = models.PositiveSmallIntegerField(_("version"), default=1, db_default=1)
    # The review that closes the cycle.
    closed_on = models.DateField(_("closing date"), null=True, blank=True)
    review_achieved = models.TextField(_("what was achieved"), blank=True)
    review_not_achieved = models.TextField(_("what was not achieved"), blank=True)
    review_lessons = models.TextField(_("lessons learned"), blank=True)
    open_actions_reason = models.TextField(_("why the plan closes with open actions"), blank=True)
    is_illustrative = models.BooleanField(_("illustrative demo record"), default=False)
    source_note = models.TextField(_("source"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # History: registered in communities/translation.py (core.history).
    objects = JointPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "title"]
        verbose_name = _("joint prevention plan")
        verbose_name_plural = _("joint prevention plans")
        constraints = [
            models.CheckConstraint(
                name="joint_plan_period_order",
                condition=Q(period_end__gte=models.F("period_start")),
            ),
            models.CheckConstraint(
                name="joint_plan_approved_has_date",
                condition=Q(status="draft") | Q(approval_date__isnull=False),
            ),
            models.CheckConstraint(
                name="joint_plan_completed_has_closing_date",
                condition=~Q(status="completed") | Q(closed_on__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("staff:plan_detail", kwargs={"pk": self.pk})


class PlanRevision(models.Model):
    """One earlier version of a joint plan, kept when the plan is revised: what it said and
    who had approved it, frozen as it was."""

    plan = models.ForeignKey(JointPlan, on_delete=models.PROTECT, related_name="revisions")
    version = models.PositiveSmallIntegerField(_("version"))
    reason = models.TextField(_("reason for the revision"))
    snapshot = models.JSONField(_("plan as it was"), default=dict)
    revised_on = models.DateField(_("revision date"))
    revised_by = models.ForeignKey(
        "auth.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "-version"]
        verbose_name = _("plan revision")
        verbose_name_plural = _("plan revisions")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "version"], name="plan_revision_unique_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} — v{self.version}"

    def get_absolute_url(self) -> str:
        return self.plan.get_absolute_url()


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DELAYED = "delayed", _("Delayed")
    CANCELLED = "cancelled", _("Cancelled")


class PlanAction(models.Model):
    plan = models.ForeignKey(JointPlan, on_delete=models.PROTECT, related_name="actions")
    problems = models.ManyToManyField(IdentifiedProblem, blank=True, related_name="actions")
    description = models.TextField(_("description"))
    responsible_organisation = models.ForeignKey(
        "projects.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responsible_actions",
    )
    partners = models.ManyToManyField(
        "projects.Organisation", blank=True, related_name="partner_actions"
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    completed_on = models.DateField(_("completion date"), null=True, blank=True)
    result_note = models.TextField(_("result"), blank=True)
    planned_activities = models.TextField(
        _("planned activities"), blank=True, help_text=_("One activity a line.")
    )
    position = models.PositiveSmallIntegerField(default=0)

    # History: registered in communities/translation.py (core.history).

    class Meta:
        ordering = ["plan", "position", "id"]
        verbose_name = _("plan action")
        verbose_name_plural = _("plan actions")
        indexes = [
            models.Index(fields=["status", "due_date"], name="plan_action_status_due"),
            # The staff "due soon" list: open actions in due-date order.
            models.Index(
                fields=["due_date", "id"],
                name="planaction_open_due_idx",
                condition=~Q(status__in=["done", "cancelled"]),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                name="plan_action_due_after_start",
                condition=Q(due_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(due_date__gte=models.F("start_date")),
            ),
            models.CheckConstraint(
                name="plan_action_done_has_completion_date",
                condition=~Q(status="done") | Q(completed_on__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        # Shown in lists and dropdowns: a whole-word cut with an ellipsis, so a reader sees
        # the action is cut short rather than reading «(Illu» as the end of it.
        return _cut_at_word(self.description, 80)

    def get_absolute_url(self) -> str:
        return self.plan.get_absolute_url()

    @property
    def planned_activity_lines(self) -> list[str]:
        return [line.strip() for line in self.planned_activities.splitlines() if line.strip()]

    @property
    def is_open(self) -> bool:
        return self.status not in (ActionStatus.DONE, ActionStatus.CANCELLED)

    @property
    def done_on_time(self) -> bool:
        return (
            self.status == ActionStatus.DONE
            and self.completed_on is not None
            and (self.due_date is None or self.completed_on <= self.due_date)
        )


class PlanActionUpdate(models.Model):
    """One progress update of a plan action (its status and completion date as reported),
    by whom and when. An update sent from a phone's outbox carries the key made there, so
    sending it again never applies it a second time over a later change."""

    action = models.ForeignKey(PlanAction, on_delete=models.PROTECT, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="plan_action_updates"
    )
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices)
    completed_on = models.DateField(_("completion date"), null=True, blank=True)
    client_key = models.UUIDField(
        _("outbox key"), null=True, blank=True, unique=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["action", "-created_at", "-id"]
        verbose_name = _("plan action update")
        verbose_name_plural = _("plan action updates")
        constraints = [
            models.CheckConstraint(
                name="plan_action_update_done_has_completion_date",
                condition=~Q(status="done") | Q(completed_on__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action} → {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return self.action.get_absolute_url()


class ContributionSource(models.TextChoices):
    LOCAL_BUDGET = "local_budget", _("Local budget")
    NATIONAL_BUDGET = "national_budget", _("National budget")
    BUSINESS = "business", _("Business")
    DONOR = "donor", _("International organisation or donor")
    RESIDENTS_CASH = "residents_cash", _("Residents (cash)")
    RESIDENTS_IN_KIND = "residents_in_kind", _("Residents (in-kind labour)")


class ContributionState(models.TextChoices):
    PLEDGED = "pledged", _("Pledged")
    RECEIVED = "received", _("Received")


class ContributionKind(models.TextChoices):
    CASH = "cash", _("Cash")
    IN_KIND = "in_kind", _("In kind")


class Contribution(models.Model):
    """Co-financing for one plan action, a joint plan as a whole ("more than 14 million soms
    from local budgets") or a whole project: exactly one of the three is set.

    A pledge records ``amount`` and ``date``; when the money or goods arrive the pledge
    becomes received: ``amount`` and ``date`` then hold what arrived and when, and the pledge
    stays in ``pledged_amount`` and ``pledged_on``, so reports sum ``amount`` by state."""

    action = models.ForeignKey(
        PlanAction,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
    )
    plan = models.ForeignKey(
        JointPlan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_contributions",
    )
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
    )
    source_type = models.CharField(_("source"), max_length=30, choices=ContributionSource.choices)
    contributor = models.ForeignKey(
        "projects.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
    )
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    state = models.CharField(
        _("pledged or received"),
        max_length=10,
        choices=ContributionState.choices,
        default=ContributionState.PLEDGED,
    )
    kind = models.CharField(
        _("cash or in kind"),
        max_length=10,
        choices=ContributionKind.choices,
        default=ContributionKind.CASH,
        db_default=ContributionKind.CASH,
    )
    date = models.DateField(_("date"))
    pledged_amount = models.DecimalField(
        _("amount pledged"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    pledged_on = models.DateField(_("pledge date"), null=True, blank=True)
    document = models.FileField(
        _("document"), upload_to=contribution_document_path, blank=True, max_length=200
    )
    document_name = models.CharField(_("file name"), max_length=255, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    # The amount in US dollars at the rate in force on its date, and that rate, written on
    # every save and when a rate changes (communities.contribution_services): totals add a
    # column instead of converting every contribution per request. Null while no rate is
    # known for the currency on that date.
    amount_usd = models.DecimalField(
        _("amount in US dollars"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
    )
    rate_used = models.DecimalField(
        _("rate to US dollars used"),
        max_digits=18,
        decimal_places=8,
        null=True,
        blank=True,
        editable=False,
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        indexes = [models.Index(fields=["source_type", "state"], name="contribution_source")]
        constraints = [
            models.CheckConstraint(name="contribution_amount_positive", condition=Q(amount__gt=0)),
            models.CheckConstraint(
                name="contribution_one_target",
                condition=Q(action__isnull=False, plan__isnull=True, project__isnull=True)
                | Q(action__isnull=True, plan__isnull=False, project__isnull=True)
                | Q(action__isnull=True, plan__isnull=True, project__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency} ({self.get_source_type_display()})"

    def get_absolute_url(self) -> str:
        if self.action is not None:
            return reverse("staff:plan_detail", kwargs={"pk": self.action.plan_id})
        if self.plan_id:
            return reverse("staff:plan_detail", kwargs={"pk": self.plan_id})
        # The check constraint ties a contribution to exactly one of action, plan, project.
        assert self.project is not None
        return reverse("staff:project_detail", kwargs={"slug": self.project.slug})

    @property
    def is_received(self) -> bool:
        return self.state == ContributionState.RECEIVED

    @property
    def above_pledge(self) -> bool:
        """Received more than was pledged: shown as a flag wherever the sum appears."""
        return (
            self.is_received
            and self.pledged_amount is not None
            and self.amount > self.pledged_amount
        )
