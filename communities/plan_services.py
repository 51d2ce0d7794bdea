"""Writes for a joint plan, from draft through approval and revisions to its closing review,
with its actions and the co-financing pledged and received.

Each function is keyword-only, atomic, re-checks the acting user's rights through the access
helpers and calls ``full_clean()`` before saving, so a refused write leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from communities.access import (
    can_write_working_group,
)
from communities.location import forget_locations_of_sensitive_work
from communities.models import (
    ActionStatus,
    Community,
    Contribution,
    ContributionKind,
    ContributionState,
    IdentifiedProblem,
    JointPlan,
    PlanAction,
    PlanRevision,
    PlanStatus,
    WorkingGroup,
)
from communities.staff_selectors import plan_problems
from core.i18n import shown_text_set
from projects.access import (
    can_write_project,
    organisations_for_user,
)
from projects.models import Organisation, Project

# --- Joint plans ---------------------------------------------------------------------------


def _check_plan_write(user: Any, plan: JointPlan) -> None:
    if not can_write_working_group(user, plan.working_group):
        raise PermissionDenied


def _check_plan_community(group: WorkingGroup, community: Community) -> None:
    covered = set(group.communities.values_list("pk", flat=True)) | {group.community_id}
    if community.pk not in covered:
        raise ValidationError({"community": _("Choose a community this working group covers.")})


@transaction.atomic
def plan_create(
    *,
    user: Any,
    working_group: WorkingGroup,
    community: Community,
    title: str,
    period_start: dt.date,
    period_end: dt.date,
) -> JointPlan:
    if not can_write_working_group(user, working_group):
        raise PermissionDenied
    _check_plan_community(working_group, community)
    plan = JointPlan(
        working_group=working_group,
        community=community,
        title=title.strip(),
        period_start=period_start,
        period_end=period_end,
        status=PlanStatus.DRAFT,
    )
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def plan_update(
    *,
    user: Any,
    plan: JointPlan,
    community: Community,
    title: str,
    period_start: dt.date,
    period_end: dt.date,
) -> JointPlan:
    """Edit a draft. An approved plan changes only through a revision, which keeps the
    version that was approved."""
    plan = JointPlan.objects.select_for_update().select_related("working_group").get(pk=plan.pk)
    _check_plan_write(user, plan)
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(_("An approved plan is changed by a revision, not edited."))
    _check_plan_community(plan.working_group, community)
    plan.community = community
    shown_text_set(plan, "title", title)
    plan.period_start = period_start
    plan.period_end = period_end
    plan.full_clean()
    plan.save()
    return plan


def _require_approval(approved_by: str, decision_number: str, approval_date: Any) -> None:
    errors: dict[str, str] = {}
    if not (approved_by or "").strip():
        errors["approved_by"] = _("Name the body that approved the plan.")
    if not (decision_number or "").strip():
        errors["decision_number"] = _("Give the number of the approval decision.")
    if approval_date is None:
        errors["approval_date"] = _("Give the date of the approval decision.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def plan_approve(
    *,
    user: Any,
    plan: JointPlan,
    approved_by: str,
    decision_number: str,
    approval_date: dt.date,
) -> JointPlan:
    plan = JointPlan.objects.select_for_update().select_related("working_group").get(pk=plan.pk)
    _check_plan_write(user, plan)
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(_("Only a draft plan can be approved."))
    _require_approval(approved_by, decision_number, approval_date)
    if approval_date > timezone.localdate():
        raise ValidationError({"approval_date": _("The approval date is in the future.")})
    plan.approved_by = approved_by.strip()
    plan.decision_number = decision_number.strip()
    plan.approval_date = approval_date
    plan.status = PlanStatus.APPROVED
    plan.full_clean()
    plan.save()
    return plan


def plan_snapshot(plan: JointPlan) -> dict[str, Any]:
    """The plan as it stands, in plain values, for a revision record."""
    return {
        "title": plan.title,
        "community": str(plan.community),
        "period_start": plan.period_start.isoformat(),
        "period_end": plan.period_end.isoformat(),
        "status": plan.status,
        "approved_by": plan.approved_by,
        "decision_number": plan.decision_number,
        "approval_date": plan.approval_date.isoformat() if plan.approval_date else None,
        "actions": [
            {
                "description": action.description,
                "status": action.status,
                "due_date": action.due_date.isoformat() if action.due_date else None,
                "responsible": str(action.responsible_organisation or ""),
            }
            for action in plan.actions.select_related("responsible_organisation").order_by(
                "position", "pk"
            )
        ],
    }


@transaction.atomic
def plan_revise(
    *,
    user: Any,
    plan: JointPlan,
    reason: str,
    title: str,
    period_start: dt.date,
    period_end: dt.date,
    approved_by: str,
    decision_number: str,
    approval_date: dt.date,
) -> JointPlan:
    """Revise an approved plan: the version in force is kept as a PlanRevision, and the
    revised plan carries the decision that approved the revision."""
    plan = (
        JointPlan.objects.select_for_update()
        .select_related("working_group", "community")
        .get(pk=plan.pk)
    )
    _check_plan_write(user, plan)
    if plan.status in (PlanStatus.DRAFT, PlanStatus.COMPLETED):
        raise ValidationError(_("Only an approved plan in force can be revised."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the plan is revised.")})
    _require_approval(approved_by, decision_number, approval_date)
    PlanRevision.objects.create(
        plan=plan,
        version=plan.version,
        reason=reason.strip(),
        snapshot=plan_snapshot(plan),
        revised_on=approval_date,
        revised_by=user if getattr(user, "pk", None) else None,
    )
    plan.version += 1
    shown_text_set(plan, "title", title)
    plan.period_start = period_start
    plan.period_end = period_end
    plan.approved_by = approved_by.strip()
    plan.decision_number = decision_number.strip()
    plan.approval_date = approval_date
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def plan_close(
    *,
    user: Any,
    plan: JointPlan,
    closed_on: dt.date,
    achieved: str,
    not_achieved: str = "",
    lessons: str = "",
    open_actions_reason: str = "",
) -> JointPlan:
    plan = JointPlan.objects.select_for_update().select_related("working_group").get(pk=plan.pk)
    _check_plan_write(user, plan)
    if plan.status == PlanStatus.DRAFT:
        raise ValidationError(_("A draft plan cannot be closed: approve it first."))
    if plan.status == PlanStatus.COMPLETED:
        raise ValidationError(_("This plan is already closed."))
    if not (achieved or "").strip():
        raise ValidationError({"achieved": _("Say what the plan achieved.")})
    still_open = plan.actions.exclude(
        status__in=[ActionStatus.DONE, ActionStatus.CANCELLED]
    ).count()
    if still_open and not (open_actions_reason or "").strip():
        raise ValidationError(
            {
                "open_actions_reason": _(
                    "%(count)d actions are still open. Finish or cancel them, or say why the "
                    "plan closes anyway."
                )
                % {"count": still_open}
            }
        )
    plan.status = PlanStatus.COMPLETED
    plan.closed_on = closed_on
    plan.review_achieved = achieved.strip()
    plan.review_not_achieved = (not_achieved or "").strip()
    plan.review_lessons = (lessons or "").strip()
    plan.open_actions_reason = (open_actions_reason or "").strip() if still_open else ""
    plan.full_clean()
    plan.save()
    return plan


# --- Plan actions ----------------------------------------------------------------------------


def _check_action_choices(
    *,
    user: Any,
    plan: JointPlan,
    responsible_organisation: Organisation | None,
    partners: list[Organisation],
    problems: list[IdentifiedProblem],
) -> None:
    visible = organisations_for_user(user)
    chosen = [o.pk for o in [*partners, responsible_organisation] if o is not None]
    if len(set(visible.filter(pk__in=chosen).values_list("pk", flat=True))) != len(set(chosen)):
        raise ValidationError({"partners": _("Choose organisations you work with.")})
    allowed = set(
        plan_problems(plan).filter(pk__in=[p.pk for p in problems]).values_list("pk", flat=True)
    )
    if any(p.pk not in allowed for p in problems):
        raise ValidationError(
            {"problems": _("Link only problems raised in this group's communities.")}
        )


@transaction.atomic
def plan_action_save(
    *,
    user: Any,
    plan: JointPlan,
    action: PlanAction | None = None,
    description: str,
    responsible_organisation: Organisation | None = None,
    partners: Iterable[Organisation] = (),
    start_date: dt.date | None = None,
    due_date: dt.date | None = None,
    problems: Iterable[IdentifiedProblem] = (),
    planned_activities: str = "",
) -> PlanAction:
    """Add an action to a plan, or change one: what is done, by whom, by when, for which
    problems, through which planned activities."""
    plan = JointPlan.objects.select_for_update().select_related("working_group").get(pk=plan.pk)
    _check_plan_write(user, plan)
    if plan.status == PlanStatus.COMPLETED:
        raise ValidationError(_("This plan is closed: its actions no longer change."))
    partner_list, problem_list = list(partners), list(problems)
    _check_action_choices(
        user=user,
        plan=plan,
        responsible_organisation=responsible_organisation,
        partners=partner_list,
        problems=problem_list,
    )
    if action is None:
        last = plan.actions.order_by("-position").values_list("position", flat=True).first()
        action = PlanAction(plan=plan, position=(last or 0) + 1)
    else:
        action = PlanAction.objects.select_for_update().get(pk=action.pk, plan=plan)
    shown_text_set(action, "description", description)
    action.responsible_organisation = responsible_organisation
    action.start_date = start_date
    action.due_date = due_date
    action.planned_activities = planned_activities.strip()
    action.full_clean()
    action.save()
    action.partners.set(partner_list)
    action.problems.set(problem_list)
    # Now about a sensitive problem: work logged for it keeps no location.
    forget_locations_of_sensitive_work(action)
    if problem_list:
        # A problem a plan answers is in the plan now.
        IdentifiedProblem.objects.filter(
            pk__in=[p.pk for p in problem_list], status__in=["identified", "prioritised"]
        ).update(status="in_plan")
    return action


# --- Contributions ---------------------------------------------------------------------------


def _check_contribution_target(
    *, user: Any, action: PlanAction | None, plan: JointPlan | None, project: Project | None
) -> None:
    targets = [t for t in (action, plan, project) if t is not None]
    if len(targets) != 1:
        raise ValidationError(_("A contribution goes to one action, one plan or one project."))
    if project is not None:
        if not can_write_project(user, project):
            raise PermissionDenied
        return
    owner = plan if plan is not None else action.plan if action is not None else None
    assert owner is not None  # exactly one target, and not the project (checked above)
    group = owner.working_group
    if not can_write_working_group(user, group):
        raise PermissionDenied


@transaction.atomic
def contribution_create(
    *,
    user: Any,
    action: PlanAction | None = None,
    plan: JointPlan | None = None,
    project: Project | None = None,
    source_type: str,
    kind: str = ContributionKind.CASH,
    amount: Decimal,
    currency: str,
    state: str = ContributionState.PLEDGED,
    date: dt.date,
    contributor: Organisation | None = None,
    document: UploadedFile | None = None,
    note: str = "",
) -> Contribution:
    _check_contribution_target(user=user, action=action, plan=plan, project=project)
    if (
        contributor is not None
        and not organisations_for_user(user).filter(pk=contributor.pk).exists()
    ):
        raise ValidationError({"contributor": _("Choose an organisation you work with.")})
    contribution = Contribution(
        action=action,
        plan=plan,
        project=project,
        source_type=source_type,
        kind=kind,
        amount=amount,
        currency=currency,
        state=state,
        date=date,
        contributor=contributor,
        note=note.strip(),
    )
    if state == ContributionState.RECEIVED:
        # Received at once, without a pledge first: nothing was promised to compare with.
        contribution.pledged_amount = None
    if document is not None:
        contribution.document = document
        contribution.document_name = (getattr(document, "name", "") or "")[:255]
    contribution.full_clean()
    contribution.save()
    return contribution


class AboveThePledge(ValidationError):
    """The amount received is above what was pledged: saved only once the user confirms."""


@transaction.atomic
def contribution_receive(
    *,
    user: Any,
    contribution: Contribution,
    amount: Decimal,
    date: dt.date,
    document: UploadedFile | None = None,
    note: str = "",
    confirm_above_pledge: bool = False,
) -> Contribution:
    """A pledge arrives. Receiving more than was pledged happens (a council tops up its
    share), but it is as often a typing slip, so it needs the user's confirmation."""
    from communities.access import can_write_contribution

    contribution = (
        # Only the contribution's row: its plan, action and project are outer joins, which
        # PostgreSQL will not lock.
        Contribution.objects.select_for_update(of=("self",))
        .select_related("project", "plan__working_group", "action__plan__working_group")
        .get(pk=contribution.pk)
    )
    if not can_write_contribution(user, contribution):
        raise PermissionDenied
    if contribution.state != ContributionState.PLEDGED:
        raise ValidationError(_("This contribution is already recorded as received."))
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("Give the amount received.")})
    if date < contribution.date:
        raise ValidationError({"date": _("The money cannot arrive before it was pledged.")})
    if amount > contribution.amount and not confirm_above_pledge:
        raise AboveThePledge(
            {
                "amount": _(
                    "%(received)s received is more than the %(pledged)s pledged. Check the "
                    "figure, or tick the box to confirm it."
                )
                % {"received": amount, "pledged": contribution.amount}
            }
        )
    contribution.pledged_amount = contribution.amount
    contribution.pledged_on = contribution.date
    contribution.amount = amount
    contribution.date = date
    contribution.state = ContributionState.RECEIVED
    if note.strip():
        contribution.note = note.strip()
    if document is not None:
        contribution.document = document
        contribution.document_name = (getattr(document, "name", "") or "")[:255]
    contribution.full_clean()
    contribution.save()
    return contribution
