"""The plan summaries (``PlanTotals``, ``PlanCofinancing``) kept up to date on write.

Place and project pages add up their action counts and co-financing by source; the home
page's headline co-financing adds up ``PlanTotals.received_usd`` (every received dollar to a
plan or its actions, cancelled ones included), one row per plan instead of every
contribution.

``plan_totals_refresh(plan_ids=…)`` recomputes the summaries of a few plans from their
actions and contributions. It runs inside the writing transaction:

- every save or delete of a plan action or a contribution calls it for the plan the row
  belongs to, and for the plan it belonged to before when the row moved (``post_save`` /
  ``post_delete`` receivers, so the staff forms, the offline sync, the admin and the imports
  all go through it, as the US-dollar conversion in ``contribution_services`` does);
- a changed exchange rate re-converts contributions with ``QuerySet.update()``:
  ``contribution_amounts_refresh`` then rebuilds every summary;
- bulk loads (the benchmark generator's COPY, fixtures loaded raw) call
  ``plan_totals_rebuild()``, as does ``manage.py rebuild_summaries``.

The working groups' member counts (``WorkingGroupTotals``) follow the same pattern:
``working_group_totals_refresh(group_ids=…)`` after every save or delete of a seat,
``working_group_totals_rebuild()`` after bulk loads.

It also refills the news sort keys on the activity-community links
(``activity_place_keys_rebuild``), which triggers keep on write.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, F, Min, Q, Sum
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone

from communities.models import (
    ActionStatus,
    Contribution,
    ContributionState,
    JointPlan,
    Membership,
    PlanAction,
    PlanCofinancing,
    PlanTotals,
    WorkingGroup,
    WorkingGroupTotals,
)

# Plans recomputed per round trip by the full rebuild: a few thousand keeps each grouped
# query and each INSERT small.
REBUILD_CHUNK = 2_000

_PREVIOUS_PLAN = "_summary_previous_plan_id"
_PREVIOUS_GROUP = "_summary_previous_group_id"


def _plan_totals_rows(plan_ids: list[int]) -> list[PlanTotals]:
    counts = (
        PlanAction.objects.filter(plan_id__in=plan_ids)
        .order_by()
        .values("plan_id")
        .annotate(
            total=Count("pk", filter=~Q(status=ActionStatus.CANCELLED)),
            done=Count("pk", filter=Q(status=ActionStatus.DONE)),
        )
    )
    rows = {
        row["plan_id"]: PlanTotals(
            plan_id=row["plan_id"], actions_total=row["total"], actions_done=row["done"]
        )
        for row in counts
    }
    # Received dollars to the plan and to every one of its actions, whatever their status;
    # two grouped queries, each through its own foreign-key index (see below).
    received = Contribution.objects.filter(state=ContributionState.RECEIVED)
    parts = [
        received.filter(plan_id__in=plan_ids).annotate(target_plan=F("plan_id")),
        received.filter(action__plan_id__in=plan_ids).annotate(target_plan=F("action__plan_id")),
    ]
    for part in parts:
        for group in part.order_by().values("target_plan").annotate(usd=Sum("amount_usd")):
            row = rows.setdefault(group["target_plan"], PlanTotals(plan_id=group["target_plan"]))
            row.received_usd = _add(row.received_usd, group["usd"])
    return list(rows.values())


def _add(first: Decimal | None, second: Decimal | None) -> Decimal | None:
    # Null stays null only when both are: a sum over no contribution in that state.
    if first is None:
        return second
    return first if second is None else first + second


def _plan_cofinancing_rows(plan_ids: list[int]) -> list[PlanCofinancing]:
    received = Q(state=ContributionState.RECEIVED)
    pledged = Q(state=ContributionState.PLEDGED)
    live = [status for status in ActionStatus.values if status != ActionStatus.CANCELLED]
    # Money for single actions and for plans as a whole, never counted twice (a contribution
    # has one target); contributions to cancelled actions are left out, as their actions are.
    # Two grouped queries, each through its own foreign-key index: ORing the two targets
    # made PostgreSQL read every contribution (190 ms for one plan at scale 10).
    parts = [
        Contribution.objects.filter(plan_id__in=plan_ids).annotate(target_plan=F("plan_id")),
        Contribution.objects.filter(action__plan_id__in=plan_ids, action__status__in=live).annotate(
            target_plan=F("action__plan_id")
        ),
    ]
    rows: dict[tuple[int, str, str], PlanCofinancing] = {}
    for part in parts:
        grouped = (
            part.order_by()
            .values("target_plan", "source_type", "currency")
            .annotate(
                received=Sum("amount", filter=received),
                pledged=Sum("amount", filter=pledged),
                received_usd=Sum("amount_usd", filter=received),
                pledged_usd=Sum("amount_usd", filter=pledged),
                unconverted=Count("pk", filter=Q(amount_usd__isnull=True)),
            )
        )
        for group in grouped:
            key = (group["target_plan"], group["source_type"], group["currency"])
            row = rows.setdefault(
                key, PlanCofinancing(plan_id=key[0], source_type=key[1], currency=key[2])
            )
            row.received = _add(row.received, group["received"])
            row.pledged = _add(row.pledged, group["pledged"])
            row.received_usd = _add(row.received_usd, group["received_usd"])
            row.pledged_usd = _add(row.pledged_usd, group["pledged_usd"])
            row.unconverted += group["unconverted"]
    return list(rows.values())


@transaction.atomic
def plan_totals_refresh(*, plan_ids: Iterable[int | None]) -> None:
    """Recompute the summaries of ``plan_ids`` (``None`` entries are skipped) from their
    actions and contributions."""
    wanted = sorted({pk for pk in plan_ids if pk is not None})
    if not wanted:
        return
    # The plans' rows are locked so two writers to one plan recompute one after the other:
    # otherwise both could delete, then both insert the rows each computed.
    list(JointPlan.objects.select_for_update().filter(pk__in=wanted).order_by("pk").values("pk"))
    PlanTotals.objects.filter(plan_id__in=wanted).delete()
    PlanCofinancing.objects.filter(plan_id__in=wanted).delete()
    PlanTotals.objects.bulk_create(_plan_totals_rows(wanted))
    PlanCofinancing.objects.bulk_create(_plan_cofinancing_rows(wanted))


@transaction.atomic
def plan_totals_rebuild() -> int:
    """Every plan's summaries from scratch (after bulk loads). Returns the number of plans."""
    PlanTotals.objects.all().delete()
    PlanCofinancing.objects.all().delete()
    plan_ids = list(JointPlan.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(plan_ids), REBUILD_CHUNK):
        chunk = plan_ids[start : start + REBUILD_CHUNK]
        PlanTotals.objects.bulk_create(_plan_totals_rows(chunk), batch_size=REBUILD_CHUNK)
        PlanCofinancing.objects.bulk_create(_plan_cofinancing_rows(chunk), batch_size=REBUILD_CHUNK)
    return len(plan_ids)


# --- Working groups' members ------------------------------------------------------------------


def working_group_totals_rows(group_ids: Iterable[int]) -> list[WorkingGroupTotals]:
    """The member counts of ``group_ids`` as of today, computed from their seats (groups with
    no current member get no row). Also what a reader recounts for a row that ran out."""
    today = timezone.localdate()
    seats = (
        Membership.objects.current(on=today)
        .filter(working_group_id__in=list(group_ids))
        .order_by()
        .values("working_group_id", "sector")
        .annotate(
            total=Count("pk"),
            women=Count("pk", filter=Q(sex="female")),
            men=Count("pk", filter=Q(sex="male")),
            # The first leaving date still ahead: the row holds until then.
            leaving=Min("left_on"),
        )
    )
    rows: dict[int, WorkingGroupTotals] = {}
    for seat in seats:
        row = rows.get(seat["working_group_id"])
        if row is None:
            row = rows[seat["working_group_id"]] = WorkingGroupTotals(
                working_group_id=seat["working_group_id"], sectors={}, counted_on=today
            )
        row.members += seat["total"]
        row.women += seat["women"]
        row.men += seat["men"]
        row.sectors[seat["sector"]] = seat["total"]
        if seat["leaving"] is not None and (
            row.valid_until is None or seat["leaving"] < row.valid_until
        ):
            row.valid_until = seat["leaving"]
    return list(rows.values())


@transaction.atomic
def working_group_totals_refresh(*, group_ids: Iterable[int | None]) -> None:
    """Recompute the member counts of ``group_ids`` (``None`` entries are skipped)."""
    wanted = sorted({pk for pk in group_ids if pk is not None})
    if not wanted:
        return
    # Locked as plan_totals_refresh locks its plans: two writers to one group's seats
    # recompute one after the other.
    list(WorkingGroup.objects.select_for_update().filter(pk__in=wanted).order_by("pk").values("pk"))
    WorkingGroupTotals.objects.filter(working_group_id__in=wanted).delete()
    WorkingGroupTotals.objects.bulk_create(working_group_totals_rows(wanted))


@transaction.atomic
def working_group_totals_rebuild() -> int:
    """Every group's member counts from scratch (after bulk loads, and to renew rows whose
    leaving dates have passed). Returns the number of groups."""
    WorkingGroupTotals.objects.all().delete()
    group_ids = list(WorkingGroup.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(group_ids), REBUILD_CHUNK):
        chunk = group_ids[start : start + REBUILD_CHUNK]
        WorkingGroupTotals.objects.bulk_create(
            working_group_totals_rows(chunk), batch_size=REBUILD_CHUNK
        )
    return len(group_ids)


# --- A place's news: the sort keys on the activity-community links ------------------------------

# Each link of an activity to a community carries its activity's date, publication time and
# whether it is public news, for the newest news of a place (news_selectors.newest_news_in).
# Triggers keep them on every write (communities migration 0019); this is their refill, the
# migration's UPDATE limited to the links that differ, for sessions that wrote with triggers
# off.
_ACTIVITY_PLACE_KEYS_REFILL = """
    UPDATE projects_activity_communities AS link
       SET activity_date = activity.date,
           activity_published_at = activity.published_at,
           is_public_news = (activity.status = 'published' AND NOT activity.is_illustrative
                             AND project.is_public AND NOT project.is_archived)
      FROM projects_activity AS activity
      JOIN projects_project AS project ON project.id = activity.project_id
     WHERE activity.id = link.activity_id
       AND (link.activity_date IS DISTINCT FROM activity.date
            OR link.activity_published_at IS DISTINCT FROM activity.published_at
            OR link.is_public_news IS DISTINCT FROM
               (activity.status = 'published' AND NOT activity.is_illustrative
                AND project.is_public AND NOT project.is_archived))
"""


def activity_place_keys_rebuild() -> int:
    """Refill every link's copy of its activity's sort key and public-ness after writes that
    skipped the triggers (the benchmark generator's COPY in replica mode). Rewrites only the
    links that differ; returns how many. Nothing to do off PostgreSQL, which has no copy."""
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(_ACTIVITY_PLACE_KEYS_REFILL)
        return int(cursor.rowcount)


# --- Receivers ---------------------------------------------------------------------------------


def _contribution_plan(contribution: Contribution) -> int | None:
    if contribution.plan_id is not None:
        return int(contribution.plan_id)
    if contribution.action_id is not None:
        return (
            PlanAction.objects.filter(pk=contribution.action_id)
            .values_list("plan_id", flat=True)
            .first()
        )
    return None


def _remember_contribution(sender: Any, instance: Contribution, **kwargs: Any) -> None:
    if kwargs.get("raw") or instance._state.adding or instance.pk is None:
        return
    stored = (
        Contribution.objects.filter(pk=instance.pk)
        .annotate(target_plan=Coalesce("plan_id", F("action__plan_id")))
        .values_list("target_plan", flat=True)
        .first()
    )
    setattr(instance, _PREVIOUS_PLAN, stored)


def _contribution_written(sender: Any, instance: Contribution, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    plan_totals_refresh(
        plan_ids=[_contribution_plan(instance), getattr(instance, _PREVIOUS_PLAN, None)]
    )


def _remember_action(sender: Any, instance: PlanAction, **kwargs: Any) -> None:
    if kwargs.get("raw") or instance._state.adding or instance.pk is None:
        return
    stored = PlanAction.objects.filter(pk=instance.pk).values_list("plan_id", flat=True).first()
    setattr(instance, _PREVIOUS_PLAN, stored)


def _action_written(sender: Any, instance: PlanAction, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    plan_totals_refresh(plan_ids=[instance.plan_id, getattr(instance, _PREVIOUS_PLAN, None)])


def _remember_seat(sender: Any, instance: Membership, **kwargs: Any) -> None:
    if kwargs.get("raw") or instance._state.adding or instance.pk is None:
        return
    stored = (
        Membership.objects.filter(pk=instance.pk).values_list("working_group_id", flat=True).first()
    )
    setattr(instance, _PREVIOUS_GROUP, stored)


def _seat_written(sender: Any, instance: Membership, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    working_group_totals_refresh(
        group_ids=[instance.working_group_id, getattr(instance, _PREVIOUS_GROUP, None)]
    )


def connect() -> None:
    """Called from CommunitiesConfig.ready()."""
    pre_save.connect(_remember_contribution, sender=Contribution, dispatch_uid="summary-c-pre")
    post_save.connect(_contribution_written, sender=Contribution, dispatch_uid="summary-c-save")
    post_delete.connect(_contribution_written, sender=Contribution, dispatch_uid="summary-c-del")
    pre_save.connect(_remember_action, sender=PlanAction, dispatch_uid="summary-a-pre")
    post_save.connect(_action_written, sender=PlanAction, dispatch_uid="summary-a-save")
    post_delete.connect(_action_written, sender=PlanAction, dispatch_uid="summary-a-del")
    pre_save.connect(_remember_seat, sender=Membership, dispatch_uid="summary-m-pre")
    post_save.connect(_seat_written, sender=Membership, dispatch_uid="summary-m-save")
    post_delete.connect(_seat_written, sender=Membership, dispatch_uid="summary-m-del")
