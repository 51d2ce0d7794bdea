"""Headline numbers of each joint plan, kept up to date when its actions and contributions
are written (``communities.summary_services``), so place and project pages add up one row
per plan instead of scanning every action and contribution of a country; and the member
counts of each working group, kept when its seats are written, so they add up one row per
group instead of every member.

They hold no fact of their own: ``summary_services.plan_totals_rebuild()`` (and
``manage.py rebuild_summaries``) recomputes every plan's row from the raw records, and
``working_group_totals_rebuild()`` every group's."""

from __future__ import annotations

from django.db import models

from communities.models.cycle import WorkingGroup
from communities.models.plans import ContributionSource, JointPlan
from core.choices import Currency

# Wide enough for the sum of every contribution of a plan in one currency.
TOTAL_DIGITS = 20


class PlanTotals(models.Model):
    """Action counts of one joint plan and the US dollars it received. Cancelled actions are
    left out of the total: they will never be done. A plan without this row has neither an
    action nor a contribution."""

    plan = models.OneToOneField(
        JointPlan, on_delete=models.CASCADE, primary_key=True, related_name="totals"
    )
    actions_total = models.PositiveIntegerField(default=0)
    actions_done = models.PositiveIntegerField(default=0)
    # Every received contribution to the plan or to one of its actions, cancelled actions
    # included, in US dollars (``Contribution.amount_usd``): the headline co-financing
    # figure (``reports.selectors.headline_figures``) has always counted them. Null when no
    # received contribution is converted, as the sum of the contributions is.
    received_usd = models.DecimalField(max_digits=TOTAL_DIGITS, decimal_places=2, null=True)

    class Meta:
        # Not in the admin nor on any form: nobody reads the name.
        verbose_name_plural = "plan totals"

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.actions_done}/{self.actions_total}"


class PlanCofinancing(models.Model):
    """Co-financing of one joint plan for one source and currency: its contributions to the
    plan as a whole and to its actions that are not cancelled, as recorded and in US dollars
    (``Contribution.amount_usd``). A sum is null when no contribution is in that state, so
    adding rows gives the same figures as adding the contributions."""

    plan = models.ForeignKey(JointPlan, on_delete=models.CASCADE, related_name="cofinancing_totals")
    source_type = models.CharField(max_length=30, choices=ContributionSource.choices)
    currency = models.CharField(max_length=3, choices=Currency.choices)
    received = models.DecimalField(max_digits=TOTAL_DIGITS, decimal_places=2, null=True)
    pledged = models.DecimalField(max_digits=TOTAL_DIGITS, decimal_places=2, null=True)
    received_usd = models.DecimalField(max_digits=TOTAL_DIGITS, decimal_places=2, null=True)
    pledged_usd = models.DecimalField(max_digits=TOTAL_DIGITS, decimal_places=2, null=True)
    # Contributions with no rate for their currency and date (no ``amount_usd``).
    unconverted = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = "plan co-financing"
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "source_type", "currency"], name="plan_cofinancing_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.source_type} {self.currency}"


class WorkingGroupTotals(models.Model):
    """The current members of one working group: how many, how many women and men, and how
    many in each sector (``{sector: count}``, sectors with no member left out). A group
    without this row has no member.

    "Current" depends on the day (``Membership.objects.current()``: no leaving date, or one
    still ahead), so the row says which days it holds for: counted on ``counted_on``, it
    stays true until the first leaving date still ahead then (``valid_until``, null when no
    member has one). Readers recount the few groups whose row has run out
    (``communities.summary_selectors.working_group_summary``)."""

    working_group = models.OneToOneField(
        WorkingGroup, on_delete=models.CASCADE, primary_key=True, related_name="member_totals"
    )
    members = models.PositiveIntegerField(default=0)
    women = models.PositiveIntegerField(default=0)
    men = models.PositiveIntegerField(default=0)
    sectors = models.JSONField(default=dict)
    counted_on = models.DateField()
    valid_until = models.DateField(null=True)

    class Meta:
        # Not in the admin nor on any form: nobody reads the name.
        verbose_name_plural = "working group totals"

    def __str__(self) -> str:
        return f"{self.working_group_id}: {self.members}"
